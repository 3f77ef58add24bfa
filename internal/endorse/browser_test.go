package endorse

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/endorse/mail"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/quality/headersfile"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// TestBrowserEndToEnd: in Chromium, a signatory fills the form on the
// built site's English endorse page (served with the site's _headers, so
// its CSP form-action is enforced), checks and sends it on the service's
// review page, follows the emailed link and confirms; a moderator logs in
// and approves; the export and a rebuild put the signatory on the list
// page and in signatories.json.
func TestBrowserEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the site twice and drives Chromium")
	}
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := sitefixture.Copy(site, root); err != nil {
		t.Fatal(err)
	}
	public := filepath.Join(dir, "public")
	// The static site, with the headers its _headers file gives each path
	// (read again after every build).
	var headers atomic.Pointer[headersfile.File]
	static := browsertest.Serve(t, public, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if h := headers.Load(); h != nil {
				h.Wrap(next).ServeHTTP(w, r)
				return
			}
			next.ServeHTTP(w, r)
		})
	})

	mailDir := filepath.Join(dir, "mail")
	svc := httptest.NewUnstartedServer(nil)
	st := openSQLite(t)
	srv, err := New(Config{
		SiteDir: site, SiteURL: static.URL, PublicURL: "http://" + svc.Listener.Addr().String(),
		Store: st, Mail: mail.Dir{Path: mailDir}, MailDir: mailDir, MailFrom: "endorse@concord.example.org",
		Key: []byte("0123456789abcdef0123456789abcdef"), MinFillTime: time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	svc.Config.Handler = srv
	svc.Start()
	t.Cleanup(svc.Close)

	cfg, _ := os.ReadFile(filepath.Join(site, "hugo.toml"))
	cfg = bytes.Replace(cfg, []byte(`endpoint = ""`), []byte(`endpoint = "`+svc.URL+`"`), 1)
	if err := os.WriteFile(filepath.Join(site, "hugo.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	build := func() {
		t.Helper()
		ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
		defer cancel()
		if err := hugobuild.Build(ctx, site, public, "--cleanDestinationDir"); err != nil {
			t.Fatal(err)
		}
		h, err := headersfile.ParseFile(filepath.Join(public, "_headers"))
		if err != nil {
			t.Fatal(err)
		}
		headers.Store(h)
	}
	build()
	const page = "/en/initiatives/live-streaming-2020/signatories.html"
	if csp := headers.Load().For(page).Get("Content-Security-Policy"); !strings.Contains(csp, "form-action 'self' "+svc.URL) {
		t.Fatalf("the endorse page's CSP does not allow the service: %q", csp)
	}

	tab := browsertest.New(t).Tab(t, 1000, 900, false)
	must := func(what string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(tab, actions...); err != nil {
			browsertest.Screenshot(t, tab, "failed")
			t.Fatalf("%s: %v", what, err)
		}
	}
	click := func(what, sel string) {
		t.Helper()
		if err := browsertest.ClickAndWait(tab, chromedp.CSS(sel)); err != nil {
			browsertest.Screenshot(t, tab, "failed")
			t.Fatalf("%s: %v", what, err)
		}
	}
	must("open the endorse page", chromedp.Navigate(static.URL+page), chromedp.WaitVisible(chromedp.CSS("#endorse-original-name")))
	must("fill the form",
		chromedp.SendKeys(chromedp.CSS("#endorse-original-name"), "Harbour Fair Trade Society"),
		chromedp.SendKeys(chromedp.CSS("#endorse-name-zh-hans"), "港湾公平贸易协会"),
		chromedp.SetValue(chromedp.CSS("#endorse-category"), "civil-society"),
		chromedp.SendKeys(chromedp.CSS("#endorse-website"), "https://harbour.example/"),
		chromedp.SendKeys(chromedp.CSS("#endorse-email"), "office@harbour.example"),
		chromedp.Click(chromedp.CSS("#endorse-authorised")),
	)
	if notice := read(t, tab, chromedp.Text(chromedp.CSS(".endorse-privacy"))); !strings.Contains(notice, "kept for 90 days") || !strings.Contains(notice, "after 72 hours") {
		t.Errorf("privacy notice %q", notice)
	}
	browsertest.Screenshot(t, tab, "1-form")
	click("send the form", `.endorse-form button[type="submit"]`)
	title := read(t, tab, chromedp.Title())
	if !strings.Contains(title, "Check and send") {
		t.Fatalf("after sending: page %q", title)
	}
	time.Sleep(1100 * time.Millisecond) // the minimum fill time
	click("send again", `button[type="submit"]`)
	h1 := read(t, tab, chromedp.Text(chromedp.CSS("h1")))
	if h1 != "Check your email" {
		t.Fatalf("after review: %q", h1)
	}
	browsertest.Screenshot(t, tab, "2-sent")

	files, _ := filepath.Glob(filepath.Join(mailDir, "*.eml"))
	if len(files) != 1 {
		t.Fatalf("%d mails", len(files))
	}
	data, _ := os.ReadFile(files[0])
	m, err := mail.Read(data)
	if err != nil {
		t.Fatal(err)
	}
	confirm, _ := links(t, m)
	must("open the link", chromedp.Navigate(svc.URL+confirm), chromedp.WaitVisible(chromedp.CSS("button")))
	click("confirm", "button")
	h1 = read(t, tab, chromedp.Text(chromedp.CSS("h1")))
	if h1 != "Endorsement confirmed" {
		t.Fatalf("after confirming: %q", h1)
	}

	st.AddUser(context.Background(), "editor", HashPassword("correct horse battery"))
	must("log in",
		chromedp.Navigate(svc.URL+"/admin/login?lang=en"),
		chromedp.SendKeys(chromedp.CSS("#user"), "editor"),
		chromedp.SendKeys(chromedp.CSS("#password"), "correct horse battery"))
	click("log in", `button[type="submit"]`)
	browsertest.Screenshot(t, tab, "3-queue")
	click("approve", "button.act-approve")
	state := read(t, tab, chromedp.Text(chromedp.CSS("section.item .state")))
	if !strings.HasPrefix(state, "approved") {
		t.Fatalf("state after approving: %q", state)
	}

	if res, ps, err := Export(context.Background(), st, site, initiative, true, time.Now()); err != nil || len(res.Added) != 1 {
		t.Fatalf("export: %+v %v %v", res, ps, err)
	}
	build()
	must("the list page after the rebuild", chromedp.Navigate(static.URL+page))
	list := read(t, tab, chromedp.Text(chromedp.CSS("main")))
	if !strings.Contains(list, "Harbour Fair Trade Society") {
		t.Errorf("the signatories page does not list the new signatory")
	}
	browsertest.Screenshot(t, tab, "4-listed")
	raw, err := os.ReadFile(filepath.Join(public, "en/initiatives/live-streaming-2020/signatories.json"))
	if err != nil {
		t.Fatal(err)
	}
	var export struct {
		Signatories []struct {
			ID   string            `json:"id"`
			Name map[string]string `json:"name"`
		} `json:"signatories"`
	}
	if err := json.Unmarshal(raw, &export); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, s := range export.Signatories {
		found = found || (s.ID == "harbour-fair-trade-society" && s.Name["zh-hans"] == "港湾公平贸易协会")
	}
	if !found {
		t.Errorf("signatories.json lacks the new signatory:\n%.600s", raw)
	}
}

// read runs one action that returns text, failing the test on error.
func read(t *testing.T, tab context.Context, a chromedp.Action[string]) string {
	t.Helper()
	v, err := chromedp.Run(tab, a)
	if err != nil {
		browsertest.Screenshot(t, tab, "failed")
		t.Fatal(err)
	}
	return v
}
