package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/concord-initiative/concord/internal/endorse"
	"github.com/concord-initiative/concord/internal/endorse/endorsecli"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"endorse": func() { os.Exit(endorsecli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScript runs testdata/script/<verb>_<case>.txtar, each with the
// shipped site's configuration, texts and signatories in $WORK/site.
func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		RequireExplicitExec: false,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			root, err := hugobuild.ModuleRoot()
			if err != nil {
				return err
			}
			return sitefixture.CopyParts(filepath.Join(env.WorkDir, "site"), root, endorse.SiteParts)
		},
	})
}
