package sitetests

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/engine/searchindex"
	"github.com/concord-initiative/concord/internal/quality/statichost"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// searchBudget is the most a typical search may transfer on the generated
// 100-initiative site: the search page and everything it loads, Pagefind's
// script, WebAssembly, metadata, index chunks and the fragments of
// the results shown, compressed as the host sends them.
const searchBudget = 300 * 1024

// byteCounter counts what the server sends per path, after compression.
type byteCounter struct {
	mu    sync.Mutex
	paths map[string]int64
}

func (c *byteCounter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		next.ServeHTTP(cw, r)
		// Headers count too, roughly as on the wire.
		n := cw.n + int64(len(r.URL.Path)) + 20
		for k, vs := range w.Header() {
			for _, v := range vs {
				n += int64(len(k) + len(v) + 4)
			}
		}
		c.mu.Lock()
		c.paths[r.URL.Path] += n
		c.mu.Unlock()
	})
}

func (c *byteCounter) reset() map[string]int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	out := c.paths
	c.paths = map[string]int64{}
	return out
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (w *countingWriter) Write(p []byte) (int, error) {
	n, err := w.ResponseWriter.Write(p)
	w.n += int64(n)
	return n, err
}

// On the generated site of 100 initiatives × 30 clauses in two languages
// (6,000 clause pages), a typical query in each language, from opening the
// search page with an empty cache to its first results, transfers under
// 300 KB in total. The copy of the index for offline use that follows is
// measured apart, and stays within its limit.
func TestSearchBudgetOnTheGeneratedSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and indexes a 6,000-clause site")
	}
	site := generatedSite(t, 2, "concord")
	out := filepath.Join(t.TempDir(), "public")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	if err := hugobuild.Build(ctx, site, out); err != nil {
		t.Fatal(err)
	}
	st, err := searchindex.Index(ctx, repoRoot, out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("index: %v pages, %d files, %.0f KB, %.1f s", st.Pages, st.Files, float64(st.Bytes)/1024, st.Wall.Seconds())
	counter := &byteCounter{paths: map[string]int64{}}
	headers := builtHeaders(t, out)
	srv := browsertest.Serve(t, out, func(h http.Handler) http.Handler { return counter.wrap(statichost.Wrap(out, headers)(h)) })
	for _, q := range []struct{ page, query string }{
		{"search.html", "消费者投诉"},
		{"en/search.html", "consumer complaints"},
	} {
		t.Run(q.query, func(t *testing.T) {
			tab := browsertest.New(t).Tab(t, 1280, 900, false) // a browser of its own: an empty cache
			counter.reset()
			open(t, tab, srv.URL+"/"+q.page+"?q="+url.QueryEscape(q.query))
			status, hits := waitForResults(t, tab)
			if len(hits) == 0 {
				t.Fatalf("%s: no results (%s)", q.query, status)
			}
			time.Sleep(300 * time.Millisecond) // late requests (a fragment still arriving) count too
			paths := counter.reset()
			var total, search int64
			var parts []string
			for _, p := range slices.Sorted(maps.Keys(paths)) {
				total += paths[p]
				if strings.HasPrefix(p, "/"+searchindex.Folder+"/") {
					search += paths[p]
				}
				parts = append(parts, fmt.Sprintf("%s %.1f", p, float64(paths[p])/1024))
			}
			t.Logf("%s: %s; %d requests, %.1f KB in total, %.1f KB of it Pagefind's: %s", q.query, status, len(paths), float64(total)/1024, float64(search)/1024, strings.Join(parts, ", "))
			if total >= searchBudget {
				t.Errorf("%s: %.1f KB transferred, budget %d KB", q.query, float64(total)/1024, searchBudget/1024)
			}
			// Then, apart from the query, the copy of the index for
			// offline use: no more than the limit (and one file past it).
			state, kept := waitForOffline(t, tab)
			var prefetch int64
			for _, n := range counter.reset() {
				prefetch += n
			}
			limit := evaluate[int](t, tab, `Number(document.querySelector("[data-search-form]").dataset.offlineLimit)`)
			t.Logf("%s: offline copy %s, %.1f KB of index copied, %.1f KB transferred (limit %d KB)", q.query, state, float64(kept)/1024, float64(prefetch)/1024, limit/1024)
			if state != "ready" && state != "too-large" || kept > limit+16*1024 {
				t.Errorf("%s: offline copy %s after %d bytes, limit %d", q.query, state, kept, limit)
			}
		})
	}
}
