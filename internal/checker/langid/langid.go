// Package langid tells which of a site's languages a sentence is written
// in, with whatlanggo's trigram models (84 languages, no data to load, a
// few microseconds a sentence), so the checker can find a sentence of the
// source language left untranslated in a translation in the same script.
package langid

import (
	"strings"
	"unicode"

	"github.com/abadojack/whatlanggo"
	"golang.org/x/text/language"
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

// MinWords is the fewest prose words a sentence needs to be judged: a
// heading or a name is shorter.
const MinWords = 4

// MinShared is the share of a sentence's prose words that must occur in the
// source for it to count as the source left as it was.
const MinShared = 0.7

// Untranslated returns the indexes of the target sentences that are
// written in the source language rather than the target's, and whose words
// are mostly the source's own: a sentence left as it was. Only prose words
// are weighed (two letters or more, no digits, not all capitals, not an
// option): names of commands, options and placeholders are kept in any
// language. Where the two languages write different scripts, a sentence
// with prose words in the target's script is translated, whatever the
// model says of the rest.
func Untranslated(source string, target []string, srcLocale, tgtLocale string) []int {
	if primary(srcLocale) == primary(tgtLocale) || !Known(srcLocale) || !Known(tgtLocale) {
		return nil
	}
	srcScript, tgtScript := scriptOf(srcLocale), scriptOf(tgtLocale)
	var srcWords map[string]bool
	var out []int
	for i, s := range target {
		ws := proseWords(withoutQuotations(s), source)
		if len(ws) < MinWords {
			continue
		}
		if srcScript != nil && tgtScript != nil && srcScript != tgtScript {
			inTarget := 0
			for _, w := range ws {
				if inScript(w, tgtScript) {
					inTarget++
				}
			}
			if inTarget*5 >= len(ws) {
				continue
			}
		}
		if srcWords == nil {
			srcWords = map[string]bool{}
			for _, w := range proseWords(source, "") {
				srcWords[w] = true
			}
		}
		shared := 0
		for _, w := range ws {
			if srcWords[w] {
				shared++
			}
		}
		// The words first: they are cheap, and a translation shares few.
		if float64(shared) < MinShared*float64(len(ws)) {
			continue
		}
		if lang, conf := Identify(strings.Join(ws, " "), srcLocale, tgtLocale); lang == srcLocale && conf >= MinConfidence {
			out = append(out, i)
		}
	}
	return out
}

// withoutQuotations leaves out what a sentence quotes: a title or a phrase
// quoted in its own language is not left untranslated.
func withoutQuotations(s string) string {
	var b strings.Builder
	var closeWith rune
	for _, r := range s {
		if closeWith != 0 {
			if r == closeWith {
				closeWith = 0
			}
			continue
		}
		switch r {
		case '"':
			closeWith = '"'
		case '“':
			closeWith = '”'
		case '«':
			closeWith = '»'
		case '»':
			closeWith = '«' // German »…«
		case '„':
			closeWith = '“'
		case '「':
			closeWith = '」'
		default:
			b.WriteRune(r)
			continue
		}
		b.WriteRune(' ')
	}
	return b.String()
}

// proseWords are the lower-cased words of s that a translation translates:
// not names (a capitalised word inside the sentence that the source has
// too: Free Software Foundation), acronyms, placeholders, options or paths.
func proseWords(s, source string) []string {
	var out []string
	for i, f := range strings.Fields(s) {
		if strings.HasPrefix(f, "-") || strings.HasPrefix(f, "%") || strings.ContainsAny(f, "_=/\\@$<>{}[]") {
			continue
		}
		w := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) })
		if len([]rune(w)) < 2 || strings.ContainsFunc(w, func(r rune) bool { return unicode.IsDigit(r) || r == '.' }) {
			continue
		}
		if strings.ToUpper(w) == w || (i > 0 && unicode.IsUpper([]rune(w)[0]) && strings.Contains(source, w)) {
			continue
		}
		out = append(out, strings.ToLower(w))
	}
	return out
}

// scripts maps CLDR's ISO 15924 script codes to Unicode's tables.
var scripts = map[string]*unicode.RangeTable{
	"Latn": unicode.Latin, "Cyrl": unicode.Cyrillic, "Grek": unicode.Greek, "Arab": unicode.Arabic, "Hebr": unicode.Hebrew,
	"Deva": unicode.Devanagari, "Armn": unicode.Armenian, "Geor": unicode.Georgian, "Thai": unicode.Thai, "Beng": unicode.Bengali,
}

// scriptOf is the script a locale is written in (CLDR's likely script), or
// nil when unknown.
func scriptOf(locale string) *unicode.RangeTable {
	tag, err := language.Parse(locale)
	if err != nil {
		return nil
	}
	sc, _ := tag.Script()
	return scripts[sc.String()]
}

func inScript(w string, t *unicode.RangeTable) bool {
	for _, r := range w {
		if unicode.IsLetter(r) {
			return unicode.Is(t, r)
		}
	}
	return false
}
