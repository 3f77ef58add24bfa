// Package langid tells which of a site's languages a sentence is written
// in, with whatlanggo's trigram models (84 languages, no data to load, a
// few microseconds a sentence), so the checker can find a sentence of the
// source language left untranslated in a translation in the same script.
package langid

import (
	"strings"
	"unicode"

	"github.com/abadojack/whatlanggo"
)

// byISO maps ISO 639-1 codes to whatlanggo's languages; whatlanggo builds
// its own maps on every call, so this is built once.
var byISO = func() map[string]whatlanggo.Lang {
	m := map[string]whatlanggo.Lang{}
	for l := whatlanggo.Afr; l <= whatlanggo.Zul; l++ {
		if code := l.Iso6391(); code != "" {
			m[code] = l
		}
	}
	return m
}()

// Known reports whether a locale's language can be identified.
func Known(locale string) bool {
	_, ok := byISO[primary(locale)]
	return ok
}

func primary(locale string) string {
	p, _, _ := strings.Cut(strings.ToLower(locale), "-")
	p, _, _ = strings.Cut(p, "_")
	return p
}

// MinLetters is the shortest sentence identified: below it trigram counts
// are too few to tell languages of one script apart.
const MinLetters = 20

// Identify returns which of the candidate locales text is written in and
// how sure the models are (0–1), or "" when the text is too short, in no
// candidate's script, or the candidates are one language.
func Identify(text string, candidates ...string) (string, float64) {
	if letters(text) < MinLetters {
		return "", 0
	}
	white := map[whatlanggo.Lang]bool{}
	back := map[whatlanggo.Lang]string{}
	for _, c := range candidates {
		if l, ok := byISO[primary(c)]; ok {
			white[l] = true
			if _, seen := back[l]; !seen {
				back[l] = c
			}
		}
	}
	if len(white) < 2 {
		return "", 0
	}
	info := whatlanggo.DetectWithOptions(text, whatlanggo.Options{Whitelist: white})
	loc, ok := back[info.Lang]
	if !ok {
		return "", 0
	}
	return loc, info.Confidence
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// MinConfidence is the confidence at which a sentence counts as written in
// the language identified; measured on the calibration corpora (see
// docs/aligncheck.md).
const MinConfidence = 0.5

// Untranslated returns the indexes of the target sentences that are
// written in the source language rather than the target's, and whose words
// are mostly the source's own: a sentence left as it was. Both conditions
// must hold, so a name, a title kept in its language or a quotation does
// not count unless it is also a sentence of the source.
func Untranslated(source string, target []string, srcLocale, tgtLocale string) []int {
	if primary(srcLocale) == primary(tgtLocale) || !Known(srcLocale) || !Known(tgtLocale) {
		return nil
	}
	var srcWords map[string]bool
	var out []int
	for i, s := range target {
		if len(strings.Fields(s)) < 4 {
			continue
		}
		lang, conf := Identify(s, srcLocale, tgtLocale)
		if lang != srcLocale || conf < MinConfidence {
			continue
		}
		if srcWords == nil {
			srcWords = map[string]bool{}
			for _, w := range words(source) {
				srcWords[w] = true
			}
		}
		ws := words(s)
		shared := 0
		for _, w := range ws {
			if srcWords[w] {
				shared++
			}
		}
		if len(ws) > 0 && 2*shared >= len(ws) {
			out = append(out, i)
		}
	}
	return out
}

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}
