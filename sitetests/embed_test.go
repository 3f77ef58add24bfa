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
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/browsertest"
	"github.com/concord-initiative/concord/internal/headersfile"
	"github.com/concord-initiative/concord/internal/oembed"
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

func siteHeaders(t *testing.T) *headersfile.File {
	t.Helper()
	shipped, err := os.ReadFile(filepath.Join(public, "_headers"))
	if err != nil {
		t.Fatalf("the build has no _headers: %v", err)
	}
	source, _ := os.ReadFile(filepath.Join(repoRoot, "static", "_headers"))
	if !bytes.Equal(shipped, source) {
		t.Fatal("public/_headers differs from static/_headers")
	}
	h, err := headersfile.Parse("static/_headers", bytes.NewReader(shipped))
	if err != nil {
		t.Fatal(err)
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
	for _, rel := range outputFiles(t, public) {
		for _, p := range urlPaths(rel) {
			for _, o := range h.Overlaps(p) {
				// Cloudflare would join the two values, Netlify keep one.
				t.Errorf("%s: %s; make the rules disjoint", p, o)
			}
			csp := h.For(p).Values("Content-Security-Policy")
			if !strings.HasSuffix(rel, ".html") {
				continue
			}
			if len(csp) != 1 {
				t.Errorf("%s has %d Content-Security-Policy headers; add a rule for its folder to static/_headers", p, len(csp))
				continue
			}
			want := "frame-ancestors 'self'"
			if isEmbedPage(rel) {
				want = "frame-ancestors *"
			}
			if !slices.Contains(directives(csp[0]), want) {
				t.Errorf("%s: policy lacks %q: %s", p, want, csp[0])
			}
		}
	}
	js := h.For("/embed.js")
	if !strings.Contains(js.Get("Cache-Control"), "max-age=") || strings.Contains(js.Get("Cache-Control"), "immutable") {
		t.Errorf("/embed.js: Cache-Control %q; its URL never changes, so it needs a short max-age", js.Get("Cache-Control"))
	}
	if got := h.For("/en/" + initiative + "2/oembed.json").Get("Access-Control-Allow-Origin"); got != "*" {
		t.Errorf("oembed.json: Access-Control-Allow-Origin %q, want *", got)
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
	h := siteHeaders(t)
	for _, rel := range outputFiles(t, public) {
		if !strings.HasSuffix(rel, ".html") {
			continue
		}
		policy := h.For(urlPaths(rel)[0]).Get("Content-Security-Policy")
		doc := page(t, public, filepath.ToSlash(rel))
		for _, kind := range []struct{ elem, directive string }{{"script:not([src])", "script-src"}, {"style", "style-src"}} {
			allowed := sources(policy, kind.directive)
			doc.Find(kind.elem).Each(func(_ int, s *goquery.Selection) {
				if hash := cspHash(s.Text()); !slices.Contains(allowed, hash) {
					t.Errorf("%s: inline <%s> (hash %s) is not allowed by %s %v in static/_headers; put the hash there if the code is meant to be inline",
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
