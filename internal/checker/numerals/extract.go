package numerals

import (
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/bep/golocales"
)

// Number is one figure found in clause text.
type Number struct {
	// Value is the canonical form compared across languages: "3", "2020",
	// "3.5", "50%".
	Value string
	// Text is what the clause says ("三个", "three", "50 percent").
	Text string
	// Words is set for figures written in words (三, three, September):
	// translators may fairly say "both" for 两个, so a mismatch there is
	// weaker evidence than one in digits.
	Words bool
}

// Numbers holds the figures of one clause text.
type Numbers struct {
	List []Number
	// Ones counts "one"/"a"-like uses of 一 and "one", which say nothing about
	// a figure (一个 is usually "a"); they only excuse a lone digit 1 on the
	// other side.
	Ones int
	// WordsRead is set when the language's number words were read. Where
	// they were not, a figure on the other side may be written in words
	// here, so Comparable leaves such figures out.
	WordsRead bool
}

// classifiers follow a Chinese numeral that counts something; a numeral
// without one (一些, 统一, 十分) is part of a word.
var classifiers = []string{
	"个", "名", "家", "项", "条", "款", "章", "节", "日", "天", "年", "月", "周", "星期", "小时", "时", "分钟", "秒",
	"次", "倍", "种", "位", "人", "美元", "岁", "件", "份", "批", "届", "期", "轮", "类", "组", "层", "级",
	"所", "座", "台", "本", "页", "行", "列", "字", "块", "张", "户", "万", "亿", "公里", "米", "千克", "吨", "点", "号",
	// Not 元: 二元, 一元 are "binary", "unary" far more often than yuan in words.
	// Traditional Chinese and Japanese forms.
	"個", "項", "條", "節", "週", "種", "屆", "輪", "類", "組", "層", "級", "臺", "頁", "張", "戶", "萬", "億", "噸", "點", "號", "歲", "つ", "回", "箇", "ヶ",
}

// Extract finds the figures in English or Chinese text.
func Extract(text string) Numbers { return ExtractIn(text, "en") }

// ExtractIn finds the figures in text written in a BCP 47 locale: digits as
// CLDR says the locale writes them (48 500 and 3,5 % in French, 48.500 in
// German, ٤٨٬٥٠٠ in Arabic), Chinese numerals in context, and the
// language's number words where it has a grammar (Numbers.WordsRead).
func ExtractIn(text, locale string) Numbers {
	f := FormatOf(locale)
	g := grammarFor(locale)
	out := Numbers{WordsRead: g != nil}
	rs := blankAddresses([]rune(text))
	type word struct {
		text       string
		start, end int
		num        bool
		val        int
	}
	var words []word
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isDigit(r):
			j := i
			for j < len(rs) && (isDigit(rs[j]) || (j > i && f.isMark(rs[j]) && j+1 < len(rs) && isDigit(rs[j+1]))) {
				j++
			}
			// printf placeholders (%1$s, %.2f) are not figures.
			if i > 0 && (rs[i-1] == '%' || (rs[i-1] == '.' && i > 1 && rs[i-2] == '%')) {
				i = j
				continue
			}
			// Digits inside a word are part of a name (l10n, md5sums,
			// sha256sum): they match a figure but, like words, are no
			// evidence of one missing. MD5, PGP2 and EXPR1 stay figures.
			inName := i > 0 && isCasedLetter(rs[i-1]) && j < len(rs) && isCasedLetter(rs[j])
			for _, v := range f.values(rs[i:j]) {
				n := Number{Value: v, Text: string(rs[i:j]), Words: inName}
				k := j
				for k < len(rs) && strings.ContainsRune(spaceMarks, rs[k]) {
					k++
				}
				switch {
				case k < len(rs) && (rs[k] == '%' || rs[k] == '％' || rs[k] == '٪'):
					n.Value += "%"
					n.Text += string(rs[k])
				case g != nil && g.percentAt(rs, k):
					n.Value += "%"
					n.Text += " percent"
				case j < len(rs) && chineseBigUnits[rs[j]] > 0:
					if iv, err := strconv.Atoi(v); err == nil {
						n.Value = strconv.Itoa(iv * chineseBigUnits[rs[j]])
						n.Text += string(rs[j])
					}
				}
				out.List = append(out.List, n)
				iv, err := strconv.Atoi(n.Value)
				if err != nil {
					iv = -1 // not a day of the month
				}
				words = append(words, word{text: n.Text, start: i, end: j, num: true, val: iv})
			}
			i = j
		case IsChineseNumeral(r):
			j := i
			for j < len(rs) && IsChineseNumeral(rs[j]) {
				j++
			}
			run := string(rs[i:j])
			if v, ok := chineseInContext(rs, i, j); ok {
				if v == 1 {
					out.Ones++
				} else {
					val := strconv.Itoa(v)
					if i >= 3 && string(rs[i-3:i]) == "百分之" {
						val += "%"
						run = "百分之" + run
					}
					out.List = append(out.List, Number{Value: val, Text: run, Words: true})
				}
			}
			i = j
		case isWordLetter(r):
			j := i
			for j < len(rs) && (isWordLetter(rs[j]) || (rs[j] == '-' && j+1 < len(rs) && isWordLetter(rs[j+1]))) {
				j++
			}
			words = append(words, word{text: string(rs[i:j]), start: i, end: j})
			i = j
		default:
			i++
		}
	}
	if g == nil {
		return out
	}
	lower := make([]string, len(words))
	apart := make([]bool, len(words))
	for k, w := range words {
		if !w.num {
			lower[k] = strings.ToLower(w.text)
		}
		if k > 0 && words[k-1].end <= w.start {
			apart[k] = strings.TrimSpace(string(rs[words[k-1].end:w.start])) != ""
		}
	}
	months := monthsOf(locale)
	// A day or year beside a month, past a joiner such as "de".
	numberBeside := func(k, dir int) bool {
		n := k + dir
		if n >= 0 && n < len(words) && !words[n].num && slices.Contains(g.dateJoiners, lower[n]) {
			a, b := words[min(k, n)], words[max(k, n)]
			if !adjacent(rs, a.end, b.start) && !(dir < 0 && a.end == b.start) {
				return false
			}
			k, n = n, n+dir
		}
		if n < 0 || n >= len(words) || !words[n].num {
			return false
		}
		a, b := words[min(k, n)], words[max(k, n)]
		return adjacent(rs, a.end, b.start) && words[n].val >= 0 && (dir > 0 || words[n].val <= 31)
	}
	for k := 0; k < len(words); k++ {
		w := words[k]
		if w.num {
			continue
		}
		lw := lower[k]
		// "por ciento" after a figure belongs to it.
		if k > 0 && words[k-1].num {
			if p, ok := g.percentPhraseAt(rs, w.start); ok {
				k += len(strings.Fields(p)) - 1
				continue
			}
		}
		if m, ok := months[lw]; ok && (!g.monthsCapital || unicode.IsUpper([]rune(w.text)[0])) && (numberBeside(k, -1) || numberBeside(k, 1)) {
			out.List = append(out.List, Number{Value: strconv.Itoa(m), Text: w.text, Words: true})
			continue
		}
		// Ordinals count from three: "first" and "second" (a unit of time in
		// most languages) say little.
		if v, ok := g.ordinalValue(lw); ok && v >= 3 {
			out.List = append(out.List, Number{Value: strconv.Itoa(v), Text: w.text, Words: true})
			continue
		} else if ok && v == 1 {
			out.Ones++ // "article premier" may stand for "Article 1"
			continue
		}
		if head, _, ok := strings.Cut(lw, "-"); ok {
			if v, ok := g.ordinalValue(head); ok && v >= 3 {
				out.List = append(out.List, Number{Value: strconv.Itoa(v), Text: w.text, Words: true})
				continue
			}
		}
		if v, ok := twiceWords[lw]; ok {
			out.List = append(out.List, Number{Value: strconv.Itoa(v), Text: w.text, Words: true})
			continue
		}
		v, n, ok := g.cardinalAt(lower, apart, k)
		if !ok || n == 0 {
			continue
		}
		text := make([]string, 0, n)
		for i := k; i < k+n; i++ {
			text = append(text, words[i].text)
		}
		k += n - 1
		if v == 1 {
			out.Ones++
			continue
		}
		out.List = append(out.List, Number{Value: strconv.Itoa(v), Text: strings.Join(text, " "), Words: true})
	}
	return out
}

// isCasedLetter: a letter of a script with capitals (Latin, Cyrillic,
// Greek), whose words do not take a digit as a prefix does in Arabic (و٣).
func isCasedLetter(r rune) bool {
	return unicode.IsLetter(r) && unicode.ToUpper(r) != unicode.ToLower(r)
}

// isWordLetter: letters of alphabetic scripts (and their combining marks),
// not Han, which the Chinese reader handles.
func isWordLetter(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	if r < 0x2E80 {
		return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
	}
	return (unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)) && !unicode.Is(unicode.Han, r) && !unicode.In(r, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

// percentAt reports whether a percent word of the language starts at k.
func (g *grammar) percentAt(rs []rune, k int) bool {
	_, ok := g.percentPhraseAt(rs, k)
	return ok
}

func (g *grammar) percentPhraseAt(rs []rune, k int) (string, bool) {
	for _, p := range g.percent {
		if hasWordAt(rs, k, p) {
			return p, true
		}
	}
	return "", false
}

var monthTables sync.Map // locale → map[string]int

// monthsOf returns the locale's month names (CLDR, through Hugo's locales),
// lower case, with their numbers.
func monthsOf(locale string) map[string]int {
	if m, ok := monthTables.Load(locale); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	t := golocales.New(locale)
	if t == nil {
		primary, _, _ := strings.Cut(locale, "-")
		t = golocales.New(primary)
	}
	if t != nil {
		for i, name := range t.MonthsWide() {
			if !strings.ContainsFunc(name, func(r rune) bool { return unicode.Is(unicode.Han, r) || unicode.IsDigit(r) }) {
				m[strings.ToLower(name)] = i + 1
			}
		}
	}
	monthTables.Store(locale, m)
	return m
}

func adjacent(rs []rune, a, b int) bool {
	if a > b || b-a > 3 {
		return false
	}
	for _, r := range rs[a:b] {
		if r != ' ' && r != ',' {
			return false
		}
	}
	return true
}

func hasWordAt(rs []rune, k int, w string) bool {
	if k+utf8.RuneCountInString(w) > len(rs) {
		return false
	}
	got := strings.ToLower(string(rs[k : k+utf8.RuneCountInString(w)]))
	if got != w {
		return false
	}
	end := k + utf8.RuneCountInString(w)
	return end == len(rs) || !unicode.IsLetter(rs[end])
}

func isDigit(r rune) bool { _, ok := digitValue(r); return ok }

// values reads a run of digits and marks: as the locale writes figures if
// it can, else as separate figures at spaces, else mark by mark.
func (f Format) values(run []rune) []string {
	if v := f.value(run); v != nil {
		return v
	}
	if slices.ContainsFunc(run, func(r rune) bool { return strings.ContainsRune(spaceMarks, r) }) {
		var out []string
		for _, part := range strings.FieldsFunc(string(run), func(r rune) bool { return strings.ContainsRune(spaceMarks, r) }) {
			out = append(out, f.values([]rune(part))...)
		}
		return out
	}
	var b strings.Builder
	for _, r := range run {
		d, isD := digitValue(r)
		switch {
		case isD:
			b.WriteByte(byte('0' + d))
		case r == '．' || r == '٫':
			b.WriteByte('.')
		case r == '，' || r == '٬' || r == '.' || r == ',':
			if r == '.' {
				b.WriteByte('.')
			} else {
				b.WriteByte(',')
			}
		default:
			b.WriteByte(',') // an apostrophe that did not group: two figures
		}
	}
	return digitValues(b.String())
}

// digitValues reads ASCII digits with English separators: "1,000" is one
// thousand, "3.5" a decimal, "2.1.0" a version kept as written, and "1,2"
// two numbers.
func digitValues(s string) []string {
	if strings.Contains(s, ",") {
		parts := strings.Split(s, ",")
		thousands := len(parts[0]) >= 1 && len(parts[0]) <= 3
		for _, p := range parts[1:] {
			if len(p) != 3 && !(strings.Contains(p, ".") && strings.Index(p, ".") == 3) {
				thousands = false
			}
		}
		if !thousands {
			var out []string
			for _, p := range parts {
				out = append(out, digitValues(p)...)
			}
			return out
		}
		s = strings.ReplaceAll(s, ",", "")
	}
	if strings.Count(s, ".") == 1 {
		if f, err := strconv.ParseFloat(s, 64); err == nil {
			return []string{strconv.FormatFloat(f, 'f', -1, 64)}
		}
	}
	if !strings.Contains(s, ".") {
		t := strings.TrimLeft(s, "0")
		if t == "" {
			t = "0"
		}
		return []string{t}
	}
	return []string{s}
}

// chineseInContext reads the numeral rs[i:j] if the characters around it say
// it is a figure: 第 before it, a classifier or % after it, 百分之 before
// it, or a digit-by-digit year.
func chineseInContext(rs []rune, i, j int) (int, bool) {
	first := rs[i]
	if _, unit := chineseUnits[first]; unit && first != '十' && first != '拾' {
		return 0, false // 百姓, 千万 (by all means)
	}
	if chineseBigUnits[first] > 0 {
		return 0, false
	}
	v, ok := ChineseValue(string(rs[i:j]))
	if !ok {
		return 0, false
	}
	if i > 0 && rs[i-1] == '第' {
		return v, true
	}
	if i >= 3 && string(rs[i-3:i]) == "百分之" {
		return v, true
	}
	if j-i >= 2 {
		all := true
		for _, r := range rs[i:j] {
			if _, d := chineseDigits[r]; !d {
				all = false
			}
		}
		if all && j < len(rs) && rs[j] == '年' {
			return v, true
		}
	}
	rest := string(rs[j:])
	for _, c := range classifiers {
		if strings.HasPrefix(rest, c) {
			return v, true
		}
	}
	return 0, false
}

// blankAddresses hides e-mail addresses and URLs, whose digits are not
// figures of the text.
func blankAddresses(rs []rune) []rune {
	out := rs
	copied := false
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && !unicode.IsSpace(rs[j]) && !(rs[j] > 0x2E80) {
			j++
		}
		tok := string(rs[i:j])
		if strings.Contains(tok, "@") || strings.Contains(tok, "://") || strings.HasPrefix(tok, "www.") {
			if !copied {
				out = append([]rune(nil), rs...)
				copied = true
			}
			for k := i; k < j; k++ {
				out[k] = ' '
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	return out
}
