// Package glossary loads the versioned term list (data/glossary*.toml) and
// finds its terms and renderings in clause text.
package glossary

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// Kind of a glossary entry.
const (
	KindTerm  = "term"
	KindTitle = "title"
)

// Entry maps one source-language term to its renderings.
type Entry struct {
	// Term is the text in the glossary's source language; for a title it
	// is written without 《》.
	Term string `toml:"term"`
	Kind string `toml:"kind"`
	// Allowed renderings; any one of them must appear in the other language.
	Allowed []string `toml:"allowed"`
	// Forbidden renderings must not appear where the term is used.
	Forbidden []string `toml:"forbidden"`
	Note      string   `toml:"note"`
	// Line is where the entry starts in its file.
	Line int `toml:"-"`
}

// Glossary is one file: a language pair and its entries.
type Glossary struct {
	File    string
	Version string
	Source  string
	Target  string
	Entries []Entry
}

// Set is every glossary file of a site.
type Set struct {
	Glossaries []*Glossary
}

// Versions lists "file@version" for the report.
func (s *Set) Versions() []string {
	var v []string
	for _, g := range s.Glossaries {
		v = append(v, g.File+"@"+g.Version)
	}
	return v
}

// For returns the glossaries that map between the two languages, each with
// a flag saying whether its source is lang a.
func (s *Set) For(a, b string) []*Glossary {
	var out []*Glossary
	for _, g := range s.Glossaries {
		if (g.Source == a && g.Target == b) || (g.Source == b && g.Target == a) {
			out = append(out, g)
		}
	}
	return out
}

type file struct {
	Version any     `toml:"version"`
	Source  string  `toml:"source"`
	Target  string  `toml:"target"`
	Entries []Entry `toml:"entry"`
}

// LoadDir reads every SITE_DIR/data/glossary*.toml.
func LoadDir(siteDir string) (*Set, error) {
	matches, err := filepath.Glob(filepath.Join(siteDir, "data", "glossary*.toml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(matches)
	set := &Set{}
	for _, m := range matches {
		raw, err := os.ReadFile(m)
		if err != nil {
			return nil, &siteconfig.ParseError{File: m, Msg: "cannot read: " + err.Error()}
		}
		rel, _ := filepath.Rel(siteDir, m)
		g, err := Parse(filepath.ToSlash(rel), raw)
		if err != nil {
			return nil, err
		}
		set.Glossaries = append(set.Glossaries, g)
	}
	return set, nil
}

// Parse reads one glossary file.
func Parse(name string, raw []byte) (*Glossary, error) {
	fm := siteconfig.TOML(raw)
	var f file
	if err := fm.Decode(name, &f); err != nil {
		return nil, err
	}
	if f.Version == nil {
		return nil, &siteconfig.ParseError{File: name, Line: 1, Msg: `no version; add version = "YYYY-MM-DD.N" at the top`}
	}
	if f.Source == "" || f.Target == "" {
		return nil, &siteconfig.ParseError{File: name, Line: 1, Msg: `source and target languages are required, e.g. source = "zh-hans" and target = "en"`}
	}
	g := &Glossary{File: name, Version: fmt.Sprint(f.Version), Source: strings.ToLower(f.Source), Target: strings.ToLower(f.Target)}
	lines := entryLines(raw)
	for i, e := range f.Entries {
		if i < len(lines) {
			e.Line = lines[i]
		}
		e.Term = strings.Trim(strings.TrimSpace(e.Term), "《》")
		if e.Kind == "" {
			e.Kind = KindTerm
		}
		if e.Term == "" || len(e.Allowed) == 0 {
			return nil, &siteconfig.ParseError{File: name, Line: e.Line, Msg: "entry needs a term and at least one allowed rendering"}
		}
		if e.Kind != KindTerm && e.Kind != KindTitle {
			return nil, &siteconfig.ParseError{File: name, Line: e.Line, Msg: fmt.Sprintf("kind %q is neither %q nor %q", e.Kind, KindTerm, KindTitle)}
		}
		g.Entries = append(g.Entries, e)
	}
	return g, nil
}

func entryLines(raw []byte) []int {
	var lines []int
	for i, l := range strings.Split(string(raw), "\n") {
		if strings.TrimSpace(l) == "[[entry]]" {
			lines = append(lines, i+1)
		}
	}
	return lines
}

// Title returns the title entry for a 《…》 title, if any.
func (g *Glossary) Title(t string) *Entry {
	for i := range g.Entries {
		if g.Entries[i].Kind == KindTitle && g.Entries[i].Term == t {
			return &g.Entries[i]
		}
	}
	return nil
}

// Contains reports whether rendering occurs in text as whole words, ignoring
// case and treating a plural of the last word (s, es, ies) as the same word.
func Contains(text, rendering string) bool {
	return Index(text, rendering) >= 0
}

// Index is Contains with the byte offset of the first match, or -1.
func Index(text, rendering string) int {
	want, _ := fold(rendering)
	if want == "" {
		return -1
	}
	hay, origin := fold(text)
	// Search for the stem so that "party" also finds "parties".
	stem := strings.TrimSuffix(want, "y")
	from := 0
	for from <= len(hay) {
		i := strings.Index(hay[from:], stem)
		if i < 0 {
			return -1
		}
		start := from + i
		end := start + len(stem)
		if boundaryBefore(hay, start) {
			rest := hay[end:]
			var endings []string
			if stem != want {
				endings = []string{"y", "ys", "ies"}
			} else {
				endings = []string{"", "s", "es"}
			}
			for _, suf := range endings {
				if strings.HasPrefix(rest, suf) && boundaryAfter(hay, end+len(suf)) {
					return origin[start]
				}
			}
		}
		from = start + 1
	}
	return -1
}

// fold lower-cases and treats hyphens and runs of spaces as one space, so
// that "E-commerce", "e-commerce" and "E-Commerce" match and line breaks do
// not matter. origin maps each byte of the result back to the byte of s it
// came from, since folding can change lengths.
func fold(s string) (string, []int) {
	var b strings.Builder
	var origin []int
	space := false
	for i, r := range s {
		if r == '-' || r == '‐' || unicode.IsSpace(r) {
			space = true
			continue
		}
		if r == '’' {
			r = '\''
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
			origin = append(origin, i)
		}
		space = false
		lr := unicode.ToLower(r)
		n := b.Len()
		b.WriteRune(lr)
		for k := n; k < b.Len(); k++ {
			origin = append(origin, i)
		}
	}
	return b.String(), origin
}

func boundaryBefore(s string, i int) bool {
	if i == 0 {
		return true
	}
	c := s[i-1]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
}

func boundaryAfter(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	c := s[i]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
}
