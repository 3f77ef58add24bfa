package internal

import (
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// below lists, for each group, the groups it may import.
var below = map[string][]string{
	"kit":         {"checker", "site", "engine"},
	"checker":     {"site", "engine"},
	"pdf":         {"versions", "site", "engine"},
	"endorse":     {"signatories", "site", "engine"},
	"versions":    {"site", "engine"},
	"signatories": {"site", "engine"},
	"quality":     {"site", "engine"},
	"testharness": {"site", "engine"},
	"site":        {"engine"},
	"engine":      nil,
}

const module = "github.com/concord-initiative/concord/internal/"

// A package imports only its own group and the groups below it, so the
// tree says which tool uses what and a layer can be read without the ones
// above it. Tests may import more (a test of site/ builds with engine/).
func TestImportsFlowOneWay(t *testing.T) {
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") || strings.Contains(path, "testdata") {
			return err
		}
		group := strings.Split(filepath.ToSlash(path), "/")[0]
		if !strings.Contains(filepath.ToSlash(path), "/") {
			return nil
		}
		allowed, ok := below[group]
		if !ok {
			t.Errorf("%s: group %s is not in the list of layers", path, group)
			return nil
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			if !strings.HasPrefix(p, module) {
				continue
			}
			to := strings.Split(strings.TrimPrefix(p, module), "/")[0]
			if to != group && !slices.Contains(allowed, to) {
				t.Errorf("%s imports %s: %s may import only %v", path, p, group, allowed)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
