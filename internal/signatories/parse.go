package signatories

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
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
	root := buildTree(data)
	for _, key := range root.keys {
		if key != "signatory" {
			ps.add(path, root.vals[key].line, msgTopLevelKey, d{"Key": q(key)})
		}
	}
	list, ok := root.vals["signatory"]
	if !ok {
		return f, ps
	}
	if list.kind != unstable.Array {
		ps.add(path, list.line, msgNotList, nil)
		return f, ps
	}
	for i, item := range list.array {
		if item.kind != unstable.Table {
			ps.add(path, item.line, msgNotTable, d{"N": i + 1})
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

// A tree of TOML values with the line each was written on. Tables keep their
// keys in file order so problems come out in that order too.
type tval struct {
	line  int
	kind  unstable.Kind // String, Bool, ..., Array, or Table for any table
	str   string        // scalars: the decoded string, or the literal as written
	table *ttable
	array []*tval
}

type ttable struct {
	keys []string
	vals map[string]*tval
}

func newTable(line int) *tval {
	return &tval{line: line, kind: unstable.Table, table: &ttable{vals: map[string]*tval{}}}
}

func (t *ttable) set(key string, v *tval) {
	if _, ok := t.vals[key]; !ok {
		t.keys = append(t.keys, key)
	}
	t.vals[key] = v
}

// child descends one key, creating a table when the key is new; into an
// array of tables it descends into the last element, as TOML headers do.
// It returns nil when the key holds a scalar (the decoder has already
// rejected such a document; nil keeps this pass from panicking regardless).
func (t *ttable) child(key string, line int) *ttable {
	v, ok := t.vals[key]
	if !ok {
		v = newTable(line)
		t.set(key, v)
	}
	switch {
	case v.kind == unstable.Table:
		return v.table
	case v.kind == unstable.Array && len(v.array) > 0 && v.array[len(v.array)-1].kind == unstable.Table:
		return v.array[len(v.array)-1].table
	}
	return nil
}

type treeBuilder struct {
	p unstable.Parser
	// lineStarts holds the offset of every line start: go-toml's Shape
	// counts newlines from the top of the file for each call, which made a
	// 10,000-entry file take minutes.
	lineStarts []int
}

func buildTree(data []byte) *ttable {
	b := &treeBuilder{lineStarts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			b.lineStarts = append(b.lineStarts, i+1)
		}
	}
	b.p.Reset(data)
	root := newTable(1).table
	current := root
	for b.p.NextExpression() {
		e := b.p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			keys, line := b.key(e)
			if len(keys) == 0 {
				continue
			}
			t := root
			for _, k := range keys[:len(keys)-1] {
				if t = t.child(k, line); t == nil {
					break
				}
			}
			if t == nil {
				current = newTable(line).table // detached: keeps walking safe
				continue
			}
			last := keys[len(keys)-1]
			if e.Kind == unstable.Table {
				if current = t.child(last, line); current == nil {
					current = newTable(line).table
				}
				continue
			}
			arr, ok := t.vals[last]
			if !ok {
				arr = &tval{line: line, kind: unstable.Array}
				t.set(last, arr)
			}
			item := newTable(line)
			arr.array = append(arr.array, item)
			current = item.table
		case unstable.KeyValue:
			b.keyValue(current, e)
		}
	}
	return root
}

// key returns a header's or key-value's dotted key and the line it starts on.
func (b *treeBuilder) key(n *unstable.Node) ([]string, int) {
	var keys []string
	line := 0
	it := n.Key()
	for it.Next() {
		k := it.Node()
		if line == 0 {
			line = b.line(k.Raw)
		}
		keys = append(keys, string(k.Data))
	}
	return keys, line
}

// line is the 1-based line a range of the input starts on.
func (b *treeBuilder) line(r unstable.Range) int {
	i, found := slices.BinarySearch(b.lineStarts, int(r.Offset))
	if found {
		return i + 1
	}
	return i
}

func (b *treeBuilder) keyValue(t *ttable, kv *unstable.Node) {
	keys, line := b.key(kv)
	if len(keys) == 0 {
		return
	}
	for _, k := range keys[:len(keys)-1] {
		if t = t.child(k, line); t == nil {
			return
		}
	}
	t.set(keys[len(keys)-1], b.value(kv.Value(), line))
}

func (b *treeBuilder) value(n *unstable.Node, line int) *tval {
	switch n.Kind {
	case unstable.InlineTable:
		v := newTable(line)
		it := n.Children()
		for it.Next() {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				b.keyValue(v.table, c)
			}
		}
		return v
	case unstable.Array:
		v := &tval{line: line, kind: unstable.Array}
		it := n.Children()
		for it.Next() {
			if c := it.Node(); c.Kind != unstable.Comment {
				v.array = append(v.array, b.value(c, line))
			}
		}
		return v
	}
	return &tval{line: line, kind: n.Kind, str: string(n.Data)}
}

// entryReader turns one [[signatory]] table into an Entry, reporting keys it
// does not know and values of the wrong type.
type entryReader struct {
	path string
	ps   *Problems
	e    *Entry
}

func readEntry(path string, n int, item *tval, ps *Problems) *Entry {
	t := item.table
	e := &Entry{Line: item.line, N: n, lines: map[string]int{}}
	for _, k := range t.keys {
		e.lines[k] = t.vals[k].line
	}
	r := &entryReader{path: path, ps: ps, e: e}
	// The ID names the entry in messages about its other keys, wherever it
	// is written.
	if id, ok := t.vals["id"]; ok && id.kind == unstable.String {
		e.ID = id.str
	}
	for _, k := range t.keys {
		v := t.vals[k]
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
			if v.kind != unstable.Bool {
				r.problem(v.line, msgVerifiedBool, nil)
				continue
			}
			b := v.str == "true"
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
			r.problem(v.line, msgUnknownKey, d{"Key": q(k), "Keys": strings.Join(entryKeys, ", ")})
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

func (r *entryReader) str(key string, v *tval) string {
	switch v.kind {
	case unstable.String:
		return v.str
	case unstable.LocalDate:
		r.problem(v.line, msgQuotedDate, d{"Key": key, "Value": v.str})
	default:
		r.problem(v.line, msgNotString, d{"Key": key, "Kind": kindName(v.kind)})
	}
	return ""
}

// text reads a table of one string per language. Which languages must be
// there is Check's business; here only the shape.
func (r *entryReader) text(key string, v *tval) Text {
	if v.kind != unstable.Table {
		r.problem(v.line, msgTextShape, d{"Key": key})
		return nil
	}
	out := Text{}
	for _, lang := range v.table.keys {
		lv := v.table.vals[lang]
		if lv.kind != unstable.String {
			r.problem(lv.line, msgNotString, d{"Key": key + "." + lang, "Kind": kindName(lv.kind)})
			continue
		}
		out[lang] = lv.str
		r.e.lines[key+"."+lang] = lv.line
	}
	return out
}

func (r *entryReader) original(v *tval) *Original {
	if v.kind != unstable.Table {
		r.problem(v.line, msgOriginalShape, nil)
		return nil
	}
	o := &Original{}
	for _, k := range v.table.keys {
		kv := v.table.vals[k]
		r.e.lines["original."+k] = kv.line
		switch k {
		case "lang":
			o.Lang = r.str("original.lang", kv)
		case "name":
			o.Name = r.str("original.name", kv)
		default:
			r.problem(kv.line, msgOriginalKey, d{"Key": k})
		}
	}
	return o
}

func (r *entryReader) change(key string, v *tval) *Change {
	if v.kind != unstable.Table {
		r.problem(v.line, msgChangeShape, d{"Key": key})
		return nil
	}
	c := &Change{}
	for _, k := range v.table.keys {
		kv := v.table.vals[k]
		r.e.lines[key+"."+k] = kv.line
		switch k {
		case "date":
			c.Date = r.str(key+".date", kv)
		case "reason":
			c.Reason = r.text(key+".reason", kv)
		default:
			r.problem(kv.line, msgChangeKey, d{"Key": key, "Sub": k})
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
