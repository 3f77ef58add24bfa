// Package langcheck finds text in an HTML page whose language is not the one
// its lang attribute declares, so a screen reader would read it in the wrong
// voice: Chinese characters under lang="en" (or no lang at all), or a run of
// English words under lang="zh-…".
//
// Axe checks that lang values are valid; only the text can tell whether they
// are right. The test is one-directional where it must be: Chinese prose
// often carries Latin acronyms and brand names (MCN, App, Concord), so only
// a run of several English words counts as English.
package langcheck

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Problem is one piece of text in the wrong language for its lang.
type Problem struct {
	Lang    string // the lang in effect ("" when none)
	Element string // the element holding the text, e.g. div.cell > p
	Text    string // the text, shortened
	Reason  string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s (lang=%q): %q: %s", p.Element, p.Lang, p.Text, p.Reason)
}

// englishRun is four or more Latin words in a row: a phrase, not an acronym
// or a name.
var englishRun = regexp.MustCompile(`[A-Za-z]{2,}(?:[ ,;:'’-]+[A-Za-z]{2,}){3,}`)

// Check reads one page and returns every text in the wrong language.
func Check(r io.Reader) ([]Problem, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return nil, err
	}
	var out []Problem
	var walk func(n *html.Node, lang string, path []string)
	walk = func(n *html.Node, lang string, path []string) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			// Not prose: code, scripts, styles, and the embed snippet a reader
			// copies (HTML source) are in no human language. (The <title> is
			// prose: a screen reader announces it.)
			case atom.Script, atom.Style, atom.Code, atom.Pre, atom.Textarea, atom.Template:
				return
			}
			for _, a := range n.Attr {
				if a.Key == "lang" && a.Namespace == "" {
					lang = a.Val
				}
			}
			path = append(path, describe(n))
		}
		if n.Type == html.TextNode {
			if p, bad := judge(n.Data, lang); bad {
				p.Element = strings.Join(tail(path, 3), " > ")
				out = append(out, p)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, lang, path)
		}
	}
	walk(doc, "", nil)
	return out, nil
}

func judge(text, lang string) (Problem, bool) {
	text = strings.Join(strings.Fields(text), " ")
	if text == "" {
		return Problem{}, false
	}
	primary := strings.ToLower(strings.SplitN(lang, "-", 2)[0])
	hasHan := strings.ContainsFunc(text, func(r rune) bool { return unicode.Is(unicode.Han, r) })
	switch {
	case hasHan && primary != "zh" && primary != "ja" && primary != "ko":
		return Problem{Lang: lang, Text: clip(text), Reason: "Chinese text outside a lang=\"zh-…\" element: put lang on the element that holds it"}, true
	case primary == "zh" && englishRun.MatchString(text):
		return Problem{Lang: lang, Text: clip(englishRun.FindString(text)), Reason: "English phrase inside a Chinese element: wrap it in an element with lang=\"en\""}, true
	}
	return Problem{}, false
}

func describe(n *html.Node) string {
	s := n.Data
	for _, a := range n.Attr {
		switch a.Key {
		case "id":
			return s + "#" + a.Val
		case "class":
			if f := strings.Fields(a.Val); len(f) > 0 {
				s += "." + f[0]
			}
		}
	}
	return s
}

func tail(s []string, n int) []string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

func clip(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}
