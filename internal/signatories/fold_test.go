package signatories

import (
	"testing"
	"unicode"
)

func TestFold(t *testing.T) {
	same := [][2]string{
		{"ＪＤ．ｃｏｍ", "JD.com"},
		{"jd com", "JD.COM"},
		{"小紅書", "小红书"},
		{"蘇寧易購", "苏宁易购"},
		{"網易", "网易"},
		{"ｱﾘﾊﾞﾊﾞ", "アリババ"},
		{"小红书（RED）", "小红书 RED"},
	}
	for _, p := range same {
		if Fold(p[0]) != Fold(p[1]) {
			t.Errorf("Fold(%q) = %q, Fold(%q) = %q: want equal", p[0], Fold(p[0]), p[1], Fold(p[1]))
		}
	}
	different := [][2]string{{"京东", "东京"}, {"Meituan", "Meitu"}, {"寺库", "途牛"}}
	for _, p := range different {
		if Fold(p[0]) == Fold(p[1]) {
			t.Errorf("Fold(%q) == Fold(%q): want different", p[0], p[1])
		}
	}
}

// The table is hand-made: every entry must be a Han character mapping to
// another, and no simplified form may itself be folded (a chain would make
// the result depend on the order of folding).
func TestTraditionalTable(t *testing.T) {
	if len(traditionalToSimplified) < 300 {
		t.Fatalf("only %d pairs: was the table cut?", len(traditionalToSimplified))
	}
	for trad, simp := range traditionalToSimplified {
		if !unicode.Is(unicode.Han, trad) || !unicode.Is(unicode.Han, simp) || trad == simp {
			t.Errorf("pair %c%c: want two different Han characters", trad, simp)
		}
		if _, chained := traditionalToSimplified[simp]; chained {
			t.Errorf("%c folds to %c, which is folded again", trad, simp)
		}
	}
}
