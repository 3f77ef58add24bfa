//go:build ignore

// extract writes English–translation paragraph pairs, the calibration
// corpora of this folder, from two kinds of source installed from Debian:
//
//	go run extract.go messages > corpus.tsv          # gettext catalogues, zh_CN
//	go run extract.go messages fr > corpus-fr.tsv    # fr, de, es, ru
//	go run extract.go manuals fr > docs-fr.tsv       # Debian's manuals, fr, de, es, ru
//
// messages reads the .mo files of a few packages; manuals pairs the n-th
// <p> of each page of two manuals with the n-th of the English page (po4a
// keeps the structure) and leaves out a page whose paragraph count differs,
// so no pair is guessed. Only prose paragraphs are kept (no option tables,
// no format-only strings), and not those left in English. Columns: source,
// position, English, translation (SOURCE.md).
package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/net/html"
)

func main() {
	if len(os.Args) < 2 || (os.Args[1] == "manuals" && len(os.Args) < 3) {
		fmt.Fprintln(os.Stderr, "usage: go run extract.go messages [LOCALE] | manuals LANG")
		os.Exit(2)
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	switch os.Args[1] {
	case "messages":
		locale := "zh_CN"
		if len(os.Args) > 2 {
			locale = os.Args[2]
		}
		messages(w, locale)
	case "manuals":
		manualPages(w, os.Args[2])
	default:
		fmt.Fprintf(os.Stderr, "extract: no source %q (messages or manuals)\n", os.Args[1])
		os.Exit(2)
	}
}

var packages = []string{"bash", "dpkg", "apt", "gnupg2", "tar", "wget", "coreutils", "gettext-tools", "shadow", "make"}

// messages writes the pairs of the gettext catalogues of packages.
func messages(w *bufio.Writer, locale string) {
	translated := hasHan
	if locale != "zh_CN" {
		translated = func(s string) bool { return true }
	}
	for _, p := range packages {
		pairs, err := readMO("/usr/share/locale/" + locale + "/LC_MESSAGES/" + p + ".mo")
		if err != nil {
			fmt.Fprintln(os.Stderr, p, err)
			continue
		}
		for i, pr := range pairs {
			en, zh := messageParagraphs(pr[0]), messageParagraphs(pr[1])
			if len(en) != len(zh) {
				continue
			}
			for j := range en {
				if !messageProse(en[j]) || !translated(zh[j]) || en[j] == zh[j] {
					continue
				}
				fmt.Fprintf(w, "%s\t%d:%d\t%s\t%s\n", p, i, j, en[j], zh[j])
			}
		}
	}
}

func readMO(path string) ([][2]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if bo.Uint32(b) != 0x950412de {
		bo = binary.BigEndian
	}
	n := int(bo.Uint32(b[8:]))
	orig, trans := int(bo.Uint32(b[12:])), int(bo.Uint32(b[16:]))
	str := func(table, i int) string {
		l := int(bo.Uint32(b[table+8*i:]))
		o := int(bo.Uint32(b[table+8*i+4:]))
		return string(b[o : o+l])
	}
	var out [][2]string
	for i := 0; i < n; i++ {
		id, tr := str(orig, i), str(trans, i)
		if id == "" || strings.Contains(id, "\x00") || strings.Contains(id, "\x04") {
			continue // header, plurals and contexts
		}
		out = append(out, [2]string{id, tr})
	}
	return out, nil
}

// messageParagraphs splits a message on blank lines and joins the lines of
// each paragraph.
func messageParagraphs(s string) []string {
	var out []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
		}
		cur = nil
	}
	for _, l := range strings.Split(s, "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			flush()
			continue
		}
		cur = append(cur, t)
	}
	flush()
	for i, p := range out {
		out[i] = joinLines(p)
	}
	return out
}

// joinLines joins wrapped lines as a reader sees them: no space between two
// Han characters.
func joinLines(p string) string {
	lines := strings.Split(p, "\n")
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := []rune(lines[i-1])
			cur := []rune(l)
			if !(unicode.Is(unicode.Han, prev[len(prev)-1]) || isCJKPunct(prev[len(prev)-1])) || !(unicode.Is(unicode.Han, cur[0]) || isCJKPunct(cur[0])) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return strings.ReplaceAll(b.String(), "\t", " ")
}

func isCJKPunct(r rune) bool { return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF }

// messageProse leaves out, besides what prose does, option lists, usage
// lines and aligned tables.
func messageProse(s string) bool {
	return !strings.HasPrefix(s, "-") && !strings.HasPrefix(s, "Usage") && !strings.Contains(s, "  ") && prose(s)
}

// prose keeps paragraphs that read as sentences: mostly words, ending in a
// stop.
func prose(s string) bool {
	if len(s) < 40 {
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

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

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

// manualPages writes the pairs of the manuals' pages in lang.
func manualPages(w *bufio.Writer, lang string) {
	for _, m := range manuals {
		for _, p := range m.pages() {
			en, err1 := htmlParagraphs(m.en(lang, p))
			tr, err2 := htmlParagraphs(m.tr(lang, p))
			if err1 != nil || err2 != nil || len(en) != len(tr) {
				fmt.Fprintf(os.Stderr, "%s/%s: %d and %d paragraphs, left out\n", m.name, p, len(en), len(tr))
				continue
			}
			for i := range en {
				if strings.Contains(en[i], "\t") || !prose(en[i]) || en[i] == tr[i] {
					continue
				}
				fmt.Fprintf(w, "%s/%s\t%d\t%s\t%s\n", m.name, p, i, en[i], tr[i])
			}
		}
	}
}

// htmlParagraphs returns the text of every <p> of a page, whitespace
// collapsed.
func htmlParagraphs(path string) ([]string, error) {
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
