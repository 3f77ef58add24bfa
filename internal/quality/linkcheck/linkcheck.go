// Package linkcheck proves that a built site has no broken internal link:
// every href, src and srcset in every HTML file leads to a file in the build,
// and every #fragment to an element with that id on the target page.
//
// It reads files only. Links to other sites are collected and listed, never
// fetched, so the check gives the same answer with or without a network.
package linkcheck

import (
	"bytes"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/net/html"
)

// Link is one URL in one attribute of one page.
type Link struct {
	Page string // file under the site root, slash-separated: en/index.html
	Line int    // line in that file (minified pages are mostly line 1)
	Tag  string // the element and attribute: <a href>
	URL  string // as written in the page
}

func (l Link) String() string {
	return fmt.Sprintf("%s:%d: %s=%q", l.Page, l.Line, l.Tag, l.URL)
}

// Broken is an internal link that leads nowhere, with the reason in words a
// person can act on.
type Broken struct {
	Link
	Reason string
}

func (b Broken) String() string { return b.Link.String() + ": " + b.Reason }

// Report is what one run found.
type Report struct {
	Pages    int      // HTML files read
	Checked  int      // internal links resolved (anchors included)
	Anchors  int      // of those, links with a #fragment that was checked
	Broken   []Broken // sorted by page and line
	External []Link   // links to other sites, not fetched; sorted by URL
}

// Options: BaseURL is the site's production address (hugo.toml baseURL).
// Absolute links under it (canonical, hreflang, og:url) are the site's own
// and must resolve in the build like any relative link.
type Options struct {
	BaseURL string
}

// Check walks root and checks every HTML file in it. The error is for a
// folder or file that cannot be read; broken links are in the report.
func Check(root string, opt Options) (*Report, error) {
	var base *url.URL
	if opt.BaseURL != "" {
		u, err := url.Parse(opt.BaseURL)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("base URL %q is not an absolute URL", opt.BaseURL)
		}
		base = u
	}
	c := &checker{root: root, base: base, ids: map[string]map[string]bool{}}
	var pages []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && isHTML(p) {
			rel, _ := filepath.Rel(root, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%s: no HTML files: build the site first", root)
	}
	sort.Strings(pages)
	rep := &Report{Pages: len(pages)}
	for _, p := range pages {
		links, err := c.links(p)
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			c.check(rep, l)
		}
	}
	sort.SliceStable(rep.External, func(i, j int) bool { return rep.External[i].URL < rep.External[j].URL })
	return rep, nil
}

// ExternalURLs is the sorted set of outside addresses the site links to.
func (r *Report) ExternalURLs() []string {
	var out []string
	for _, l := range r.External {
		if len(out) == 0 || out[len(out)-1] != l.URL {
			out = append(out, l.URL)
		}
	}
	return out
}

type checker struct {
	root string
	base *url.URL
	ids  map[string]map[string]bool // page → ids in it
}

func isHTML(p string) bool {
	ext := strings.ToLower(filepath.Ext(p))
	return ext == ".html" || ext == ".htm"
}

// urlAttrs lists the attributes that hold a URL, per element ("*" for any).
var urlAttrs = map[string][]string{
	"a": {"href"}, "area": {"href"}, "link": {"href"}, "base": {"href"},
	"img": {"src", "srcset"}, "source": {"src", "srcset"}, "script": {"src"},
	"iframe": {"src"}, "frame": {"src"}, "embed": {"src"}, "track": {"src"},
	"audio": {"src"}, "video": {"src", "poster"}, "input": {"src"},
	"object": {"data"}, "form": {"action"}, "button": {"formaction"},
	"blockquote": {"cite"}, "q": {"cite"}, "del": {"cite"}, "ins": {"cite"},
}

// metaURLs are <meta> properties whose content is a URL of the site's own
// (Open Graph, Twitter cards): a broken og:url is a broken share preview.
var metaURLs = map[string]bool{
	"og:url": true, "og:image": true, "og:image:url": true, "og:image:secure_url": true,
	"twitter:image": true, "og:audio": true, "og:video": true,
}

// links reads one page: the URLs it points at, and the ids it holds (kept
// for fragments pointing here).
func (c *checker) links(page string) ([]Link, error) {
	data, err := os.ReadFile(filepath.Join(c.root, filepath.FromSlash(page)))
	if err != nil {
		return nil, err
	}
	ids, links := scan(page, data)
	c.ids[page] = ids
	return links, nil
}

// scan tokenises (rather than parses) so each link keeps its line.
func scan(page string, data []byte) (map[string]bool, []Link) {
	ids := map[string]bool{}
	var links []Link
	z := html.NewTokenizer(bytes.NewReader(data))
	line := 1
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break // io.EOF: a bytes.Reader has no other error
		}
		start := line
		line += bytes.Count(z.Raw(), []byte("\n"))
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		attr := map[string]string{}
		for _, a := range tok.Attr {
			if a.Namespace == "" {
				attr[a.Key] = a.Val
			}
		}
		if id, ok := attr["id"]; ok {
			ids[id] = true
		}
		if name, ok := attr["name"]; ok && tok.Data == "a" {
			ids[name] = true
		}
		add := func(key, u string) {
			links = append(links, Link{Page: page, Line: start, Tag: "<" + tok.Data + " " + key + ">", URL: u})
		}
		if tok.Data == "meta" {
			prop := attr["property"]
			if prop == "" {
				prop = attr["name"]
			}
			if metaURLs[prop] {
				add("content", strings.TrimSpace(attr["content"]))
			}
			if strings.EqualFold(attr["http-equiv"], "refresh") {
				if u := refreshURL(attr["content"]); u != "" {
					add("http-equiv=refresh", u)
				}
			}
			continue
		}
		for _, key := range urlAttrs[tok.Data] {
			v, ok := attr[key]
			if !ok {
				continue
			}
			if key == "srcset" {
				for _, u := range srcsetURLs(v) {
					add(key, u)
				}
				continue
			}
			add(key, strings.TrimSpace(v))
		}
	}
	return ids, links
}

// refreshURL is the url= part of <meta http-equiv=refresh content="0; url=…">.
func refreshURL(content string) string {
	_, after, ok := strings.Cut(content, ";")
	if !ok {
		return ""
	}
	after = strings.TrimSpace(after)
	if len(after) < 4 || !strings.EqualFold(after[:4], "url=") {
		return ""
	}
	return strings.Trim(strings.TrimSpace(after[4:]), `"'`)
}

// srcsetURLs splits "a.png 1x, b.png 2x" into its URLs.
func srcsetURLs(v string) []string {
	var out []string
	for _, cand := range strings.Split(v, ",") {
		if f := strings.Fields(cand); len(f) > 0 {
			out = append(out, f[0])
		}
	}
	return out
}

func (c *checker) check(rep *Report, l Link) {
	bad := func(format string, args ...any) {
		rep.Broken = append(rep.Broken, Broken{Link: l, Reason: fmt.Sprintf(format, args...)})
	}
	if l.URL == "" {
		bad("empty URL: give the link a target or remove it")
		return
	}
	u, err := url.Parse(l.URL)
	if err != nil {
		bad("not a valid URL (%v)", err)
		return
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
	case "javascript":
		bad("javascript: URL: use a <button> with a script, never a link")
		return
	case "data":
		return // inline content, nothing to resolve
	default: // mailto:, tel:, and anything else that leaves the site
		rep.External = append(rep.External, l)
		return
	}
	if u.Host != "" {
		if c.base == nil || !strings.EqualFold(u.Host, c.base.Host) {
			rep.External = append(rep.External, l)
			return
		}
		// An absolute link to the production site: check the path under
		// baseURL's path against the build.
		rel := strings.TrimPrefix(u.Path, strings.TrimSuffix(c.base.Path, "/"))
		u = &url.URL{Path: "/" + strings.TrimPrefix(rel, "/"), RawQuery: u.RawQuery, Fragment: u.Fragment}
	}
	rep.Checked++

	target := l.Page
	if u.Path != "" {
		p := u.Path
		if !strings.HasPrefix(p, "/") {
			p = path.Dir("/"+l.Page) + "/" + p
		}
		if escapesRoot(p) {
			bad("leads above the site root")
			return
		}
		file, ok := c.resolve(p)
		if !ok {
			bad("no file %s in the build: fix the link, or build the page it points to", file)
			return
		}
		target = file
	}
	if u.Fragment == "" {
		if strings.HasSuffix(l.URL, "#") && l.Tag == "<a href>" {
			bad(`empty fragment "#": link to a real target or use a <button>`)
		}
		return
	}
	if !isHTML(target) {
		return // #page=2 in a PDF, say: not ours to check
	}
	rep.Anchors++
	ids, err := c.idsOf(target)
	if err != nil {
		bad("cannot read %s: %v", target, err)
		return
	}
	if !ids[u.Fragment] {
		bad("%s has no element with id=%q: add the id or fix the fragment", target, u.Fragment)
	}
}

// escapesRoot reports a path with more ".." than directories above it.
func escapesRoot(p string) bool {
	depth := 0
	for _, seg := range strings.Split(p, "/") {
		switch seg {
		case "", ".":
		case "..":
			depth--
			if depth < 0 {
				return true
			}
		default:
			depth++
		}
	}
	return false
}

// resolve maps a URL path to the file a static server would send for it
// (when it is missing, the file it looked for):
// /x/ is /x/index.html, and /x (a folder) is redirected to /x/ by every
// static host, so it counts too.
func (c *checker) resolve(p string) (string, bool) {
	rel := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasSuffix(p, "/") || rel == "" || rel == "." {
		rel = path.Join(rel, "index.html")
	}
	st, err := os.Stat(filepath.Join(c.root, filepath.FromSlash(rel)))
	if err != nil {
		return rel, false
	}
	if st.IsDir() {
		rel = path.Join(rel, "index.html")
		if st, err := os.Stat(filepath.Join(c.root, filepath.FromSlash(rel))); err != nil || st.IsDir() {
			return rel, false
		}
	}
	return rel, true
}

func (c *checker) idsOf(page string) (map[string]bool, error) {
	if ids, ok := c.ids[page]; ok {
		return ids, nil
	}
	if _, err := c.links(page); err != nil {
		return nil, err
	}
	return c.ids[page], nil
}
