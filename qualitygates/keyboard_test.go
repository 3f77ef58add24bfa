package qualitygates

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// focusState describes the element that has the keyboard focus and how the
// page shows it.
type focusState struct {
	None     bool    `json:"none"` // focus left the page (past the last element)
	Element  string  `json:"element"`
	Text     string  `json:"text"`
	Outline  string  `json:"outline"`
	Width    float64 `json:"width"`    // outline width, px
	Shadow   bool    `json:"shadow"`   // a box-shadow ring instead
	Contrast float64 `json:"contrast"` // outline colour against the background behind it
	OnScreen bool    `json:"onScreen"`
	Visible  bool    `json:"visible"`
}

// focusJS reads document.activeElement. The contrast is WCAG's ratio of the
// outline colour against the first opaque background up the tree (1.4.11,
// non-text contrast, asks for 3:1).
const focusJS = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {none: true};
  const cs = getComputedStyle(el);
  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = null;
  for (let n = el.parentElement; n && !bg; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length >= 3 && (c.length < 4 || c[3] > 0.99)) bg = c;
  }
  if (!bg) bg = [255, 255, 255];
  const oc = rgb(cs.outlineColor);
  const [hi, lo] = [lum(oc), lum(bg)].sort((a, b) => b - a);
  const r = el.getBoundingClientRect();
  let desc = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.className && typeof el.className === "string" ? "." + el.className.trim().split(/\s+/).join(".") : "");
  const parent = el.closest("[id]");
  if (parent && parent !== el) desc = "#" + parent.id + " " + desc;
  return {
    element: desc,
    text: (el.innerText || el.value || el.getAttribute("aria-label") || "").trim().slice(0, 40),
    outline: cs.outlineStyle + " " + cs.outlineWidth + " " + cs.outlineColor,
    width: cs.outlineStyle === "none" ? 0 : parseFloat(cs.outlineWidth),
    shadow: cs.boxShadow !== "none",
    contrast: (hi + 0.05) / (lo + 0.05),
    onScreen: r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth,
    visible: r.width > 0 && r.height > 0 && cs.visibility !== "hidden",
  };
})()`

// maxTabStops bounds the walk through one page's focus order.
const maxTabStops = 400

// tabThrough presses Tab from the top of the page until the focus leaves it
// and returns every stop.
func tabThrough(t *testing.T, ctx context.Context) []focusState {
	t.Helper()
	var stops []focusState
	for i := 0; i < maxTabStops; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		s, err := chromedp.Run(ctx, chromedp.Evaluate[focusState](focusJS))
		if err != nil {
			t.Fatal(err)
		}
		if s.None {
			return stops
		}
		stops = append(stops, s)
	}
	t.Fatalf("focus never left the page after %d Tab presses: a keyboard trap?", maxTabStops)
	return nil
}

// Every element the keyboard reaches, on every page, in the light and the
// dark scheme: the focus indicator is there (a 2 px outline or a ring),
// stands out 3:1 from the background (WCAG 1.4.11), and the element is
// on screen when it has the focus (2.4.7, 2.4.11).
func TestGateFocusIsVisible(t *testing.T) {
	g := gate(t, "keyboard")
	base := serveSite(t)
	b := browsertest.New(t)
	pages := readerPages(t)
	total := 0
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			ctx := viewports[0].tab(t, b)
			if scheme == "dark" {
				darkScheme(t, ctx)
			}
			for _, p := range pages {
				navigate(t, ctx, base+"/"+p)
				stops := tabThrough(t, ctx)
				if len(stops) == 0 {
					t.Errorf("%s: Tab reaches nothing (no skip link, no links?)", p)
				}
				total += len(stops)
				for i, s := range stops {
					at := fmt.Sprintf("%s (%s), Tab stop %d, %s %q", p, scheme, i+1, s.Element, s.Text)
					switch {
					case !s.Visible || !s.OnScreen:
						t.Errorf("%s: focused element is not on screen; scroll it into view or do not make it focusable", at)
					case s.Width < 2 && !s.Shadow:
						t.Errorf("%s: no visible focus indicator (outline %s); the site's :focus-visible outline is overridden", at, s.Outline)
					case !s.Shadow && s.Contrast < 3:
						t.Errorf("%s: focus outline %s has contrast %.2f:1 against its background, below 3:1; change --focus in assets/css/site.css", at, s.Outline, s.Contrast)
					}
				}
			}
		})
	}
	g.note("focus visible on %d Tab stops over %d pages, light and dark", total, len(pages))
}

// focusOn presses Tab until the element matching selector has the focus.
func focusOn(t *testing.T, ctx context.Context, selector string) {
	t.Helper()
	js := fmt.Sprintf(`document.activeElement && document.activeElement.matches(%q)`, selector)
	for i := 0; i < maxTabStops; i++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
			t.Fatal(err)
		}
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err != nil {
			t.Fatal(err)
		} else if ok {
			return
		}
	}
	t.Fatalf("Tab never reaches %s: it cannot be used from the keyboard", selector)
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.hash`))
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// pressAndWait presses key on the focused element and waits for the page it
// leads to.
func pressAndWait(t *testing.T, ctx context.Context, key string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.WaitEvent(pageLoad, nil, chromedp.KeyEvent(key))); err != nil {
		t.Fatalf("pressing %q loaded no page: %v", key, err)
	}
}

// The view toggle (side by side ↔ one language) works from the keyboard
// alone in both interface languages: Tab to it, Enter, and the view changes.
func TestGateViewToggleByKeyboard(t *testing.T) {
	g := gate(t, "keyboard")
	base := serveSite(t)
	b := browsertest.New(t)
	for lang, prefix := range map[string]string{"zh-Hans": "", "en": "en/"} {
		t.Run(lang, func(t *testing.T) {
			ctx := viewports[0].tab(t, b)
			navigate(t, ctx, base+"/"+prefix+initiative)
			focusOn(t, ctx, `.view-switcher a[hreflang="en"]`)
			pressAndWait(t, ctx, kb.Enter)
			if got, want := location(t, ctx), "/en/"+initiative+"text.html"; !strings.HasPrefix(got, want) {
				t.Fatalf("Enter on the English view went to %s, want %s", got, want)
			}
			focusOn(t, ctx, `.view-switcher a:not([hreflang])`)
			pressAndWait(t, ctx, kb.Enter)
			if got, want := location(t, ctx), "/en/"+initiative; !strings.HasPrefix(got, want) || strings.Contains(got, "text.html") {
				t.Fatalf("Enter on the side-by-side view went to %s, want %s", got, want)
			}
		})
	}
	g.note("view toggle by Tab+Enter in both languages")
}

// grantClipboard lets pages on origin read and write the clipboard, as a
// reader's click would; the test reads back what a copy button wrote.
func grantClipboard(t *testing.T, ctx context.Context, origin string) {
	t.Helper()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		_, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: origin,
		})
		if err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}
}

func clipboard(t *testing.T, ctx context.Context) string {
	t.Helper()
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("read the clipboard: %v", err)
	}
	return text
}

// The copy controls work from the keyboard: the clause's "copy link" button
// with Enter and with Space, and the embed panel (a <details>) opens with
// Enter and its "copy code" button copies the snippet.
func TestGateCopyControlsByKeyboard(t *testing.T) {
	g := gate(t, "keyboard")
	base := serveSite(t)
	b := browsertest.New(t)
	ctx := viewports[0].tab(t, b)
	grantClipboard(t, ctx, base)
	navigate(t, ctx, base+"/en/"+initiative)

	want, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".clause-tools a[data-copy-link]").dataset.copyLink`))
	if err != nil {
		t.Fatalf("no clause link to copy: %v", err)
	}
	focusOn(t, ctx, `.clause-tools button`)
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatal(err)
	}
	if got := clipboard(t, ctx); got != want {
		t.Errorf("Enter on \"Copy link\" put %q on the clipboard, want %q", got, want)
	}
	label, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.textContent`))
	if label != "Link copied" {
		t.Errorf("after copying the button says %q, want \"Link copied\" (the reader must hear it worked)", label)
	}

	// The next clause's button, with Space.
	focusOn(t, ctx, `.clause-row:nth-of-type(2) .clause-tools button, .clause-row ~ .clause-row .clause-tools button`)
	want2, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.previousElementSibling?.dataset.copyLink ?? document.activeElement.parentElement.querySelector("a[data-copy-link]").dataset.copyLink`))
	if err := chromedp.Do(ctx, chromedp.KeyEvent(" ")); err != nil {
		t.Fatal(err)
	}
	if got := clipboard(t, ctx); got != want2 {
		t.Errorf("Space on \"Copy link\" put %q on the clipboard, want %q", got, want2)
	}
	notes := []string{"copy link by Enter and Space"}

	// The embed panel, where the widget issue ships one.
	hasEmbed, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`!!document.querySelector("details.embed-panel")`))
	if hasEmbed {
		navigate(t, ctx, base+"/en/"+initiative)
		focusOn(t, ctx, `details.embed-panel > summary`)
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		open, _ := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.parentElement.open`))
		if !open {
			t.Fatal("Enter on the \"Embed\" summary did not open the panel")
		}
		focusOn(t, ctx, `details.embed-panel[open] button`)
		code, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.closest("details").querySelector("textarea").value`))
		if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
			t.Fatal(err)
		}
		if got := clipboard(t, ctx); got != code || code == "" {
			t.Errorf("Enter on the embed panel's copy button put %q on the clipboard, want the snippet %q", got, code)
		}
		notes = append(notes, "embed panel opened and code copied by Enter")
	}
	g.note("%s", strings.Join(notes, ", "))
}

// The focus check sees a focus nobody can see: a page whose stylesheet
// removes the outline.
func TestFocusGateSeesAnInvisibleFocus(t *testing.T) {
	dir := t.TempDir()
	bad := `<!doctype html><html lang=en><title>bad</title><style>a:focus{outline:none}</style>
<a href="#x">one</a> <a href="#y" style="outline:2px solid #f4f4f4">two</a>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, dir, nil)
	ctx := viewports[0].tab(t, browsertest.New(t))
	navigate(t, ctx, srv.URL+"/")
	stops := tabThrough(t, ctx)
	if len(stops) != 2 {
		t.Fatalf("%d Tab stops, want 2: %+v", len(stops), stops)
	}
	if s := stops[0]; s.Width >= 2 || s.Shadow {
		t.Errorf("outline:none read as a visible focus: %+v", s)
	}
	if s := stops[1]; s.Contrast >= 3 {
		t.Errorf("a near-white outline on white read as %.2f:1", s.Contrast)
	}
}
