package qualitygates

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/quality/headersfile"
	"github.com/concord-initiative/concord/internal/quality/statichost"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
)

// useJS works every control a page has, so that what its scripts do runs
// under the policy too: opens each <details>, presses each script button
// (copy link, copy code), and types into each search field.
const useJS = `(() => {
  for (const d of document.querySelectorAll("details")) d.open = true;
  for (const b of document.querySelectorAll("button[type=button]")) b.click();
  for (const i of document.querySelectorAll("input[type=search], input[type=text]")) {
    i.value = "a"; i.dispatchEvent(new Event("input", {bubbles: true}));
  }
  return true;
})()`

// cspProblems opens url in ctx, works its controls, and returns what broke
// the policy or the page: the securitypolicyviolation events, Chromium's
// CSP issues, console errors and uncaught exceptions. wantCSP is the policy
// the document must have been served with ("" to not check).
func cspProblems(t *testing.T, ctx context.Context, pageURL, wantCSP string) []string {
	t.Helper()
	w := watch(ctx)
	navigate(t, ctx, pageURL)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](useJS)); err != nil {
		t.Errorf("%s: work the controls: %v", pageURL, err)
	}
	violations := w.finish(t, ctx)
	var out []string
	for _, v := range violations {
		out = append(out, "securitypolicyviolation: "+v.String())
	}
	for _, is := range w.issues {
		if d := is.Details; d != nil && d.ContentSecurityPolicyIssueDetails != nil {
			c := d.ContentSecurityPolicyIssueDetails
			where := ""
			if l := c.SourceCodeLocation; l != nil {
				where = " at " + l.URL + ":" + strconv.FormatInt(l.LineNumber+1, 10)
			}
			out = append(out, "Chromium CSP issue: "+c.ViolatedDirective+" blocked "+c.BlockedURL+" ("+string(c.ContentSecurityPolicyViolationType)+")"+where)
		}
	}
	for _, m := range w.console {
		if m.Type == chromedp.ConsoleError || m.IsException() {
			out = append(out, "console "+m.String()+" ("+m.URL+")")
		}
	}
	if wantCSP != "" {
		if len(w.docCSP) != 1 || w.docCSP[0] != wantCSP {
			out = append(out, "served with Content-Security-Policy "+strings.Join(w.docCSP, " | ")+", want the _headers policy "+wantCSP)
		}
	}
	return out
}

// Every page is served with the policy the site's _headers gives its path
// (applied by the loopback server as the host applies it), and loading and
// using the page reports no violation of it, nor any script error.
func TestGateCSP(t *testing.T) {
	g := gate(t, "csp")
	headers := siteHeaders(t)
	base := serveSite(t)
	b := browsertest.New(t)
	ctx := viewports[0].tab(t, b)
	prepareWatchTab(t, ctx)
	grantClipboard(t, ctx, base)
	pages := readerPages(t)
	policies := map[string]bool{}
	problems := 0
	for _, p := range pages {
		path := "/" + strings.TrimSuffix(p, "index.html")
		want := headers.For(path).Values("Content-Security-Policy")
		if len(want) != 1 {
			t.Errorf("%s: _headers gives %d Content-Security-Policy headers for %s, want exactly 1: layouts/home.headers gives it no single rule", p, len(want), path)
			continue
		}
		policies[want[0]] = true
		for _, problem := range cspProblems(t, ctx, base+path, want[0]) {
			problems++
			t.Errorf("%s: %s", p, problem)
		}
	}
	g.note("%d pages served with their _headers policy (%d distinct) and used: %d violations or script errors", len(pages), len(policies), problems)
}

// The CSP gate sees a violation when there is one: a page with an inline
// script and style, served with the site's page policy.
func TestCSPGateSeesAViolation(t *testing.T) {
	headers := siteHeaders(t)
	policy := headers.For("/").Get("Content-Security-Policy")
	dir := t.TempDir()
	bad := `<!doctype html><html lang=en><title>bad</title><style>p{color:red}</style>
<p>x</p><script>document.title = "ran"</script><img src="https://other.example/x.png" alt="">`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	rules, err := headersfile.Parse("test", strings.NewReader("/*\n  Content-Security-Policy: "+policy+"\n"))
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, dir, statichost.Wrap(dir, rules))
	ctx := viewports[0].tab(t, browsertest.New(t))
	prepareWatchTab(t, ctx)
	problems := cspProblems(t, ctx, srv.URL+"/", policy)
	joined := strings.Join(problems, "\n")
	for _, want := range []string{"script-src", "style-src", "img-src"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no violation of %s reported for a page that breaks it; got:\n%s", want, joined)
		}
	}
}
