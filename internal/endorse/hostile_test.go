package endorse

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/signatories"
)

// payloads: the markup, template and formula strings sitetests feeds the
// site (sitetests/signatories_test.go), plus what only a form can send.
var payloads = []string{
	`<script>alert(1)</script>`,
	`" onmouseover="alert(1)`,
	`'><img src=x onerror=alert(1)>`,
	`</title><script>alert(2)</script>`,
	`]]><x>`,
	`{{ .Site.Title }}`,
	`=HYPERLINK("http://evil.example","click")`,
	`"""\n[[signatory]]\nid = "forged"`,
	"Acme\" }\n[[signatory]]\nid = \"forged",
}

// stored counts the rows of every state.
func stored(t *testing.T, h *harness) int {
	all, err := h.st.List(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	return len(all)
}

// Refused input: the validator's rules (control and text-direction
// characters, a name of invisible characters, an address that is not
// one), the form's (no email, a list of addresses, an organisation without
// authorisation), a full name twice: each gets its field's message and
// nothing is stored.
func TestRefusedInputIsStoredNowhere(t *testing.T) {
	h := newHarness(t, openSQLite(t), nil)
	c := h.client()
	cases := []struct {
		name, field, value, want, errField string
	}{
		{"bidi override in the name", "original_name", "Acme\u202eevil", "invisible character U+202E", "original_name"},
		{"only a Hangul filler", "name_zh-hans", "\u3164", "no visible character", "name_zh-hans"},
		{"a control character", "original_name", "Ac\x07me", "U+0007", "original_name"},
		{"a javascript: website", "website", "javascript:alert(1)", "not a full web address", "website"},
		{"a website with U+202E", "website", "https://acme.example/\u202egnp.exe", "U+202E", "website"},
		{"an invalid language tag", "original_lang", "not a tag!", "BCP 47", "original_lang"},
		{"two addresses", "email", "a@acme.example, b@acme.example", "one email address", "email"},
		{"a display name", "email", "Ada <a@acme.example>", "one email address", "email"},
		{"no email", "email", "", "required", "email"},
		{"an unknown category", "category", "government", "kinds in the list", "category"},
		{"an organisation, not authorised", "authorised", "", "authorised", "authorised"},
		{"a name already listed", "name_zh-hans", "阿里巴巴", "same name as", "name_zh-hans"},
		{"a name that only looks the same", "original_name", "\u0410libaba", "looks the same", "original_name"},
		{"a name in no site language", "original_lang", "fr", "none of the site's languages", "name_en"},
		{"a name over 200 characters", "original_name", strings.Repeat("名", 201), "200", "original_name"},
		{"markup as the name", "original_name", `<script>alert(1)</script>`, "markup", "original_name"},
		{"markup in a translated name", "name_zh-hans", `</title><script>alert(2)</script>`, "markup", "name_zh-hans"},
		{"a template as the name", "original_name", `{{ .Site.Title }}`, "template", "original_name"},
		{"a spreadsheet formula as the name", "original_name", `=HYPERLINK("http://evil.example","click")`, "formula", "original_name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			v := form("x@acme.example")
			if tc.value == "" {
				v.Del(tc.field)
			} else {
				v.Set(tc.field, tc.value)
			}
			if tc.errField == "name_en" {
				// Only the French original: no name in a site language.
				v.Del("name_zh-hans")
			}
			status, doc := h.submit(c, v)
			if status != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422\n%s", status, doc.Find("main").Text())
			}
			got := doc.Find("#" + cssID(tc.errField) + "-error").Text()
			if tc.errField == "category" || tc.errField == "authorised" {
				got = doc.Find(".error").Text()
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("field error %q, want %q", got, tc.want)
			}
			if n := stored(t, h); n != 0 {
				t.Errorf("%d rows stored", n)
			}
			if len(h.mails()) != 0 {
				t.Error("a mail went out")
			}
		})
	}
}

func cssID(s string) string { return strings.ReplaceAll(s, "-", `\-`) }

// The payloads that do not read as code (quotes, TOML and CDATA
// breakers: the form refuses markup, templates and formulas, see
// TestRefusedInputIsStoredNowhere) are data: they stay text on every page
// of the service and in the exported TOML, which reads back the same
// strings.
func TestPayloadsStayText(t *testing.T) {
	h := newHarness(t, openSQLite(t), nil)
	c := h.client()
	ctx := context.Background()
	payloads := slices.DeleteFunc(slices.Clone(payloads), func(p string) bool {
		return strings.ContainsAny(p, "<{") || strings.HasPrefix(p, "=")
	})
	if len(payloads) < 3 {
		t.Fatalf("only %d payloads left to accept", len(payloads))
	}
	for i, p := range payloads {
		v := form("p" + itoa(int64(i)) + "@acme.example")
		v.Set("original_name", strings.ReplaceAll(p, "\n", " ")+" "+itoa(int64(i)))
		v.Set("name_zh-hans", "名"+itoa(int64(i)))
		status, doc, resp := h.post(c, "/submit", v)
		if status != http.StatusOK {
			t.Fatalf("payload %q: %d %s", p, status, doc.Find("main").Text())
		}
		if got := doc.Find("#original_name").AttrOr("value", ""); got != v.Get("original_name") {
			t.Errorf("the review page shows %q for %q", got, v.Get("original_name"))
		}
		if doc.Find("main script, main img, main x").Length() > 0 {
			t.Errorf("payload %q became markup", p)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'none'") {
			t.Errorf("CSP %q", csp)
		}
		h.submit(c, v)
	}
	for _, m := range h.mails() {
		confirm, _ := links(t, m)
		h.confirm(c, confirm)
	}
	h.st.AddUser(ctx, "ed", HashPassword("long enough password"))
	mod := h.client()
	csrf := h.login(mod, "ed", "long enough password")
	_, doc := h.get(mod, "/admin/")
	if doc.Find("main script, main img, main x").Length() > 0 {
		t.Error("a payload became markup on the admin page")
	}
	all, _ := h.st.List(ctx, initiative)
	if len(all) != len(payloads) {
		t.Fatalf("%d stored, want %d", len(all), len(payloads))
	}
	for _, e := range all {
		h.act(mod, csrf, e.ID, "approve", "")
	}
	if _, ps, err := Export(ctx, h.st, h.site, initiative, true, h.clock.Now()); err != nil {
		t.Fatalf("export: %v %v", err, ps)
	}
	_, files, ps, _ := signatories.Load(h.site, signatories.Today())
	if len(ps.Errors()) > 0 {
		t.Fatal(ps.Errors())
	}
	names := map[string]bool{}
	for _, e := range files[0].Entries {
		if e.ID == "forged" {
			t.Error("a payload wrote its own [[signatory]]")
		}
		names[e.Original.Name] = true
	}
	for _, e := range all {
		if !names[e.OriginalName] {
			t.Errorf("%q did not come back from the file as it was typed", e.OriginalName)
		}
	}
}

func TestWrongRequestsRefused(t *testing.T) {
	h := newHarness(t, openSQLite(t), func(c *Config) { c.MaxBody = 4096 })
	url := h.http.URL + "/submit"
	body := form("w@acme.example").Encode()
	for _, tc := range []struct {
		name, ctype, body string
		want              int
	}{
		{"JSON", "application/json", `{"email":"w@acme.example"}`, http.StatusUnsupportedMediaType},
		{"multipart", "multipart/form-data; boundary=x", "--x--", http.StatusUnsupportedMediaType},
		{"no content type", "", body, http.StatusUnsupportedMediaType},
		{"over the body limit", "application/x-www-form-urlencoded", body + "&pad=" + strings.Repeat("a", 5000), http.StatusRequestEntityTooLarge},
		{"an unknown initiative", "application/x-www-form-urlencoded", strings.Replace(body, initiative, "nope", 1), http.StatusBadRequest},
	} {
		req, _ := http.NewRequest("POST", url, strings.NewReader(tc.body))
		if tc.ctype != "" {
			req.Header.Set("Content-Type", tc.ctype)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, resp.StatusCode, tc.want)
		}
	}
	if n := stored(t, h); n != 0 {
		t.Errorf("%d rows stored", n)
	}
	// GET on the form's address does nothing.
	resp, _ := http.Get(url)
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /submit: %d", resp.StatusCode)
	}
}

// A bot fills the hidden field or sends the form faster than a person
// reads it: it sees the usual answer or the form again, and nothing is kept.
func TestHoneypotAndFillTime(t *testing.T) {
	h := newHarness(t, openSQLite(t), nil)
	c := h.client()
	v := form("bot@acme.example")
	v.Set("homepage", "http://spam.example")
	if status, _ := h.submit(c, v); status != http.StatusSeeOther {
		t.Errorf("honeypot: %d, want the usual redirect", status)
	}
	v = form("fast@acme.example")
	_, doc, _ := h.post(c, "/submit", v)
	v.Set("t", doc.Find(`input[name="t"]`).AttrOr("value", ""))
	h.clock.Add(time.Second)
	status, doc, _ := h.post(c, "/submit", v)
	if status != http.StatusUnprocessableEntity || !strings.Contains(doc.Find(".errors").Text(), "too quickly") {
		t.Errorf("sent within a second: %d %q", status, doc.Find(".errors").Text())
	}
	v.Set("t", "1."+strings.Repeat("0", 32))
	if status, _, _ := h.post(c, "/submit", v); status != http.StatusOK {
		t.Errorf("a forged token: %d, want the review page again", status)
	}
	if n := stored(t, h); n != 0 || len(h.mails()) != 0 {
		t.Errorf("%d rows stored, %d mails", n, len(h.mails()))
	}
}

func TestExpiredAndDuplicate(t *testing.T) {
	h := newHarness(t, openSQLite(t), nil)
	c := h.client()
	h.submit(c, form("ada@gmail.com"))
	// The same mailbox, written another way.
	status, doc := h.submit(c, form("A.D.A+again@googlemail.com"))
	if status != http.StatusUnprocessableEntity || !strings.Contains(doc.Find("#email-error").Text(), "already endorsed") {
		t.Errorf("the same gmail address again: %d %q", status, doc.Find("#email-error").Text())
	}
	confirm, _ := links(t, h.mails()[0])
	h.clock.Add(73 * time.Hour)
	if status, doc := h.confirm(c, confirm); status != http.StatusGone || !strings.Contains(doc.Text(), "expired") {
		t.Errorf("a link after 73 h: %d", status)
	}
	if d, _, _ := Purge(context.Background(), h.st, 90*24*time.Hour, h.clock.Now()); d != 1 || stored(t, h) != 0 {
		t.Errorf("purge deleted %d, %d left", d, stored(t, h))
	}
}

func TestRateLimits(t *testing.T) {
	h := newHarness(t, openSQLite(t), func(c *Config) {
		c.IPLimit = Limit{Burst: 3, PerHour: 100}
		c.DomainLimit = Limit{Burst: 100, PerHour: 100}
	})
	c := h.client()
	codes := map[int]int{}
	var retry string
	for range 5 {
		req, _ := http.NewRequest("POST", h.http.URL+"/submit", strings.NewReader(form("r@acme.example").Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		codes[resp.StatusCode]++
		if resp.StatusCode == http.StatusTooManyRequests {
			retry = resp.Header.Get("Retry-After")
		}
	}
	if codes[http.StatusOK] != 3 || codes[http.StatusTooManyRequests] != 2 || retry == "" || retry == "0" {
		t.Errorf("codes %v, Retry-After %q", codes, retry)
	}
}

func TestClientIPFromTrustedProxiesOnly(t *testing.T) {
	proxy := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	for _, tc := range []struct{ remote, xff, want string }{
		{"192.0.2.7:1234", "203.0.113.9", "192.0.2.7"},                // not a proxy: the header is the client's word
		{"10.0.0.2:1234", "203.0.113.9", "203.0.113.9"},               // from the proxy
		{"10.0.0.2:1234", "198.51.100.1, 203.0.113.9", "203.0.113.9"}, // the client wrote the first
		{"10.0.0.2:1234", "203.0.113.9, 10.0.0.5", "203.0.113.9"},     // two proxies
		{"10.0.0.2:1234", "", "10.0.0.2"},
		{"10.0.0.2:1234", "garbage, 203.0.113.9", "203.0.113.9"},
	} {
		r := httptest.NewRequest("POST", "/submit", nil)
		r.RemoteAddr = tc.remote
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if got := clientIP(r, proxy); got != tc.want {
			t.Errorf("%s with X-Forwarded-For %q: %s, want %s", tc.remote, tc.xff, got, tc.want)
		}
	}
}

// A session ID planted before login (fixation) never becomes the logged-in
// one; the login form needs its CSRF token; logging out ends the session.
func TestLoginSessions(t *testing.T) {
	h := newHarness(t, openSQLite(t), nil)
	h.st.AddUser(context.Background(), "ed", HashPassword("long enough password"))
	c := h.client()
	base, _ := url.Parse(h.http.URL)
	planted := &http.Cookie{Name: "endorse_session", Value: "attacker-chosen", Path: "/"}
	c.Jar.SetCookies(base, []*http.Cookie{planted})
	if status, _ := h.get(c, "/admin/"); status != http.StatusSeeOther {
		t.Errorf("a planted session opened the admin: %d", status)
	}
	// Without the login form's token.
	if status, _, _ := h.post(c, "/admin/login", url.Values{"user": {"ed"}, "password": {"long enough password"}}); status != http.StatusForbidden {
		t.Errorf("login without CSRF: %d", status)
	}
	// A wrong password.
	_, doc := h.get(c, "/admin/login")
	csrf := doc.Find(`input[name="csrf"]`).AttrOr("value", "")
	if status, _, _ := h.post(c, "/admin/login", url.Values{"csrf": {csrf}, "user": {"ed"}, "password": {"wrong"}}); status != http.StatusUnauthorized {
		t.Errorf("a wrong password: %d", status)
	}
	c.Jar.SetCookies(base, []*http.Cookie{planted})
	adminCSRF := h.login(c, "ed", "long enough password")
	var session *http.Cookie
	for _, ck := range c.Jar.Cookies(base) {
		if ck.Name == "endorse_session" {
			session = ck
		}
	}
	if session == nil || session.Value == "attacker-chosen" {
		t.Fatalf("session after login: %+v", session)
	}
	h.post(c, "/admin/logout", url.Values{"csrf": {adminCSRF}})
	other := h.client()
	other.Jar.SetCookies(base, []*http.Cookie{session})
	if status, _ := h.get(other, "/admin/"); status != http.StatusSeeOther {
		t.Errorf("the session still works after logout: %d", status)
	}
	// The cookie's flags.
	rec := httptest.NewRecorder()
	h.srv.setCookie(rec, "endorse_session", "x", time.Hour)
	if sc := rec.Header().Get("Set-Cookie"); !strings.Contains(sc, "HttpOnly") || !strings.Contains(sc, "SameSite=Strict") {
		t.Errorf("Set-Cookie %q", sc)
	}
	secure := &Server{secure: true}
	rec = httptest.NewRecorder()
	secure.setCookie(rec, "endorse_session", "x", time.Hour)
	if sc := rec.Header().Get("Set-Cookie"); !strings.HasPrefix(sc, "__Host-endorse_session=") || !strings.Contains(sc, "Secure") {
		t.Errorf("behind TLS, Set-Cookie %q", sc)
	}
}

func TestOutboxOnlyOnLoopback(t *testing.T) {
	h := newHarness(t, openSQLite(t), nil)
	h.submit(h.client(), form("o@acme.example"))
	r := httptest.NewRequest("GET", "/dev/outbox/", nil)
	r.RemoteAddr = "127.0.0.1:5000"
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, r)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Confirm your endorsement") {
		t.Errorf("outbox on loopback: %d", rec.Code)
	}
	r.RemoteAddr = "192.0.2.1:5000"
	rec = httptest.NewRecorder()
	h.srv.ServeHTTP(rec, r)
	if rec.Code != http.StatusForbidden {
		t.Errorf("outbox from elsewhere: %d", rec.Code)
	}
}

func TestCanonicalEmail(t *testing.T) {
	for in, want := range map[string]string{
		"Ada.Lovelace+x@Gmail.com":  "adalovelace@gmail.com",
		"a.d.a@googlemail.com":      "ada@gmail.com",
		"ada+news@outlook.com":      "ada@outlook.com",
		"ada.l+x@acme.example":      "ada.l+x@acme.example",
		"li@例子.中国":                  "li@xn--fsqu00a.xn--fiqs8s",
		"two@a.example b@a.example": "",
		"<a@b.example>":             "",
		"noat":                      "",
	} {
		if got := canonicalEmail(in); got != want {
			t.Errorf("canonicalEmail(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExportRefusesAnInvalidFile(t *testing.T) {
	h := newHarness(t, openSQLite(t), nil)
	path := filepath.Join(h.site, "data/signatories", initiative+".toml")
	os.WriteFile(path, []byte("[[signatory]\n"), 0o644)
	if _, _, err := Export(context.Background(), h.st, h.site, initiative, true, h.clock.Now()); err == nil {
		t.Error("exported into a file with a syntax error")
	}
	if data, _ := os.ReadFile(path); string(data) != "[[signatory]\n" {
		t.Error("the file changed")
	}
}
