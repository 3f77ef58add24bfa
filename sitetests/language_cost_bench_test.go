package sitetests

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// BenchmarkLanguageCost builds the generated site of 100 initiatives × 30
// clauses in 2 and in 8 languages, each with Concord's templates and with
// the bare yardstick (title and content only) on the same content. The
// four builds run in turn within each round, so a noisy machine slows them
// alike, and the table compares medians. Goals (issue 11): Concord within
// 3× the bare build's wall time and 2× its peak memory; 8 languages within
// 4.5× the cost of 2.
func BenchmarkLanguageCost(b *testing.B) {
	type variant struct {
		name  string
		langs int
		bare  bool
		site  string
		runs  []hugobuild.Usage
	}
	var variants []*variant
	for _, n := range []int{2, 8} {
		for _, bare := range []bool{false, true} {
			v := &variant{langs: n, bare: bare}
			v.name = fmt.Sprintf("concord-%dlang", n)
			if bare {
				v.name = fmt.Sprintf("bare-%dlang", n)
			}
			v.site = generatedSite(b, n, bare)
			variants = append(variants, v)
		}
	}
	out := b.TempDir()
	ctx := context.Background()
	for b.Loop() {
		for _, v := range variants {
			u, err := hugobuild.Measure(ctx, v.site, filepath.Join(out, v.name))
			if err != nil {
				b.Fatal(err)
			}
			v.runs = append(v.runs, u)
		}
	}
	med := map[string]hugobuild.Usage{}
	var table strings.Builder
	fmt.Fprintf(&table, "\n%-15s %9s %9s %10s %7s\n", "build", "wall s", "CPU s", "peak MB", "files")
	for _, v := range variants {
		m := medianUsage(v.runs)
		med[v.name] = m
		fmt.Fprintf(&table, "%-15s %9.2f %9.2f %10.0f %7d\n", v.name, m.Wall.Seconds(), m.CPU.Seconds(), float64(m.PeakRSS)/(1<<20), countFiles(filepath.Join(out, v.name)))
	}
	ratio := func(a, b time.Duration) float64 { return a.Seconds() / b.Seconds() }
	for _, n := range []string{"2lang", "8lang"} {
		c, bare := med["concord-"+n], med["bare-"+n]
		fmt.Fprintf(&table, "concord/bare %s: wall %.2f× (goal ≤ 3), CPU %.2f×, peak memory %.2f× (goal ≤ 2)\n",
			n, ratio(c.Wall, bare.Wall), ratio(c.CPU, bare.CPU), float64(c.PeakRSS)/float64(bare.PeakRSS))
		b.ReportMetric(ratio(c.Wall, bare.Wall), "wall-concord/bare-"+n)
		b.ReportMetric(float64(c.PeakRSS)/float64(bare.PeakRSS), "mem-concord/bare-"+n)
	}
	c2, c8 := med["concord-2lang"], med["concord-8lang"]
	fmt.Fprintf(&table, "concord 8 languages / 2: wall %.2f×, CPU %.2f× (goal ≤ 4.5), peak memory %.2f×\n",
		ratio(c8.Wall, c2.Wall), ratio(c8.CPU, c2.CPU), float64(c8.PeakRSS)/float64(c2.PeakRSS))
	b.ReportMetric(ratio(c8.CPU, c2.CPU), "cpu-8/2-lang")
	// The yardstick's own growth: Hugo itself does more than four times the
	// work for four times the pages in four times the languages, so the
	// goal is read against it too.
	b2, b8 := med["bare-2lang"], med["bare-8lang"]
	fmt.Fprintf(&table, "bare 8 languages / 2: wall %.2f×, CPU %.2f×, peak memory %.2f×; concord's growth over bare's, CPU %.2f×\n",
		ratio(b8.Wall, b2.Wall), ratio(b8.CPU, b2.CPU), float64(b8.PeakRSS)/float64(b2.PeakRSS), ratio(c8.CPU, c2.CPU)/ratio(b8.CPU, b2.CPU))
	b.ReportMetric(ratio(b8.CPU, b2.CPU), "cpu-8/2-lang-bare")
	b.Log(table.String())
}

// TestWriteGeneratedSite writes the benchmark's generated site to
// $CONCORD_GENERATED_SITE (in $CONCORD_GENERATED_LANGS languages, 2 unless
// set), so its build can be profiled by hand:
//
//	go tool hugo --source $CONCORD_GENERATED_SITE --templateMetrics --templateMetricsHints
//
// Skipped when the variable is unset.
func TestWriteGeneratedSite(t *testing.T) {
	dst := os.Getenv("CONCORD_GENERATED_SITE")
	if dst == "" {
		t.Skip("CONCORD_GENERATED_SITE not set")
	}
	n := 2
	if s := os.Getenv("CONCORD_GENERATED_LANGS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := sitefixture.CopyTree(dst, generatedSite(t, n, os.Getenv("CONCORD_GENERATED_BARE") != "")); err != nil {
		t.Fatal(err)
	}
}

// generatedSite is the repository's site with generated content (100
// initiatives × 30 clauses) in the first n of the shipped and bench
// languages, made bare when bare is set.
func generatedSite(b testing.TB, n int, bare bool) string {
	b.Helper()
	site := b.TempDir()
	if err := sitefixture.Copy(site, repoRoot, "content", "data"); err != nil {
		b.Fatal(err)
	}
	langs := append([]string{"zh-hans", "en"}, sitefixture.BenchLanguages...)[:n]
	if err := sitefixture.AddLanguages(site, langs[2:]); err != nil {
		b.Fatal(err)
	}
	if err := sitefixture.Generate(site, 100, 30, langs); err != nil {
		b.Fatal(err)
	}
	if bare {
		if err := sitefixture.MakeBare(site); err != nil {
			b.Fatal(err)
		}
	}
	return site
}

func medianUsage(runs []hugobuild.Usage) hugobuild.Usage {
	pick := func(get func(hugobuild.Usage) int64) int64 {
		vals := make([]int64, len(runs))
		for i, r := range runs {
			vals[i] = get(r)
		}
		slices.Sort(vals)
		return vals[len(vals)/2]
	}
	return hugobuild.Usage{
		Wall:    time.Duration(pick(func(u hugobuild.Usage) int64 { return int64(u.Wall) })),
		CPU:     time.Duration(pick(func(u hugobuild.Usage) int64 { return int64(u.CPU) })),
		PeakRSS: pick(func(u hugobuild.Usage) int64 { return u.PeakRSS }),
	}
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}
