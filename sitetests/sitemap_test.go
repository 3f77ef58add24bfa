package sitetests

import (
	"encoding/xml"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sitemap is what a search engine reads from one language's sitemap.xml.
type sitemap struct {
	URLs []struct {
		Loc   string `xml:"loc"`
		Links []struct {
			Hreflang string `xml:"hreflang,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"url"`
}

// On the eight-language site every language's sitemap lists each of its
// pages once, without the translations under each URL (which made the
// sitemaps grow with the square of the languages, issue 11); the
// translations are not lost: the head of every listed page names them all.
func TestSitemapsListEachPageOnceAndPagesNameTheirTranslations(t *testing.T) {
	_, out := udhrEightLanguages(t)
	langs := append([]string{"zh-hans", "en"}, udhrEighth...)
	for _, lang := range langs {
		// Each language's own sitemap (the root one is their index).
		prefix := lang + "/"
		data, err := os.ReadFile(filepath.Join(out, prefix, "sitemap.xml"))
		if err != nil {
			t.Fatal(err)
		}
		var sm sitemap
		if err := xml.Unmarshal(data, &sm); err != nil {
			t.Fatalf("%ssitemap.xml: %v", prefix, err)
		}
		seen := map[string]bool{}
		clauseChecked := false
		for _, u := range sm.URLs {
			if seen[u.Loc] {
				t.Errorf("%ssitemap.xml lists %s twice", prefix, u.Loc)
			}
			seen[u.Loc] = true
			if len(u.Links) > 0 {
				t.Errorf("%ssitemap.xml: %s has %d alternates, want none (they are in the page's head)", prefix, u.Loc, len(u.Links))
			}
			// The initiative's first article: a page in every language.
			if !strings.HasSuffix(u.Loc, udhrInitiative+"1/") {
				continue
			}
			clauseChecked = true
			loc, err := url.Parse(u.Loc)
			if err != nil {
				t.Fatalf("%ssitemap.xml: %v", prefix, err)
			}
			rel := strings.TrimPrefix(loc.Path, "/")
			doc := page(t, out, rel+"index.html")
			if n := doc.Find(`head link[rel="alternate"][hreflang]:not([hreflang="x-default"])`).Length(); n != len(langs) {
				t.Errorf("%s: %d hreflang alternates in the head, want %d", rel, n, len(langs))
			}
		}
		if !clauseChecked {
			t.Errorf("%ssitemap.xml does not list article 1 of %s", prefix, udhrInitiative)
		}
		if len(sm.URLs) < 10 {
			t.Errorf("%ssitemap.xml lists %d pages", prefix, len(sm.URLs))
		}
	}
}
