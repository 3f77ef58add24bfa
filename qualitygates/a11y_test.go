package qualitygates

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/accessibility"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/engine/nodetools"
	"github.com/concord-initiative/concord/internal/quality/axecheck"
	"github.com/concord-initiative/concord/internal/quality/langcheck"
	"github.com/concord-initiative/concord/internal/quality/statichost"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
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
	// The A4 pages the PDFs are printed from, as print media at A4 width:
	// their structure is what the tagged PDF is made of.
	printDir, prints := printPages(t)
	t.Run("print", func(t *testing.T) {
		srv := browsertest.Serve(t, printDir, statichost.Wrap(printDir, nil))
		ctx := browser.Tab(t, 794, 1123, false)
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"}); err != nil {
			t.Fatal(err)
		}
		for _, p := range prints {
			navigate(t, ctx, srv.URL+"/"+p)
			res, err := axe.Run(ctx, axecheck.Options{Tags: axecheck.WCAG22AA})
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			runs++
			for _, v := range res.Violations {
				violations++
				t.Errorf("%s (print build, print media, A4): %s", p, v)
			}
		}
	})
	g.note("axe-core %s, WCAG 2.2 AA: %d pages × 1280/375 px, light (all rules) and dark (contrast), and %d print pages: %d runs, %d violations (%s)",
		pinned(t, "axe-core"), len(pages), len(prints), runs, violations, time.Since(start).Round(time.Second))
}

// Every text on every page is inside an element whose lang is its language,
// so a screen reader switches voice at the right places (WCAG 3.1.1, 3.1.2).
func TestGateLanguageOfEveryText(t *testing.T) {
	g := gate(t, "accessibility")
	pages := readerPages(t)
	wrong := 0
	for _, p := range pages {
		f, err := os.Open(filepath.Join(site(t), filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		problems, err := langcheck.Check(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, pr := range problems {
			wrong++
			t.Errorf("%s: %s", p, pr)
		}
	}
	g.note("lang of every text on %d pages: %d texts in the wrong language for their lang", len(pages), wrong)
}

// regionsJS lists the clause rows as the page builds them: each row's id and
// the text of the heading its aria-labelledby names.
const clauseRowsJS = `[...document.querySelectorAll(".clause-row[id]")].map(r => {
  const h = document.getElementById(r.getAttribute("aria-labelledby") || "");
  return h ? h.textContent.trim().replace(/\s+/g, " ") : "";
})`

// The side-by-side view is a list of regions, one per clause, each named by
// the clause's heading in the reader's language (docs/authoring.md says why
// regions rather than a table). Checked in Chromium's accessibility tree,
// which is what a screen reader is given, in both languages and both views.
func TestGateClauseRowsAreNamedRegions(t *testing.T) {
	g := gate(t, "accessibility")
	base := serveSite(t)
	b := browsertest.New(t)
	ctx := viewports[0].tab(t, b)
	checked, unnamed := 0, 0
	for _, prefix := range []string{"", "en/"} {
		for _, view := range []string{"", "text.html"} {
			url := base + "/" + prefix + initiative + view
			navigate(t, ctx, url)
			want, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](clauseRowsJS))
			if err != nil || len(want) == 0 {
				t.Fatalf("%s: no clause rows (%v)", url, err)
			}
			tree, err := chromedp.Call(ctx, accessibility.GetFullAXTree, accessibility.GetFullAXTreeParams{})
			if err != nil {
				t.Fatal(err)
			}
			var regions []string
			for _, n := range tree.Nodes {
				if n.Ignored || axString(n.Role) != "region" {
					continue
				}
				regions = append(regions, strings.Join(strings.Fields(axString(n.Name)), " "))
			}
			for i, name := range want {
				if name == "" {
					unnamed++
					t.Errorf("%s: clause row %d has no heading naming it", url, i+1)
				}
				if !slices.Contains(regions, name) {
					unnamed++
					t.Errorf("%s: no region named %q in the accessibility tree (regions: %q)", url, name, regions)
				}
			}
			checked += len(want)
		}
	}
	g.note("%d clause rows (both languages, both views): %d not a region named by its heading", checked, unnamed)
}

func axString(v *accessibility.Value) string {
	if v == nil {
		return ""
	}
	var s string
	if json.Unmarshal(v.Value, &s) != nil {
		return ""
	}
	return s
}

// A gate that cannot fail proves nothing: axe, as the gates run it, finds
// the violations of a page built to have them.
func TestAxeFindsViolationsInABadPage(t *testing.T) {
	dir := t.TempDir()
	bad := `<!doctype html><html><head><title>bad</title></head><body>
<img src="x.png"><p style="color:#aaa;background:#fff">pale text</p>
<a href="/"></a></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, dir, nil)
	ctx := viewports[0].tab(t, browsertest.New(t))
	navigate(t, ctx, srv.URL+"/")
	res, err := loadAxe(t).Run(ctx, axecheck.Options{Tags: axecheck.WCAG22AA})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, v := range res.Violations {
		ids = append(ids, v.ID)
	}
	for _, want := range []string{"html-has-lang", "image-alt", "color-contrast", "link-name"} {
		if !slices.Contains(ids, want) {
			t.Errorf("axe missed %s on a page built to break it; found %v", want, ids)
		}
	}
}
