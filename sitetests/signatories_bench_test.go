package sitetests

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/hugobuild"
	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/sitefixture"
)

// signatoriesSite copies the shipped site with n generated signatories in
// place of the real ones (n = 0: the site as shipped).
func signatoriesSite(tb testing.TB, n int) string {
	tb.Helper()
	site := tb.TempDir()
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		tb.Fatal(err)
	}
	if n > 0 {
		file := filepath.Join(site, "data", "signatories", "live-streaming-2020.toml")
		if err := os.WriteFile(file, signatories.Synthetic(n, []string{"zh-hans", "en"}, "2020-09-05"), 0o644); err != nil {
			tb.Fatal(err)
		}
	}
	return site
}

// BenchmarkSignatories10k builds the shipped site and the same site with
// 10,000 signatories, and reports both build times, the difference (goal:
// < 3 s), the gzip size of the first list page (goal: < 200 KB) and the
// size of the exports, which must hold every entry.
func BenchmarkSignatories10k(b *testing.B) {
	base, big := signatoriesSite(b, 0), signatoriesSite(b, 10000)
	out := b.TempDir()
	ctx := context.Background()
	var baseTime, bigTime time.Duration
	for b.Loop() {
		for _, s := range []struct {
			site string
			d    *time.Duration
		}{{base, &baseTime}, {big, &bigTime}} {
			start := time.Now()
			if err := hugobuild.Build(ctx, s.site, filepath.Join(out, filepath.Base(s.site))); err != nil {
				b.Fatal(err)
			}
			*s.d += time.Since(start)
		}
	}
	runs := float64(b.N)
	b.ReportMetric(baseTime.Seconds()/runs, "s/build-shipped")
	b.ReportMetric(bigTime.Seconds()/runs, "s/build-10k")
	b.ReportMetric((bigTime-baseTime).Seconds()/runs, "s/delta")
	pub := filepath.Join(out, filepath.Base(big))
	for name, rel := range map[string]string{
		"zh-list-gzip-KB": initiative + "signatories.html",
		"en-list-gzip-KB": "en/" + initiative + "signatories.html",
	} {
		data, err := os.ReadFile(filepath.Join(pub, rel))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(gzipSize(data))/1024, name)
	}
	for name, rel := range map[string]string{
		"json-KB": initiative + "signatories.json",
		"csv-KB":  initiative + "signatories.csv",
		"atom-KB": initiative + "signatories.atom",
	} {
		info, err := os.Stat(filepath.Join(pub, rel))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(info.Size())/1024, name)
	}
}
