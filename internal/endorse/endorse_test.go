package endorse

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/endorse/mail"
	"github.com/concord-initiative/concord/internal/endorse/pgcluster"
	"github.com/concord-initiative/concord/internal/endorse/store"
	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

const initiative = "live-streaming-2020"

// testSite copies what the service reads of the shipped site.
func testSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := sitefixture.CopyParts(dir, sitefixture.RepoRoot(t), SiteParts); err != nil {
		t.Fatal(err)
	}
	return dir
}

// clock is a settable Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type harness struct {
	t       testing.TB
	site    string
	mailDir string
	st      store.Store
	srv     *Server
	http    *httptest.Server
	clock   *clock
}

func openSQLite(t testing.TB) store.Store {
	st, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newHarness(t testing.TB, st store.Store, tweak func(*Config)) *harness {
	t.Helper()
	return newHarnessOn(t, testSite(t), st, tweak)
}

// newHarnessOn is newHarness on the site in dir (a test's own languages).
func newHarnessOn(t testing.TB, dir string, st store.Store, tweak func(*Config)) *harness {
	t.Helper()
	h := &harness{t: t, site: dir, mailDir: t.TempDir(), st: st, clock: &clock{t: time.Now().UTC()}}
	h.http = httptest.NewUnstartedServer(nil)
	cfg := Config{
		SiteDir: h.site, SiteURL: "https://concord.example.org", PublicURL: "http://" + h.http.Listener.Addr().String(),
		Store: st, Mail: mail.Dir{Path: h.mailDir}, MailFrom: "Concord <endorse@concord.example.org>", MailDir: h.mailDir,
		Key: []byte("0123456789abcdef0123456789abcdef"), Now: h.clock.Now,
		IPLimit: Limit{}, DomainLimit: Limit{},
	}
	if tweak != nil {
		tweak(&cfg)
	}
	srv, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	h.srv = srv
	h.http.Config.Handler = srv
	h.http.Start()
	t.Cleanup(h.http.Close)
	return h
}

// client is a browser whose reader prefers English.
func (h *harness) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Transport: english{}, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

type english struct{}

func (english) RoundTrip(r *http.Request) (*http.Response, error) {
	r = r.Clone(r.Context())
	r.Header.Set("Accept-Language", "en-GB,en;q=0.9")
	return http.DefaultTransport.RoundTrip(r)
}

// post sends a form and returns the status and the page.
func (h *harness) post(c *http.Client, path string, v url.Values) (int, *goquery.Document, *http.Response) {
	h.t.Helper()
	resp, err := c.PostForm(h.http.URL+path, v)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, _ := goquery.NewDocumentFromReader(resp.Body)
	return resp.StatusCode, doc, resp
}

func (h *harness) get(c *http.Client, path string) (int, *goquery.Document) {
	h.t.Helper()
	resp, err := c.Get(h.http.URL + path)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	doc, _ := goquery.NewDocumentFromReader(resp.Body)
	return resp.StatusCode, doc
}

// form is a valid submission of an organisation.
func form(email string) url.Values {
	return url.Values{
		"initiative": {initiative}, "lang": {"en"},
		"original_name": {"Acme Trading Ltd"}, "original_lang": {"en"},
		"name_zh-hans": {"阿克米贸易"}, "category": {"company"},
		"website": {"https://www.acme.example/"}, "email": {email},
		"evidence_url": {"https://www.acme.example/news/concord"}, "authorised": {"1"},
	}
}

// submit sends the form twice, as a person does: from the site, then from
// the review page after checking it.
func (h *harness) submit(c *http.Client, v url.Values) (int, *goquery.Document) {
	h.t.Helper()
	status, doc, _ := h.post(c, "/submit", v)
	if status != http.StatusOK {
		return status, doc
	}
	tok, ok := doc.Find(`input[name="t"]`).Attr("value")
	if !ok {
		h.t.Fatalf("the review page has no token:\n%s", doc.Text())
	}
	v = cloneValues(v)
	v.Set("t", tok)
	h.clock.Add(5 * time.Second)
	status, doc, _ = h.post(c, "/submit", v)
	return status, doc
}

func cloneValues(v url.Values) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string{}, vs...)
	}
	return out
}

var linkRE = regexp.MustCompile(`https?://\S+`)

// mails are the messages written so far, oldest first.
func (h *harness) mails() []mail.Message {
	h.t.Helper()
	files, _ := filepath.Glob(filepath.Join(h.mailDir, "*.eml"))
	var out []mail.Message
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			h.t.Fatal(err)
		}
		m, err := mail.Read(data)
		if err != nil {
			h.t.Fatal(err)
		}
		out = append(out, m)
	}
	return out
}

// links are the confirmation and withdrawal links of a message, as paths.
func links(t testing.TB, m mail.Message) (confirm, withdraw string) {
	for _, l := range linkRE.FindAllString(m.Text, -1) {
		u, err := url.Parse(l)
		if err != nil {
			continue
		}
		switch u.Path {
		case "/confirm":
			confirm = u.RequestURI()
		case "/withdraw":
			withdraw = u.RequestURI()
		}
	}
	if confirm == "" || withdraw == "" {
		t.Fatalf("no confirmation and withdrawal links in:\n%s", m.Text)
	}
	return
}

// confirm follows a confirmation link as a person does: open, click.
func (h *harness) confirm(c *http.Client, path string) (int, *goquery.Document) {
	h.t.Helper()
	_, doc := h.get(c, path)
	v := url.Values{}
	doc.Find("form input[type=hidden]").Each(func(_ int, s *goquery.Selection) {
		v.Set(s.AttrOr("name", ""), s.AttrOr("value", ""))
	})
	status, doc, _ := h.post(c, "/confirm", v)
	return status, doc
}

// login logs in as user and returns the CSRF token of the admin page.
func (h *harness) login(c *http.Client, user, password string) string {
	h.t.Helper()
	_, doc := h.get(c, "/admin/login")
	csrf := doc.Find(`input[name="csrf"]`).AttrOr("value", "")
	status, _, resp := h.post(c, "/admin/login", url.Values{"csrf": {csrf}, "user": {user}, "password": {password}})
	if status != http.StatusSeeOther || !strings.HasSuffix(resp.Header.Get("Location"), "/admin/") {
		h.t.Fatalf("login: %d %s", status, resp.Header.Get("Location"))
	}
	_, doc = h.get(c, "/admin/")
	return doc.Find(`input[name="csrf"]`).AttrOr("value", "")
}

func (h *harness) act(c *http.Client, csrf string, id int64, action, reason string) int {
	h.t.Helper()
	status, _, _ := h.post(c, "/admin/act", url.Values{"csrf": {csrf}, "id": {itoa(id)}, "action": {action}, "reason": {reason}})
	return status
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestFlowSQLite(t *testing.T)   { flow(t, openSQLite(t)) }
func TestFlowPostgres(t *testing.T) { flow(t, openPostgres(t)) }

func openPostgres(t testing.TB) store.Store {
	st, err := store.Open(context.Background(), pgcluster.Start(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// flow: the whole life of an endorsement, from the form to the file.
func flow(t *testing.T, st store.Store) {
	h := newHarness(t, st, nil)
	c := h.client()
	status, doc := h.submit(c, form("Ada.Lovelace+concord@acme.example"))
	if status != http.StatusSeeOther {
		t.Fatalf("submit: %d\n%s", status, doc.Text())
	}
	mails := h.mails()
	if len(mails) != 1 || mails[0].To != "Ada.Lovelace+concord@acme.example" || mails[0].Lang != "en" {
		t.Fatalf("mails: %+v", mails)
	}
	confirm, withdraw := links(t, mails[0])
	if status, doc := h.confirm(c, confirm); status != http.StatusOK || !strings.Contains(doc.Find("h1").Text(), "Endorsement confirmed") {
		t.Fatalf("confirm: %d %s", status, doc.Text())
	}
	if status, doc := h.confirm(c, confirm); status != http.StatusGone || !strings.Contains(doc.Text(), "used already") {
		t.Errorf("a confirmation link used twice: %d %s", status, doc.Find("main").Text())
	}

	st.AddUser(context.Background(), "editor", HashPassword("correct horse battery"))
	mod := h.client()
	csrf := h.login(mod, "editor", "correct horse battery")
	_, doc = h.get(mod, "/admin/")
	item := doc.Find("section.item")
	if item.Length() != 1 || !strings.Contains(item.Text(), "Acme Trading Ltd") || !strings.Contains(item.Find(".checks").Text(), "matches the website") {
		t.Fatalf("queue: %s", doc.Find("main").Text())
	}
	all, _ := st.List(context.Background(), initiative)
	id := all[0].ID
	if s := h.act(mod, csrf, id, "approve", ""); s != http.StatusSeeOther {
		t.Fatalf("approve: %d", s)
	}
	if s := h.act(mod, "wrong", id, "verify", ""); s != http.StatusForbidden {
		t.Errorf("an action without the CSRF token: %d", s)
	}

	before, _ := os.ReadFile(filepath.Join(h.site, "data/signatories", initiative+".toml"))
	res, ps, err := Export(context.Background(), st, h.site, initiative, true, h.clock.Now())
	if err != nil || len(ps) > 0 || len(res.Added) != 1 || res.Added[0] != "acme-trading-ltd" {
		t.Fatalf("export: %+v %v %v", res, ps, err)
	}
	after, _ := os.ReadFile(filepath.Join(h.site, "data/signatories", initiative+".toml"))
	if !strings.HasPrefix(string(after), string(before)) {
		t.Error("the export changed the existing entries or comments")
	}
	entry := validEntry(t, h.site, "acme-trading-ltd")
	if entry.Name["zh-hans"] != "阿克米贸易" || entry.Name["en"] != "Acme Trading Ltd" || entry.Method != "form" || entry.Status != "active" || *entry.Verified {
		t.Errorf("exported entry: %+v", entry)
	}
	if strings.Contains(string(after), "acme.example\"\nemail") || strings.Contains(string(after), "Lovelace") {
		t.Error("the email address reached the public file")
	}
	// Again: nothing more to add.
	if res, _, err := Export(context.Background(), st, h.site, initiative, true, h.clock.Now()); err != nil || len(res.Added)+len(res.Changed) != 0 {
		t.Errorf("a second export: %+v %v", res, err)
	}

	// The signatory withdraws: the next export says so, with the date.
	_, doc = h.get(c, withdraw)
	v := url.Values{}
	doc.Find("form input[type=hidden]").Each(func(_ int, s *goquery.Selection) { v.Set(s.AttrOr("name", ""), s.AttrOr("value", "")) })
	if status, doc, _ := h.post(c, "/withdraw", v); status != http.StatusOK || !strings.Contains(doc.Find("h1").Text(), "withdrawn") {
		t.Fatalf("withdraw: %d %s", status, doc.Text())
	}
	v.Set("s", "0000")
	if status, _, _ := h.post(c, "/withdraw", v); status != http.StatusForbidden {
		t.Errorf("a forged withdrawal link: %d", status)
	}
	if res, ps, err := Export(context.Background(), st, h.site, initiative, true, h.clock.Now()); err != nil || len(res.Changed) != 1 {
		t.Fatalf("export after withdrawal: %+v %v %v", res, ps, err)
	}
	entry = validEntry(t, h.site, "acme-trading-ltd")
	if entry.Status != "withdrawn" || entry.Withdrawn == nil || entry.Withdrawn.Date != h.clock.Now().Format(time.DateOnly) || !strings.Contains(entry.Withdrawn.Reason["en"], "by the signatory") {
		t.Errorf("withdrawn entry: %+v %+v", entry, entry.Withdrawn)
	}
	log, _ := st.Audit(context.Background(), id)
	if len(log) != 2 || log[0].User != SignatoryUser || log[1].User != "editor" || log[1].Action != "approve" {
		t.Errorf("audit log: %+v", log)
	}
}

// validEntry checks the site's signatories files as `signatories validate`
// does and returns the entry with id.
func validEntry(t *testing.T, site, id string) *signatories.Entry {
	t.Helper()
	_, files, ps, err := signatories.Load(site, signatories.Today())
	if err != nil || len(ps.Errors()) > 0 {
		t.Fatalf("the exported file does not validate: %v %v", err, ps.Errors())
	}
	for _, f := range files {
		for _, e := range f.Entries {
			if e.ID == id {
				return e
			}
		}
	}
	t.Fatalf("no entry %s", id)
	return nil
}

func TestMessagesTranslated(t *testing.T) {
	gaps, err := toolmessages.Gaps(sitefixture.RepoRoot(t), Messages)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gaps {
		t.Error(g)
	}
}

func TestPagesInTheFormsLanguage(t *testing.T) {
	h := newHarness(t, openSQLite(t), nil)
	v := form("li@acme.example")
	v.Set("lang", "zh-hans")
	v.Set("email", "not an address")
	status, doc, _ := h.post(h.client(), "/submit", v)
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", status)
	}
	if lang, _ := doc.Find("html").Attr("lang"); lang != "zh-Hans" {
		t.Errorf("page lang %q", lang)
	}
	if got := doc.Find("#email-error").Text(); !strings.Contains(got, "请填写一个邮箱地址") {
		t.Errorf("email error %q, want it in Chinese", got)
	}
}
