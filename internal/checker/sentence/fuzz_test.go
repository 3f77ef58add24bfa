package sentence

import (
	"strings"
	"testing"
	"unicode"
)

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"一。二！三？", "One.Two. Three e.g. four. U.S.A. Five", "", "...", "“引号。”后面"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Splitting only cuts: no letter is lost or added.
		strip := func(s string) string {
			return strings.Map(func(r rune) rune {
				if unicode.IsSpace(r) {
					return -1
				}
				return r
			}, s)
		}
		if got, want := strip(strings.Join(Split(s), "")), strip(string([]rune(s))); got != want {
			t.Fatalf("Split(%q) lost text: %q", s, Split(s))
		}
	})
}
