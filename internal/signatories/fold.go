package signatories

import (
	"strings"
	"unicode"

	"go.mau.fi/util/confusable"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// Fold reduces a name to what identifies the organisation for the duplicate
// check and the search, so that the same company entered twice is caught
// however it was typed:
//
//   - NFKC and width folding: full-width ＪＤ．ｃｏｍ and half-width JD.com,
//     half-width katakana and full-width, circled and compatibility forms;
//   - traditional to simplified Han, by OpenCC's character table
//     (assets/hant/hant.json, which the search script folds with too);
//   - lower case: Alibaba, ALIBABA (rune by rune: x/text's full case
//     folding is not stable on some scripts, which FuzzFold found);
//   - spaces, punctuation, symbols and invisible characters dropped: "JD.com"
//     and "JD com", "小红书（RED）" and "小红书 RED"; a Hangul filler or a
//     zero-width space cannot make a second entry look new.
//
// Two different organisations that fold to the same string are rare enough
// that the check asks an editor to look rather than guessing.
func Fold(s string) string {
	s = width.Fold.String(norm.NFKC.String(s))
	table := traditionalToSimplified()
	var b strings.Builder
	for _, r := range s {
		r = unicode.ToLower(r)
		if simple, ok := table[r]; ok {
			r = simple
		}
		if (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) && !Invisible(r) {
			b.WriteRune(r)
		}
	}
	// Dropping a space can bring a base letter and a combining mark together
	// (ｾ ﾞ): compose them, so folding a folded name changes nothing.
	return norm.NFKC.String(b.String())
}

// LookAlike is Fold of the name's Unicode TR39 skeleton (go.mau.fi/util's
// confusable package, generated from Unicode 17.0.0 confusables.txt): two
// names with the same LookAlike read the same to the eye though their
// letters differ, such as Cyrillic "Аlibaba" and Latin "Alibaba", or Greek
// "ΟΡΡΟ" and Latin "OPPO". The skeleton comes first, so that 1, l and I
// still meet before case is folded.
func LookAlike(s string) string {
	return Fold(confusable.Skeleton(s))
}

// Invisible reports a character that shows nothing: Unicode's
// Default_Ignorable_Code_Point (format characters such as U+200B ZERO WIDTH
// SPACE, U+200E LEFT-TO-RIGHT MARK, U+00AD SOFT HYPHEN, the tag characters
// U+E0000–E007F, fillers such as U+3164 HANGUL FILLER, variation
// selectors), derived as DerivedCoreProperties.txt does from the tables of
// package unicode, and U+2800 BRAILLE PATTERN BLANK, which is a symbol with
// no dots.
func Invisible(r rune) bool {
	if r == 0x2800 {
		return true
	}
	if !unicode.In(r, unicode.Other_Default_Ignorable_Code_Point, unicode.Cf, unicode.Variation_Selector) {
		return false
	}
	// Default_Ignorable_Code_Point leaves out white space, the interlinear
	// annotation characters, the Egyptian hieroglyph format controls and the
	// prepended concatenation marks (U+0600 ARABIC NUMBER SIGN …), which
	// are visible.
	switch {
	case unicode.Is(unicode.White_Space, r), unicode.Is(unicode.Prepended_Concatenation_Mark, r):
		return false
	case r >= 0xFFF9 && r <= 0xFFFB, r >= 0x13430 && r <= 0x1343F:
		return false
	}
	return true
}
