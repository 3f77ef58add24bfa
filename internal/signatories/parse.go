package signatories

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

var (
	msgNotUTF8 = message("signatories_check_not_utf8",
		"this line is not UTF-8: save the file as UTF-8 (Hugo reads nothing else)")
	msgSyntax = message("signatories_check_syntax",
		"TOML syntax: {{ .Error }}: correct the TOML on this line (docs/authoring.md, \"Signatories\", has an example)")
	msgTopLevelKey = message("signatories_check_top_level_key",
		"unknown top-level key {{ .Key }}: a signatories file holds only [[signatory]] tables")
	msgNotList = message("signatories_check_not_list",
		"signatory must be a list of tables: write each entry under its own [[signatory]] line")
	msgNotTable = message("signatories_check_not_table",
		"signatory #{{ .N }} is not a table: write each entry under its own [[signatory]] line")
)

// Parse reads one signatories file. path is only used in problems. It
// returns the entries it could read and every problem of form: TOML syntax,
// unknown keys, values of the wrong type. Whether the values make sense
// (languages, categories, dates, duplicates) is Check's job.
//
// go-toml's decoder finds syntax errors with their line; a second pass over
// go-toml's syntax tree keeps the line of every key, which the decoder drops.
func Parse(path string, data []byte) (*File, Problems) {
	f := &File{Path: path}
	var ps Problems
	if line := firstInvalidUTF8(data); line > 0 {
		ps.add(path, line, msgNotUTF8, nil)
		return f, ps
	}
	var syntax map[string]any
	if err := toml.Unmarshal(data, &syntax); err != nil {
		line, msg := 0, err.Error()
		var de *toml.DecodeError
		if errors.As(err, &de) {
			line, _ = de.Position()
		}
		ps.add(path, line, msgSyntax, d{"Error": msg})
		return f, ps
	}
	root, _ := siteconfig.Parse(data) // the decoder has already rejected bad TOML
	for _, key := range root.Keys {
		if key != "signatory" {
			ps.add(path, root.Vals[key].Line, msgTopLevelKey, d{"Key": q(key)})
		}
	}
	list, ok := root.Vals["signatory"]
	if !ok {
		return f, ps
	}
	if list.Kind != unstable.Array {
		ps.add(path, list.Line, msgNotList, nil)
		return f, ps
	}
	for i, item := range list.Array {
		if item.Kind != unstable.Table {
			ps.add(path, item.Line, msgNotTable, d{"N": i + 1})
			continue
		}
		f.Entries = append(f.Entries, readEntry(path, i+1, item, &ps))
	}
	return f, ps
}

// firstInvalidUTF8 is the line of the first byte that is not UTF-8, or 0.
func firstInvalidUTF8(data []byte) int {
	line := 1
	for len(data) > 0 {
		r, size := utf8.DecodeRune(data)
		if r == utf8.RuneError && size == 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		data = data[size:]
	}
	return 0
}

// entryReader turns one [[signatory]] table into an Entry, reporting keys it
// does not know and values of the wrong type.
type entryReader struct {
	path string
	ps   *Problems
	e    *Entry
}

func readEntry(path string, n int, item *siteconfig.Value, ps *Problems) *Entry {
	t := item.Table
	e := &Entry{Line: item.Line, N: n, lines: map[string]int{}}
	for _, k := range t.Keys {
		e.lines[k] = t.Vals[k].Line
	}
	r := &entryReader{path: path, ps: ps, e: e}
	// The ID names the entry in messages about its other keys, wherever it
	// is written.
	if id, ok := t.Vals["id"]; ok && id.Kind == unstable.String {
		e.ID = id.Str
	}
	for _, k := range t.Keys {
		v := t.Vals[k]
		switch k {
		case "id":
			e.ID = r.str(k, v)
		case "name":
			e.Name = r.text(k, v)
		case "original":
			e.Original = r.original(v)
		case "category":
			e.Category = r.str(k, v)
		case "signed":
			e.Signed = r.str(k, v)
		case "method":
			e.Method = r.str(k, v)
		case "occasion":
			e.Occasion = r.text(k, v)
		case "evidence":
			e.Evidence = r.text(k, v)
		case "evidenceURL":
			e.EvidenceURL = r.str(k, v)
		case "verified":
			if v.Kind != unstable.Bool {
				r.problem(v.Line, msgVerifiedBool, nil)
				continue
			}
			b := v.Str == "true"
			e.Verified = &b
		case "status":
			e.Status = r.str(k, v)
		case "withdrawn":
			e.Withdrawn = r.change(k, v)
		case "suspended":
			e.Suspended = r.change(k, v)
		case "note":
			e.Note = r.text(k, v)
		case "website":
			e.Website = r.str(k, v)
		case "logo":
			e.Logo = r.str(k, v)
		default:
			r.problem(v.Line, msgUnknownKey, d{"Key": q(k), "Keys": strings.Join(entryKeys, ", ")})
		}
	}
	return e
}

var (
	msgVerifiedBool = message("signatories_check_verified_bool",
		"verified must be true or false (unquoted)")
	msgUnknownKey = message("signatories_check_unknown_key",
		"unknown key {{ .Key }}: an entry has only {{ .Keys }}")
	msgQuotedDate = message("signatories_check_quoted_date",
		"{{ .Key }} must be a quoted date: write {{ .Key }} = \"{{ .Value }}\"")
	msgNotString = message("signatories_check_not_string",
		"{{ .Key }} must be a quoted string, not a TOML {{ .Kind }}")
	msgTextShape = message("signatories_check_text_shape",
		"{{ .Key }} must be a table with one string per language: {{ .Key }} = { <language key> = \"…\", … }")
	msgOriginalShape = message("signatories_check_original_shape",
		"original must be a table: original = { lang = \"zh-Hans\", name = \"…\" }")
	msgOriginalKey = message("signatories_check_original_key",
		"unknown key original.{{ .Key }}: original has only lang and name")
	msgChangeShape = message("signatories_check_change_shape",
		"{{ .Key }} must be a table: {{ .Key }} = { date = \"YYYY-MM-DD\", reason = { <language key> = \"…\", … } }")
	msgChangeKey = message("signatories_check_change_key",
		"unknown key {{ .Key }}.{{ .Sub }}: {{ .Key }} has only date and reason")
)

func (r *entryReader) problem(line int, m *i18n.Message, data d) {
	r.ps.addIn(r.path, line, r.e.label(), "", m, data)
}

func (r *entryReader) str(key string, v *siteconfig.Value) string {
	switch v.Kind {
	case unstable.String:
		return v.Str
	case unstable.LocalDate:
		r.problem(v.Line, msgQuotedDate, d{"Key": key, "Value": v.Str})
	default:
		r.problem(v.Line, msgNotString, d{"Key": key, "Kind": kindName(v.Kind)})
	}
	return ""
}

// text reads a table of one string per language. Which languages must be
// there is Check's business; here only the shape.
func (r *entryReader) text(key string, v *siteconfig.Value) Text {
	if v.Kind != unstable.Table {
		r.problem(v.Line, msgTextShape, d{"Key": key})
		return nil
	}
	out := Text{}
	for _, lang := range v.Table.Keys {
		lv := v.Table.Vals[lang]
		if lv.Kind != unstable.String {
			r.problem(lv.Line, msgNotString, d{"Key": key + "." + lang, "Kind": kindName(lv.Kind)})
			continue
		}
		out[lang] = lv.Str
		r.e.lines[key+"."+lang] = lv.Line
	}
	return out
}

func (r *entryReader) original(v *siteconfig.Value) *Original {
	if v.Kind != unstable.Table {
		r.problem(v.Line, msgOriginalShape, nil)
		return nil
	}
	o := &Original{}
	for _, k := range v.Table.Keys {
		kv := v.Table.Vals[k]
		r.e.lines["original."+k] = kv.Line
		switch k {
		case "lang":
			o.Lang = r.str("original.lang", kv)
		case "name":
			o.Name = r.str("original.name", kv)
		default:
			r.problem(kv.Line, msgOriginalKey, d{"Key": k})
		}
	}
	return o
}

func (r *entryReader) change(key string, v *siteconfig.Value) *Change {
	if v.Kind != unstable.Table {
		r.problem(v.Line, msgChangeShape, d{"Key": key})
		return nil
	}
	c := &Change{}
	for _, k := range v.Table.Keys {
		kv := v.Table.Vals[k]
		r.e.lines[key+"."+k] = kv.Line
		switch k {
		case "date":
			c.Date = r.str(key+".date", kv)
		case "reason":
			c.Reason = r.text(key+".reason", kv)
		default:
			r.problem(kv.Line, msgChangeKey, d{"Key": key, "Sub": k})
		}
	}
	return c
}

// kindName is the TOML specification's name of a kind of value: the same
// technical word in every language's messages.
func kindName(k unstable.Kind) string {
	names := map[unstable.Kind]string{
		unstable.String: "string", unstable.Bool: "boolean", unstable.Integer: "integer",
		unstable.Float: "float", unstable.LocalDate: "local date", unstable.LocalTime: "local time",
		unstable.LocalDateTime: "local date-time", unstable.DateTime: "offset date-time",
		unstable.Array: "array", unstable.Table: "table",
	}
	if n, ok := names[k]; ok {
		return n
	}
	return k.String()
}

// sortedKeys is a Text's languages in a stable order, for messages.
func sortedKeys(t Text) []string {
	keys := make([]string, 0, len(t))
	for k := range t {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
