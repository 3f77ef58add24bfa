package qualitygates

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
)

// htmlFiles lists every HTML file under dir, slash-separated and sorted.
func htmlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("no HTML files in %s", dir)
	}
	sort.Strings(out)
	return out
}

// isRedirect tells Hugo's alias pages (a meta refresh to the production
// address) from pages a reader reads: a browser would follow them off the
// loopback server, so the browser gates skip them; the HTML and link gates
// still check them.
func isRedirect(t *testing.T, page string) bool {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site(t), filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Contains(b, []byte(`http-equiv=refresh`)) || bytes.Contains(b, []byte(`http-equiv="refresh"`))
}

// readerPages are the pages the browser gates open.
func readerPages(t *testing.T) []string {
	t.Helper()
	var out []string
	for _, p := range htmlFiles(t, site(t)) {
		if !isRedirect(t, p) {
			out = append(out, p)
		}
	}
	return out
}

// initiative is the shipped initiative, the page Lighthouse and the
// keyboard gates open.
const initiative = "initiatives/live-streaming-2020/"

// pageLoad is the event a navigation ends with.
var pageLoad = page.LoadEventFired
