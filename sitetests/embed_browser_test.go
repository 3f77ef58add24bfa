package sitetests

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	cdpbrowser "github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/quality/statichost"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// hostile blockquotes a partner page (or an attacker controlling part of
// it) might hold. None may make embed.js add anything but its own frames.
var hostileQuotes = []struct{ name, html string }{
	// The case: markup in an attribute embed.js reads.
	{"markup in data-clause", `<blockquote class="concord-clause" data-initiative="live-streaming-2020" data-clause="` +
		html.EscapeString(`"><img src=x onerror=alert(1)>`) + `" data-lang="en"><p>hostile clause id</p></blockquote>`},
	{"path in data-initiative", `<blockquote class="concord-clause" data-initiative="../../evil" data-clause="1" data-lang="en"><p>hostile initiative</p></blockquote>`},
	{"prototype key as language", `<blockquote class="concord-clause" data-initiative="live-streaming-2020" data-clause="1" data-lang="__proto__"><p>hostile language</p></blockquote>`},
	{"no attributes", `<blockquote class="concord-clause"><p>bare</p></blockquote>`},
}

// A quotation with valid IDs but markup in its text: it becomes a frame
// whose title holds that text as text.
const markupInText = `<blockquote class="concord-clause" data-initiative="live-streaming-2020" data-clause="1" data-lang="en" lang="en">` +
	`<p><strong>&lt;img src=x onerror=alert(2)&gt;</strong></p><p>text</p></blockquote>`

// hostPage is a partner's page: the oEmbed code of two clauses in two
// languages, the hostile quotations, and a record of every alert() call and
// of every node added once the page is parsed (embed.js is served late, see
// slowScript, so everything it adds is recorded).
func hostPage(t *testing.T, siteURL string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner page</title>
<script>
window.alerts = 0; window.alert = function () { window.alerts++; };
window.added = [];
document.addEventListener("DOMContentLoaded", function () {
  new MutationObserver(function (ms) { ms.forEach(function (m) { m.addedNodes.forEach(function (n) { window.added.push(n.nodeName); }); }); })
    .observe(document.documentElement, {childList: true, subtree: true, attributes: false});
});
</script>
<style>#widgets { width: 600px; margin: 20px; font: 16px/1.5 serif; }</style>
</head><body><h1>Our commitments</h1><div id="widgets">`)
	for _, c := range []struct{ prefix, id string }{{"en/", "2"}, {"", "3"}} {
		data, err := os.ReadFile(filepath.Join(public, c.prefix+initiative+c.id, "oembed.json"))
		if err != nil {
			t.Fatal(err)
		}
		var r struct{ HTML string }
		if err := json.Unmarshal(data, &r); err != nil {
			t.Fatal(err)
		}
		// Served from loopback instead of the canonical host.
		b.WriteString(strings.ReplaceAll(r.HTML, siteOrigin+"/embed.js", siteURL+"/embed.js"))
	}
	for _, q := range hostileQuotes {
		b.WriteString(q.html)
	}
	b.WriteString(markupInText)
	fmt.Fprintf(&b, `<script async src="%s/embed.js"></script></div></body></html>`, siteURL)
	return b.String()
}

// oembedHeight is the height a clause's oEmbed answer gives.
func oembedHeight(t *testing.T, prefix, id string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(public, prefix+initiative+id, "oembed.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r struct{ Height int }
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r.Height
}

// frameState is what a frame's document says about itself.
type frameState struct {
	Lang         string  `json:"lang"`
	Text         string  `json:"text"`
	Link         string  `json:"link"`
	BaseTarget   string  `json:"baseTarget"`
	Origin       string  `json:"origin"`
	Height       float64 `json:"height"`
	ScrollHeight float64 `json:"scrollHeight"`
	InnerHeight  float64 `json:"innerHeight"`
	Border       string  `json:"border"`
	Background   string  `json:"background"`
}

const frameStateJS = `(() => {
  const main = document.querySelector("main"), link = main && main.querySelector("a[href^='http']");
  return {lang: document.documentElement.lang, text: main ? main.innerText : "", link: link ? link.href : "",
    baseTarget: (document.querySelector("base") || {}).target || "", origin: self.origin,
    height: document.documentElement.getBoundingClientRect().height,
    scrollHeight: document.documentElement.scrollHeight, innerHeight: innerHeight,
    border: main ? getComputedStyle(main).borderTopWidth : "",
    background: getComputedStyle(document.body).backgroundColor};
})()`

// frameTab attaches to an embed frame: sandboxed frames run in their own
// process, a target of their own (chromedp docs/API.md, example 19).
func frameTab(t *testing.T, ctx context.Context, src string) context.Context {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && info.URL == src {
				fctx, cancel := chromedp.NewContext(ctx, chromedp.WithTargetID(info.TargetID))
				t.Cleanup(cancel)
				return fctx
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no frame target for %s", src)
	return nil
}

// hostFrame is what the host page sees of one frame.
type hostFrame struct {
	Src     string  `json:"src"`
	Sandbox string  `json:"sandbox"`
	Loading string  `json:"loading"`
	Title   string  `json:"title"`
	Height  float64 `json:"height"`
}

// (Through the prototype: a hostile page may shadow document.querySelectorAll.)
const hostFramesJS = `[...Document.prototype.querySelectorAll.call(document, "iframe")].map(f => ({src: f.src, sandbox: f.getAttribute("sandbox"),
  loading: f.getAttribute("loading"), title: f.title, height: f.getBoundingClientRect().height}))`

// fitted waits until the frame of src is as tall as its content (within
// 2 px) with nothing to scroll, and returns both sides' view.
func fitted(t *testing.T, ctx, fctx context.Context, src string) (hostFrame, frameState) {
	t.Helper()
	var hf hostFrame
	var fs frameState
	deadline := time.Now().Add(15 * time.Second)
	for {
		frames, err := chromedp.Run(ctx, chromedp.Evaluate[[]hostFrame](hostFramesJS))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range frames {
			if f.Src == src {
				hf = f
			}
		}
		fs, err = chromedp.Run(fctx, chromedp.Evaluate[frameState](frameStateJS))
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(hf.Height-fs.Height) <= 2 && fs.ScrollHeight <= fs.InnerHeight {
			return hf, fs
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: frame is %.1f px tall, its content %.1f px (scrollHeight %.0f in a %.0f px view): not resized to fit",
				src, hf.Height, fs.Height, fs.ScrollHeight, fs.InnerHeight)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// slowScript delays embed.js so that it runs after the host page is parsed
// and the page's record of added nodes has started.
func slowScript(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/embed.js" {
			time.Sleep(300 * time.Millisecond)
		}
		next.ServeHTTP(w, r)
	})
}

func TestEmbedsOnAnotherSiteRenderFitTheirTextAndCannotBeTurnedAgainstIt(t *testing.T) {
	headers := siteHeaders(t)
	site := browsertest.Serve(t, public, func(h http.Handler) http.Handler { return slowScript(headers.Wrap(h)) })
	page := hostPage(t, site.URL)
	// Another port is another origin: the partner's site.
	host := browsertest.Serve(t, t.TempDir(), func(http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		})
	})
	browser := browsertest.New(t)
	ctx := browser.Tab(t, 1000, 900, false)
	open(t, ctx, host.URL+"/")

	want := []struct {
		src, canonical, lang string
		clause               string // a phrase of the clause text
	}{
		{site.URL + "/en/embed/" + initiative + "2/", siteOrigin + "/en/" + initiative + "2/", "en", "order brushing, fake ratings and data fraud"},
		{site.URL + "/embed/" + initiative + "3/", siteOrigin + "/" + initiative + "3/", "zh-Hans", "坚持创新驱动"},
	}
	frames, err := chromedp.Run(ctx, chromedp.Poll[[]hostFrame](
		`(() => { const f = `+hostFramesJS+`; return f.length >= 3 ? f : null })()`, chromedp.WithPollingTimeout(15*time.Second)))
	if err != nil {
		t.Fatalf("embed.js made no frames: %v", err)
	}
	if len(frames) != 3 {
		t.Fatalf("%d frames, want 3 (two clauses and the quotation with markup in its text): %+v", len(frames), frames)
	}
	for i, f := range frames {
		if f.Sandbox != "allow-scripts allow-popups allow-popups-to-escape-sandbox" || f.Loading != "lazy" || f.Title == "" {
			t.Errorf("frame %d: sandbox %q, loading %q, title %q", i, f.Sandbox, f.Loading, f.Title)
		}
		if i < 2 && f.Src != want[i].src {
			t.Errorf("frame %d: src %s, want %s", i, f.Src, want[i].src)
		}
	}
	if !strings.Contains(frames[2].Title, "<img src=x onerror=alert(2)>") {
		t.Errorf("frame title %q: the quotation's text should be there as text", frames[2].Title)
	}

	for _, w := range want {
		fctx := frameTab(t, ctx, w.src)
		hf, fs := fitted(t, ctx, fctx, w.src)
		t.Logf("%s: frame %.0f px for %.1f px of content", w.src, hf.Height, fs.Height)
		if fs.Lang != w.lang || !strings.Contains(fs.Text, w.clause) {
			t.Errorf("%s: lang %q, text %.80q…; want %s text with %q", w.src, fs.Lang, fs.Text, w.lang, w.clause)
		}
		if fs.Origin != "null" {
			t.Errorf("%s: frame origin %q; without allow-same-origin it must be opaque", w.src, fs.Origin)
		}
		// The inline style ran under the embed policy (its hash is right).
		if fs.Border != "1px" {
			t.Errorf("%s: card border %q: the inline style was blocked?", w.src, fs.Border)
		}
		if fs.Link != w.canonical || fs.BaseTarget != "_blank" {
			t.Errorf("%s: link %q (target %q), want %s in a new window", w.src, fs.Link, fs.BaseTarget, w.canonical)
		}
	}

	// At the oEmbed width, the cards are about as tall as the oEmbed answer
	// told consumers to reserve.
	setWidth := func(px int) {
		t.Helper()
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[string](fmt.Sprintf(`document.getElementById("widgets").style.width = "%dpx"`, px))); err != nil {
			t.Fatal(err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	setWidth(550)
	for i, w := range want {
		got, _ := fitted(t, ctx, frameTab(t, ctx, w.src), w.src)
		est := oembedHeight(t, []string{"en/", ""}[i], []string{"2", "3"}[i])
		t.Logf("%s at 550 px: %.0f px, oEmbed estimate %d px", w.src, got.Height, est)
		if math.Abs(got.Height-float64(est)) > 0.2*got.Height {
			t.Errorf("%s: card is %.0f px tall at 550 px, the oEmbed answer says %d: more than 20%% off", w.src, got.Height, est)
		}
	}

	// Narrower host column: the text wraps, the frame grows to match.
	enSrc := want[0].src
	fctx := frameTab(t, ctx, enSrc)
	before, _ := fitted(t, ctx, fctx, enSrc)
	setWidth(320)
	after, _ := fitted(t, ctx, fctx, enSrc)
	if after.Height <= before.Height {
		t.Errorf("at 320 px the frame is %.0f px tall, at 600 px %.0f px: it did not follow its content", after.Height, before.Height)
	}
	browsertest.Screenshot(t, ctx, "partner-page")

	// The link opens the canonical clause, in a new window.
	opened := chromedp.BrowserEvents(ctx, target.TargetInfoChanged)
	if err := chromedp.Do(fctx, chromedp.Click(chromedp.CSS(`main a[href^="http"]`))); err != nil {
		t.Fatal(err)
	}
	for ev, err := range opened {
		if err != nil {
			t.Fatalf("clicking the clause link opened no window: %v", err)
		}
		if ev.TargetInfo.Type == "page" && ev.TargetInfo.URL == want[0].canonical {
			break
		}
	}

	// Nothing but the three frames was added, no alert ran, no image exists,
	// and the hostile quotations are still there, as quotations.
	state, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Added  []string `json:"added"`
		Alerts int      `json:"alerts"`
		Images int      `json:"images"`
		Quotes []string `json:"quotes"`
	}](`({added: window.added, alerts: window.alerts, images: document.images.length,
	     quotes: [...document.querySelectorAll("blockquote")].map(q => q.textContent)})`))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(state.Added, " ") != "IFRAME IFRAME IFRAME" || state.Alerts != 0 || state.Images != 0 {
		t.Errorf("the page gained %v, ran alert %d times, has %d images; embed.js may add its frames only", state.Added, state.Alerts, state.Images)
	}
	if len(state.Quotes) != len(hostileQuotes) {
		t.Errorf("quotations left: %q, want the %d hostile ones untouched", state.Quotes, len(hostileQuotes))
	}
}

// partnerSite serves one page at / on its own loopback origin, as a
// partner's site would.
func partnerSite(t *testing.T, page string) string {
	t.Helper()
	return browsertest.Serve(t, t.TempDir(), func(http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write([]byte(page))
		})
	}).URL
}

// themedQuote is the quotation of clause 2 in English with the given
// data-theme attribute ("" for none).
func themedQuote(theme string) string {
	attr := ""
	if theme != "" {
		attr = ` data-theme="` + theme + `"`
	}
	return `<blockquote class="concord-clause" data-initiative="live-streaming-2020" data-clause="2" data-lang="en"` + attr + `><p>` + theme + `</p></blockquote>`
}

// emulateScheme makes ctx's document (a page or a frame) see the reader's
// OS colour scheme as scheme.
func emulateScheme(t *testing.T, ctx context.Context, scheme string) {
	t.Helper()
	_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The host page picks the card's theme with data-theme: with none, or
// light, the card is light even when the reader's system is dark (no dark
// block on a light partner page); dark is dark; auto follows the reader.
func TestEmbedCardThemeIsTheHostPagesChoice(t *testing.T) {
	site := browsertest.Serve(t, public, siteHeaders(t).Wrap)
	themes := []string{"", "light", "dark", "auto", "neon"}
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Light partner page</title></head><body style="background:#fff">`)
	for _, theme := range themes {
		b.WriteString(themedQuote(theme))
	}
	fmt.Fprintf(&b, `<script async src="%s/embed.js"></script></body></html>`, site.URL)
	host := partnerSite(t, b.String())
	src := site.URL + "/en/embed/" + initiative + "2/"
	frameSrc := map[string]string{"": src, "light": src, "dark": src + "#theme=dark", "auto": src + "#theme=auto", "neon": src}

	browser := browsertest.New(t)
	for _, scheme := range []string{"dark", "light"} {
		ctx := browser.Tab(t, 700, 2400, false)
		emulateScheme(t, ctx, scheme)
		open(t, ctx, host+"/")
		frames, err := chromedp.Run(ctx, chromedp.Poll[[]hostFrame](
			`(() => { const f = `+hostFramesJS+`; return f.length === 5 ? f : null })()`, chromedp.WithPollingTimeout(15*time.Second)))
		if err != nil {
			t.Fatalf("embed.js made no frames: %v", err)
		}
		for i, theme := range themes {
			if frames[i].Src != frameSrc[theme] {
				t.Errorf("data-theme=%q: frame %s, want %s", theme, frames[i].Src, frameSrc[theme])
			}
		}
		for _, theme := range []string{"", "dark", "auto"} {
			fctx := frameTab(t, ctx, frameSrc[theme])
			// The reader's setting holds for every document, frames included.
			emulateScheme(t, fctx, scheme)
			fitted(t, ctx, fctx, frameSrc[theme])
			bg, err := chromedp.Run(fctx, chromedp.Evaluate[string](`getComputedStyle(document.body).backgroundColor`))
			if err != nil {
				t.Fatal(err)
			}
			dark := theme == "dark" || theme == "auto" && scheme == "dark"
			if light := bg == "rgb(255, 255, 255)"; light == dark {
				t.Errorf("reader prefers %s, data-theme=%q: card background %s, want %s", scheme, theme, bg, map[bool]string{true: "dark", false: "white"}[dark])
			}
		}
		browsertest.Screenshot(t, ctx, "embed-themes-"+scheme)
	}
}

// A host page's markup can shadow what a script reads: <img
// name="currentScript"> replaces document.currentScript, <a
// id="addEventListener"> the window's method. None of it may change where
// the frames load from or stop their resizing: an "evil" server on another
// loopback port must get no request.
func TestEmbedScriptIgnoresDOMClobbering(t *testing.T) {
	var evilHits atomic.Int32
	evil := browsertest.Serve(t, t.TempDir(), func(http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			evilHits.Add(1)
			http.NotFound(w, r)
		})
	})
	site := browsertest.Serve(t, public, statichost.Wrap(public, siteHeaders(t)))
	clobbers := map[string]string{
		"img name=currentScript": `<img name="currentScript" src="EVIL/">`,
		"form name=currentScript, id=addEventListener": `<form name="currentScript" action="EVIL/"><input name="src" value="EVIL/"></form>` +
			`<a id="addEventListener" href="EVIL/">x</a><a id="Set" href="EVIL/">x</a><a id="URL" href="EVIL/">x</a>`,
		"document methods": `<img name="querySelectorAll" src="EVIL/q.png"><img name="createElement" src="EVIL/c.png">` +
			`<form name="readyState"></form><form name="addEventListener"></form><img name="defaultView" src="EVIL/d.png">`,
	}
	browser := browsertest.New(t)
	src := site.URL + "/en/embed/" + initiative + "2/"
	for name, markup := range clobbers {
		t.Run(name, func(t *testing.T) {
			page := `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile partner page</title></head><body>` +
				strings.ReplaceAll(markup, "EVIL", evil.URL) + themedQuote("") +
				`<script async src="` + site.URL + `/embed.js"></script></body></html>`
			// The clobbering images themselves load from evil: count only
			// what comes after them.
			ctx := browser.Tab(t, 700, 900, false)
			open(t, ctx, partnerSite(t, page)+"/")
			time.Sleep(300 * time.Millisecond)
			before := evilHits.Load()
			frames, err := chromedp.Run(ctx, chromedp.Poll[[]hostFrame](
				`(() => { const f = `+hostFramesJS+`; return f.length ? f : null })()`, chromedp.WithPollingTimeout(10*time.Second)))
			if err != nil {
				t.Fatalf("no frame: embed.js broke on the clobbered page: %v", err)
			}
			if len(frames) != 1 || frames[0].Src != src {
				t.Fatalf("frames %+v, want one from %s", frames, src)
			}
			fitted(t, ctx, frameTab(t, ctx, src), src)
			if n := evilHits.Load() - before; n != 0 {
				t.Errorf("the evil server got %d requests after the page loaded", n)
			}
		})
	}
}

// With script, the Embed panel gets a copy button that puts the code on the
// clipboard and says so.
func TestEmbedPanelCopyButtonCopiesTheCode(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	b := browsertest.New(t)
	ctx := b.Tab(t, 1280, 900, false)
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, cdpbrowser.SetPermission, cdpbrowser.SetPermissionParams{
			Permission: &cdpbrowser.PermissionDescriptor{Name: name}, Setting: cdpbrowser.PermissionSettingGranted, Origin: srv.URL,
		})
		if err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}
	open(t, ctx, srv.URL+"/en/"+initiative+"2/")
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`details.embed-panel > summary`)),
		chromedp.Click(chromedp.CSS(`details.embed-panel[open] button`)),
	); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Poll[[]string](`(() => {
	  const b = document.querySelector("details.embed-panel button");
	  return b.textContent === "Code copied" ? [b.textContent, document.querySelector("details.embed-panel textarea").value] : null })()`))
	if err != nil {
		t.Fatalf("the copy button never said it copied: %v", err)
	}
	clip, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if clip != got[1] || !strings.HasPrefix(clip, `<blockquote class="concord-clause"`) {
		t.Errorf("clipboard holds %.60q…, want the embed code %.60q…", clip, got[1])
	}
}

// Opened on its own (a reader follows the frame's URL), the embed page is a
// sandboxed top-level document under its served headers: it must load and
// be styled (the HTML standard refuses a sandboxed top-level page with a
// Cross-Origin-Opener-Policy, so the embed pages have none).
func TestEmbedPageOpensOnItsOwn(t *testing.T) {
	site := browsertest.Serve(t, public, statichost.Wrap(public, siteHeaders(t)))
	ctx := browsertest.New(t).Tab(t, 600, 600, false)
	open(t, ctx, site.URL+"/en/embed/"+initiative+"2/")
	fs, err := chromedp.Run(ctx, chromedp.Evaluate[frameState](frameStateJS))
	if err != nil {
		t.Fatal(err)
	}
	if fs.Origin != "null" || fs.Border != "1px" || !strings.Contains(fs.Text, "order brushing") {
		t.Errorf("embed page on its own: origin %q, card border %q, text %.60q…; want a sandboxed, styled card", fs.Origin, fs.Border, fs.Text)
	}
}

// An Arabic card reads right to left in the browser: its heading, text and
// footer run right to left, and the heading (one short line) sits against
// the card's right edge. So does the Arabic embed code's quotation, as a
// reader without script sees it on a left-to-right partner page.
func TestArabicEmbedCardIsRightToLeft(t *testing.T) {
	out := languageFixture(t)
	site := browsertest.Serve(t, out, statichost.Wrap(out, builtHeaders(t, out)))
	ctx := browsertest.New(t).Tab(t, 600, 600, false)
	open(t, ctx, site.URL+"/ar/embed/"+initiative+"2/")
	type layout struct {
		Dirs     []string `json:"dirs"`
		LeftGap  float64  `json:"leftGap"`
		RightGap float64  `json:"rightGap"`
		Text     string   `json:"text"`
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[layout](`(() => {
  const h = document.querySelector("h1"), r = document.createRange();
  r.selectNodeContents(h);
  const box = h.getBoundingClientRect(), text = r.getBoundingClientRect();
  return {dirs: ["h1", "main > p", "footer"].map((s) => getComputedStyle(document.querySelector(s)).direction),
    leftGap: text.left - box.left, rightGap: box.right - text.right, text: h.textContent};
})()`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got.Text, arabicHeading) {
		t.Fatalf("Arabic card heading %q, want %q", got.Text, arabicHeading)
	}
	for i, d := range got.Dirs {
		if d != "rtl" {
			t.Errorf("Arabic card: %s runs %q, want rtl", []string{"heading", "text", "footer"}[i], d)
		}
	}
	if got.RightGap > 2 || got.LeftGap < 50 {
		t.Errorf("Arabic heading is %.0f px from the card's left and %.0f px from its right: want it against the right edge", got.LeftGap, got.RightGap)
	}
	code := page(t, out, clauseFile("ar/", "2")).Find("details.embed-panel textarea").Text()
	quote, _, _ := strings.Cut(code, "<script")
	open(t, ctx, partnerSite(t, `<!doctype html><html lang="en"><meta charset="utf-8"><title>Partner</title><p>A partner's page.</p>`+quote))
	dir, err := chromedp.Run(ctx, chromedp.Evaluate[string](`getComputedStyle(document.querySelector("blockquote p")).direction`))
	if err != nil {
		t.Fatal(err)
	}
	if dir != "rtl" {
		t.Errorf("the Arabic quotation on a left-to-right page runs %q, want rtl", dir)
	}
}
