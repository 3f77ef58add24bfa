package main

import (
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/concord-initiative/concord/internal/kit/concordcli"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

var update = flag.Bool("update", false, "rewrite the golden output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"concord": func() { os.Exit(concordcli.Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// offlineEnv is what the go command needs to resolve a new site from the
// module cache alone: no proxy, no checksum database.
func offlineEnv(t testing.TB) []string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE", "GOCACHE", "GOPATH").Output()
	if err != nil {
		t.Fatal(err)
	}
	v := strings.Fields(string(out))
	return []string{"GOMODCACHE=" + v[0], "GOCACHE=" + v[1], "GOPATH=" + v[2], "GOPROXY=off", "GOFLAGS=-mod=mod", "GOTOOLCHAIN=local", "GONOSUMDB=*", "GOSUMDB=off"}
}

// TestScript runs testdata/script/*.txtar, named by subcommand. $CONCORD is
// this checkout, for -concord.
func TestScript(t *testing.T) {
	env := offlineEnv(t)
	root := sitefixture.RepoRoot(t)
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(e *testscript.Env) error {
			for _, kv := range env {
				k, v, _ := strings.Cut(kv, "=")
				e.Setenv(k, v)
			}
			e.Setenv("CONCORD", root)
			return nil
		},
	})
}
