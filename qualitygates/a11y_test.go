package qualitygates

import (
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/axecheck"
	"github.com/concord-initiative/concord/internal/browsertest"
	"github.com/concord-initiative/concord/internal/nodetools"
)

func loadAxe(t *testing.T) *axecheck.Script {
	t.Helper()
	path, err := nodetools.File(repoRoot, "axe-core", "axe.min.js")
	if err != nil {
		t.Fatal(err)
	}
	s, err := axecheck.Load(path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// Every page a reader can open, in both languages, at desktop and phone
// widths: zero axe-core violations at WCAG 2.2 AA. Then the same pages in
// the dark colour scheme, for colour contrast (the only rule the scheme
// changes).
func TestGateAxe(t *testing.T) {
	g := gate(t, "accessibility")
	axe := loadAxe(t)
	base := serveSite(t)
	browser := browsertest.New(t)
	pages := readerPages(t)
	start := time.Now()
	runs, violations := 0, 0
	check := func(t *testing.T, name string, v viewport, dark bool, opt axecheck.Options) {
		ctx := v.tab(t, browser)
		if dark {
			darkScheme(t, ctx)
		}
		for _, p := range pages {
			navigate(t, ctx, base+"/"+p)
			res, err := axe.Run(ctx, opt)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			runs++
			for _, v := range res.Violations {
				violations++
				t.Errorf("%s (%s): %s", p, name, v)
			}
		}
	}
	for _, v := range viewports {
		t.Run("light/"+v.name, func(t *testing.T) {
			check(t, "light, "+v.name, v, false, axecheck.Options{Tags: axecheck.WCAG22AA})
		})
		t.Run("dark/"+v.name, func(t *testing.T) {
			check(t, "dark, "+v.name, v, true, axecheck.Options{Rules: []string{"color-contrast"}})
		})
	}
	g.note("axe-core %s, WCAG 2.2 AA: %d pages × 1280/375 px, light (all rules) and dark (contrast): %d runs, %d violations (%s)",
		pinned(t, "axe-core"), len(pages), runs, violations, time.Since(start).Round(time.Second))
}
