// Package sentence splits clause text into sentences for the aligner, for
// Chinese and alphabetic text alike.
package sentence

import (
	"strings"
	"unicode"
)

// abbreviations end in a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"e.g": true, "i.e": true, "etc": true, "cf": true, "vs": true, "mr": true, "mrs": true, "ms": true,
	"dr": true, "prof": true, "no": true, "art": true, "arts": true, "sec": true, "para": true, "st": true,
	"co": true, "ltd": true, "inc": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "fig": true, "vol": true,
	// The abbreviations legal texts use before a capital or a number in
	// French, German, Spanish and Russian (Abs. 2, Nr. 3, núm. 4, ст. 5).
	"abs": true, "nr": true, "ziff": true, "bzw": true, "vgl": true, "ca": true, "usw": true, "bsp": true,
	"mme": true, "mlle": true, "me": true, "al": true, "chap": true,
	"sr": true, "sra": true, "srta": true, "núm": true, "pág": true, "cap": true, "ud": true, "uds": true,
	"ст": true, "гл": true, "п": true, "пп": true, "ч": true, "см": true, "т": true, "г": true, "им": true,
}

// closers may follow a stop inside its sentence; “ and ‘ close German
// quotations („Ja.“), and a French » may sit after a space (« oui. »).
const closers = "\"'”’」』）)]】»›“‘"

// Split returns the sentences of one block of text. Chinese stops (。！？)
// always end a sentence; a Latin stop ends one when a capital, a digit or an
// opening quote or mark (« „ ¿ ¡) follows, with or without the space that
// should be there, or after a space a letter of a script without capitals
// (Arabic, Hebrew, Devanagari). The Arabic question mark and the danda end
// sentences as a full stop does.
func Split(text string) []string {
	rs := []rune(text)
	var out []string
	start := 0
	emit := func(end int) {
		s := strings.TrimSpace(string(rs[start:end]))
		if s != "" {
			out = append(out, s)
		}
		start = end
	}
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch r {
		case '。', '！', '？', '…':
			j := i + 1
			for j < len(rs) && (strings.ContainsRune(closers, rs[j]) || rs[j] == '…' || rs[j] == '！' || rs[j] == '？') {
				j++
			}
			emit(j)
			i = j - 1
		case '.', '!', '?', '؟', '۔', '।':
			j := i + 1
			for j < len(rs) && (strings.ContainsRune(closers, rs[j]) || rs[j] == '.' || rs[j] == '!' || rs[j] == '?' || rs[j] == '؟' ||
				(isSpace(rs[j]) && j+1 < len(rs) && (rs[j+1] == '»' || rs[j+1] == '›'))) {
				j++
			}
			k := j
			spaced := false
			for k < len(rs) && unicode.IsSpace(rs[k]) {
				k++
				spaced = true
			}
			if k >= len(rs) {
				continue
			}
			next := rs[k]
			caseless := unicode.IsLetter(next) && unicode.ToUpper(next) == unicode.ToLower(next)
			startsSentence := unicode.IsUpper(next) || unicode.Is(unicode.Han, next) || (spaced && (unicode.IsDigit(next) || caseless || strings.ContainsRune("\"“‘(«„¿¡‹", next)))
			if !startsSentence || (r == '.' && isAbbreviation(rs[:i], spaced)) {
				continue
			}
			emit(j)
			i = j - 1
		}
	}
	emit(len(rs))
	return out
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }

// isAbbreviation looks at the word before a full stop.
func isAbbreviation(before []rune, spaced bool) bool {
	j := len(before)
	for j > 0 && (unicode.IsLetter(before[j-1]) || before[j-1] == '.') {
		j--
	}
	word := strings.ToLower(string(before[j:]))
	if word == "" {
		return false
	}
	if abbreviations[word] {
		return true
	}
	// A single letter is an initial (J. Smith) or part of U.S.A.; without a
	// following space it is never a sentence end.
	letters := 0
	for _, r := range word {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if strings.Contains(word, ".") {
		return true
	}
	return letters == 1 && (spaced || unicode.IsUpper(before[len(before)-1]))
}
