//go:build ignore

// extract-docs writes English–translation paragraph pairs from two Debian
// manuals installed in several languages, formal prose where the message
// catalogues are terse:
//
//	apt-get install developers-reference developers-reference-{de,fr,ru} maint-guide maint-guide-{de,es,fr,ru}
//	go run extract-docs.go fr > docs-fr.tsv
//
// The translations are made with po4a, which keeps the English structure,
// so the n-th paragraph (<p>) of a page is the translation of the n-th of
// the English page. A page whose paragraph count differs from the
// English is left out whole, so no pair is guessed. Columns: manual/page,
// paragraph number, English, translation; prose paragraphs only, as in
// extract.go, and not those left in English.
package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

type manual struct {
	name string
	// en and tr give the English page and its translation for a page name.
	en, tr func(lang, page string) string
	pages  func() []string
}

var manuals = []manual{
	{
		name: "developers-reference",
		en:   func(_, p string) string { return "/usr/share/developers-reference/" + p + ".html" },
		tr:   func(l, p string) string { return "/usr/share/developers-reference/" + l + "/" + p + ".html" },
		pages: func() []string {
			return glob("/usr/share/developers-reference/*.html", ".html")
		},
	},
	{
		name: "maint-guide",
		en:   func(_, p string) string { return "/usr/share/doc/maint-guide/html/" + p + ".en.html" },
		tr:   func(l, p string) string { return "/usr/share/doc/maint-guide-" + l + "/html/" + p + "." + l + ".html" },
		pages: func() []string {
			return glob("/usr/share/doc/maint-guide/html/*.en.html", ".en.html")
		},
	},
}

func glob(pattern, suffix string) []string {
	files, _ := filepath.Glob(pattern)
	var out []string
	for _, f := range files {
		p := strings.TrimSuffix(filepath.Base(f), suffix)
		// The one-page editions repeat the chapters; search has no prose.
		if p == "developers-reference" || p == "index" || p == "search" {
			continue
		}
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

func main() {
	lang := os.Args[1]
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, m := range manuals {
		for _, p := range m.pages() {
			en, err1 := paragraphs(m.en(lang, p))
			tr, err2 := paragraphs(m.tr(lang, p))
			if err1 != nil || err2 != nil || len(en) != len(tr) {
				fmt.Fprintf(os.Stderr, "%s/%s: %d and %d paragraphs, left out\n", m.name, p, len(en), len(tr))
				continue
			}
			for i := range en {
				if !prose(en[i]) || en[i] == tr[i] {
					continue
				}
				fmt.Fprintf(w, "%s/%s\t%d\t%s\t%s\n", m.name, p, i, en[i], tr[i])
			}
		}
	}
}

// paragraphs returns the text of every <p> of a page, whitespace collapsed.
func paragraphs(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := html.Parse(f)
	if err != nil {
		return nil, err
	}
	var out []string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "p" {
			var b strings.Builder
			text(n, &b)
			out = append(out, strings.Join(strings.Fields(b.String()), " "))
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out, nil
}

func text(n *html.Node, b *strings.Builder) {
	if n.Type == html.TextNode {
		b.WriteString(n.Data)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		text(c, b)
	}
}

// prose keeps paragraphs that read as sentences, as extract.go does.
func prose(s string) bool {
	if len(s) < 40 || strings.ContainsAny(s, "\t") {
		return false
	}
	letters, other := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) || r == ' ' {
			letters++
		} else {
			other++
		}
	}
	if other*6 > letters {
		return false
	}
	last := s[len(s)-1]
	return last == '.' || last == ':'
}
