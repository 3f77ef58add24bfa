package main

import (
	"bytes"
	"context"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/kit/scaffold"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// A site made by `concord new site` from this checkout builds offline with
// its own `make test` (aligncheck, the signatories validator, a Hugo build
// with --panicOnWarning), takes nothing of this repository's own content,
// and its side-by-side page shows each clause's two languages in one row.
func TestNewSiteBuildsOfflineAndShowsSideBySide(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site")
	}
	dir := filepath.Join(t.TempDir(), "pledges")
	env := append(os.Environ(), offlineEnv(t)...)
	o := scaffold.Options{Dir: dir, Module: "example.org/pledges", Version: scaffold.LocalVersion, Local: sitefixture.RepoRoot(t)}
	for _, kv := range offlineEnv(t) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	if err := scaffold.NewSite(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	make := exec.Command("make", "test")
	make.Dir, make.Env = dir, env
	var out bytes.Buffer
	make.Stdout, make.Stderr = &out, &out
	if err := make.Run(); err != nil {
		t.Fatalf("make test in the new site: %v\n%s", err, out.String())
	}
	for _, want := range []string{"aligncheck: clean: 0 error(s), 0 warning(s), 0 info in 1 initiative(s), 2 clause(s) × 2 language(s)", "signatories: 0 file(s), 0 entries, no problems"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("make test does not say %q:\n%s", want, out.String())
		}
	}
	public := filepath.Join(dir, "public")
	for _, f := range []string{"initiatives/example-pledge/text.html", "initiatives/example-pledge/status.html", "initiatives/example-pledge/signatories.json", "embed/initiatives/example-pledge/1/index.html", "initiatives/example-pledge/1/oembed.json", "_headers"} {
		if _, err := os.Stat(filepath.Join(public, f)); err != nil {
			t.Errorf("the new site has no %s (the kit's outputs): %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(public, "initiatives", "live-streaming-2020")); err == nil {
		t.Error("the new site publishes Concord's own initiative")
	}

	srv := browsertest.Serve(t, public, nil)
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/initiatives/example-pledge/")); err != nil {
		t.Fatal(err)
	}
	type box struct {
		Row, Lang string
		Top, Left float64
		Text      string
	}
	cells, err := chromedp.Run(ctx, chromedp.Evaluate[[]box](`[...document.querySelectorAll(".clause-row > .cell")].map(c => {
  const r = c.getBoundingClientRect();
  return {row: c.parentElement.id, lang: c.lang, top: r.top + scrollY, left: r.left, text: c.innerText};
})`))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]map[string]box{}
	for _, c := range cells {
		if rows[c.Row] == nil {
			rows[c.Row] = map[string]box{}
		}
		rows[c.Row][c.Lang] = c
	}
	for _, id := range []string{"1", "2"} {
		en, zh := rows[id]["en"], rows[id]["zh-Hans"]
		if en.Text == "" || zh.Text == "" {
			t.Errorf("clause %s: a language is missing from its row: %+v", id, rows[id])
			continue
		}
		if math.Abs(en.Top-zh.Top) > 1 || zh.Left <= en.Left {
			t.Errorf("clause %s: en at (%.0f, %.0f), zh at (%.0f, %.0f): not side by side", id, en.Left, en.Top, zh.Left, zh.Top)
		}
	}
	browsertest.Screenshot(t, ctx, "new-site-side-by-side")
}
