package versions

import (
	"strings"
	"testing"
)

func render(segs []Segment) (old, cur, marked string) {
	var o, c, m strings.Builder
	for _, s := range segs {
		switch s.Op {
		case Same:
			o.WriteString(s.Text)
			c.WriteString(s.Text)
			m.WriteString(s.Text)
		case Deleted:
			o.WriteString(s.Text)
			m.WriteString("[-" + s.Text + "-]")
		case Inserted:
			c.WriteString(s.Text)
			m.WriteString("{+" + s.Text + "+}")
		}
	}
	return o.String(), c.String(), m.String()
}

func TestDiffWordsAndHanCharacters(t *testing.T) {
	for _, tc := range []struct{ old, cur, want string }{
		// A changed word is replaced whole, never a few letters of it.
		{"Platforms shall review anchors.", "Platforms shall vet anchors.", "Platforms shall [-review-]{+vet+} anchors."},
		// Han: the changed characters alone.
		{"坚持合法的合规经营规范", "坚持合法合规经营原则", "坚持合法[-的-]合规经营[-规范-]{+原则+}"},
	} {
		_, _, got := render(Diff(tc.old, tc.cur))
		if got != tc.want {
			t.Errorf("Diff(%q, %q) = %q, want %q", tc.old, tc.cur, got, tc.want)
		}
	}
}

func FuzzDiff(f *testing.F) {
	// Seeds: testdata/fuzz/FuzzDiff (words, Han, private-use runes, invalid UTF-8).
	f.Fuzz(func(t *testing.T, a, b string) {
		o, c, _ := render(Diff(a, b))
		if o != a || c != b {
			t.Fatalf("Diff(%q, %q) does not give back both texts: %q, %q", a, b, o, c)
		}
	})
}
