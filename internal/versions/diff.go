package versions

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Op says what a Segment of a difference is.
type Op string

// The three kinds of segment, as the templates test them.
const (
	Same     Op = "="
	Inserted Op = "+"
	Deleted  Op = "-"
)

// Segment is a run of text that both versions share, or that only the newer
// (Inserted) or only the older (Deleted) has.
type Segment struct {
	Op   Op     `json:"op"`
	Text string `json:"text"`
}

// tokens cuts text into the units a reader compares: each Han character on
// its own (Chinese has no spaces between words, and a changed character is
// the change), a run of letters, digits and combining marks as one word in
// alphabetic scripts, and every space run and punctuation mark apart.
func tokens(s string) []string {
	var out []string
	start := -1
	flush := func(i int) {
		if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	var prevSpace bool
	for i, r := range s {
		size := utf8.RuneLen(r)
		if r == utf8.RuneError {
			_, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case unicode.Is(unicode.Han, r) || unicode.In(r, unicode.Hiragana, unicode.Katakana):
			flush(i)
			out = append(out, s[i:i+size])
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if start >= 0 && prevSpace {
				flush(i)
			}
			if start < 0 {
				start = i
			}
			prevSpace = false
			continue
		case unicode.IsSpace(r):
			if start >= 0 && !prevSpace {
				flush(i)
			}
			if start < 0 {
				start = i
			}
			prevSpace = true
			continue
		default:
			flush(i)
			out = append(out, s[i:i+size])
		}
		prevSpace = false
	}
	flush(len(s))
	return out
}

// Diff compares two texts token by token (see tokens) with go-diff: each
// distinct token is mapped to one rune, the rune strings are compared, and
// the runs are mapped back, the way diffmatchpatch compares lines.
func Diff(old, cur string) []Segment {
	if old == cur {
		if old == "" {
			return nil
		}
		return []Segment{{Same, old}}
	}
	index := map[string]rune{}
	var table []string
	encode := func(ts []string) []rune {
		rs := make([]rune, len(ts))
		for i, t := range ts {
			r, ok := index[t]
			if !ok {
				r = tokenRune(len(table))
				index[t] = r
				table = append(table, t)
			}
			rs[i] = r
		}
		return rs
	}
	a, b := encode(tokens(old)), encode(tokens(cur))
	if len(table) > maxTokens {
		// More distinct words than private-use runes: compare characters.
		return segments(diffmatchpatch.New().DiffMain(old, cur, false), func(s string) string { return s })
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = 0
	diffs := dmp.DiffMainRunes(a, b, false)
	diffs = dmp.DiffCleanupSemantic(diffs)
	return segments(diffs, func(s string) string {
		var sb strings.Builder
		for _, r := range s {
			sb.WriteString(table[runeToken(r)])
		}
		return sb.String()
	})
}

// Tokens are numbered into the private-use areas, where no rune is special
// to the algorithm or to UTF-8: 6,400 in the BMP, then planes 15 and 16.
const (
	bmpPrivate = 0xF8FF - 0xE000 + 1
	maxTokens  = bmpPrivate + 0x10FFFD - 0xF0000 + 1
)

func tokenRune(i int) rune {
	if i < bmpPrivate {
		return rune(0xE000 + i)
	}
	return rune(0xF0000 + i - bmpPrivate)
}

func runeToken(r rune) int {
	if r >= 0xF0000 {
		return int(r-0xF0000) + bmpPrivate
	}
	return int(r - 0xE000)
}

func segments(diffs []diffmatchpatch.Diff, text func(string) string) []Segment {
	var out []Segment
	for _, d := range diffs {
		t := text(d.Text)
		op := Same
		switch d.Type {
		case diffmatchpatch.DiffInsert:
			op = Inserted
		case diffmatchpatch.DiffDelete:
			op = Deleted
		}
		if n := len(out); n > 0 && out[n-1].Op == op {
			out[n-1].Text += t
			continue
		}
		out = append(out, Segment{op, t})
	}
	return out
}
