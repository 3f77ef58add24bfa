// Package script looks at which writing system a piece of text uses, so the
// checker can tell Chinese left in English, English left untranslated in
// Chinese, and Chinese typography in English.
package script

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Class is how a language writes: with Han characters and no spaces, or with
// an alphabet and spaces between words. The checks that depend on the script
// key on this, not on a language code, so a third language needs no code.
type Class int

// Script classes.
const (
	Alphabetic Class = iota
	Han
)

// ClassOf guesses the class of a Hugo language key or locale.
func ClassOf(lang string) Class {
	primary, _, _ := strings.Cut(strings.ToLower(lang), "-")
	switch primary {
	case "zh", "ja", "yue", "wuu", "cmn", "lzh":
		return Han
	}
	return Alphabetic
}

// IsHan reports whether r is a Han ideograph.
func IsHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// IsCJKPunct reports CJK and full-width punctuation that has no place in
// alphabetic text. Curly quotes and dashes are shared with English typography
// and not included.
func IsCJKPunct(r rune) bool {
	switch {
	case r >= 0x3000 && r <= 0x303F: // 、。〈〉《》「」【】 and the ideographic space
		return true
	case r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF20, r >= 0xFF3B && r <= 0xFF40, r >= 0xFF5B && r <= 0xFF65:
		return true
	}
	return false
}

// Length is the unit both length checks and the sentence aligner count: one
// per letter, digit or Han character. Spaces and punctuation are left out so
// that a translation's typography (missing spaces, full-width commas) does
// not move its length.
func Length(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// Run is a stretch of text found by one of the scanners, with its byte offset
// in the scanned string.
type Run struct {
	Text   string
	Offset int
}

// HanRuns returns the runs of Han characters (with the CJK punctuation inside
// or right after them).
func HanRuns(s string) []Run {
	var runs []Run
	start := -1
	for i, r := range s {
		in := IsHan(r) || (start >= 0 && (IsCJKPunct(r) || r == ' '))
		if in && start < 0 && IsHan(r) {
			start = i
		} else if !in && start >= 0 {
			runs = append(runs, Run{Text: strings.TrimSpace(s[start:i]), Offset: start})
			start = -1
		}
	}
	if start >= 0 {
		runs = append(runs, Run{Text: strings.TrimSpace(s[start:]), Offset: start})
	}
	return runs
}

// CJKPunct returns each CJK or full-width punctuation mark in s.
func CJKPunct(s string) []Run {
	var runs []Run
	for i, r := range s {
		if IsCJKPunct(r) {
			runs = append(runs, Run{Text: string(r), Offset: i})
		}
	}
	return runs
}

// LatinRuns returns runs of at least minWords Latin words (two or more
// letters each) in Han text: an English phrase left in a Chinese clause.
// Single words are not reported because names, acronyms and product names
// (5G, Alibaba) are routinely kept in Latin letters.
func LatinRuns(s string, minWords int) []Run {
	var runs []Run
	words := 0
	start, lastEnd := -1, -1
	i := 0
	flush := func() {
		if words >= minWords && start >= 0 {
			runs = append(runs, Run{Text: s[start:lastEnd], Offset: start})
		}
		words, start, lastEnd = 0, -1, -1
	}
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if isLatinLetter(r) {
			j := i
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if !isLatinLetter(r2) && r2 != '\'' && r2 != '-' {
					break
				}
				j += sz
			}
			if j-i >= 2 {
				if start < 0 {
					start = i
				}
				words++
				lastEnd = j
			} else {
				flush()
			}
			i = j
			continue
		}
		if r == ' ' && start >= 0 {
			i += size
			continue
		}
		flush()
		i += size
	}
	flush()
	return runs
}

func isLatinLetter(r rune) bool {
	return r < 0x250 && unicode.IsLetter(r)
}

// MissingSpaces returns the places in alphabetic text where a comma,
// semicolon or colon is followed straight by a letter, or a sentence stop by
// a capital letter ("consumption,Promoting", "anchors.Vendors"). Numbers
// (1,000; 3.5; 17:04) and abbreviations (U.S.A., e.g.) are left alone.
func MissingSpaces(s string) []Run {
	var runs []Run
	rs := []rune(s)
	offs := make([]int, len(rs)+1)
	o := 0
	for i, r := range rs {
		offs[i] = o
		o += utf8.RuneLen(r)
	}
	offs[len(rs)] = o
	for i := 1; i+1 < len(rs); i++ {
		p, next, prev := rs[i], rs[i+1], rs[i-1]
		switch p {
		case ',', ';', ':':
			if unicode.IsLetter(next) && isLatinLetter(next) && !unicode.IsSpace(prev) && (unicode.IsLetter(prev) || unicode.IsDigit(prev) || prev == ')' || prev == '"' || prev == '\'') {
				runs = append(runs, Run{Text: excerpt(rs, i), Offset: offs[i]})
			}
		case '.', '!', '?':
			if !unicode.IsUpper(next) || !isLatinLetter(next) {
				continue
			}
			// The word before the stop: an initial or an abbreviation such as
			// "U.S.Army" is not a sentence end.
			j := i - 1
			for j >= 0 && unicode.IsLetter(rs[j]) {
				j--
			}
			word := rs[j+1 : i]
			if len(word) < 2 || (j >= 0 && rs[j] == '.') {
				continue
			}
			runs = append(runs, Run{Text: excerpt(rs, i), Offset: offs[i]})
		}
	}
	return runs
}

// excerpt shows the words on either side of position i, up to the nearest
// spaces.
func excerpt(rs []rune, i int) string {
	lo, hi := i, i+1
	for lo > 0 && i-lo < 30 && !unicode.IsSpace(rs[lo-1]) {
		lo--
	}
	for hi < len(rs) && hi-i < 30 && !unicode.IsSpace(rs[hi]) {
		hi++
	}
	return string(rs[lo:hi])
}

// EndsSentence reports whether text ends as a finished sentence does, with a
// stop, a colon or a semicolon (a list lead-in), possibly inside closing
// quotes or brackets.
func EndsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("\"'”’」』）)]】》»›*_", r)
	})
	if s == "" {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?:;。！？：；…؟؛۔।", r)
}

// Shared returns the Latin-letter and digit tokens (names, options,
// acronyms such as 5G) that occur in both texts, with how often they occur in
// both. A Chinese translation keeps them as they are, so they say nothing
// about how much was translated and the length model leaves them out.
func Shared(a, b string) map[string]int {
	ta, tb := tokens(a), tokens(b)
	out := map[string]int{}
	for t, n := range ta {
		if m := tb[t]; m > 0 {
			out[t] = min(n, m)
		}
	}
	return out
}

func tokens(s string) map[string]int {
	m := map[string]int{}
	start := -1
	for i, r := range s {
		if r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			m[s[start:i]]++
			start = -1
		}
	}
	if start >= 0 {
		m[s[start:]]++
	}
	return m
}

// TranslatedLength is Length less the letters of shared tokens.
func TranslatedLength(s string, shared map[string]int) int {
	n := Length(s)
	if len(shared) == 0 {
		return n
	}
	left := make(map[string]int, len(shared))
	for t, k := range tokens(s) {
		if c := shared[t]; c > 0 {
			used := min(k, c)
			left[t] = used
			n -= used * len(t)
		}
	}
	if n < 0 {
		n = 0
	}
	return n
}
