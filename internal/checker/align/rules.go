// Package align runs the translation alignment checks over a site read by
// contentsite: clause structure, length, sentence alignment, script,
// numbers, titles, glossary, staleness and provenance. Every finding has a
// stable code so that CI, SARIF viewers and the site can key on it.
package align

import "fmt"

// Severity orders findings; --fail-on compares against it.
type Severity int

// Severities, weakest first.
const (
	Info Severity = iota
	Warning
	Error
)

func (s Severity) String() string {
	switch s {
	case Info:
		return "info"
	case Warning:
		return "warning"
	case Error:
		return "error"
	}
	return fmt.Sprintf("severity(%d)", int(s))
}

// ParseSeverity reads "info", "warning" or "error".
func ParseSeverity(s string) (Severity, bool) {
	switch s {
	case "info", "note":
		return Info, true
	case "warning":
		return Warning, true
	case "error":
		return Error, true
	}
	return 0, false
}

// MarshalText lets severities appear by name in JSON.
func (s Severity) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Rule describes one check. Codes never change meaning; retired codes are
// not reused.
type Rule struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Severity Severity `json:"severity"`
	Summary  string   `json:"summary"`
}

// Rule codes.
const (
	CodeMissing        = "AC001"
	CodeExtraFile      = "AC002"
	CodeDuplicate      = "AC003"
	CodeNumbering      = "AC004"
	CodeOrder          = "AC005"
	CodeTruncated      = "AC010"
	CodePadded         = "AC011"
	CodeCutOff         = "AC012"
	CodeNoFinalStop    = "AC013"
	CodeUnpaired       = "AC020"
	CodeHanInAlpha     = "AC030"
	CodeLatinInHan     = "AC031"
	CodeWidePunct      = "AC032"
	CodeMissingSpace   = "AC033"
	CodeNumberMissing  = "AC040"
	CodeNumberCount    = "AC041"
	CodeNumberWords    = "AC042"
	CodeTitleUnmatched = "AC050"
	CodeTitleExtra     = "AC051"
	CodeTitleUnknown   = "AC052"
	CodeForbiddenTerm  = "AC060"
	CodeTermMissing    = "AC061"
	CodeStale          = "AC070"
	CodeNeverStamped   = "AC071"
	CodeBadFingerprint = "AC072"
	CodeNoFrom         = "AC080"
	CodeNoCorrections  = "AC081"
	CodeBadStatus      = "AC082"
	CodeBadFrom        = "AC083"
	CodeNoFrontMatter  = "AC090"
	CodeEmpty          = "AC091"
	CodeSourceLanguage = "AC092"
	// Added for every language pair (issue 11); codes are appended, never
	// renumbered.
	CodeTruncatedUncalibrated = "AC014"
	CodeCutOffUncalibrated    = "AC015"
	CodeUntranslated          = "AC034"
	CodeNotStamped            = "AC073"
	CodeNotInLanguage         = "AC093"
)

// Rules is the table of every check: in code order up to AC092, then in
// the order codes were added (appended, so an index never moves).
var Rules = []Rule{
	{CodeMissing, "clause-missing", Error, "A clause present in one language has no file in another."},
	{CodeExtraFile, "clause-extra-file", Warning, "A clause file in a language hugo.toml does not configure (Hugo reads it as a clause of the default language with an ID the build refuses), or with no language code."},
	{CodeDuplicate, "clause-duplicate-id", Error, "Two files give the same clause ID in one language (x.en.md and x/index.en.md, or a second _index)."},
	{CodeNumbering, "numbering-differs", Error, "The printed clause numbers differ in value across languages (一 ↔ I ↔ 1, 第十二条 ↔ Article 12), or repeat within a language."},
	{CodeOrder, "order-differs", Error, "Clauses come in a different order (by weight) than in the comparison language."},
	{CodeTruncated, "length-truncated", Error, "A clause is much shorter than its source predicts (ratio against the document's median)."},
	{CodePadded, "length-padded", Warning, "A clause is much longer than its source predicts."},
	{CodeCutOff, "ends-mid-sentence", Error, "A clause stops mid-sentence where its counterpart ends its sentence and is also short; or, with no counterpart, stops mid-sentence."},
	{CodeNoFinalStop, "no-final-stop", Warning, "A clause of about the right length ends without the final stop its counterpart has."},
	{CodeUnpaired, "sentence-unpaired", Warning, "Sentence alignment finds a sentence with no counterpart."},
	{CodeHanInAlpha, "han-in-alphabetic-text", Error, "Han characters inside a clause in an alphabetic language."},
	{CodeLatinInHan, "latin-in-han-text", Warning, "A run of Latin words in a Chinese clause: possibly untranslated."},
	{CodeWidePunct, "full-width-punctuation", Error, "CJK or full-width punctuation in an alphabetic language."},
	{CodeMissingSpace, "missing-space-after-punctuation", Warning, "No space after a comma, colon, semicolon or full stop in alphabetic text."},
	{CodeNumberMissing, "number-mismatch", Error, "A figure appears in one language only, and digits are involved on one side (3 ↔ 三 matches; 3 ↔ 4 does not)."},
	{CodeNumberWords, "number-words-mismatch", Warning, "A figure written only in words (三个, three, both) appears in one language only."},
	{CodeNumberCount, "number-count-differs", Warning, "A figure appears a different number of times."},
	{CodeTitleUnmatched, "title-no-counterpart", Error, "A 《title》 whose glossary rendering is absent from the other language."},
	{CodeTitleExtra, "title-no-source", Error, "A glossary title named in the alphabetic text with no 《title》 in the Chinese."},
	{CodeTitleUnknown, "title-not-in-glossary", Warning, "A 《title》 the glossary does not know, so its rendering cannot be checked."},
	{CodeForbiddenTerm, "glossary-forbidden-rendering", Error, "A term is rendered with a rendering the glossary forbids."},
	{CodeTermMissing, "glossary-rendering-missing", Warning, "A glossary term is used but none of its allowed renderings appears."},
	{CodeStale, "translation-stale", Error, "The source clause changed since the translation was stamped."},
	{CodeNeverStamped, "translation-never-stamped", Info, "A translation records no source fingerprint yet."},
	{CodeBadFingerprint, "fingerprint-malformed", Error, "provenance.sourceFingerprint is not sha256:<64 hex digits>."},
	{CodeNoFrom, "translation-without-from", Error, "An editors' translation does not name the language it was translated from."},
	{CodeNoCorrections, "corrected-without-corrections", Error, "A corrected clause lists no corrections, or a correction lacks was, now or why."},
	{CodeBadStatus, "provenance-status-invalid", Error, "provenance.status is missing or not source, corrected or translation."},
	{CodeBadFrom, "translation-from-invalid", Error, "provenance.from names an unconfigured language, the clause's own language, a missing clause or a loop."},
	{CodeNoFrontMatter, "front-matter-missing", Error, "A clause file has no +++ front matter."},
	{CodeEmpty, "clause-empty", Error, "A clause file has no text."},
	{CodeSourceLanguage, "source-language-invalid", Error, "The initiative's sourceLanguage is missing, unconfigured or inconsistent between its _index files."},
	{CodeTruncatedUncalibrated, "length-truncated-uncalibrated", Warning, "As AC010, in a language pair with no calibrated length model, so only a warning."},
	{CodeCutOffUncalibrated, "ends-mid-sentence-uncalibrated", Warning, "As AC012, in a language pair with no calibrated length model, so only a warning."},
	{CodeUntranslated, "untranslated-sentence", Error, "A whole sentence of the source language left in the translation (language identification, confirmed by the source's own words)."},
	{CodeNotStamped, "version-never-stamped", Info, "A version compared with another (corrected or source, not an editors' translation) records no source fingerprint, so a change of its source would go unreported."},
	{CodeNotInLanguage, "initiative-not-in-language", Info, "An initiative has no file at all in a configured language: it is not published in that language yet, so its clauses are not reported missing there."},
}

// RuleFor returns the rule with this code.
func RuleFor(code string) Rule {
	for _, r := range Rules {
		if r.Code == code {
			return r
		}
	}
	return Rule{Code: code, Name: code, Severity: Error}
}
