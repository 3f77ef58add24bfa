package numerals

import "testing"

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"在三个工作日内", "within three business days", "2020年9月5日", "百分之五十", "1,000,000.5", "第十二条", "twenty-five hundred thousand and one", "%1$s 和 %2$d"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, n := range Extract(s).List {
			if n.Value == "" {
				t.Fatalf("empty value from %q", s)
			}
		}
		Ordinal(s)
	})
}

// FuzzExtractIn reads arbitrary text in each locale the parsers know a
// way of: no panic, no empty value, and a value is digits with at most one
// point and a final % (or a version kept as written).
func FuzzExtractIn(f *testing.F) {
	for _, s := range []string{"48 500 et 3,5 %", "48.500 Händler", "48\u00a0500 ₽, 3,5\u202f%", "٤٨٬٥٠٠ و٣٫٥٪", "vingt et un, quatre-vingt-dix-sept", "dreihundertfünfundzwanzig", "treinta y cinco", "двадцать пять тысяч", "5 de septiembre de 2020", "1'234'567.5", "12,34,567"} {
		f.Add(s, uint8(0))
	}
	locales := []string{"en", "fr", "de", "es", "ru", "ar", "fa", "hi", "de-CH", "zh-Hans", "ja", "it", "bad locale"}
	f.Fuzz(func(t *testing.T, s string, which uint8) {
		loc := locales[int(which)%len(locales)]
		n := ExtractIn(s, loc)
		for _, x := range n.List {
			if x.Value == "" {
				t.Fatalf("empty value from %q in %s", s, loc)
			}
		}
		a, b := Comparable(n, ExtractIn(s, "it"))
		if len(a.List) > len(n.List) || len(b.List) > len(n.List)+len(ExtractIn(s, "it").List) {
			t.Fatalf("Comparable added figures")
		}
	})
}

// FuzzOrdinal: any clause number, in any language's form, reads without a
// panic, and a value read is positive or zero.
func FuzzOrdinal(f *testing.F) {
	for _, s := range []string{"Article premier", "Artikel 1", "Artículo 1.º", "Статья 1", "第一條", "第１条", "XIV", "المادة ١", "Art. 3e", "vingt et un"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok := Ordinal(s); ok && v < 0 {
			t.Fatalf("Ordinal(%q) = %d", s, v)
		}
	})
}
