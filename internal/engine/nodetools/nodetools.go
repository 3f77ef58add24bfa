// Package nodetools finds the npm tools the quality gates run (axe-core,
// html-validate, Lighthouse) in the repository's node_modules, installed by
// `npm ci` from the committed package-lock.json.
//
// It never installs anything: when a tool is missing or is not the version
// the lockfile pins, the error says which make target installs it, so a gate
// fails with something a person can act on instead of a stack trace.
package nodetools

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// InstallHint is the command that installs what this package looks for.
const InstallHint = "run `make node-deps` (npm ci from package-lock.json; installs Debian's nodejs and npm when node is missing)"

// Node is the path of the node binary on PATH.
func Node() (string, error) {
	p, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("node not found on PATH: %s", InstallHint)
	}
	return p, nil
}

// File is the absolute path of rel under root/node_modules, after checking
// that package pkg is installed at the version package-lock.json pins.
func File(root, pkg, rel string) (string, error) {
	if err := Installed(root, pkg); err != nil {
		return "", err
	}
	p := filepath.Join(root, "node_modules", pkg, filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		return "", fmt.Errorf("%s: %v: %s", p, err, InstallHint)
	}
	return p, nil
}

// Installed checks that node_modules holds pkg at the version the lockfile
// pins: a stale node_modules would make a gate pass or fail for reasons the
// committed lockfile does not show.
func Installed(root, pkg string) error {
	want, err := Pinned(root, pkg)
	if err != nil {
		return err
	}
	manifest := filepath.Join(root, "node_modules", pkg, "package.json")
	data, err := os.ReadFile(manifest)
	if err != nil {
		return fmt.Errorf("%s is not installed (%s): %s", pkg, manifest, InstallHint)
	}
	var m struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("%s: %v: %s", manifest, err, InstallHint)
	}
	if m.Version != want {
		return fmt.Errorf("node_modules has %s %s but package-lock.json pins %s: %s", pkg, m.Version, want, InstallHint)
	}
	return nil
}

// Pinned is the version of pkg in root/package-lock.json.
func Pinned(root, pkg string) (string, error) {
	lock := filepath.Join(root, "package-lock.json")
	data, err := os.ReadFile(lock)
	if err != nil {
		return "", fmt.Errorf("%v: the repository's lockfile is missing", err)
	}
	var l struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if err := json.Unmarshal(data, &l); err != nil {
		return "", fmt.Errorf("%s: %v", lock, err)
	}
	p, ok := l.Packages["node_modules/"+pkg]
	if !ok || p.Version == "" {
		return "", fmt.Errorf("%s does not pin %s: add it to package.json and run `npm install`", lock, pkg)
	}
	return p.Version, nil
}
