package numerals

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
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
}

// classifiers follow a Chinese numeral that counts something; a numeral
// without one (一些, 统一, 十分) is part of a word.
var classifiers = []string{
	"个", "名", "家", "项", "条", "款", "章", "节", "日", "天", "年", "月", "周", "星期", "小时", "时", "分钟", "秒",
	"次", "倍", "种", "位", "人", "美元", "岁", "件", "份", "批", "届", "期", "轮", "类", "组", "层", "级",
	"所", "座", "台", "本", "页", "行", "列", "字", "块", "张", "户", "万", "亿", "公里", "米", "千克", "吨", "点", "号",
	// Not 元: 二元, 一元 are "binary", "unary" far more often than yuan in words.
}

// Extract finds the figures in text.
func Extract(text string) Numbers {
	var out Numbers
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
			for j < len(rs) && (isDigit(rs[j]) || ((rs[j] == '.' || rs[j] == ',' || rs[j] == '．' || rs[j] == '，') && j+1 < len(rs) && isDigit(rs[j+1]) && j > i)) {
				j++
			}
			// printf placeholders (%1$s, %.2f) are not figures.
			if i > 0 && (rs[i-1] == '%' || (rs[i-1] == '.' && i > 1 && rs[i-2] == '%')) {
				i = j
				continue
			}
			for _, v := range digitValues(string(rs[i:j])) {
				n := Number{Value: v, Text: string(rs[i:j])}
				k := j
				for k < len(rs) && rs[k] == ' ' {
					k++
				}
				switch {
				case k < len(rs) && (rs[k] == '%' || rs[k] == '％'):
					n.Value += "%"
					n.Text += string(rs[k])
				case hasWordAt(rs, k, "percent") || hasWordAt(rs, k, "per cent"):
					n.Value += "%"
					n.Text += " percent"
				case j < len(rs) && (rs[j] == '万' || rs[j] == '亿'):
					if iv, err := strconv.Atoi(v); err == nil {
						m := 10000
						if rs[j] == '亿' {
							m = 100000000
						}
						n.Value = strconv.Itoa(iv * m)
						n.Text += string(rs[j])
					}
				}
				out.List = append(out.List, n)
				if iv, err := strconv.Atoi(n.Value); err == nil {
					words = append(words, word{text: n.Text, start: i, end: j, num: true, val: iv})
				}
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
		case isASCIILetter(r):
			j := i
			for j < len(rs) && (isASCIILetter(rs[j]) || (rs[j] == '-' && j+1 < len(rs) && isASCIILetter(rs[j+1]))) {
				j++
			}
			words = append(words, word{text: string(rs[i:j]), start: i, end: j})
			i = j
		default:
			i++
		}
	}
	// English number words and months, which need their neighbours.
	for k := 0; k < len(words); k++ {
		w := words[k]
		if w.num {
			continue
		}
		lw := strings.ToLower(w.text)
		if m, ok := months[lw]; ok && unicode.IsUpper(rune(w.text[0])) && ((k > 0 && words[k-1].num && words[k-1].val <= 31 && adjacent(rs, words[k-1].end, w.start)) || (k+1 < len(words) && words[k+1].num && adjacent(rs, w.end, words[k+1].start))) {
			out.List = append(out.List, Number{Value: strconv.Itoa(m), Text: w.text, Words: true})
			continue
		}
		if v, ok := englishOrdinalWords[lw]; ok && v >= 3 {
			out.List = append(out.List, Number{Value: strconv.Itoa(v), Text: w.text, Words: true})
			continue
		}
		if strings.HasSuffix(lw, "-party") && englishOrdinalWords[strings.TrimSuffix(lw, "-party")] >= 3 {
			out.List = append(out.List, Number{Value: strconv.Itoa(englishOrdinalWords[strings.TrimSuffix(lw, "-party")]), Text: w.text, Words: true})
			continue
		}
		if lw == "twice" {
			out.List = append(out.List, Number{Value: "2", Text: w.text, Words: true})
			continue
		}
		v, n, ok := englishCardinalAt(words, k, func(i int) string { return words[i].text }, len(words))
		if !ok {
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

// englishCardinalAt reads "three", "twenty-five", "three hundred", "two
// thousand five hundred" starting at word k; n is how many words it used.
func englishCardinalAt[T any](_ []T, k int, at func(int) string, count int) (value, n int, ok bool) {
	total, current := 0, 0
	i := k
	for ; i < count; i++ {
		w := strings.ToLower(at(i))
		if strings.Contains(w, "-") {
			a, b, _ := strings.Cut(w, "-")
			av, aok := englishCardinal[a]
			bv, bok := englishCardinal[b]
			if aok && bok && av >= 20 && av%10 == 0 && bv < 10 {
				current += av + bv
				ok = true
				continue
			}
			break
		}
		if v, isNum := englishCardinal[w]; isNum {
			current += v
			ok = true
			continue
		}
		if s, isScale := englishScale[w]; isScale && ok {
			if current == 0 {
				current = 1
			}
			current *= s
			if s >= 1000 {
				total += current
				current = 0
			}
			continue
		}
		if w == "and" && ok && i+1 < count {
			if _, next := englishCardinal[strings.ToLower(at(i+1))]; next && current >= 100 {
				continue
			}
		}
		break
	}
	return total + current, i - k, ok
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

func isASCIILetter(r rune) bool { return r < 0x80 && unicode.IsLetter(r) }

// digitValues reads a run of digits with separators: "1,000" is one
// thousand, "3.5" a decimal, "2.1.0" a version kept as written, and "1,2"
// two numbers.
func digitValues(s string) []string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r >= '０' && r <= '９':
			b.WriteRune('0' + (r - '０'))
		case r == '．':
			b.WriteByte('.')
		case r == '，':
			b.WriteByte(',')
		default:
			b.WriteRune(r)
		}
	}
	s = b.String()
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
	if first == '万' || first == '亿' {
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
