// Package numerals reads the numbers a legal text uses: clause numbering
// (一、二、三; I, II, III; 1, 2, 3; 第十二条; Article 12, Article premier,
// Статья 1, المادة ١) and the figures in clause text (digits as each
// locale writes them, Chinese numerals, number words, dates and
// percentages), so they can be compared across languages as values.
package numerals

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clauseUnits close a Chinese or Japanese clause number: 第十二条, 第一條.
var clauseUnits = "条條章节節款项項部篇编編点點"

// clausePrefixes are the words languages print before a clause number
// (Article 12, Artikel 1, Artículo 1, Статья 1, المادة ١).
var clausePrefixes = func() []string {
	ps := []string{
		"article", "art.", "art", "section", "sec.", "§", "clause", "chapter", "part", "no.", "item", "paragraph", "para.",
		"chapitre", "titre", "partie", "alinéa", "paragraphe", "n°", "nº",
		"artikel", "abschnitt", "absatz", "kapitel", "teil", "ziffer", "nr.", "punkt",
		"artículo", "articulo", "capítulo", "capitulo", "sección", "seccion", "apartado", "cláusula", "clausula", "núm.", "n.º",
		"статья", "ст.", "глава", "раздел", "пункт", "п.", "часть", "№",
		"artigo", "articolo", "capitolo",
		"المادة", "مادة", "البند", "ماده", "סעיף",
	}
	// Longest first, so that "artikel" is not read as "art" + "ikel".
	sort.Slice(ps, func(i, j int) bool { return utf8.RuneCountInString(ps[i]) > utf8.RuneCountInString(ps[j]) })
	return ps
}()

// ordinalSuffixes follow the digits of an ordinal: 1er, 1re, 1.º, 1ª, 1-й,
// 1st.
var ordinalSuffixes = []string{".º", ".ª", "º", "ª", "°", "er", "re", "ère", "e", "-й", "-я", "-е", "-го", "st", "nd", "rd", "th"}

// Ordinal returns the value of a clause number as printed in any of the
// supported styles: digits of any script, Roman numerals, Chinese
// numerals, and number words of the languages with a grammar (Article
// premier, Artikel eins), after any prefix a language prints.
func Ordinal(s string) (int, bool) {
	s = trimNumberPunct(s)
	if s == "" {
		return 0, false
	}
	for _, p := range clausePrefixes {
		if rest, ok := cutPrefixFold(s, p); ok {
			r, _ := utf8.DecodeRuneInString(rest)
			if rest == "" || !unicode.IsLetter(r) || strings.HasSuffix(p, ".") || !unicode.IsLetter([]rune(p)[0]) {
				s = trimNumberPunct(rest)
				break
			}
		}
	}
	if rest, ok := strings.CutPrefix(s, "第"); ok {
		s = rest
		for _, u := range clauseUnits {
			s = strings.TrimSuffix(s, string(u))
		}
		s = trimNumberPunct(s)
	}
	if v, ok := arabic(s); ok {
		return v, true
	}
	for _, suf := range ordinalSuffixes {
		if d, ok := strings.CutSuffix(s, suf); ok {
			if v, ok := arabic(d); ok {
				return v, true
			}
		}
	}
	if v, ok := roman(s); ok {
		return v, true
	}
	if v, ok := ChineseValue(s); ok {
		return v, true
	}
	lower := strings.ToLower(s)
	fields := strings.Fields(lower)
	for _, g := range grammars {
		if v, ok := g.ordinalValue(lower); ok {
			return v, true
		}
		if v, n, ok := g.cardinalAt(fields, nil, 0); ok && n == len(fields) {
			return v, true
		}
	}
	return 0, false
}

var grammars = []*grammar{english, french, german, spanish, russian}

// cutPrefixFold is strings.CutPrefix ignoring case.
func cutPrefixFold(s, prefix string) (string, bool) {
	i := 0
	for _, pr := range prefix {
		r, size := utf8.DecodeRuneInString(s[i:])
		if size == 0 || (r != pr && unicode.ToLower(r) != pr) {
			return "", false
		}
		i += size
	}
	return s[i:], true
}

func trimNumberPunct(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(".、,，:：)）(（。 -–—", r)
	})
}

func arabic(s string) (int, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	v := 0
	for _, r := range s {
		d, ok := digitValue(r)
		if !ok {
			return 0, false
		}
		v = v*10 + d
	}
	return v, true
}

var romanValues = map[rune]int{'i': 1, 'v': 5, 'x': 10, 'l': 50, 'c': 100, 'd': 500, 'm': 1000}

func roman(s string) (int, bool) {
	s = strings.ToLower(s)
	if s == "" || len(s) > 15 {
		return 0, false
	}
	total, prev := 0, 0
	for i := len(s) - 1; i >= 0; i-- {
		v, ok := romanValues[rune(s[i])]
		if !ok {
			return 0, false
		}
		if v < prev {
			total -= v
		} else {
			total += v
			prev = v
		}
	}
	// Reject non-canonical spellings (IIII, VX) by writing the value back.
	if toRoman(total) != s {
		return 0, false
	}
	return total, true
}

func toRoman(n int) string {
	if n <= 0 || n >= 4000 {
		return ""
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"m", "cm", "d", "cd", "c", "xc", "l", "xl", "x", "ix", "v", "iv", "i"}
	var sb strings.Builder
	for i, v := range vals {
		for n >= v {
			sb.WriteString(syms[i])
			n -= v
		}
	}
	return sb.String()
}

var chineseDigits = map[rune]int{
	'零': 0, '〇': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
	'壹': 1, '贰': 2, '叁': 3, '肆': 4, '伍': 5, '陆': 6, '柒': 7, '捌': 8, '玖': 9,
	// Traditional forms.
	'兩': 2, '貳': 2, '參': 3, '陸': 6,
}

// chineseBigUnits multiply what comes before them: 三万, 十二亿; 萬 and 億
// in Traditional Chinese and Japanese.
var chineseBigUnits = map[rune]int{'万': 10000, '萬': 10000, '亿': 100000000, '億': 100000000}

var chineseUnits = map[rune]int{'十': 10, '拾': 10, '百': 100, '佰': 100, '千': 1000, '仟': 1000}

// IsChineseNumeral reports whether r can be part of a Chinese number.
func IsChineseNumeral(r rune) bool {
	_, d := chineseDigits[r]
	_, u := chineseUnits[r]
	return d || u || chineseBigUnits[r] > 0
}

// ChineseValue reads a Chinese numeral such as 十二, 二十五, 一百零三, 三万 or a
// digit-by-digit year such as 二〇二〇.
func ChineseValue(s string) (int, bool) {
	rs := []rune(s)
	if len(rs) == 0 || len(rs) > 20 {
		return 0, false
	}
	allDigits := true
	for _, r := range rs {
		if _, ok := chineseDigits[r]; !ok {
			allDigits = false
		}
	}
	if allDigits && len(rs) > 1 {
		v := 0
		for _, r := range rs {
			v = v*10 + chineseDigits[r]
		}
		return v, true
	}
	total, section, digit := 0, 0, -1
	for _, r := range rs {
		if d, ok := chineseDigits[r]; ok {
			if d == 0 {
				continue // 一百零三: 零 only marks a gap
			}
			if digit >= 0 {
				return 0, false // 十四五 is a name, not one number
			}
			digit = d
			continue
		}
		if u, ok := chineseUnits[r]; ok {
			if digit < 0 {
				digit = 1 // 十二: a bare 十 is one ten
			}
			section += digit * u
			digit = -1
			continue
		}
		if mult := chineseBigUnits[r]; mult > 0 {
			if digit >= 0 {
				section += digit
			}
			if section == 0 {
				return 0, false
			}
			// 三亿五千万: a 万 inside an 亿 adds to it.
			if mult == 10000 && total >= 100000000 {
				total += section * mult
			} else {
				total = (total + section) * mult
			}
			section, digit = 0, -1
			continue
		}
		return 0, false
	}
	if digit >= 0 {
		section += digit
	}
	return total + section, true
}

var englishCardinal = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "zeros": 0, "zeroes": 0,
}

var englishScale = map[string]int{"hundred": 100, "thousand": 1000, "million": 1000000, "billion": 1000000000}

var englishOrdinalWords = map[string]int{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
	"ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"twentieth": 20,
}

var months = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
}
