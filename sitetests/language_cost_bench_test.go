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
// clauses in 2 and in 8 languages three ways on the same content: with
// Concord's templates; with the bare yardstick (title and content only,
// none of Concord's output formats); and with Concord's output formats but
// every layout bare ("outputs"), which is what Hugo itself charges for
// Concord's set of files before any template of ours runs. The builds run
// in turn within each round, so a noisy machine slows them alike, and the
// table compares medians. Goals (issue 11): Concord within 3× the bare
// build's wall time and 2× its peak memory; 8 languages within 4.5× the
// cost of 2. The "outputs" rows split each ratio into Hugo's share (outputs
// over bare) and the templates' (concord over outputs).
func BenchmarkLanguageCost(b *testing.B) {
	type variant struct {
		name string
		site string
		runs []hugobuild.Usage
	}
	var variants []*variant
	for _, n := range []int{2, 8} {
		for _, kind := range []string{"concord", "outputs", "bare"} {
			variants = append(variants, &variant{
				name: fmt.Sprintf("%s-%dlang", kind, n),
				site: generatedSite(b, n, kind),
			})
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
	mem := func(a, b hugobuild.Usage) float64 { return float64(a.PeakRSS) / float64(b.PeakRSS) }
	for _, n := range []string{"2lang", "8lang"} {
		c, o, bare := med["concord-"+n], med["outputs-"+n], med["bare-"+n]
		fmt.Fprintf(&table, "concord/bare %s: wall %.2f× (goal ≤ 3), CPU %.2f×, peak memory %.2f× (goal ≤ 2)\n",
			n, ratio(c.Wall, bare.Wall), ratio(c.CPU, bare.CPU), mem(c, bare))
		fmt.Fprintf(&table, "  of which Hugo, outputs/bare: wall %.2f×, CPU %.2f×, peak memory %.2f×; templates, concord/outputs: wall %.2f×, CPU %.2f×, peak memory %.2f×\n",
			ratio(o.Wall, bare.Wall), ratio(o.CPU, bare.CPU), mem(o, bare), ratio(c.Wall, o.Wall), ratio(c.CPU, o.CPU), mem(c, o))
		b.ReportMetric(ratio(c.Wall, bare.Wall), "wall-concord/bare-"+n)
		b.ReportMetric(mem(c, bare), "mem-concord/bare-"+n)
		b.ReportMetric(ratio(o.Wall, bare.Wall), "wall-outputs/bare-"+n)
		b.ReportMetric(mem(o, bare), "mem-outputs/bare-"+n)
	}
	c2, c8 := med["concord-2lang"], med["concord-8lang"]
	fmt.Fprintf(&table, "concord 8 languages / 2: wall %.2f×, CPU %.2f× (goal ≤ 4.5), peak memory %.2f×\n",
		ratio(c8.Wall, c2.Wall), ratio(c8.CPU, c2.CPU), mem(c8, c2))
	b.ReportMetric(ratio(c8.CPU, c2.CPU), "cpu-8/2-lang")
	// The yardsticks' own growth: Hugo itself does more than four times the
	// work for four times the pages in four times the languages, so the
	// goal is read against it too.
	for _, kind := range []string{"outputs", "bare"} {
		y2, y8 := med[kind+"-2lang"], med[kind+"-8lang"]
		fmt.Fprintf(&table, "%s 8 languages / 2: wall %.2f×, CPU %.2f×, peak memory %.2f×; concord's growth over it, CPU %.2f×\n",
			kind, ratio(y8.Wall, y2.Wall), ratio(y8.CPU, y2.CPU), mem(y8, y2), ratio(c8.CPU, c2.CPU)/ratio(y8.CPU, y2.CPU))
		b.ReportMetric(ratio(y8.CPU, y2.CPU), "cpu-8/2-lang-"+kind)
	}
	// Printed rather than logged: a benchmark's log is cut to ten lines.
	fmt.Print(table.String())
}

// TestWriteGeneratedSite writes the benchmark's generated site to
// $CONCORD_GENERATED_SITE (in $CONCORD_GENERATED_LANGS languages, 2 unless
// set; $CONCORD_GENERATED_KIND picks a yardstick instead, see
// generatedSite), so its build can be profiled by hand:
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
	kind := os.Getenv("CONCORD_GENERATED_KIND")
	if kind == "" {
		kind = "concord"
	}
	if err := sitefixture.CopyTree(dst, generatedSite(t, n, kind)); err != nil {
		t.Fatal(err)
	}
}

// generatedSite is the repository's site with generated content (100
// initiatives × 30 clauses) in the first n of the shipped and bench
// languages, made into a yardstick by kind: "concord" (as it is),
// "outputs" (sitefixture.MakeBareTemplates) or "bare" (sitefixture.MakeBare).
func generatedSite(b testing.TB, n int, kind string) string {
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
	var err error
	switch kind {
	case "concord":
	case "outputs":
		err = sitefixture.MakeBareTemplates(site)
	case "bare":
		err = sitefixture.MakeBare(site)
	default:
		err = fmt.Errorf("unknown kind %q: concord, outputs or bare", kind)
	}
	if err != nil {
		b.Fatal(err)
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
