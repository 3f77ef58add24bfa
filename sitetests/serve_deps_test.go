package sitetests

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// An edit to one clause in `make serve` makes Hugo render again the pages
// that show that clause, not every page of the site: on the generated
// 100-initiative site, an edit that marked all 20,000 outputs took most of
// a second to resolve (issue 11, editors' loop). Hugo v0.165.0 treats a
// home or list page without a date of its own as changed on every content
// rebuild (it compares the dates it is about to aggregate with the reset
// ones), and every page depends on the home page; hugo.toml's cascade gives
// the home and the initiatives list their own date.
func TestServeEditMarksOnlyThePagesShowingTheClause(t *testing.T) {
	if testing.Short() {
		t.Skip("starts hugo server")
	}
	site := t.TempDir()
	if err := sitefixture.Copy(site, repoRoot, "content", "data"); err != nil {
		t.Fatal(err)
	}
	const initiatives, clauses = 4, 5
	langs := []string{"zh-hans", "en"}
	if err := sitefixture.Generate(site, initiatives, clauses, langs); err != nil {
		t.Fatal(err)
	}
	base, log := startHugoServer(t, site, "--logLevel", "info")
	page := base + "/en/initiatives/generated-002/"
	fetch(t, page)

	const marker = "An editor adds this sentence."
	before := len(log())
	addSentence(t, filepath.Join(site, "content", "initiatives", "generated-002", "3.en.md"), marker)
	deadline := time.Now().Add(time.Minute)
	for !strings.Contains(fetch(t, page), marker) {
		if time.Now().After(deadline) {
			t.Fatalf("%s does not show the edit after a minute; hugo said:\n%s", page, log()[before:])
		}
		time.Sleep(20 * time.Millisecond)
	}
	rebuild := waitForRebuilds(t, log, before)

	// The most that can show the clause: every output of its initiative
	// (the initiative's 8 and each clause's 3, in each language; the other
	// language's pages show it beside their own) and the sitemaps (one per
	// language and the index).
	limit := len(langs)*(8+3*clauses) + len(langs) + 1
	if got := markedOutputs(rebuild); got > limit {
		t.Errorf("a one-line clause edit marked %d outputs for rendering again; those showing the clause are at most %d. hugo said:\n%s", got, limit, rebuild)
	}
}
