package sitetests

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/engine/searchindex"
)

// What search adds to `make build`: Pagefind's time and the size of its
// index, for the shipped site and the generated one (100 initiatives × 30
// clauses, two languages), beside Hugo's own build time of the same site.
func BenchmarkSearchIndex(b *testing.B) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	for _, s := range []struct {
		name  string
		built func(b *testing.B) (dir string, hugo time.Duration)
	}{
		{"shipped", func(b *testing.B) (string, time.Duration) {
			dir := filepath.Join(b.TempDir(), "public")
			start := time.Now()
			if err := hugobuild.Build(ctx, repoRoot, dir); err != nil {
				b.Fatal(err)
			}
			return dir, time.Since(start)
		}},
		{"generated-100x30x2", func(b *testing.B) (string, time.Duration) {
			site := generatedSite(b, 2, "concord")
			dir := filepath.Join(b.TempDir(), "public")
			start := time.Now()
			if err := hugobuild.Build(ctx, site, dir); err != nil {
				b.Fatal(err)
			}
			return dir, time.Since(start)
		}},
	} {
		b.Run(s.name, func(b *testing.B) {
			dir, hugo := s.built(b)
			var last searchindex.Stats
			var wall, cpu time.Duration
			for b.Loop() {
				st, err := searchindex.Index(ctx, repoRoot, dir)
				if err != nil {
					b.Fatal(err)
				}
				last, wall, cpu = st, wall+st.Wall, cpu+st.CPU
			}
			per, perCPU := wall/time.Duration(b.N), cpu/time.Duration(b.N)
			var pages []string
			for lang, n := range last.Pages {
				pages = append(pages, fmt.Sprintf("%s %d", lang, n))
			}
			b.ReportMetric(float64(last.Bytes)/1024, "index-KB")
			b.ReportMetric(per.Seconds(), "pagefind-s")
			b.ReportMetric(perCPU.Seconds(), "pagefind-cpu-s")
			b.ReportMetric(per.Seconds()/hugo.Seconds(), "pagefind/hugo")
			b.Logf("%s: index %.0f KB in %d files (pages: %s); pagefind %.2f s (CPU %.2f s), hugo build %.2f s: +%.0f%% wall",
				s.name, float64(last.Bytes)/1024, last.Files, strings.Join(pages, ", "), per.Seconds(), perCPU.Seconds(), hugo.Seconds(), 100*per.Seconds()/hugo.Seconds())
		})
	}
}
