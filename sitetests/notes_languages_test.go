package sitetests

import (
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// A language's notes page holds the entries of the languages its
// side-by-side page shows by default (its own and the source, or on the
// source's page the next language), so the notes grow with the languages
// and not their square; every provenance label, on every page, still leads
// to its entry: a cell of another language (a listed pair of two
// translations) links to that language's notes page. Four-language UDHR
// site, source English, site order zh-hans, en, fr, de.
func TestNotesHoldTheDefaultPairAndEveryLabelFindsItsEntry(t *testing.T) {
	out, _ := pairsSites(t)
	langs := []string{"zh-hans", "en", "fr", "de"}
	prefix := map[string]string{"zh-hans": "", "en": "en/", "fr": "fr/", "de": "de/"}
	want := map[string][]string{
		"zh-hans": {"en", "zh-hans"},
		"en":      {"en", "zh-hans"},
		"fr":      {"en", "fr"},
		"de":      {"de", "en"},
	}
	langOf := func(id string) string {
		best := ""
		for _, l := range langs {
			if strings.HasSuffix(id, "-"+l) && len(l) > len(best) {
				best = l
			}
		}
		return best
	}
	notes := map[string]*goquery.Document{}
	for _, l := range langs {
		rel := prefix[l] + udhrInitiative + "notes.html"
		doc := page(t, out, rel)
		notes["/"+rel] = doc
		seen := map[string]bool{}
		doc.Find(`section[aria-labelledby="notes-clauses"] > .notes-entry`).Each(func(_ int, s *goquery.Selection) {
			seen[langOf(s.AttrOr("id", ""))] = true
		})
		if got := slices.Sorted(maps.Keys(seen)); !slices.Equal(got, want[l]) {
			t.Errorf("/%s: entries in %v, want %v", rel, got, want[l])
		}
		docs := map[string]bool{}
		doc.Find(`section[aria-labelledby="notes-document"] > .notes-entry`).Each(func(_ int, s *goquery.Selection) {
			docs[strings.TrimPrefix(s.AttrOr("id", ""), "document-")] = true
		})
		if got := slices.Sorted(maps.Keys(docs)); !slices.Equal(got, want[l]) {
			t.Errorf("/%s: document entries in %v, want %v", rel, got, want[l])
		}
	}
	labels := 0
	for _, rel := range htmlPages(t, out) {
		if !strings.Contains(rel, udhrInitiative) {
			continue
		}
		page(t, out, rel).Find(".cell .provenance a").Each(func(_ int, a *goquery.Selection) {
			labels++
			target, anchor, _ := strings.Cut(a.AttrOr("href", ""), "#")
			doc := notes[target]
			if doc == nil {
				t.Errorf("%s: label %q links to %s, not a notes page", rel, a.Text(), target)
				return
			}
			if doc.Find("#"+anchor).Length() != 1 {
				t.Errorf("%s: label links to %s#%s, which has no such entry", rel, target, anchor)
			}
		})
	}
	if labels == 0 {
		t.Fatal("no provenance labels found")
	}
	// The French-and-German pair pages hold the other language's cells,
	// whose labels lead to that language's notes.
	for _, rel := range pairPages {
		doc := page(t, out, rel)
		other := "de"
		if strings.HasPrefix(rel, "de/") {
			other = "fr"
		}
		hrefs := doc.Find(`.cell[data-lang="` + other + `"] .provenance a`)
		if hrefs.Length() == 0 {
			t.Errorf("%s: no %s labels", rel, other)
		}
		hrefs.Each(func(_ int, a *goquery.Selection) {
			if !strings.HasPrefix(a.AttrOr("href", ""), "/"+prefix[other]+udhrInitiative+"notes.html#") {
				t.Errorf("%s: the %s cell's label links to %s, want the %s notes", rel, other, a.AttrOr("href", ""), other)
			}
		})
	}
}
