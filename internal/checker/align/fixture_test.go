package align_test

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/glossary"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// repoRoot is the site this package ships with.
var repoRoot = func() string {
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		panic(err)
	}
	return root
}()

func repoGlossary(t testing.TB) *glossary.Set {
	t.Helper()
	g, err := glossary.LoadDir(repoRoot)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Glossaries) == 0 {
		t.Fatal("no data/glossary*.toml in the repository")
	}
	return g
}

func checkDir(t *testing.T, dir string) *align.Result {
	t.Helper()
	site, err := contentsite.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ch := &align.Checker{Model: align.DefaultModel, Glossary: repoGlossary(t)}
	return ch.Check(site)
}

// TestSeedFixture: the damaged source page, split into the convention with
// nothing fixed, yields exactly what the issue lists.
func TestSeedFixture(t *testing.T) {
	res := checkDir(t, filepath.Join("testdata", "seed"))
	var got []string
	for _, f := range res.Findings {
		got = append(got, fmt.Sprintf("%s %s %s %s", f.Severity, f.Code, f.Clause, f.Language))
	}
	sort.Strings(got)
	want := []string{
		// Chinese preamble, clause 1, clause 3 and closing missing.
		"error AC001 1 zh-hans", "error AC001 3 zh-hans", "error AC001 closing zh-hans", "error AC001 preamble zh-hans",
		// Han text in English clause I.
		"error AC030 1 en",
		// The English preamble cut off.
		"error AC012 preamble en",
		// Clause II: 《直播电商行业自律倡议书》 with no English counterpart,
		// the consumer-protection law with no Chinese counterpart.
		"error AC050 2 zh-hans", "error AC051 2 en", "info AC073 2 en",
		// Missing spaces after English punctuation, in every English clause.
		"warning AC033 1 en", "warning AC033 2 en", "warning AC033 3 en", "warning AC033 closing en", "warning AC033 preamble en",
	}
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("seed findings:\n got %q\nwant %q", got, want)
		for _, f := range res.Findings {
			t.Logf("%s:%d: %s %s %s: %s", f.File, f.Line, f.Severity, f.Code, f.Clause, f.Message)
		}
	}
}

// TestShippedContent: the site as shipped has no error and nothing stale.
func TestShippedContent(t *testing.T) {
	if _, err := os.Stat(filepath.Join(repoRoot, "content", "initiatives")); err != nil {
		t.Skip("no content in this checkout")
	}
	res := checkDir(t, repoRoot)
	for _, f := range res.Findings {
		if f.Severity == align.Error || f.Code == align.CodeStale {
			t.Errorf("%s:%d: %s %s %s: %s", f.File, f.Line, f.Severity, f.Code, f.Clause, f.Message)
		}
	}
}
