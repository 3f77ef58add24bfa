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
