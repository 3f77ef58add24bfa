package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/concord-initiative/concord/internal/aligncli"
	"github.com/concord-initiative/concord/internal/sitefixture"
)

var update = flag.Bool("update", false, "rewrite the golden output in testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"aligncheck": func() { os.Exit(aligncli.Main(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs testdata/script/*.txtar. Each script finds two sites in
// its work directory: $WORK/seed (the damaged source page, split into the
// convention) and $WORK/site (the shipped content), both with the
// repository's glossary.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			root := filepath.Join("..", "..")
			copies := []struct{ from, to string }{
				{filepath.Join(root, "internal", "align", "testdata", "seed"), "seed"},
				{filepath.Join(root, "data", "glossary.toml"), filepath.Join("seed", "data", "glossary.toml")},
				{filepath.Join(root, "hugo.toml"), filepath.Join("site", "hugo.toml")},
				{filepath.Join(root, "content", "initiatives"), filepath.Join("site", "content", "initiatives")},
				{filepath.Join(root, "data", "glossary.toml"), filepath.Join("site", "data", "glossary.toml")},
			}
			for _, c := range copies {
				if err := sitefixture.CopyTree(filepath.Join(env.WorkDir, c.to), c.from); err != nil {
					return err
				}
			}
			return nil
		},
	})
}
