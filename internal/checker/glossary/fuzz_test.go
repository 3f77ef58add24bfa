package glossary

import "testing"

func TestContains(t *testing.T) {
	for _, c := range []struct {
		text, r string
		want    bool
	}{
		{"Live streaming anchors, platform operators", "anchor", true},
		{"the E-commerce Law says", "E-Commerce Law", true},
		{"third parties", "third party", true},
		{"anchorage", "anchor", false},
		{"a hostile act", "host", false},
	} {
		if got := Contains(c.text, c.r); got != c.want {
			t.Errorf("Contains(%q, %q) = %v", c.text, c.r, got)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("version = 1\nsource = \"zh-hans\"\ntarget = \"en\"\n[[entry]]\nterm = \"主播\"\nallowed = [\"anchor\"]\n"))
	f.Add([]byte("[[entry]]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		g, err := Parse("g.toml", src)
		if err != nil {
			return
		}
		for _, e := range g.Entries {
			Contains(string(src), e.Allowed[0])
		}
	})
}

func FuzzContains(f *testing.F) {
	f.Add("Live streaming anchors", "anchor")
	f.Fuzz(func(t *testing.T, text, r string) {
		if i := Index(text, r); i > len(text) {
			t.Fatalf("index %d past end", i)
		}
	})
}
