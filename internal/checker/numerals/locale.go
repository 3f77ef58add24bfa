package numerals

import (
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Format is how a locale writes figures: its decimal mark and the marks it
// groups thousands with, as CLDR gives them for its default numbering system
// and for Latin digits (an Arabic text may use either).
type Format struct {
	// Decimal holds the decimal marks ("," in French, "." in English, "٫"
	// in Arabic).
	Decimal string
	// Group holds the grouping marks. A locale that groups with a space also
	// accepts the other spaces typesetters use for it (U+0020, U+00A0,
	// U+202F, U+2009); one that groups with an apostrophe accepts both
	// apostrophes.
	Group string
	// IndianGroups is set where CLDR groups by two above the thousands
	// (12,34,567 in Hindi).
	IndianGroups bool
}

var spaceMarks = " \u00a0\u202f\u2009"

var formats sync.Map // locale → Format

// FormatOf returns the CLDR number format of a BCP 47 locale; an unknown or
// malformed locale gets the root locale's ("1,234.5").
func FormatOf(locale string) Format {
	if f, ok := formats.Load(locale); ok {
		return f.(Format)
	}
	f := probeFormat(locale)
	formats.Store(locale, f)
	return f
}

func probeFormat(locale string) Format {
	tag, err := language.Parse(locale)
	if err != nil {
		tag = language.Und
	}
	var f Format
	add := func(set *string, r rune) {
		if !strings.ContainsRune(*set, r) {
			*set += string(r)
		}
	}
	probe := func(tag language.Tag) {
		// 1234567.5 written out shows both marks: the one before the last
		// digit is the decimal mark, the others group.
		s := message.NewPrinter(tag).Sprint(number.Decimal(1234567.5, number.Scale(1)))
		rs := []rune(s)
		digitsSince := 0
		for i := len(rs) - 1; i >= 0; i-- {
			r := rs[i]
			if _, ok := digitValue(r); ok {
				digitsSince++
				continue
			}
			if i == len(rs)-2 {
				add(&f.Decimal, r)
			} else if unicode.IsPunct(r) || unicode.IsSpace(r) || unicode.IsSymbol(r) || r == '\u00a0' || r == '\u202f' {
				add(&f.Group, r)
				if digitsSince == 2 {
					f.IndianGroups = true
				}
			}
			digitsSince = 0
		}
	}
	probe(tag)
	// The same locale with Latin digits: Arabic texts often use them, with
	// the Latin marks.
	if latn, err := language.Parse(tag.String() + "-u-nu-latn"); err == nil && latn != tag {
		probe(latn)
	}
	if f.Decimal == "" {
		f.Decimal = "."
	}
	if f.Group == "" {
		f.Group = ","
	}
	for _, r := range f.Group {
		switch {
		case strings.ContainsRune(spaceMarks, r):
			for _, s := range spaceMarks {
				add(&f.Group, s)
			}
		case r == '\'' || r == '’':
			add(&f.Group, '\'')
			add(&f.Group, '’')
		}
	}
	return f
}

// groupsWithSpace reports whether the locale groups with a space, so that
// "48 500" is one figure and not two.
func (f Format) groupsWithSpace() bool { return strings.ContainsAny(f.Group, spaceMarks) }

// isMark reports whether r may sit between two digits of one figure.
func (f Format) isMark(r rune) bool {
	if strings.ContainsRune(".,．，", r) {
		return true
	}
	return strings.ContainsRune(f.Decimal, r) || strings.ContainsRune(f.Group, r)
}

// digitValue reads any decimal digit Unicode knows (ASCII, full-width,
// Arabic-Indic ٠-٩, Persian ۰-۹, Devanagari…): digits come in runs of ten
// from zero, so the value is the distance from the run's start.
func digitValue(r rune) (int, bool) {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0'), true
	case r < 0x80:
		return 0, false
	case !unicode.Is(unicode.Nd, r):
		return 0, false
	}
	start := r
	for unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return int(r-start) % 10, true
}

// value reads a run of digits and marks as the locale writes it. It returns
// nil when the run is not one well-formed figure in this locale, and the
// caller falls back on reading it mark by mark.
func (f Format) value(run []rune) []string {
	var intPart, frac strings.Builder
	var groups []int
	cur := 0
	seenDecimal := false
	for _, r := range run {
		if d, ok := digitValue(r); ok {
			if seenDecimal {
				frac.WriteByte(byte('0' + d))
			} else {
				intPart.WriteByte(byte('0' + d))
				cur++
			}
			continue
		}
		switch {
		case strings.ContainsRune(f.Decimal, r) && !seenDecimal:
			seenDecimal = true
			groups = append(groups, cur)
		case strings.ContainsRune(f.Group, r) && !seenDecimal:
			groups = append(groups, cur)
			cur = 0
		default:
			return nil
		}
	}
	if !seenDecimal {
		groups = append(groups, cur)
	}
	if len(groups) > 1 {
		if groups[0] < 1 || groups[0] > 3 {
			return nil
		}
		for i, g := range groups[1:] {
			last := i == len(groups)-2
			if g != 3 && !(f.IndianGroups && !last && g == 2) {
				return nil
			}
		}
	}
	if seenDecimal && frac.Len() == 0 {
		return nil
	}
	v := strings.TrimLeft(intPart.String(), "0")
	if v == "" {
		v = "0"
	}
	if fr := strings.TrimRight(frac.String(), "0"); fr != "" {
		v += "." + fr
	}
	return []string{v}
}
