package siteconfig

import (
	"slices"

	"github.com/pelletier/go-toml/v2/unstable"
)

// Value is a TOML value with the line it was written on: go-toml's decoder
// drops positions, and Concord's tools point at file:line.
type Value struct {
	Line  int
	Kind  unstable.Kind // String, Bool, ..., Array, or Table for any table
	Str   string        // scalars: the decoded string, or the literal as written
	Table *Table
	Array []*Value
}

// Table keeps its keys in file order, so problems come out in that order too.
type Table struct {
	Keys []string
	Vals map[string]*Value
}

func newTable(line int) *Value {
	return &Value{Line: line, Kind: unstable.Table, Table: &Table{Vals: map[string]*Value{}}}
}

func (t *Table) set(key string, v *Value) {
	if _, ok := t.Vals[key]; !ok {
		t.Keys = append(t.Keys, key)
	}
	t.Vals[key] = v
}

// child descends one key, creating a table when the key is new; into an
// array of tables it descends into the last element, as TOML headers do.
// It returns nil when the key holds a scalar (the decoder has already
// rejected such a document; nil keeps this pass from panicking regardless).
func (t *Table) child(key string, line int) *Table {
	v, ok := t.Vals[key]
	if !ok {
		v = newTable(line)
		t.set(key, v)
	}
	switch {
	case v.Kind == unstable.Table:
		return v.Table
	case v.Kind == unstable.Array && len(v.Array) > 0 && v.Array[len(v.Array)-1].Kind == unstable.Table:
		return v.Array[len(v.Array)-1].Table
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

// Parse reads TOML into a tree of values with their lines.
func Parse(data []byte) (*Table, error) {
	b := &treeBuilder{lineStarts: []int{0}}
	for i, c := range data {
		if c == '\n' {
			b.lineStarts = append(b.lineStarts, i+1)
		}
	}
	b.p.Reset(data)
	root := newTable(1).Table
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
				current = newTable(line).Table // detached: keeps walking safe
				continue
			}
			last := keys[len(keys)-1]
			if e.Kind == unstable.Table {
				if current = t.child(last, line); current == nil {
					current = newTable(line).Table
				}
				continue
			}
			arr, ok := t.Vals[last]
			if !ok {
				arr = &Value{Line: line, Kind: unstable.Array}
				t.set(last, arr)
			}
			item := newTable(line)
			arr.Array = append(arr.Array, item)
			current = item.Table
		case unstable.KeyValue:
			b.keyValue(current, e)
		}
	}
	return root, b.p.Error()
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

func (b *treeBuilder) keyValue(t *Table, kv *unstable.Node) {
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

func (b *treeBuilder) value(n *unstable.Node, line int) *Value {
	switch n.Kind {
	case unstable.InlineTable:
		v := newTable(line)
		it := n.Children()
		for it.Next() {
			if c := it.Node(); c.Kind == unstable.KeyValue {
				b.keyValue(v.Table, c)
			}
		}
		return v
	case unstable.Array:
		v := &Value{Line: line, Kind: unstable.Array}
		it := n.Children()
		for it.Next() {
			if c := it.Node(); c.Kind != unstable.Comment {
				v.Array = append(v.Array, b.value(c, line))
			}
		}
		return v
	}
	return &Value{Line: line, Kind: n.Kind, Str: string(n.Data)}
}

// KeyLines maps every dotted key path ("title", "provenance.status",
// "provenance.corrections") to the line where it first appears, plus offset
// (the file line before the TOML starts).
func (t *Table) KeyLines(offset int) map[string]int {
	lines := map[string]int{}
	t.keyLines("", offset, lines)
	return lines
}

func (t *Table) keyLines(prefix string, offset int, lines map[string]int) {
	for _, k := range t.Keys {
		path := prefix + k
		v := t.Vals[k]
		if _, seen := lines[path]; !seen {
			lines[path] = v.Line + offset
		}
		if v.Kind == unstable.Table {
			v.Table.keyLines(path+".", offset, lines)
		}
		for _, item := range v.Array {
			if item.Kind == unstable.Table {
				item.Table.keyLines(path+".", offset, lines)
			}
		}
	}
}
