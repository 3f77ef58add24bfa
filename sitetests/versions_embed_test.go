package sitetests

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/quality/oembed"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// Embeds that pin a version (docs/embedding.md, "Follow the latest, or
// pin a version"), on the versions fixture: the latest is 2.0.

// vEmbedFile is the built embed card of a clause: pinned to v, or
// following the latest when v is "".
func vEmbedFile(prefix, v, id string) string {
	if v != "" {
		id = "v" + v + "/" + id
	}
	return prefix + "embed/" + vInit + id + "/index.html"
}

func TestAPinnedEmbedShowsItsVersionAndSmallThatANewerExists(t *testing.T) {
	out := versionsBuild(t)
	for lang, prefix := range vLangs {
		for v, ids := range vClauses {
			for _, id := range ids {
				rel := vEmbedFile(prefix, v, id)
				permanent := siteOrigin + "/" + prefix + vInit + "v" + v + "/" + id + "/"
				data, err := os.ReadFile(filepath.Join(out, rel))
				if err != nil {
					t.Errorf("no card pinned to version %s of clause %s in %s: %v", v, id, lang, err)
					continue
				}
				if len(data) >= embedPageBudget {
					t.Errorf("%s is %d bytes, over the embed page budget of %d", rel, len(data), embedPageBudget)
				}
				card := page(t, out, rel)
				clause := page(t, out, prefix+vInit+"v"+v+"/"+id+"/index.html")
				section := clause.Find("section.version-clause")
				if got, want := text(card.Find("main h1")), text(section.Find("h1")); got != want || got == "" {
					t.Errorf("%s: heading %q, want the version's %q", rel, got, want)
				}
				for _, p := range section.Find("p").Not(".provenance").EachIter() {
					if want := text(p); !strings.Contains(text(card.Find("main")), want) {
						t.Errorf("%s: lacks the version's text %q", rel, want)
					}
				}
				if canonical(card) != permanent || card.Find(`main a[href="`+permanent+`"]`).Length() == 0 {
					t.Errorf("%s: canonical %q and no link to %s", rel, canonical(card), permanent)
				}
				if foot := text(card.Find("footer")); !strings.Contains(foot, v) {
					t.Errorf("%s: the card does not name version %s: %q", rel, v, foot)
				}
				newer := card.Find("footer .newer")
				if v == "2.0" {
					if newer.Length() != 0 {
						t.Errorf("%s: the latest version's card says a newer one exists: %q", rel, text(newer))
					}
					continue
				}
				today := siteOrigin + "/" + prefix + vInit
				if slices.Contains(vClauses["2.0"], id) {
					today += id + "/"
				}
				if newer.Find("small").Length() != 1 || !strings.Contains(text(newer), "2.0") || newer.Find(`a[href="`+today+`"]`).Length() != 1 {
					t.Errorf("%s: does not say, small, that 2.0 exists and link %s: %q", rel, today, text(newer))
				}
			}
		}
	}
}

func TestEmbedCodeFollowsTheLatestOrPinsTheVersionOfItsPage(t *testing.T) {
	out := versionsBuild(t)
	for lang, prefix := range vLangs {
		for v, ids := range vClauses {
			for _, id := range ids {
				for _, pinned := range []bool{true, false} {
					rel, version, cite := prefix+vInit+"v"+v+"/"+id+"/index.html", v, siteOrigin+"/"+prefix+vInit+"v"+v+"/"+id+"/"
					if !pinned {
						if v != "2.0" {
							continue
						}
						// Today's clause page: the code follows the latest.
						rel, version, cite = prefix+vInit+id+"/index.html", "", siteOrigin+"/"+prefix+vInit+id+"/"
					}
					code := page(t, out, rel).Find(".embed-panel textarea").Text()
					s := snippet(t, code)
					q := s.Filter("blockquote")
					got, has := q.Attr("data-version")
					if q.Length() != 1 || s.Filter("script[async][src]").Length() != 1 || has != pinned || got != version {
						t.Errorf("%s: embed code data-version=%q (%v), want %q (%v)\n%s", rel, got, has, version, pinned, code)
					}
					for attr, want := range map[string]string{"data-initiative": "community-code", "data-clause": id, "data-lang": lang, "cite": cite} {
						if q.AttrOr(attr, "") != want {
							t.Errorf("%s: embed code %s=%q, want %q", rel, attr, q.AttrOr(attr, ""), want)
						}
					}
					if q.Find(`a[href="`+cite+`"]`).Length() != 1 {
						t.Errorf("%s: the quotation does not link %s", rel, cite)
					}
				}
			}
		}
	}
}

func TestOEmbedAnswersForAPinnedAndALatestClauseLink(t *testing.T) {
	out := versionsBuild(t)
	headers := builtHeaders(t, out)
	for _, prefix := range vLangs {
		for _, c := range []struct{ path, version string }{{"v1.0/1/", "1.0"}, {"v1.1/3/", "1.1"}, {"v2.0/2/", "2.0"}, {"1/", ""}} {
			pasted := siteOrigin + "/" + prefix + vInit + c.path
			pageURL, _ := url.Parse(pasted)
			body, err := os.ReadFile(filepath.Join(out, prefix+vInit+c.path, "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			link, err := oembed.Discover(bytes.NewReader(body), pageURL)
			if err != nil {
				t.Errorf("%s: %v", pasted, err)
				continue
			}
			answer := strings.TrimPrefix(link.Href, siteOrigin)
			data, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(answer)))
			if err != nil {
				t.Errorf("%s: the discovery link %s was not built", pasted, link.Href)
				continue
			}
			r, err := oembed.Parse(data)
			if err != nil {
				t.Errorf("%s breaks the oEmbed spec:\n%v", link.Href, err)
				continue
			}
			// A pinned answer's title names its version, as its page's does.
			if r.Type != "rich" || r.Title == "" || !strings.Contains(r.Title, c.version) || !strings.Contains(link.Title, c.version) || *r.Height < 100 || *r.Height > 2000 {
				t.Errorf("%s: type %q, title %q (link %q), height %d", link.Href, r.Type, r.Title, link.Title, *r.Height)
			}
			q := snippet(t, r.HTML).Filter("blockquote")
			if got, has := q.Attr("data-version"); got != c.version || has != (c.version != "") || q.AttrOr("cite", "") != pasted {
				t.Errorf("%s: html pins %q (%v) and cites %q, want %q and %s", link.Href, got, has, q.AttrOr("cite", ""), c.version, pasted)
			}
			if h := headers.For(answer); h.Get("Access-Control-Allow-Origin") != "*" || h.Get("Cache-Control") == "" {
				t.Errorf("%s: served with %v, want the oEmbed answers' CORS and cache headers", answer, h)
			}
			if o := headers.Overlaps(answer); len(o) > 0 {
				t.Errorf("%s: headers set twice: %v", answer, o)
			}
			card := "/" + vEmbedFile(prefix, c.version, strings.TrimSuffix(strings.TrimPrefix(c.path, "v"+c.version+"/"), "/"))
			card = strings.TrimSuffix(card, "index.html")
			if csp := headers.For(card).Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors *") {
				t.Errorf("%s: policy %q, want the embed pages' (any site may frame it)", card, csp)
			}
		}
	}
}

// In Chromium, on a partner's page: embed.js frames a pinned quotation at
// its version and one without data-version at today's text; a data-version
// that is not a version is left as a quotation.
func TestEmbedScriptFramesAPinnedVersionOrTheLatest(t *testing.T) {
	out := versionsBuild(t)
	site := browsertest.Serve(t, out, builtHeaders(t, out).Wrap)
	quote := func(version string) string {
		attr := ""
		if version != "" {
			attr = ` data-version="` + version + `"`
		}
		return `<blockquote class="concord-clause" data-initiative="community-code" data-clause="1" data-lang="en"` + attr + `><p>quote ` + version + `</p></blockquote>`
	}
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner</title></head><body><div style="width:600px">`)
	for _, v := range []string{"1.0", "", "../../x", "1.0/../2"} {
		b.WriteString(quote(v))
	}
	fmt.Fprintf(&b, `<script async src="%s/embed.js"></script></div></body></html>`, site.URL)
	host := partnerSite(t, b.String())

	ctx := browsertest.New(t).Tab(t, 700, 1600, false)
	open(t, ctx, host+"/")
	frames, err := chromedp.Run(ctx, chromedp.Poll[[]hostFrame](
		`(() => { const f = `+hostFramesJS+`; return f.length >= 2 ? f : null })()`, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatalf("embed.js made no frames: %v", err)
	}
	pinned, latest := site.URL+"/en/embed/"+vInit+"v1.0/1/", site.URL+"/en/embed/"+vInit+"1/"
	var srcs []string
	for _, f := range frames {
		srcs = append(srcs, f.Src)
	}
	if !slices.Equal(srcs, []string{pinned, latest}) {
		t.Fatalf("frames %v, want %s and %s only (the bad data-version left as quotations)", srcs, pinned, latest)
	}
	left, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("blockquote.concord-clause").length`))
	if err != nil || left != 2 {
		t.Errorf("%d quotations left as they were, want the 2 with a bad data-version (%v)", left, err)
	}
	want := map[string]string{pinned: text(page(t, out, "en/"+vInit+"v1.0/1/index.html").Find("section.version-clause h1")),
		latest: text(page(t, out, "en/"+vInit+"v2.0/1/index.html").Find("section.version-clause h1"))}
	for src, heading := range want {
		_, fs := fitted(t, ctx, frameTab(t, ctx, src), src)
		if !strings.Contains(words(fs.Text), heading) {
			t.Errorf("frame %s shows %q, want the heading %q", src, words(fs.Text), heading)
		}
		if newer := strings.Contains(fs.Text, "2.0"); newer != (src == pinned) {
			t.Errorf("frame %s: says a newer version exists: %v", src, newer)
		}
	}
	browsertest.Screenshot(t, ctx, "embed-pinned-version")
}
