package signatories

import "testing"

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
