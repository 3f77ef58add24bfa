package main

import (
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/concord-initiative/concord/internal/checker/aligncli"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
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
// repository's glossary and i18n files (which translate the messages).
// The script command "bigfile FILE SIZE" appends SIZE bytes of clause text
// to FILE.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           filepath.Join("testdata", "script"),
		UpdateScripts: *update,
		Cmds:          map[string]func(ts *testscript.TestScript, neg bool, args []string){"bigfile": bigfile},
		Setup: func(env *testscript.Env) error {
			root, err := hugobuild.ModuleRoot()
			if err != nil {
				return err
			}
			copies := []struct{ from, to string }{
				{filepath.Join(root, filepath.FromSlash("internal/checker/align/testdata/seed")), "seed"},
				{filepath.Join(root, "data", "glossary.toml"), filepath.Join("seed", "data", "glossary.toml")},
				{filepath.Join(root, "i18n"), filepath.Join("seed", "i18n")},
				{filepath.Join(root, "i18n"), filepath.Join("site", "i18n")},
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

func bigfile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bigfile FILE SIZE")
	}
	size, err := strconv.Atoi(args[1])
	if err != nil {
		ts.Fatalf("bigfile: %v", err)
	}
	f, err := os.OpenFile(ts.MkAbs(args[0]), os.O_APPEND|os.O_WRONLY, 0)
	ts.Check(err)
	defer f.Close()
	line := []byte("Anchors should truthfully disclose information about products.\n")
	for n := 0; n < size; n += len(line) {
		_, err := f.Write(line)
		ts.Check(err)
	}
}
