// Package headersfile reads a _headers file, the format Netlify and
// Cloudflare Pages use to attach HTTP response headers to paths, and tells
// which headers a path gets, so tests (and a loopback server) can serve the
// built site with the headers the host would send.
//
// The format, as both hosts accept it:
//
//	# a comment
//	/path/pattern
//	  Header-Name: value
//	  Other-Header: value
//
// A pattern is an absolute path in which "*" (once) matches anything,
// slashes included, and ":name" matches one non-empty path segment. A path
// matches a pattern with or without a trailing slash, as on Netlify. A
// request gets the headers of every rule that matches it, in file order;
// the hosts disagree on what a header set by two matching rules means
// (Cloudflare joins the values, Netlify keeps one), so Overlaps reports them.
//
// Some things one host accepts and the other does not are refused here:
// absolute URLs in patterns and Cloudflare's "! Header" detach lines.
package headersfile

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"os"
	"regexp"
	"strings"
)

// MaxLineLength is Cloudflare Pages' limit on one line of _headers; a longer
// Content-Security-Policy would be dropped there, so it is an error here.
const MaxLineLength = 2000

// Header is one "Name: value" line of a rule.
type Header struct {
	Name  string // canonical form, as net/http writes it
	Value string
	Line  int
}

// Rule is a path pattern and the headers it attaches.
type Rule struct {
	Pattern string
	Line    int
	Headers []Header
	re      *regexp.Regexp
}

// File is a parsed _headers file.
type File struct {
	Name  string // for messages: the path it was read from
	Rules []*Rule
}

// ParseFile reads and parses the _headers file at path.
func ParseFile(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return Parse(path, f)
}

// Parse parses a _headers file; name is used in error messages, which read
// "name:line: what is wrong; what to do".
func Parse(name string, r io.Reader) (*File, error) {
	file := &File{Name: name}
	sc := bufio.NewScanner(r)
	// Read lines longer than the limit whole, so the error says "too long"
	// instead of bufio's "token too long".
	sc.Buffer(make([]byte, 0, 4096), 4*MaxLineLength)
	var rule *Rule
	n := 0
	for sc.Scan() {
		n++
		raw := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			raw = strings.TrimPrefix(raw, "\uFEFF")
		}
		fail := func(format string, args ...any) error {
			return fmt.Errorf("%s:%d: %s", name, n, fmt.Sprintf(format, args...))
		}
		if len(raw) > MaxLineLength {
			return nil, fail("line is %d characters long, over the hosts' limit of %d; shorten the header value", len(raw), MaxLineLength)
		}
		if strings.ContainsFunc(raw, isControl) {
			return nil, fail("control character in line; remove it")
		}
		text := strings.TrimSpace(raw)
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		if !indented {
			re, err := compile(text)
			if err != nil {
				return nil, fail("%v", err)
			}
			rule = &Rule{Pattern: text, Line: n, re: re}
			file.Rules = append(file.Rules, rule)
			continue
		}
		if rule == nil {
			return nil, fail("header line before any path; start a rule with an unindented path such as /*")
		}
		if strings.HasPrefix(text, "!") {
			return nil, fail("%q is Cloudflare's detach syntax, which Netlify rejects; write rules that do not overlap instead", text)
		}
		colon := strings.IndexByte(text, ':')
		if colon < 0 {
			return nil, fail("%q is not a header; write it as Name: value", text)
		}
		key := strings.TrimSpace(text[:colon])
		value := strings.TrimSpace(text[colon+1:])
		if !isToken(key) {
			return nil, fail("%q is not a valid header name; use letters, digits and hyphens", key)
		}
		if value == "" {
			return nil, fail("header %s has no value; give one or remove the line", key)
		}
		rule.Headers = append(rule.Headers, Header{Name: http.CanonicalHeaderKey(key), Value: value, Line: n})
	}
	if err := sc.Err(); err == bufio.ErrTooLong {
		return nil, fmt.Errorf("%s:%d: line is over the hosts' limit of %d characters; shorten the header value", name, n+1, MaxLineLength)
	} else if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	for _, r := range file.Rules {
		if len(r.Headers) == 0 {
			return nil, fmt.Errorf("%s:%d: path %s has no headers under it; indent its headers or remove it", name, r.Line, r.Pattern)
		}
	}
	return file, nil
}

// compile turns a pattern into an anchored regular expression.
func compile(pattern string) (*regexp.Regexp, error) {
	if !strings.HasPrefix(pattern, "/") {
		if strings.Contains(pattern, "://") {
			return nil, fmt.Errorf("%q is an absolute URL, which Netlify does not accept; use a path starting with /", pattern)
		}
		return nil, fmt.Errorf("%q is neither a comment, a path nor an indented header; paths start with /", pattern)
	}
	if strings.ContainsAny(pattern, " \t?#") {
		return nil, fmt.Errorf("path %q contains a space, ? or #; a pattern is a path only", pattern)
	}
	if strings.Count(pattern, "*") > 1 {
		return nil, fmt.Errorf("path %q has more than one *; Cloudflare allows one splat per rule", pattern)
	}
	var b strings.Builder
	b.WriteString("^")
	for i, seg := range strings.Split(strings.TrimSuffix(pattern, "/"), "/") {
		if i > 0 {
			b.WriteString("/")
		}
		if name, ok := strings.CutPrefix(seg, ":"); ok {
			if !isPlaceholderName(name) {
				return nil, fmt.Errorf("placeholder %q in %q: use a name of letters, digits and _ after the colon", seg, pattern)
			}
			b.WriteString("[^/]+")
			continue
		}
		before, after, splat := strings.Cut(seg, "*")
		b.WriteString(regexp.QuoteMeta(before))
		if splat {
			b.WriteString(".*")
			b.WriteString(regexp.QuoteMeta(after))
		}
	}
	// With or without a trailing slash, as Netlify matches.
	b.WriteString("/?$")
	return regexp.Compile(b.String())
}

// Matches reports whether the rule applies to a URL path ("/en/", no query).
func (r *Rule) Matches(path string) bool {
	return r.re.MatchString(path)
}

// Match returns the rules that apply to path, in file order.
func (f *File) Match(path string) []*Rule {
	var out []*Rule
	for _, r := range f.Rules {
		if r.Matches(path) {
			out = append(out, r)
		}
	}
	return out
}

// For returns the headers path gets: every matching rule's, in file order.
// A header two rules set has two values; Overlaps explains why that matters.
func (f *File) For(path string) http.Header {
	h := http.Header{}
	for _, r := range f.Match(path) {
		for _, hd := range r.Headers {
			h.Add(hd.Name, hd.Value)
		}
	}
	return h
}

// Overlap is one header that two rules matching the same path both set.
type Overlap struct {
	Header       string
	First, Other *Rule
}

func (o Overlap) String() string {
	return fmt.Sprintf("%s is set by %s (line %d) and %s (line %d)", o.Header, o.First.Pattern, o.First.Line, o.Other.Pattern, o.Other.Line)
}

// Overlaps lists the headers that more than one rule sets for path. The
// hosts resolve these differently, so a portable file has none.
func (f *File) Overlaps(path string) []Overlap {
	var out []Overlap
	setBy := map[string]*Rule{}
	for _, r := range f.Match(path) {
		seen := map[string]bool{}
		for _, hd := range r.Headers {
			if seen[hd.Name] {
				continue // repeated in one rule: a multi-value header, same on both hosts
			}
			seen[hd.Name] = true
			if first, ok := setBy[hd.Name]; ok {
				out = append(out, Overlap{Header: hd.Name, First: first, Other: r})
				continue
			}
			setBy[hd.Name] = r
		}
	}
	return out
}

// Wrap serves next with the headers of the request's path added, as the
// host would: the way to test the built site with its real headers.
func (f *File) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		for name, values := range f.For(req.URL.Path) {
			for _, v := range values {
				w.Header().Add(name, v)
			}
		}
		next.ServeHTTP(w, req)
	})
}

// String writes the file back in the format, without comments.
func (f *File) String() string {
	var b strings.Builder
	for _, r := range f.Rules {
		b.WriteString(r.Pattern)
		b.WriteString("\n")
		for _, h := range r.Headers {
			fmt.Fprintf(&b, "  %s: %s\n", h.Name, h.Value)
		}
	}
	return b.String()
}

func isControl(r rune) bool {
	return (r < 0x20 && r != '\t') || r == 0x7f
}

// isToken: an HTTP field name (RFC 9110 token).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		case strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0:
		default:
			return false
		}
	}
	return true
}

func isPlaceholderName(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}
