package sitetests

import (
	"context"
	"testing"

	"github.com/concord-initiative/concord/internal/testharness/browsertest"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

var udhrSearch onceSite

// udhrSearchSite is the eight-language UDHR site (Arabic right to left
// among them), built as make does and indexed: the 8 UDHR clauses in each
// language, and the shipped initiative's 5 in Chinese and English.
func udhrSearchSite(t *testing.T) string {
	t.Helper()
	_, built := udhrEightLanguages(t)
	return udhrSearch.get(t, "search-udhr", map[string]int{"zh-hans": 13, "en": 13, "fr": 8, "de": 8, "es": 8, "ru": 8, "ar": 8, "ja": 8}, func(_ context.Context, root string) (string, error) {
		return root, sitefixture.CopyTree(root, built)
	})
}

// Arabic, right to left: a query finds the article that has the word
// first, the Arabic search page and its results are marked lang="ar" and
// laid out right to left, and the result lands on the article's row.
func TestSearchInArabicRightToLeft(t *testing.T) {
	base := serveSearch(t, udhrSearchSite(t))
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	ar := "/ar/" + udhrInitiative
	for _, c := range []searchCase{
		// "expression": article 19 only, where it is written joined to "and":
		// والتعبير.
		{query: "التعبير", want: []string{ar + "#19"}},
		// "education": article 26 says it again and again, the preamble once.
		{query: "التعليم", first: ar + "#26", all: []string{ar + "#26", ar + "#preamble"}},
	} {
		checkSearch(t, ctx, base, "ar/search.html", c)
		got := evaluate[[]string](t, ctx, `(() => {
  const out = [document.documentElement.lang, document.documentElement.dir];
  for (const el of document.querySelectorAll("#search-results > li, #search-results h2 a, .search-result-excerpt, #search-q")) {
    out.push(el.closest("[lang]").lang + " " + el.closest("[dir]").dir + " " + getComputedStyle(el).direction);
  }
  return out;
})()`)
		if got[0] != "ar" || got[1] != "rtl" {
			t.Errorf("%q: the Arabic search page is lang=%q dir=%q, want ar and rtl", c.query, got[0], got[1])
		}
		for _, g := range got[2:] {
			if g != "ar rtl rtl" {
				t.Errorf("%q: a result's Arabic text or the field is %q (lang, dir, direction), want ar rtl rtl", c.query, g)
			}
		}
	}
	browsertest.Screenshot(t, ctx, "search-ar")
	if err := browsertest.ClickAndWait(ctx, "#search-results h2 a"); err != nil {
		t.Fatal(err)
	}
	landed(t, ctx, ar, "#26")
}
