package sitetests

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
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
	checkComplete(b, pub, 10000)
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

// checkComplete fails the benchmark unless every language's list pages, JSON
// and CSV each hold all n entries.
func checkComplete(b *testing.B, pub string, n int) {
	b.Helper()
	for lang, prefix := range uiPrefix {
		var export struct {
			Signatories []struct{ ID string }
		}
		data, err := os.ReadFile(filepath.Join(pub, prefix+initiative+"signatories.json"))
		if err != nil {
			b.Fatal(err)
		}
		if err := json.Unmarshal(data, &export); err != nil || len(export.Signatories) != n {
			b.Fatalf("%s JSON: %d entries (%v), want %d", lang, len(export.Signatories), err, n)
		}
		data, err = os.ReadFile(filepath.Join(pub, prefix+initiative+"signatories.csv"))
		if err != nil {
			b.Fatal(err)
		}
		// encoding/csv takes the byte order mark for data: a bare quote.
		records, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		if err != nil || len(records) != n+1 {
			b.Fatalf("%s CSV: %d records (%v), want %d and the header", lang, len(records), err, n)
		}
		pages, _ := filepath.Glob(filepath.Join(pub, prefix+initiative, "page", "*", "signatories.html"))
		pages = append(pages, filepath.Join(pub, prefix+signatoriesPage))
		listed := 0
		for _, p := range pages {
			html, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			listed += bytes.Count(html, []byte("<li class=signatory "))
		}
		if listed != n {
			b.Fatalf("%s: %d entries over %d list pages, want %d", lang, listed, len(pages), n)
		}
	}
}
