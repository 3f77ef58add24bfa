package signatories

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// Problem is one thing wrong with a signatories file: where, and a message
// that says what is wrong and what to do about it. The message is kept as
// its definition and data, not as text, so that it is written out in the
// reader's language (Text); the file and line stay ASCII in every language,
// for editors and tools that jump to file:line.
type Problem struct {
	File string
	Line int
	// Entry names the entry the problem is in ("acme" quoted, or #3 when it
	// has no ID); empty for a problem of the whole file.
	Entry string
	// Key is the entry's key the problem is about ("name.en",
	// "original.lang", "website"), when a check of a value found it; the
	// endorsement form (internal/endorse) puts the message beside that field.
	Key  string
	Msg  *i18n.Message
	Data map[string]any
	// Warning marks what the site can publish as it is, honestly marked:
	// a text not yet translated into a language, which the pages show in
	// another language, saying so. Warnings print but do not fail the check.
	Warning bool
	// Suspect marks a value that reads as code rather than as a name
	// (markup, a template, a spreadsheet formula). The pages show it as
	// text, so a file an editor wrote keeps it with a warning; the
	// endorsement form, where strangers type, refuses it.
	Suspect bool
}

// Messages are every message the package can print, for the test that
// keeps the site's i18n files in step with them.
var Messages toolmessages.List

var message = Messages.Add

var (
	msgInEntry = message("signatories_check_in_entry",
		"signatory {{ .Entry }}: {{ .Message }}")
	msgWarning = message("signatories_check_warning",
		"warning: {{ .Message }}")
)

// Text is the problem as file:line: message, in l's language.
func (p Problem) Text(l *toolmessages.Localizer) string {
	return p.where() + p.Message(l)
}

// Message is the problem without its place, in l's language (English when l
// is nil).
func (p Problem) Message(l *toolmessages.Localizer) string {
	msg := render(l, p.Msg, p.Data)
	if p.Entry != "" {
		msg = render(l, msgInEntry, map[string]any{"Entry": p.Entry, "Message": msg})
	}
	if p.Warning {
		msg = render(l, msgWarning, map[string]any{"Message": msg})
	}
	return msg
}

// String is the problem in English, with its place.
func (p Problem) String() string { return p.Text(nil) }

// Error makes a problem that stops the check (no hugo.toml) an error, which
// Main still writes in the reader's language.
func (p Problem) Error() string { return p.String() }

func (p Problem) where() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: ", p.File, p.Line)
	}
	return p.File + ": "
}

// english renders the Go defaults, for String and for a nil localizer.
var english = i18n.NewLocalizer(i18n.NewBundle(language.English))

func render(l *toolmessages.Localizer, m *i18n.Message, data map[string]any) string {
	if l != nil {
		return l.Text(m, data)
	}
	s, err := english.Localize(&i18n.LocalizeConfig{DefaultMessage: m, TemplateData: data})
	if err != nil {
		return m.Other
	}
	return s
}

// q quotes a value for a message as Go does (%q): an invisible or
// text-direction character in it shows as \u202e instead of acting.
func q(s string) string { return strconv.Quote(s) }

// Problems collects problems as checks find them.
type Problems []Problem

// d is the data of a message: alternating names and values.
type d = map[string]any

func (ps *Problems) add(file string, line int, m *i18n.Message, data d) {
	*ps = append(*ps, Problem{File: file, Line: line, Msg: m, Data: data})
}

func (ps *Problems) addIn(file string, line int, entry, key string, m *i18n.Message, data d) {
	*ps = append(*ps, Problem{File: file, Line: line, Entry: entry, Key: key, Msg: m, Data: data})
}

func (ps *Problems) suspectIn(file string, line int, entry, key string, m *i18n.Message, data d) {
	*ps = append(*ps, Problem{File: file, Line: line, Entry: entry, Key: key, Msg: m, Data: data, Warning: true, Suspect: true})
}

func (ps *Problems) warnIn(file string, line int, entry string, m *i18n.Message, data d) {
	*ps = append(*ps, Problem{File: file, Line: line, Entry: entry, Msg: m, Data: data, Warning: true})
}

// Errors are the problems that are not warnings: those that fail the check.
func (ps Problems) Errors() Problems {
	return slices.DeleteFunc(slices.Clone(ps), func(p Problem) bool { return p.Warning })
}

// Sorted orders problems by file and line, the order an editor fixes them in.
func (ps Problems) Sorted() Problems {
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return out
}
