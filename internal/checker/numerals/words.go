package numerals

import (
	"strings"
	"unicode/utf8"
)

// A grammar reads one language's number words: cardinals up to the
// billions, the ordinals a text uses for counts (third party, troisième),
// and the words that make a figure a percentage. A language without one
// has no number-word findings at all (see Comparable), so that a word the
// checker cannot read is never taken for a missing figure.
type grammar struct {
	// lex turns one word (lower case) into number tokens: "twenty-five" →
	// 20, 5; "fünfundzwanzig" → 25; "cent" → ×100. It fails on any word
	// that is not wholly a number.
	lex func(w string) ([]token, bool)
	// joiner is a word that may sit inside a number ("and", "et", "y"), and
	// may reports whether it can at this point.
	joiner string
	may    func(current, last int) bool
	// scaleStarts: "cent", "mille", "tausend" count alone; "hundred" needs
	// "a" or "one" before it.
	scaleStarts bool
	// ordinals maps ordinal words (all their forms) to their value.
	ordinals map[string]int
	// ordinal reads forms a map cannot list (Russian case endings).
	ordinal func(w string) (int, bool)
	// percent words after a figure, lower case, possibly two words.
	percent []string
	// dateJoiners may stand between a day, its month and the year ("5 de
	// septiembre de 2020").
	dateJoiners []string
	// monthsCapital: months count only when capitalised (English "May").
	monthsCapital bool
}

type tokenKind int

const (
	addTok tokenKind = iota
	hundredTok
	scaleTok
)

type token struct {
	kind tokenKind
	v    int
}

func add(v int) []token { return []token{{addTok, v}} }

// lexTable looks a word up in a table of single-token words.
func lexTable(m map[string]int, scales map[string]token) func(string) ([]token, bool) {
	return func(w string) ([]token, bool) {
		if v, ok := m[w]; ok {
			return add(v), true
		}
		if t, ok := scales[w]; ok {
			return []token{t}, true
		}
		return nil, false
	}
}

// lexHyphenated reads a word whose parts, joined by hyphens, are each a
// number word (twenty-five, quatre-vingt-dix-sept, deux-cents).
func lexHyphenated(single func(string) ([]token, bool)) func(string) ([]token, bool) {
	return func(w string) ([]token, bool) {
		if ts, ok := single(w); ok {
			return ts, true
		}
		if !strings.Contains(w, "-") {
			return nil, false
		}
		var out []token
		for _, p := range strings.Split(w, "-") {
			ts, ok := single(p)
			if !ok {
				return nil, false
			}
			out = append(out, ts...)
		}
		return out, true
	}
}

// lowPlace is the place of the lowest non-zero digit of x: 10 for 20, 100
// for 300, 1 for 25. A number word may follow another only below it.
func lowPlace(x int) int {
	p := 1
	for x > 0 && x%10 == 0 {
		x /= 10
		p *= 10
	}
	return p
}

// cardinalAt reads a cardinal starting at words[k]; n is how many words it
// took. The order of tokens is checked (twenty five, not five twenty), so
// two figures side by side are not added into one; apart[i] (if given)
// says words[i] is parted from the word before by more than a space
// ("three, four"), which ends a number.
func (g *grammar) cardinalAt(words []string, apart []bool, k int) (value, n int, ok bool) {
	total, current, last, lastScale := 0, 0, 0, 0
	started := false
	i := k
	step := func(ts []token) bool {
		t0, c0, l0, s0, st0 := total, current, last, lastScale, started
		for _, t := range ts {
			switch t.kind {
			case addTok:
				if started && last != 0 && !(t.v < lowPlace(last) || ((last%100 == 60 || last%100 == 80) && t.v >= 10 && t.v < 20)) {
					total, current, last, lastScale, started = t0, c0, l0, s0, st0
					return false
				}
				current += t.v
				last = t.v
				if current >= 100 {
					last = current
				}
				started = true
			case hundredTok:
				if (!started && !g.scaleStarts) || current >= 100 {
					total, current, last, lastScale, started = t0, c0, l0, s0, st0
					return false
				}
				current = max(current, 1) * 100
				last = current
				started = true
			case scaleTok:
				if (!started && !g.scaleStarts) || (lastScale != 0 && t.v >= lastScale) {
					total, current, last, lastScale, started = t0, c0, l0, s0, st0
					return false
				}
				total += max(current, 1) * t.v
				current, last, lastScale = 0, 0, t.v
				started = true
			}
		}
		return true
	}
	for ; i < len(words); i++ {
		w := words[i]
		if i > k && apart != nil && apart[i] {
			break
		}
		if started && g.joiner != "" && w == g.joiner && i+1 < len(words) && (apart == nil || !apart[i+1]) && (g.may == nil || g.may(current, last)) {
			if ts, lexed := g.lex(words[i+1]); lexed && ts[0].kind == addTok {
				continue
			}
		}
		ts, lexed := g.lex(w)
		if !lexed || !step(ts) {
			break
		}
	}
	// A joiner read last belongs to the text, not the number.
	for i > k && words[i-1] == g.joiner {
		i--
	}
	return total + current, i - k, started
}

func (g *grammar) ordinalValue(w string) (int, bool) {
	if v, ok := g.ordinals[w]; ok {
		return v, true
	}
	if g.ordinal != nil {
		return g.ordinal(w)
	}
	return 0, false
}

// grammarFor returns the number-word grammar of a locale's language, or nil.
func grammarFor(locale string) *grammar {
	primary, _, _ := strings.Cut(strings.ToLower(locale), "-")
	primary, _, _ = strings.Cut(primary, "_")
	switch primary {
	case "en", "zh", "yue", "cmn":
		// Chinese texts keep English words in Latin letters often enough
		// (software, names) that the English grammar reads them as before.
		return english
	case "fr":
		return french
	case "de":
		return german
	case "es":
		return spanish
	case "ru":
		return russian
	}
	return nil
}

var english = &grammar{
	lex: lexHyphenated(lexTable(englishCardinal, map[string]token{
		"hundred": {hundredTok, 100}, "thousand": {scaleTok, 1000}, "million": {scaleTok, 1000000}, "billion": {scaleTok, 1000000000},
	})),
	joiner:        "and",
	may:           func(current, _ int) bool { return current >= 100 },
	ordinals:      englishOrdinalWords,
	percent:       []string{"percent", "per cent"},
	monthsCapital: true,
}

var frenchCardinal = map[string]int{
	"zéro": 0, "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9,
	"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
	"vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50, "soixante": 60,
	// Belgian and Swiss French.
	"septante": 70, "huitante": 80, "octante": 80, "nonante": 90,
}

var french = &grammar{
	lex: func(w string) ([]token, bool) {
		// vingt-et-un is vingt-un; quatre-vingt(s) multiplies; every other
		// hyphen adds.
		w = strings.ReplaceAll(w, "-et-", "-")
		for _, p := range []string{"quatre-vingts", "quatre-vingt"} {
			if rest, ok := strings.CutPrefix(w, p); ok {
				if rest == "" {
					return add(80), true
				}
				if rest[0] == '-' {
					ts, ok := frenchSingle(rest[1:])
					if !ok {
						return nil, false
					}
					return append(add(80), ts...), true
				}
			}
		}
		return frenchSingle(w)
	},
	joiner:      "et",
	may:         func(_, last int) bool { return last%100 >= 20 && last%10 == 0 },
	scaleStarts: true,
	ordinals: map[string]int{
		"premier": 1, "première": 1, "premiers": 1, "premières": 1, "deuxième": 2, "second": 2, "seconde": 2,
		"troisième": 3, "quatrième": 4, "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8,
		"neuvième": 9, "dixième": 10, "onzième": 11, "douzième": 12, "treizième": 13, "quatorzième": 14,
		"quinzième": 15, "seizième": 16, "dix-septième": 17, "dix-huitième": 18, "dix-neuvième": 19, "vingtième": 20,
		"trentième": 30, "centième": 100,
	},
	percent:     []string{"pour cent", "pourcent", "pour-cent"},
	dateJoiners: []string{"er"},
}

var frenchSingle = lexHyphenated(lexTable(frenchCardinal, map[string]token{
	"cent": {hundredTok, 100}, "cents": {hundredTok, 100}, "mille": {scaleTok, 1000}, "mil": {scaleTok, 1000},
	"million": {scaleTok, 1000000}, "millions": {scaleTok, 1000000}, "milliard": {scaleTok, 1000000000}, "milliards": {scaleTok, 1000000000},
}))

// German writes numbers below a million as one word: einundzwanzig,
// dreihundertfünfundvierzig, zweitausendzwanzig.
var germanMorphemes = []struct {
	s string
	t token
}{
	{"dreizehn", token{addTok, 13}}, {"vierzehn", token{addTok, 14}}, {"fünfzehn", token{addTok, 15}}, {"sechzehn", token{addTok, 16}},
	{"siebzehn", token{addTok, 17}}, {"achtzehn", token{addTok, 18}}, {"neunzehn", token{addTok, 19}},
	{"zwanzig", token{addTok, 20}}, {"dreißig", token{addTok, 30}}, {"dreissig", token{addTok, 30}}, {"vierzig", token{addTok, 40}},
	{"fünfzig", token{addTok, 50}}, {"sechzig", token{addTok, 60}}, {"siebzig", token{addTok, 70}}, {"achtzig", token{addTok, 80}},
	{"neunzig", token{addTok, 90}}, {"hundert", token{hundredTok, 100}}, {"tausend", token{scaleTok, 1000}},
	{"sieben", token{addTok, 7}}, {"zwölf", token{addTok, 12}}, {"sechs", token{addTok, 6}}, {"null", token{addTok, 0}},
	{"eins", token{addTok, 1}}, {"zwei", token{addTok, 2}}, {"drei", token{addTok, 3}}, {"vier", token{addTok, 4}},
	{"fünf", token{addTok, 5}}, {"acht", token{addTok, 8}}, {"neun", token{addTok, 9}}, {"zehn", token{addTok, 10}},
	{"zwo", token{addTok, 2}}, {"elf", token{addTok, 11}}, {"ein", token{addTok, 1}},
}

var germanWords = map[string]int{"eine": 1, "einen": 1, "einem": 1, "einer": 1, "eines": 1, "zweier": 2, "dreier": 3}

func germanLex(w string) ([]token, bool) {
	if v, ok := germanWords[w]; ok {
		return add(v), true
	}
	switch w {
	case "million", "millionen":
		return []token{{scaleTok, 1000000}}, true
	case "milliarde", "milliarden":
		return []token{{scaleTok, 1000000000}}, true
	}
	var out []token
	pendingUnit := -1 // a unit waiting for "und" and its ten
	for rest := w; rest != ""; {
		if r, ok := strings.CutPrefix(rest, "und"); ok && pendingUnit >= 0 && len(out) > 0 {
			rest = r
			continue
		}
		matched := false
		for _, m := range germanMorphemes {
			if r, ok := strings.CutPrefix(rest, m.s); ok {
				rest, matched = r, true
				t := m.t
				// fünf|und|zwanzig: the unit goes after its ten.
				if pendingUnit >= 0 && t.kind == addTok && t.v >= 20 && t.v%10 == 0 && out[len(out)-1].v == pendingUnit {
					out[len(out)-1] = token{addTok, t.v + pendingUnit}
					pendingUnit = -1
					break
				}
				pendingUnit = -1
				if t.kind == addTok && t.v < 10 {
					pendingUnit = t.v
				}
				out = append(out, t)
				break
			}
		}
		if !matched {
			return nil, false
		}
	}
	return out, len(out) > 0
}

var german = &grammar{
	lex:         germanLex,
	scaleStarts: true,
	ordinals:    germanOrdinals(),
	percent:     []string{"prozent"},
}

func germanOrdinals() map[string]int {
	stems := map[string]int{
		"erst": 1, "zweit": 2, "dritt": 3, "viert": 4, "fünft": 5, "sechst": 6, "siebt": 7, "siebent": 7, "acht": 8, "neunt": 9,
		"zehnt": 10, "elft": 11, "zwölft": 12, "dreizehnt": 13, "vierzehnt": 14, "fünfzehnt": 15, "sechzehnt": 16,
		"siebzehnt": 17, "achtzehnt": 18, "neunzehnt": 19, "zwanzigst": 20, "dreißigst": 30, "hundertst": 100,
	}
	out := map[string]int{}
	for s, v := range stems {
		for _, e := range []string{"e", "er", "en", "es", "em"} {
			out[s+e] = v
		}
	}
	return out
}

var spanishCardinal = map[string]int{
	"cero": 0, "uno": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8,
	"nueve": 9, "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15, "dieciséis": 16,
	"diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiún": 21, "veintiuna": 21,
	"veintidós": 22, "veintitrés": 23, "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintisiete": 27,
	"veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
	"ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
	"doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300, "cuatrocientos": 400, "cuatrocientas": 400,
	"quinientos": 500, "quinientas": 500, "seiscientos": 600, "seiscientas": 600, "setecientos": 700, "setecientas": 700,
	"ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900,
}

var spanish = &grammar{
	lex: lexTable(spanishCardinal, map[string]token{
		"mil": {scaleTok, 1000}, "millón": {scaleTok, 1000000}, "millones": {scaleTok, 1000000},
	}),
	joiner:      "y",
	may:         func(_, last int) bool { return last%100 >= 30 && last%10 == 0 },
	scaleStarts: true,
	ordinals: func() map[string]int {
		out := map[string]int{"primer": 1, "tercer": 3, "undécimo": 11, "undécima": 11, "duodécimo": 12, "duodécima": 12}
		for s, v := range map[string]int{"primer": 1, "segund": 2, "tercer": 3, "cuart": 4, "quint": 5, "sext": 6, "séptim": 7,
			"octav": 8, "noven": 9, "décim": 10, "vigésim": 20, "trigésim": 30, "centésim": 100} {
			for _, e := range []string{"o", "a", "os", "as"} {
				out[s+e] = v
			}
		}
		return out
	}(),
	percent:     []string{"por ciento", "por cien"},
	dateJoiners: []string{"de", "del"},
}

var russianCardinal = func() map[string]int {
	m := map[string]int{
		"ноль": 0, "нуль": 0,
		"один": 1, "одна": 1, "одно": 1, "одного": 1, "одной": 1, "одному": 1, "одним": 1, "одною": 1, "одну": 1, "одном": 1,
		"два": 2, "две": 2, "двух": 2, "двум": 2, "двумя": 2,
		"три": 3, "трёх": 3, "трех": 3, "трём": 3, "трем": 3, "тремя": 3,
		"четыре": 4, "четырёх": 4, "четырех": 4, "четырём": 4, "четырем": 4, "четырьмя": 4,
		"восемь": 8, "восьми": 8, "восемью": 8, "восьмью": 8,
		"сорок": 40, "сорока": 40, "девяносто": 90, "девяноста": 90,
		"сто": 100, "ста": 100,
		"двести": 200, "двухсот": 200, "двумстам": 200, "триста": 300, "трёхсот": 300, "трехсот": 300,
		"четыреста": 400, "четырёхсот": 400, "четырехсот": 400,
	}
	// The -ь numerals decline alike: пять, пяти, пятью.
	for s, v := range map[string]int{"пят": 5, "шест": 6, "сем": 7, "девят": 9, "десят": 10, "одиннадцат": 11, "двенадцат": 12,
		"тринадцат": 13, "четырнадцат": 14, "пятнадцат": 15, "шестнадцат": 16, "семнадцат": 17, "восемнадцат": 18,
		"девятнадцат": 19, "двадцат": 20, "тридцат": 30} {
		m[s+"ь"], m[s+"и"], m[s+"ью"] = v, v, v
	}
	// пятьдесят, пятидесяти; пятьсот, пятисот.
	for s, v := range map[string]int{"пят": 5, "шест": 6, "сем": 7, "восем": 8} {
		base := s + "ь"
		gen := s + "и"
		if s == "восем" {
			gen = "восьми"
		}
		m[base+"десят"], m[gen+"десяти"], m[base+"юдесятью"] = v*10, v*10, v*10
		m[base+"сот"], m[gen+"сот"], m[gen+"стам"] = v*100, v*100, v*100
	}
	m["девятьсот"], m["девятисот"] = 900, 900
	return m
}()

var russianScales = func() map[string]token {
	m := map[string]token{}
	for _, w := range []string{"тысяча", "тысячи", "тысяч", "тысячу", "тысячей", "тысячам", "тысячами", "тысячах"} {
		m[w] = token{scaleTok, 1000}
	}
	for _, e := range []string{"", "а", "ов", "у", "ом", "ам", "ами", "ах", "е"} {
		m["миллион"+e] = token{scaleTok, 1000000}
		m["миллиард"+e] = token{scaleTok, 1000000000}
	}
	return m
}()

var russianOrdinalStems = []struct {
	stem string
	v    int
}{
	{"перв", 1}, {"втор", 2}, {"трет", 3}, {"четвёрт", 4}, {"четверт", 4}, {"пят", 5}, {"шест", 6}, {"седьм", 7},
	{"восьм", 8}, {"девят", 9}, {"десят", 10}, {"одиннадцат", 11}, {"двенадцат", 12}, {"двадцат", 20},
}

var russianAdjEndings = []string{"ый", "ой", "ий", "ая", "яя", "ое", "ее", "ье", "ья", "ьей", "ьего", "ьему", "ьим", "ьих", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ую", "юю", "ые", "ие", "ых", "их", "ыми", "ими", "ей"}

var russian = &grammar{
	lex:         lexTable(russianCardinal, russianScales),
	scaleStarts: true,
	ordinal: func(w string) (int, bool) {
		for _, s := range russianOrdinalStems {
			rest, ok := strings.CutPrefix(w, s.stem)
			if !ok || utf8.RuneCountInString(rest) > 4 {
				continue
			}
			for _, e := range russianAdjEndings {
				if rest == e {
					return s.v, true
				}
			}
		}
		return 0, false
	},
	percent: []string{"процент", "процента", "процентов", "процентам", "процентами", "процентах"},
}

// twiceWords are multiplicative adverbs read as their figure.
var twiceWords = map[string]int{"twice": 2, "zweimal": 2, "дважды": 2, "trice": 3, "thrice": 3, "dreimal": 3, "трижды": 3}
