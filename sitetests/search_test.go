package sitetests

import (
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/engine/searchindex"
)

// searchPage is the search page of each interface language, by key.
var searchPage = map[string]string{"zh-hans": "search.html", "en": "en/search.html"}

// Every clause page, and no other page, gives Pagefind its text (the clause
// in the page's language: data-pagefind-body) and a record of where the
// result must lead: the clause's row side by side and in the page's
// language alone, both anchors that exist, and the initiative's title.
func TestSearchRecordsEachClauseWithItsAnchors(t *testing.T) {
	for lang, prefix := range uiPrefix {
		t.Run(lang, func(t *testing.T) {
			side := page(t, public, prefix+initiative+"index.html")
			single := page(t, public, prefix+initiative+"text.html")
			title := strings.TrimSpace(side.Find("h1").First().Text())
			ids := attrs(side, ".side-by-side > .clause-row", "id")
			if len(ids) != 5 {
				t.Fatalf("side-by-side page has clauses %v, want the 5 of the initiative", ids)
			}
			for _, id := range ids {
				doc := page(t, public, prefix+initiative+id+"/index.html")
				body := doc.Find("[data-pagefind-body]")
				if body.Length() != 1 || body.AttrOr("id", "") != id {
					t.Errorf("clause %s: %d data-pagefind-body elements (id %q), want its own clause row", id, body.Length(), body.AttrOr("id", ""))
				}
				if body.Find(".other-languages").Length() != 0 {
					t.Errorf("clause %s: the other languages' texts are inside the indexed part", id)
				}
				rec := body.Find("[data-pagefind-meta]")
				want := map[string]string{
					"data-initiative": title,
					"data-side":       "/" + prefix + initiative + "#" + id,
					"data-single":     "/" + prefix + initiative + "text.html#" + id,
				}
				for attr, v := range want {
					if got := rec.AttrOr(attr, ""); got != v {
						t.Errorf("clause %s: %s = %q, want %q", id, attr, got, v)
					}
				}
				if !strings.Contains(rec.AttrOr("data-pagefind-filter", ""), "initiative[data-initiative]") {
					t.Errorf("clause %s: initiative is not a filter: %q", id, rec.AttrOr("data-pagefind-filter", ""))
				}
				if strings.TrimSpace(rec.Text()) != "" {
					t.Errorf("clause %s: the search record has text %q, which would be indexed as the clause's", id, rec.Text())
				}
				for _, d := range []*goquery.Document{side, single} {
					if d.Find("#"+cssID(id)).Length() != 1 {
						t.Errorf("clause %s: the anchor #%s a result links to is missing", id, id)
					}
				}
			}
			for _, rel := range []string{prefix + "index.html", prefix + initiative + "index.html", prefix + initiative + "text.html", prefix + initiative + "notes.html", searchPage[lang]} {
				if n := page(t, public, rel).Find("[data-pagefind-body]").Length(); n != 0 {
					t.Errorf("%s has %d indexed parts: only clause pages are results", rel, n)
				}
			}
		})
	}
}

// Every page's header has the search box: a GET form to the search page of
// its language, a labelled field named q, and a button, so it works without
// script. The search page itself has its own form instead.
func TestEveryPageHasASearchBox(t *testing.T) {
	for lang, prefix := range uiPrefix {
		for _, rel := range []string{prefix + "index.html", prefix + initiative + "index.html", prefix + initiative + "2/index.html", prefix + initiative + "signatories.html", prefix + "404.html"} {
			doc := page(t, public, rel)
			form := doc.Find(".site-header form[role=search]")
			if form.Length() != 1 {
				t.Errorf("%s: %d search forms in the header, want 1", rel, form.Length())
				continue
			}
			if got, want := form.AttrOr("action", ""), "/"+searchPage[lang]; got != want || form.AttrOr("method", "") != "get" {
				t.Errorf("%s: header search form action %q method %q, want %q get", rel, got, form.AttrOr("method", ""), want)
			}
			in := form.Find("input[name=q]")
			if in.Length() != 1 || doc.Find(`label[for="`+in.AttrOr("id", "")+`"]`).Text() == "" {
				t.Errorf("%s: the header's search field is missing or has no label", rel)
			}
			if form.Find("button[type=submit]").Length() != 1 {
				t.Errorf("%s: the header's search form has no submit button", rel)
			}
		}
		doc := page(t, public, searchPage[lang])
		if n := doc.Find(".site-header form").Length(); n != 0 {
			t.Errorf("%s: %d forms in the header; the search page's own form is the one to use", searchPage[lang], n)
		}
	}
}

// The search page in every language: a labelled query field, the initiative
// filter, the language choice (every language's search page), a live
// status; without script, a note saying search needs it and every
// initiative's full text, side by side and in the page's language.
func TestSearchPageInEveryLanguage(t *testing.T) {
	for lang, prefix := range uiPrefix {
		rel := searchPage[lang]
		doc := page(t, public, rel)
		if got := doc.Find("html").AttrOr("lang", ""); got != map[string]string{"zh-hans": "zh-Hans", "en": "en"}[lang] {
			t.Errorf("%s: html lang %q: Pagefind picks the index of the page's language from it", rel, got)
		}
		form := doc.Find("main form[role=search]")
		if form.AttrOr("action", "") != "/"+rel || form.AttrOr("data-bundle", "") != "/"+searchindex.Folder+"/" {
			t.Errorf("%s: form action %q, bundle %q", rel, form.AttrOr("action", ""), form.AttrOr("data-bundle", ""))
		}
		for _, id := range []string{"search-q", "search-initiative"} {
			if doc.Find("#"+id).Length() != 1 || strings.TrimSpace(doc.Find(`label[for="`+id+`"]`).Text()) == "" {
				t.Errorf("%s: #%s is missing or unlabelled", rel, id)
			}
		}
		options := attrs(doc, "#search-initiative option", "value")
		title := strings.TrimSpace(page(t, public, prefix+initiative+"index.html").Find("h1").First().Text())
		if !slices.Equal(options, []string{"", title}) {
			t.Errorf("%s: initiative filter options %q, want all and %q", rel, options, title)
		}
		if got := attrs(doc, "a[data-search-language]", "href"); !slices.Equal(got, []string{"/search.html", "/en/search.html"}) {
			t.Errorf("%s: language choice links %v, want every language's search page", rel, got)
		}
		if s := doc.Find("#search-status"); s.AttrOr("role", "") != "status" || s.AttrOr("aria-live", "") != "polite" {
			t.Errorf("%s: the results are not announced: #search-status role %q aria-live %q", rel, s.AttrOr("role", ""), s.AttrOr("aria-live", ""))
		}
		if strings.TrimSpace(doc.Find("[data-search-nojs]").Text()) == "" {
			t.Errorf("%s: nothing says search needs JavaScript", rel)
		}
		links := attrs(doc, ".search-full-texts a", "href")
		if !slices.Equal(links, []string{"/" + prefix + initiative, "/" + prefix + initiative + "text.html"}) {
			t.Errorf("%s: full-text links %v", rel, links)
		}
		if got := doc.Find("script[type=module]").Length(); got != 1 {
			t.Errorf("%s: %d module scripts, want search.js", rel, got)
		}
	}
	// No other page loads the search script or Pagefind.
	for _, rel := range []string{"index.html", initiative + "index.html", "en/" + initiative + "2/index.html"} {
		page(t, public, rel).Find("script[src], link[href]").Each(func(_ int, s *goquery.Selection) {
			u := s.AttrOr("src", s.AttrOr("href", ""))
			if strings.Contains(u, "search") || strings.Contains(u, "pagefind") {
				t.Errorf("%s loads %s: only the search page loads search", rel, u)
			}
		})
	}
}

// Only the search pages and Pagefind's own files are allowed to compile
// WebAssembly ('wasm-unsafe-eval'); every other page keeps the site policy.
func TestOnlySearchIsAllowedWebAssembly(t *testing.T) {
	h := siteHeaders(t)
	for _, p := range []string{"/search.html", "/en/search.html", "/pagefind/pagefind.js", "/pagefind/pagefind-worker.js", "/pagefind/wasm.en.pagefind"} {
		policy := h.For(p).Values("Content-Security-Policy")
		if len(policy) != 1 || !slices.Equal(sources(policy[0], "script-src"), []string{"'self'", "'wasm-unsafe-eval'"}) {
			t.Errorf("%s: Content-Security-Policy %q, want script-src 'self' 'wasm-unsafe-eval' and nothing else", p, policy)
		}
	}
	for _, p := range []string{"/", "/en/", "/" + initiative, "/en/" + initiative + "2/", "/404.html"} {
		if policy := h.For(p).Get("Content-Security-Policy"); strings.Contains(policy, "wasm") {
			t.Errorf("%s: Content-Security-Policy %q allows WebAssembly; only the search pages need it", p, policy)
		}
	}
}

// make build and make serve index with the flags the tests index with.
func TestMakefileIndexesWithTheTestsFlags(t *testing.T) {
	if got, want := makefileValue(t, "PAGEFIND_FLAGS"), searchindex.Flags; !slices.Equal(got, want) {
		t.Errorf("Makefile PAGEFIND_FLAGS %q, internal/engine/searchindex.Flags %q: make them equal", got, want)
	}
}
