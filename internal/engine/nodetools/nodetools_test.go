package nodetools

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
)

func write(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestAToolIsUsableOnlyAtThePinnedVersion(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "package-lock.json"),
		`{"lockfileVersion":3,"packages":{"":{},"node_modules/axe-core":{"version":"4.14.1"}}}`)

	if _, err := File(root, "axe-core", "axe.min.js"); err == nil || !strings.Contains(err.Error(), "make node-deps") {
		t.Errorf("not installed: err = %v, want a hint to run make node-deps", err)
	}
	write(t, filepath.Join(root, "node_modules/axe-core/package.json"), `{"version":"4.10.0"}`)
	write(t, filepath.Join(root, "node_modules/axe-core/axe.min.js"), `/* axe */`)
	if _, err := File(root, "axe-core", "axe.min.js"); err == nil || !strings.Contains(err.Error(), "4.10.0 but package-lock.json pins 4.14.1") {
		t.Errorf("stale: err = %v, want it to name both versions", err)
	}
	write(t, filepath.Join(root, "node_modules/axe-core/package.json"), `{"version":"4.14.1"}`)
	p, err := File(root, "axe-core", "axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(root, "node_modules/axe-core/axe.min.js"); p != want {
		t.Errorf("path = %s, want %s", p, want)
	}
	if _, err := Pinned(root, "lighthouse"); err == nil || !strings.Contains(err.Error(), "does not pin lighthouse") {
		t.Errorf("unpinned: err = %v", err)
	}
}

// The repository's own lockfile pins every tool the gates run.
func TestTheRepositoryPinsTheGateTools(t *testing.T) {
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"axe-core", "html-validate", "lighthouse"} {
		if v, err := Pinned(root, pkg); err != nil || v == "" {
			t.Errorf("%s: %v", pkg, err)
		}
	}
}
