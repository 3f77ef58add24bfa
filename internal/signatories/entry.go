// Package signatories reads, checks and normalises the signatories files of
// a Concord site: data/signatories/<initiative-id>.toml, one entry per
// organisation or person that endorsed the initiative.
//
// The site templates read the same files through hugo.Data; this package is
// the gate in front of them (`go run ./tools/signatories validate .`, run by
// `make build` and `make test`), so a missing name, an unknown category, a
// date in the future or the same company entered twice stops the build with
// the file, the line and what to do, instead of reaching readers.
package signatories

import "fmt"

// Categories are the kinds of signatory, in the order the list page groups
// them. The JSON Schema (static/schema/signatories.schema.json), the
// templates' category partial and the i18n keys signatory_category_<key>
// must name the same ones; tests check all three.
var Categories = []string{
	"platform",
	"company",
	"industry-association",
	"public-body",
	"academic",
	"civil-society",
	"individual",
}

// Statuses are the stages of an endorsement. A withdrawn or suspended entry
// stays in the file (and on the page, in its own section) with the date and
// the reason: endorsements are never silently deleted.
var Statuses = []string{"active", "suspended", "withdrawn"}

// Methods say how the endorsement was given.
var Methods = []string{"event", "letter", "form", "other"}

// Text is a string in each site language, keyed by language key ("zh-hans",
// "en"): names, the occasion, the evidence, reasons, notes.
type Text map[string]string

// Original is the name as the signatory writes it, in its own script and
// language, which may be none of the site languages.
type Original struct {
	Lang string
	Name string
}

// Change is a withdrawal or a suspension: when, and why in every language.
type Change struct {
	Date   string
	Reason Text
}

// Entry is one signatory as the file gives it. Line is the line of its
// [[signatory]] header; lines holds the line of each key inside it, so an
// error can point at the field.
type Entry struct {
	Line int
	// N is the entry's place in its file, from 1, for messages about an
	// entry without an ID.
	N int

	ID          string
	Name        Text
	Original    *Original
	Category    string
	Signed      string
	Method      string
	Occasion    Text
	Evidence    Text
	EvidenceURL string
	Verified    *bool
	Status      string
	Withdrawn   *Change
	Suspended   *Change
	Note        Text
	Website     string
	Logo        string

	lines map[string]int
}

// LineOf is the line of a key of the entry ("name", "withdrawn.date"), or of
// the entry itself when the key is absent.
func (e *Entry) LineOf(key string) int {
	if l, ok := e.lines[key]; ok {
		return l
	}
	return e.Line
}

// label names the entry in a message: its ID, quoted, or its place.
func (e *Entry) label() string {
	if e.ID != "" {
		return q(e.ID)
	}
	return fmt.Sprintf("#%d", e.N)
}

// File is one parsed signatories file.
type File struct {
	Path    string // as given to Parse, used in problems
	Entries []*Entry
}

// entryKeys are the keys an entry may have, for the "unknown key" message.
var entryKeys = []string{
	"id", "name", "original", "category", "signed", "method", "occasion",
	"evidence", "evidenceURL", "verified", "status", "withdrawn", "suspended",
	"note", "website", "logo",
}
