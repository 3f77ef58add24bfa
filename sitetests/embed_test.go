package sitetests

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/quality/headersfile"
	"github.com/concord-initiative/concord/internal/quality/oembed"
	"github.com/concord-initiative/concord/internal/quality/statichost"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// The widget's budgets (issue 6): an embed page is one request of under
// 5 KB, and embed.js costs partners under 2 KB on the wire.
const (
	embedPageBudget   = 5000 // bytes, as built
	embedScriptBudget = 2000 // bytes, minified and gzipped
)

const siteOrigin = "https://concord.example.org"

// isEmbedPage: an embed page's file under the output folder (OS or slash
// separators): embed/… in the default language, <lang>/embed/… otherwise.
func isEmbedPage(rel string) bool {
	parts := strings.Split(filepath.ToSlash(rel), "/")
	return len(parts) > 1 && (parts[0] == "embed" || len(parts) > 2 && parts[1] == "embed")
}

func embedFile(prefix, id string) string { return prefix + "embed/" + initiative + id + "/index.html" }

func clauseFile(prefix, id string) string { return prefix + initiative + id + "/index.html" }

// canonical is the canonical URL of a built page, from its head.
func canonical(doc *goquery.Document) string {
	return doc.Find(`link[rel=canonical]`).AttrOr("href", "")
}

func TestEmbedPageShowsTheClauseItsProvenanceAndALinkToIt(t *testing.T) {
	for lang, prefix := range uiPrefix {
		for _, id := range shippedClauses {
			name := embedFile(prefix, id)
			embed := page(t, public, name)
			clause := page(t, public, clauseFile(prefix, id))
			cell := clause.Find(".clause-row > .cell")
			if got, want := embed.Find("html").AttrOr("lang", ""), cell.AttrOr("lang", ""); got != want {
				t.Errorf("%s: lang %q, want the clause's %q", name, got, want)
			}
			if got, want := words(embed.Find("main h1").Text()), words(cell.Find(".clause-heading").Text()); got != want || got == "" {
				t.Errorf("%s: heading %q, want %q (number and title)", name, got, want)
			}
			if text := words(cell.Find(".clause-text").Text()); !strings.Contains(words(embed.Find("main").Text()), text) {
				t.Errorf("%s: does not hold the whole clause text %q", name, text)
			}
			if got, want := words(embed.Find("main cite").Text()), words(clause.Find(".breadcrumb a").Text()); got != want {
				t.Errorf("%s: initiative title %q, want %q", name, got, want)
			}
			mark, want := embed.Find("main .provenance"), cell.Find(".provenance")
			if mark.AttrOr("class", "") != want.AttrOr("class", "") || words(mark.Text()) != words(want.Text()) {
				t.Errorf("%s: provenance mark %q (%s), want %q (%s)", name, words(mark.Text()), mark.AttrOr("class", ""), words(want.Text()), want.AttrOr("class", ""))
			}
			link := canonical(clause)
			if !strings.HasPrefix(link, siteOrigin+"/") || embed.Find(`main a[href="`+link+`"]`).Length() != 1 {
				t.Errorf("%s: no link to the canonical clause %s", name, link)
			}
			if canonical(embed) != link {
				t.Errorf("%s: canonical %q, want the clause page %q", name, canonical(embed), link)
			}
			// The frame is sandboxed without top navigation: a link that
			// opened in the frame would be framed by our own 'self' policy.
			if embed.Find(`head base[target=_blank]`).Length() != 1 {
				t.Errorf("%s: links do not open a new window (<base target=_blank>)", name)
			}
			if embed.Find(`meta[name=robots][content*=noindex]`).Length() != 1 {
				t.Errorf("%s: not marked noindex; search engines should list the clause page", name)
			}
			_ = lang
		}
	}
}

func TestEmbedPagesAreSelfContainedAndWithinBudget(t *testing.T) {
	largest, count := 0, 0
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		if !isEmbedPage(rel) {
			return nil
		}
		count++
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		largest = max(largest, len(data))
		if len(data) >= embedPageBudget {
			t.Errorf("%s is %d bytes, over the embed page budget of %d", rel, len(data), embedPageBudget)
		}
		doc := page(t, public, filepath.ToSlash(rel))
		// Nothing that loads: no src anywhere, no stylesheet or other
		// fetching link, nothing pulled in from the inline style.
		if n := doc.Find("[src], link[rel~=stylesheet], link[rel~=preload], link[rel~=icon], object, embed").Length(); n > 0 {
			t.Errorf("%s: %d element(s) that load something; the embed page must be one request", rel, n)
		}
		style := doc.Find("style").Text()
		if strings.Contains(style, "url(") || strings.Contains(style, "@import") {
			t.Errorf("%s: the inline style loads a file", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if count < 2*len(shippedClauses) {
		t.Fatalf("found %d embed pages, want one per clause and language (%d)", count, 2*len(shippedClauses))
	}
	t.Logf("%d embed pages, largest %d bytes (budget %d)", count, largest, embedPageBudget)
}

func TestEmbedScriptIsWithinBudgetAndNeverWritesMarkupOrReadsCookies(t *testing.T) {
	js, err := os.ReadFile(filepath.Join(public, "embed.js"))
	if err != nil {
		t.Fatalf("embed.js is not published at the site root, where partners load it: %v", err)
	}
	gz := gzipSize(js)
	t.Logf("embed.js: %d bytes minified, %d gzipped (budget %d)", len(js), gz, embedScriptBudget)
	if gz >= embedScriptBudget {
		t.Errorf("embed.js is %d bytes gzipped, over the budget of %d", gz, embedScriptBudget)
	}
	src := string(js)
	for _, banned := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "cookie", "eval(", "Function(", "allow-same-origin"} {
		if strings.Contains(src, banned) {
			t.Errorf("embed.js uses %s", banned)
		}
	}
	if !strings.Contains(src, `"allow-scripts allow-popups allow-popups-to-escape-sandbox"`) {
		t.Error("embed.js does not sandbox its frames with exactly allow-scripts allow-popups allow-popups-to-escape-sandbox")
	}
}

// snippet parses the code of an embed panel (or an oEmbed html field) and
// returns its top-level elements.
func snippet(t *testing.T, code string) *goquery.Selection {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader("<!doctype html><html><head></head><body>" + code))
	if err != nil {
		t.Fatalf("embed code does not parse: %v", err)
	}
	return doc.Find("body > *")
}

// checkSnippet: the code is a blockquote with the whole clause and a link
// to it, then the one async script, for the clause in language lang.
func checkSnippet(t *testing.T, where, code, lang, id string) {
	t.Helper()
	prefix := uiPrefix[lang]
	clause := page(t, public, clauseFile(prefix, id))
	s := snippet(t, code)
	if s.Length() != 2 || goquery.NodeName(s.Eq(0)) != "blockquote" || goquery.NodeName(s.Eq(1)) != "script" {
		t.Errorf("%s: code is %d elements, want a blockquote and a script", where, s.Length())
		return
	}
	q := s.Eq(0)
	for attr, want := range map[string]string{
		"class": "concord-clause", "data-initiative": "live-streaming-2020", "data-clause": id,
		"data-lang": lang, "lang": clause.Find(".clause-row > .cell").AttrOr("lang", ""), "cite": canonical(clause),
	} {
		if got := q.AttrOr(attr, ""); got != want {
			t.Errorf("%s: blockquote %s=%q, want %q", where, attr, got, want)
		}
	}
	if text := words(clause.Find(".clause-row .clause-text").Text()); !strings.Contains(words(q.Text()), text) {
		t.Errorf("%s: blockquote lacks the clause text %q", where, text)
	}
	if q.Find(`a[href="`+canonical(clause)+`"]`).Length() != 1 {
		t.Errorf("%s: blockquote has no link to %s", where, canonical(clause))
	}
	js := s.Eq(1)
	if _, async := js.Attr("async"); !async || js.AttrOr("src", "") != siteOrigin+"/embed.js" {
		t.Errorf("%s: script %q (async %v), want <script async src=%q>", where, js.AttrOr("src", ""), async, siteOrigin+"/embed.js")
	}
}

func TestEmbedPanelOnEveryClauseGivesTheCodeInTheReadersLanguage(t *testing.T) {
	for lang, prefix := range uiPrefix {
		for _, file := range []string{initiative + "index.html", initiative + "text.html"} {
			doc := page(t, public, prefix+file)
			rows := doc.Find(".clauses > section.clause-row")
			if rows.Length() != len(shippedClauses) {
				t.Fatalf("%s%s: %d clause rows", prefix, file, rows.Length())
			}
			rows.Each(func(_ int, row *goquery.Selection) {
				checkPanel(t, prefix+file+"#"+row.AttrOr("id", ""), row, lang, row.AttrOr("id", ""))
			})
		}
		for _, id := range shippedClauses {
			doc := page(t, public, clauseFile(prefix, id))
			checkPanel(t, clauseFile(prefix, id), doc.Find("article.clause-page"), lang, id)
		}
	}
}

func checkPanel(t *testing.T, where string, in *goquery.Selection, lang, id string) {
	t.Helper()
	panel := in.Find("details.embed-panel")
	if panel.Length() != 1 {
		t.Errorf("%s: %d embed panels, want 1", where, panel.Length())
		return
	}
	if strings.TrimSpace(panel.Find("summary").Text()) == "" {
		t.Errorf("%s: the Embed control has no text", where)
	}
	code := panel.Find("textarea")
	if _, ro := code.Attr("readonly"); !ro {
		t.Errorf("%s: embed code is editable", where)
	}
	if id := code.AttrOr("id", ""); id == "" || panel.Find(`label[for="`+id+`"]`).Length() != 1 {
		t.Errorf("%s: embed code has no label", where)
	}
	if panel.AttrOr("data-copy-label", "") == "" || panel.AttrOr("data-copied-label", "") == "" {
		t.Errorf("%s: no labels for the copy button", where)
	}
	checkSnippet(t, where, code.Text(), lang, id)
}

// rewriteTo sends every request for the canonical site to a loopback
// server instead, as if that server were concord.example.org: the consumer
// below fetches the real URLs it finds.
type rewriteTo struct{ target *url.URL }

func (r rewriteTo) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Host != "concord.example.org" {
		return nil, &url.Error{Op: "fetch", URL: req.URL.String(), Err: os.ErrPermission}
	}
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host, out.Host = r.target.Scheme, r.target.Host, r.target.Host
	return http.DefaultTransport.RoundTrip(out)
}

func get(t *testing.T, client *http.Client, u string) (*http.Response, []byte) {
	t.Helper()
	res, err := client.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s %v", u, res.Status, err)
	}
	return res, body
}

// An oEmbed consumer (as WordPress is): given a pasted clause URL it fetches
// the page, discovers the JSON link, fetches the answer and checks it
// against the spec before it would embed the html.
func TestOEmbedConsumerAutoEmbedsAPastedClauseLink(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	target, _ := url.Parse(srv.URL)
	client := &http.Client{Transport: rewriteTo{target}}
	for lang, prefix := range uiPrefix {
		home := canonical(page(t, public, prefix+"index.html"))
		for _, id := range shippedClauses {
			pasted := siteOrigin + "/" + prefix + initiative + id + "/"
			_, body := get(t, client, pasted)
			pageURL, _ := url.Parse(pasted)
			link, err := oembed.Discover(bytes.NewReader(body), pageURL)
			if err != nil {
				t.Errorf("%s: %v", pasted, err)
				continue
			}
			res, data := get(t, client, link.Href)
			if ct := res.Header.Get("Content-Type"); !strings.Contains(ct, "json") {
				t.Errorf("%s: served as %q, want JSON", link.Href, ct)
			}
			r, err := oembed.Parse(data)
			if err != nil {
				t.Errorf("%s breaks the oEmbed spec:\n%v", link.Href, err)
				continue
			}
			if r.Type != "rich" || r.ProviderName == "" || r.ProviderURL != home || r.AuthorName == "" || r.AuthorURL == "" || r.CacheAge == nil || *r.CacheAge <= 0 {
				t.Errorf("%s: type %q, provider %q %q (want %q), author %q %q, cache_age %v", link.Href, r.Type, r.ProviderName, r.ProviderURL, home, r.AuthorName, r.AuthorURL, r.CacheAge)
			}
			if r.Title == "" || !strings.HasPrefix(link.Title, r.Title) {
				t.Errorf("%s: title %q; the discovery link's title is %q", link.Href, r.Title, link.Title)
			}
			if *r.Width < 300 || *r.Height < 100 || *r.Height > 2000 {
				t.Errorf("%s: %d×%d px is not a plausible card", link.Href, *r.Width, *r.Height)
			}
			checkSnippet(t, link.Href, r.HTML, lang, id)
		}
	}
}

func TestFixtureInitiativeGetsEmbedPagesWithNoTemplateChange(t *testing.T) {
	for _, f := range []string{
		"embed/initiatives/tea-house-pledge/article-1/index.html",
		"en/embed/initiatives/tea-house-pledge/article-1/index.html",
		"embed/initiatives/tea-house-pledge/article-2/index.html",
		"initiatives/tea-house-pledge/article-2/oembed.json",
	} {
		if _, err := os.Stat(filepath.Join(fixtureOut, f)); err != nil {
			t.Errorf("fixture initiative: %s not built", f)
		}
	}
	// article-2 has no English text, so no English card either.
	if _, err := os.Stat(filepath.Join(fixtureOut, "en/embed/initiatives/tea-house-pledge/article-2/index.html")); err == nil {
		t.Error("an English embed page was built for a clause that has no English text")
	}
}

// urlPaths are the paths a built file is served at: its own, and its
// folder's for an index.html.
func urlPaths(rel string) []string {
	p := "/" + filepath.ToSlash(rel)
	if path.Base(p) == "index.html" {
		return []string{p, strings.TrimSuffix(p, "index.html")}
	}
	return []string{p}
}

// siteHeaders is the _headers file the build made (layouts/home.headers).
func siteHeaders(t *testing.T) *headersfile.File {
	t.Helper()
	return builtHeaders(t, public)
}

func builtHeaders(t *testing.T, dir string) *headersfile.File {
	t.Helper()
	h, err := headersfile.ParseFile(filepath.Join(dir, "_headers"))
	if err != nil {
		t.Fatalf("the build has no usable _headers (layouts/home.headers): %v", err)
	}
	return h
}

// outputFiles lists the files of an output folder, relative, except _headers.
func outputFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if rel != "_headers" {
			out = append(out, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestHeadersGiveEveryPageExactlyOnePolicy(t *testing.T) {
	h := siteHeaders(t)
	checkPolicies(t, public, h)
	js := h.For("/embed.js")
	if !strings.Contains(js.Get("Cache-Control"), "max-age=") || strings.Contains(js.Get("Cache-Control"), "immutable") {
		t.Errorf("/embed.js: Cache-Control %q; its URL never changes, so it needs a short max-age", js.Get("Cache-Control"))
	}
	if got := h.For("/en/" + initiative + "2/oembed.json").Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("oembed.json: Access-Control-Allow-Origin %q, want *", got)
	}
}

// everyResponse are the headers every response carries, from /*.
var everyResponse = []string{"X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security", "Permissions-Policy"}

// checkPolicies: every file of the build in dir (and its folder URL) gets
// the headers of every response and exactly one Content-Security-Policy,
// from rules that never set one header twice; the embed pages' policy lets
// any site frame them, every other's only the site, and only the latter
// get a Cross-Origin-Opener-Policy (the HTML standard refuses a sandboxed
// top-level page that has one).
func checkPolicies(t *testing.T, dir string, h *headersfile.File) {
	t.Helper()
	for _, rel := range outputFiles(t, dir) {
		for _, p := range urlPaths(rel) {
			for _, o := range h.Overlaps(p) {
				// Cloudflare would join the two values, Netlify keep one.
				t.Errorf("%s: %s; make the rules disjoint", p, o)
			}
			got := h.For(p)
			for _, name := range everyResponse {
				if got.Get(name) == "" {
					t.Errorf("%s has no %s", p, name)
				}
			}
			csp := got.Values("Content-Security-Policy")
			if len(csp) != 1 {
				t.Errorf("%s has %d Content-Security-Policy headers; layouts/home.headers gives its folder none", p, len(csp))
				continue
			}
			want, coop := "frame-ancestors 'self'", "same-origin"
			if isEmbedPage(rel) {
				want, coop = "frame-ancestors *", ""
			}
			if !slices.Contains(directives(csp[0]), want) {
				t.Errorf("%s: policy lacks %q: %s", p, want, csp[0])
			}
			if got := got.Get("Cross-Origin-Opener-Policy"); got != coop {
				t.Errorf("%s: Cross-Origin-Opener-Policy %q, want %q", p, got, coop)
			}
		}
	}
}

// The host answers every request, found or not, with the security
// headers: served the way the host serves the build (internal/quality/statichost).
func TestEveryResponseCarriesTheSecurityHeaders(t *testing.T) {
	srv := browsertest.Serve(t, public, statichost.Wrap(public, siteHeaders(t)))
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/favicon.svg", 200},
		{"/sitemap.xml", 200},
		{"/en/sitemap.xml", 200},
		{"/zh-hans/sitemap.xml", 200},
		{"/robots.txt", 200},
		{"/sources/live-streaming-2020/initiative-page.txt", 200},
		{"/schema/signatories.schema.json", 200},
		{"/404.html", 200},
		{"/" + initiative + "no-such-clause/", 404},
		{"/en/" + initiative + "no-such-clause/", 404},
		{"/sources/no-such-source.txt", 404},
	} {
		res, err := http.Get(srv.URL + c.path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != c.status {
			t.Errorf("%s: status %d, want %d", c.path, res.StatusCode, c.status)
		}
		for _, name := range append(everyResponse, "Content-Security-Policy", "Cross-Origin-Opener-Policy") {
			if got := res.Header.Values(name); len(got) != 1 {
				t.Errorf("%s: %s %q, want one", c.path, name, got)
			}
		}
	}
	// Outside every folder of the site only /* applies; the 404 page
	// brings its policy in a <meta> (TestNotFoundPageCarriesTheSitePolicy).
	for _, p := range []string{"/no-such-page", "/en/no-such-page", "/no/such/folder/"} {
		res, err := http.Get(srv.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 404 || !strings.Contains(string(body), `http-equiv="Content-Security-Policy"`) && !strings.Contains(string(body), `http-equiv=Content-Security-Policy`) {
			t.Errorf("%s: status %d; want 404 and the 404 page with its policy", p, res.StatusCode)
		}
		for _, name := range everyResponse {
			if res.Header.Get(name) == "" {
				t.Errorf("%s: no %s", p, name)
			}
		}
	}
}

// The archived sources are Chinese text: a host that sends text/plain with
// no charset shows them as mojibake, so _headers names UTF-8; the CSV
// exports too.
func TestTextFilesAreServedAsUTF8(t *testing.T) {
	srv := browsertest.Serve(t, public, statichost.Wrap(public, siteHeaders(t)))
	for path, want := range map[string]string{
		"/sources/live-streaming-2020/initiative-page.txt": "text/plain; charset=utf-8",
		"/" + initiative + "signatories.csv":               "text/csv; charset=utf-8",
		"/en/" + initiative + "signatories.csv":            "text/csv; charset=utf-8",
	} {
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if got := res.Header.Values("Content-Type"); res.StatusCode != 200 || len(got) != 1 || !strings.EqualFold(got[0], want) {
			t.Errorf("%s: %s, Content-Type %q, want %q", path, res.Status, got, want)
		}
	}
}

// directives splits a policy into its directives, each normalised to
// single spaces.
func directives(policy string) []string {
	var out []string
	for _, d := range strings.Split(policy, ";") {
		if f := strings.Fields(d); len(f) > 0 {
			out = append(out, strings.Join(f, " "))
		}
	}
	return out
}

// sources returns the sources a policy allows for a fetch directive, falling
// back to default-src as browsers do.
func sources(policy, directive string) []string {
	var fallback []string
	for _, d := range directives(policy) {
		f := strings.Fields(d)
		switch f[0] {
		case directive:
			return f[1:]
		case "default-src":
			fallback = f[1:]
		}
	}
	return fallback
}

func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}

// The policies are only worth having if the pages live within them: no
// inline code or style the policy does not allow by hash, no style or event
// handler attributes, nothing loaded from another site.
func TestEveryPageSatisfiesItsContentSecurityPolicy(t *testing.T) {
	checkPagesKeepTheirPolicy(t, public, siteHeaders(t))
}

func checkPagesKeepTheirPolicy(t *testing.T, dir string, h *headersfile.File) {
	t.Helper()
	for _, rel := range outputFiles(t, dir) {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		policy := h.For(urlPaths(rel)[0]).Get("Content-Security-Policy")
		doc := page(t, dir, filepath.ToSlash(rel))
		for _, kind := range []struct{ elem, directive string }{{"script:not([src])", "script-src"}, {"style", "style-src"}} {
			allowed := sources(policy, kind.directive)
			doc.Find(kind.elem).Each(func(_ int, s *goquery.Selection) {
				if hash := cspHash(s.Text()); !slices.Contains(allowed, hash) {
					t.Errorf("%s: inline <%s> (hash %s) is not allowed by %s %v in _headers; inline code must come from embed/inline.html, whose hashes the _headers layout uses",
						rel, goquery.NodeName(s), hash, kind.directive, allowed)
				}
			})
		}
		doc.Find("*").Each(func(_ int, s *goquery.Selection) {
			for _, a := range s.Nodes[0].Attr {
				switch {
				case a.Key == "style":
					t.Errorf("%s: <%s style=%q>: the policy allows no style attribute; use a class", rel, goquery.NodeName(s), a.Val)
				case strings.HasPrefix(a.Key, "on"):
					t.Errorf("%s: <%s %s>: the policy allows no inline event handler", rel, goquery.NodeName(s), a.Key)
				case (a.Key == "href" || a.Key == "src") && strings.HasPrefix(strings.ToLower(strings.TrimSpace(a.Val)), "javascript:"):
					t.Errorf("%s: a javascript: URL", rel)
				}
			}
		})
		doc.Find("script[src], link[rel~=stylesheet], img, iframe, video, audio, source").Each(func(_ int, s *goquery.Selection) {
			u := s.AttrOr("src", s.AttrOr("href", ""))
			if strings.Contains(u, "//") || strings.HasPrefix(u, "data:") {
				t.Errorf("%s: <%s> loads %s, which 'self' does not allow", rel, goquery.NodeName(s), u)
			}
		})
	}
}

// A third language, every language in its own folder, and an edited embed
// stylesheet and script, with no other change: the build's _headers covers
// every page, the new language's embed pages included, and allows the
// embed pages' new inline code by its hash.
func TestHeadersFollowANewLanguageAndAChangedEmbedScript(t *testing.T) {
	site := t.TempDir()
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	appendTo := func(rel, text string) {
		t.Helper()
		f, err := os.OpenFile(filepath.Join(site, rel), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
	}
	appendTo("hugo.toml", "\n[languages.fr]\nlabel = \"Français\"\nlocale = \"fr\"\ntitle = \"Textes Concord\"\nweight = 3\n[languages.fr.params]\nclauseNumberFormat = \"%s. \"\n[languages.fr.params.names]\nzh-hans = \"法语\"\nen = \"French\"\nfr = \"français\"\n")
	config, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	subdir := strings.Replace(string(config), "defaultContentLanguageInSubdir = false", "defaultContentLanguageInSubdir = true", 1)
	if subdir == string(config) {
		t.Fatal("hugo.toml no longer says defaultContentLanguageInSubdir = false; update the test")
	}
	if err := os.WriteFile(filepath.Join(site, "hugo.toml"), []byte(subdir), 0o644); err != nil {
		t.Fatal(err)
	}
	appendTo("assets/css/embed.css", "\nh1 { letter-spacing: 0.01em; }\n")
	appendTo("assets/js/embed-frame.js", "\ndocument.documentElement.dataset.checked = \"1\";\n")
	if err := sitefixture.CopyTree(filepath.Join(site, "i18n", "fr.toml"), filepath.Join(site, "i18n", "en.toml")); err != nil {
		t.Fatal(err)
	}
	en, _ := filepath.Glob(filepath.Join(site, "content", "initiatives", "*", "*.en.md"))
	for _, f := range en {
		if err := sitefixture.CopyTree(strings.TrimSuffix(f, ".en.md")+".fr.md", f); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := hugobuild.Build(t.Context(), site, out); err != nil {
		t.Fatal(err)
	}
	frEmbed := "fr/embed/" + initiative + "2/index.html"
	if _, err := os.Stat(filepath.Join(out, frEmbed)); err != nil {
		t.Fatalf("no French embed page: %v", err)
	}
	h := builtHeaders(t, out)
	if siteHeaders(t).For("/"+frEmbed).Get("Content-Security-Policy") != "" {
		t.Fatal("the shipped _headers already covers /fr/: the test proves nothing")
	}
	checkPolicies(t, out, h)
	checkPagesKeepTheirPolicy(t, out, h)
	if _, err := os.Stat(filepath.Join(out, "zh-hans", "embed", initiative, "2", "index.html")); err != nil {
		t.Errorf("the default language's embed pages are not in their folder: %v", err)
	}
	if same := h.For("/fr/embed/").Get("Content-Security-Policy") == siteHeaders(t).For("/en/embed/").Get("Content-Security-Policy"); same {
		t.Error("the embed policy did not change with the embed page's style and script")
	}
}

// hanLatin finds a Han character written against a Latin letter or digit:
// Chinese text sets a space between them ("在 Concord 倡议文本").
var hanLatin = regexp.MustCompile(`\p{Han}[A-Za-z0-9]|[A-Za-z0-9]\p{Han}`)

// The widget's own words on a Chinese card and in the Chinese embed code
// are written as Chinese is: a space between Han and Latin text, full-width
// punctuation in the attribution; the English ones as English is.
func TestEmbedTextIsSpacedAndPunctuatedAsEachLanguageWrites(t *testing.T) {
	for lang, prefix := range uiPrefix {
		zh := strings.HasPrefix(lang, "zh")
		for _, id := range shippedClauses {
			card := page(t, public, embedFile(prefix, id))
			link := words(card.Find("main footer a[href^='http']").Text())
			if zh && hanLatin.MatchString(link) {
				t.Errorf("%s: link %q sets Han against Latin text without a space", embedFile(prefix, id), link)
			}
			code := page(t, public, clauseFile(prefix, id)).Find("details.embed-panel textarea").Text()
			attribution := words(snippet(t, code).Eq(0).Find("p").Last().Text())
			switch {
			case zh && (hanLatin.MatchString(attribution) || strings.Contains(attribution, ",") || !strings.Contains(attribution, "，")):
				t.Errorf("%s: attribution %q: want full-width punctuation (，) and spaces between Han and Latin text", clauseFile(prefix, id), attribution)
			case !zh && (!strings.Contains(attribution, ", ") || strings.ContainsAny(attribution, "，《》")):
				t.Errorf("%s: attribution %q: want English punctuation", clauseFile(prefix, id), attribution)
			}
		}
	}
	if got := words(page(t, public, embedFile("", "2")).Find("main footer a[href^='http']").Text()); got != "在 Concord 倡议文本查看本条款" {
		t.Errorf("Chinese card link %q, want 在 Concord 倡议文本查看本条款", got)
	}
}

// A host serves the 404 page at any unknown path, where no _headers rule
// may reach (/no-such-page): the page carries the site's policy itself.
func TestNotFoundPageCarriesTheSitePolicy(t *testing.T) {
	want := strings.TrimSuffix(siteHeaders(t).For("/404.html").Get("Content-Security-Policy"), "; frame-ancestors 'self'")
	for _, prefix := range uiPrefix {
		doc := page(t, public, prefix+"404.html")
		if got := doc.Find(`head meta[http-equiv="Content-Security-Policy"]`).AttrOr("content", ""); got != want {
			t.Errorf("%s404.html: <meta> policy %q, want the site's %q", prefix, got, want)
		}
	}
}

// Arabic text of our own for the right-to-left fixture language (not a
// translation anyone published): a heading and a sentence per clause.
const (
	arabicHeading = "الالتزام بمبدأ التجارة المشروعة"
	arabicText    = "ينبغي لمذيعي البث المباشر ومشغلي المنصات والبائعين احترام القانون، والتعامل بأمانة مع المستهلكين."
	// The Arabic card's own words and punctuation (the Arabic comma ،),
	// from the fixture's i18n/ar.toml.
	arabicOpen        = "اطّلع على هذا البند في {{ .Site }}"
	arabicAttribution = "— {{ .Initiative }}، {{ .Site }}"
)

// languageFixture is the repository's site with a third, left-to-right
// language (French, the English text copied) and an Arabic one (direction
// = "rtl"), added as an editor adds a language: a [languages.<key>] table
// in hugo.toml, i18n/<key>.toml and content files, nothing else. Returns
// the built site.
func languageFixture(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	write := func(rel, text string, appendIt bool) {
		t.Helper()
		flag := os.O_CREATE | os.O_WRONLY | os.O_TRUNC
		if appendIt {
			flag = os.O_APPEND | os.O_WRONLY
		}
		f, err := os.OpenFile(filepath.Join(site, rel), flag, 0o644)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.WriteString(text); err != nil {
			t.Fatal(err)
		}
	}
	write("hugo.toml", "\n[languages.fr]\nlabel = \"Français\"\nlocale = \"fr\"\ntitle = \"Textes Concord\"\nweight = 3\n[languages.fr.params]\nclauseNumberFormat = \"%s. \"\n"+
		"[languages.fr.params.names]\nzh-hans = \"法语\"\nen = \"French\"\nfr = \"français\"\nar = \"الفرنسية\"\n"+
		"\n[languages.ar]\nlabel = \"العربية\"\nlocale = \"ar\"\ndirection = \"rtl\"\ntitle = \"نصوص Concord\"\nweight = 4\n[languages.ar.params]\nclauseNumberFormat = \"%s. \"\n"+
		"[languages.ar.params.names]\nzh-hans = \"阿拉伯语\"\nen = \"Arabic\"\nfr = \"arabe\"\nar = \"العربية\"\n", true)
	en, err := os.ReadFile(filepath.Join(site, "i18n", "en.toml"))
	if err != nil {
		t.Fatal(err)
	}
	write("i18n/fr.toml", string(en), false)
	ar := string(en)
	for key, text := range map[string]string{"embed_open": arabicOpen, "embed_attribution": arabicAttribution} {
		re := regexp.MustCompile(`(?m)^\[` + key + `\]\nother = .*$`)
		if !re.MatchString(ar) {
			t.Fatalf("i18n/en.toml has no [%s]", key)
		}
		ar = re.ReplaceAllLiteralString(ar, "["+key+"]\nother = \""+text+"\"")
	}
	write("i18n/ar.toml", ar, false)
	files, _ := filepath.Glob(filepath.Join(site, "content", "*", "*.en.md"))
	more, _ := filepath.Glob(filepath.Join(site, "content", "*", "*", "*.en.md"))
	files = append(append(files, more...), filepath.Join(site, "content", "_index.en.md"))
	clauseFront := regexp.MustCompile(`(?m)^(number|weight) = .*$`)
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		base := strings.TrimSuffix(f, ".en.md")
		if err := os.WriteFile(base+".fr.md", data, 0o644); err != nil {
			t.Fatal(err)
		}
		text := string(data)
		if clause, _ := filepath.Match(filepath.Join(site, "content", "initiatives", "*", "*.en.md"), f); clause && !strings.HasPrefix(filepath.Base(f), "_index") {
			// A clause: our Arabic text, marked as the editors' translation.
			front := strings.Join(clauseFront.FindAllString(text, -1), "\n")
			text = "+++\ntitle = \"" + arabicHeading + "\"\n" + front + "\n\n[provenance]\nstatus = \"translation\"\nfrom = \"en\"\n+++\n\n" + arabicText + "\n"
		}
		if err := os.WriteFile(base+".ar.md", []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if err := hugobuild.Build(t.Context(), site, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// A third language and a right-to-left one get embed cards, code and
// oEmbed answers with no change to the widget: each within budget, in its
// language and direction, with the card's words and punctuation from the
// language's i18n file, and the headers' embed policy on its folder.
func TestEmbedCardsInANewLanguageAndARightToLeftOne(t *testing.T) {
	out := languageFixture(t)
	arSite := "نصوص Concord"
	for _, c := range []struct{ lang, dir string }{{"fr", "ltr"}, {"ar", "rtl"}} {
		prefix := c.lang + "/"
		for _, id := range shippedClauses {
			file := embedFile(prefix, id)
			data, err := os.ReadFile(filepath.Join(out, file))
			if err != nil {
				t.Errorf("no %s embed card: %v", c.lang, err)
				continue
			}
			if len(data) >= embedPageBudget {
				t.Errorf("%s is %d bytes, over the embed page budget of %d", file, len(data), embedPageBudget)
			}
			card := page(t, out, file)
			if lang, dir := card.Find("html").AttrOr("lang", ""), card.Find("html").AttrOr("dir", ""); lang != c.lang || dir != c.dir {
				t.Errorf("%s: <html lang=%q dir=%q>, want lang=%q dir=%q", file, lang, dir, c.lang, c.dir)
			}
			box := page(t, out, clauseFile(prefix, id)).Find("details.embed-panel textarea")
			if dir := box.AttrOr("dir", ""); dir != "ltr" {
				// Markup reads left to right, on an Arabic page too.
				t.Errorf("%s: the code box has dir=%q, want ltr", clauseFile(prefix, id), dir)
			}
			code := box.Text()
			quote := snippet(t, code).Eq(0)
			if lang, dir := quote.AttrOr("lang", ""), quote.AttrOr("dir", ""); lang != c.lang || dir != c.dir {
				t.Errorf("%s: embed code's quotation lang=%q dir=%q, want lang=%q dir=%q", clauseFile(prefix, id), lang, dir, c.lang, c.dir)
			}
			raw, err := os.ReadFile(filepath.Join(out, prefix+initiative+id, "oembed.json"))
			if err != nil {
				t.Fatal(err)
			}
			r, err := oembed.Parse(raw)
			if err != nil {
				t.Errorf("%s oEmbed: %v", c.lang, err)
				continue
			}
			if dir := snippet(t, r.HTML).Eq(0).AttrOr("dir", ""); dir != c.dir {
				t.Errorf("%s%s oembed.json: quotation dir=%q, want %q", prefix, id, dir, c.dir)
			}
			if c.lang != "ar" {
				continue
			}
			if got, want := words(card.Find("main footer a[href^='http']").Text()), strings.ReplaceAll(arabicOpen, "{{ .Site }}", arSite); got != want {
				t.Errorf("%s: card link %q, want the Arabic i18n text %q", file, got, want)
			}
			attribution := words(quote.Find("p").Last().Text())
			if !strings.HasPrefix(attribution, "— ") || !strings.HasSuffix(attribution, "، "+arSite) {
				t.Errorf("%s: attribution %q, want the Arabic i18n form — <initiative>، %s", clauseFile(prefix, id), attribution, arSite)
			}
		}
	}
	h := builtHeaders(t, out)
	checkPolicies(t, out, h)
	checkPagesKeepTheirPolicy(t, out, h)
	if !strings.Contains(h.For("/ar/embed/"+initiative+"2/").Get("Content-Security-Policy"), "frame-ancestors *") {
		t.Error("the Arabic embed cards do not get the embed policy from the built _headers")
	}
}
