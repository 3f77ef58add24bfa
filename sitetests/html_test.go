package sitetests

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// page parses one built HTML file, by its path under the output folder.
func page(t *testing.T, dir, rel string) *goquery.Document {
	t.Helper()
	return pageTB(t, dir, rel)
}

func pageTB(t testing.TB, dir, rel string) *goquery.Document {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatalf("page %s was not built: %v", rel, err)
	}
	defer f.Close()
	doc, err := goquery.NewDocumentFromReader(f)
	if err != nil {
		t.Fatalf("parse %s: %v", rel, err)
	}
	return doc
}

// attrs collects one attribute of every element a selector matches.
func attrs(doc *goquery.Document, selector, attr string) []string {
	var out []string
	doc.Find(selector).Each(func(_ int, s *goquery.Selection) {
		out = append(out, s.AttrOr(attr, ""))
	})
	return out
}

// builtFile maps a site URL (absolute, or relative to the site root) to the
// file that serves it, so a test can tell whether a link leads anywhere.
func builtFile(dir, url string) string {
	url = strings.TrimPrefix(url, "https://concord.example.org")
	if i := strings.IndexAny(url, "#?"); i >= 0 {
		url = url[:i]
	}
	if strings.HasSuffix(url, "/") {
		url += "index.html"
	}
	return filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(url, "/")))
}
