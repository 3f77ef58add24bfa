package signatories

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Fold reduces a name to what identifies the organisation for the duplicate
// check, so that the same company entered twice is caught however it was
// typed:
//
//   - NFKC and width folding: full-width ＪＤ．ｃｏｍ and half-width JD.com,
//     half-width katakana and full-width, circled and compatibility forms;
//   - traditional to simplified Han, for the characters in traditionalToSimplified;
//   - lower case: Alibaba, ALIBABA (rune by rune: x/text's full case
//     folding is not stable on some scripts, which FuzzFold found);
//   - spaces, punctuation and symbols dropped: "JD.com" and "JD com",
//     "小红书（RED）" and "小红书 RED".
//
// Two different organisations that fold to the same string are rare enough
// that the check asks an editor to look rather than guessing.
func Fold(s string) string {
	s = width.Fold.String(norm.NFKC.String(s))
	var b strings.Builder
	for _, r := range s {
		r = unicode.ToLower(r)
		if simple, ok := traditionalToSimplified[r]; ok {
			r = simple
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			b.WriteRune(r)
		}
	}
	// Dropping a space can bring a base letter and a combining mark together
	// (ｾ ﾞ): compose them, so folding a folded name changes nothing.
	return norm.NFKC.String(b.String())
}

// TraditionalPairs is the size of the traditional → simplified table, for
// the test that keeps the copy in assets/js/signatories.js in step.
func TraditionalPairs() int { return len(traditionalToSimplified) }
