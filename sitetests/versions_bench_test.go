package sitetests

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
	"github.com/concord-initiative/concord/internal/versions"
)

// BenchmarkVersions builds the shipped site plus a generated initiative of
// 2 languages × 30 clauses with 1, 5 and 10 versions (each rewording two
// clauses), timing tools/versions and the Hugo build, and the site without
// it as the baseline. Goal (issue 12): the cost grows linearly with the
// number of versions, so the extra cost of 10 versions is about 9/4 of the
// extra cost of 5 over 1, not (10²−1)/(5²−1).
func BenchmarkVersions(b *testing.B) {
	counts := []int{0, 1, 5, 10}
	sites := map[int]string{}
	for _, n := range counts {
		dir := filepath.Join(b.TempDir(), "site")
		if err := sitefixture.Copy(dir, repoRoot); err != nil {
			b.Fatal(err)
		}
		if n > 0 {
			if err := sitefixture.GenerateVersions(dir, "bench-versions", n, 30, []string{"zh-hans", "en"}); err != nil {
				b.Fatal(err)
			}
		}
		sites[n] = dir
	}
	out := b.TempDir()
	ctx := context.Background()
	tool := map[int][]time.Duration{}
	hugo := map[int][]hugobuild.Usage{}
	for b.Loop() {
		for _, n := range counts {
			dir := sites[n]
			start := selfCPU()
			if err := versions.Run(dir, filepath.Join(dir, "build/data/versions"), filepath.Join(dir, "build/versions")); err != nil {
				b.Fatal(err)
			}
			tool[n] = append(tool[n], selfCPU()-start)
			u, err := hugobuild.Measure(ctx, dir, filepath.Join(out, fmt.Sprint(n)))
			if err != nil {
				b.Fatal(err)
			}
			hugo[n] = append(hugo[n], u)
		}
	}
	var table strings.Builder
	// CPU time, not wall time, is compared: on a shared machine the wall
	// time of one build can be five times its CPU time.
	fmt.Fprintf(&table, "\n%-9s %8s %9s %9s %12s %7s\n", "versions", "tool CPU", "hugo wall", "hugo CPU", "extra CPU s", "files")
	base := medianUsage(hugo[0]).CPU
	extra := map[int]float64{}
	for _, n := range counts {
		m := medianUsage(hugo[n])
		t := medianDuration(tool[n])
		extra[n] = (m.CPU + t - base).Seconds()
		fmt.Fprintf(&table, "%-9d %8.3f %9.2f %9.2f %12.2f %7d\n", n, t.Seconds(), m.Wall.Seconds(), m.CPU.Seconds(), extra[n], countFiles(filepath.Join(out, fmt.Sprint(n))))
	}
	fmt.Fprintf(&table, "CPU per added version: %.3f s (1→5), %.3f s (5→10)\n", (extra[5]-extra[1])/4, (extra[10]-extra[5])/5)
	if d := extra[5] - extra[1]; d > 0 {
		r := (extra[10] - extra[1]) / d
		fmt.Fprintf(&table, "extra cost 10−1 versions / 5−1 versions: %.2f (linear 2.25, quadratic 4.95)\n", r)
		b.ReportMetric(r, "growth-10/5")
	}
	b.Log(table.String())
}

func medianDuration(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

// selfCPU is this process's CPU time so far: tools/versions runs in the
// test binary, and its wall time on a shared machine says little.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
