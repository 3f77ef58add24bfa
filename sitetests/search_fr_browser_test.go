package sitetests

import (
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// French writes an elided article or preposition joined to the next word
// by an apostrophe ("l’éducation", "d’expression"), and Pagefind indexes
// the two as one word with the apostrophe dropped ("léducation"): a reader
// who types the word alone must still find it. The UDHR text uses the
// typographic apostrophe (U+2019), the case Pagefind does not split.
func TestSearchInFrenchFindsElidedWords(t *testing.T) {
	base := serveSearch(t, udhrSearchSite(t))
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	fr := "/fr/" + udhrInitiative
	for _, c := range []searchCase{
		// Article 26 says "l’éducation" three times and "d’éducation" once;
		// the preamble "l’éducation" once.
		{query: "éducation", first: fr + "#26", all: []string{fr + "#26", fr + "#preamble"}},
		// Only article 19, as "d’expression".
		{query: "expression", want: []string{fr + "#19"}},
	} {
		hits := checkSearch(t, ctx, base, "fr/search.html", c)
		for _, h := range hits {
			marks := strings.Join(h.Marks, " ")
			if !strings.Contains(marks, "’") || !strings.Contains(marks, c.query) {
				t.Errorf("%q: result %s marks %q, want the elided word as written (with its apostrophe)", c.query, h.Href, h.Marks)
			}
		}
	}
	browsertest.Screenshot(t, ctx, "search-fr-elision")
	open(t, ctx, base+"/fr/search.html?q=%C3%A9ducation")
	waitForResults(t, ctx)
	if err := browsertest.ClickAndWait(ctx, "#search-results h2 a"); err != nil {
		t.Fatal(err)
	}
	landed(t, ctx, fr, "#26")
}
