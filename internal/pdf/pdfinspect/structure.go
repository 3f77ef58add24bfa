package pdfinspect

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"
)

// Element is a node of a tagged PDF's structure tree: its type (/S), its own
// language (/Lang, "" when it inherits its parent's) and the text of its
// marked content, as pdfinfo -struct-text reads it.
type Element struct {
	Type   string
	Lang   string
	Text   string
	Parent *Element
	Kids   []*Element
}

// Language is the element's language: its own /Lang or the nearest
// ancestor's, as a screen reader applies it.
func (e *Element) Language() string {
	for ; e != nil; e = e.Parent {
		if e.Lang != "" {
			return e.Lang
		}
	}
	return ""
}

// Walk calls f on e and every element under it, in reading order.
func (e *Element) Walk(f func(*Element)) {
	f(e)
	for _, k := range e.Kids {
		k.Walk(f)
	}
}

var objStart = regexp.MustCompile(`(?m)(\d+) 0 obj\b`)

// StructTree reads the structure tree of a tagged PDF whose structure
// elements are plain objects (as Chromium writes them; not in object
// streams) and returns its root, the Document element. The text of each
// element comes from pdfinfo -struct-text, which walks the same tree.
func StructTree(ctx context.Context, pdf string) (*Element, error) {
	data, err := os.ReadFile(pdf)
	if err != nil {
		return nil, err
	}
	type raw struct {
		dict map[string]any
		elem *Element
	}
	objs := map[int]*raw{}
	var root *raw
	locs := objStart.FindAllSubmatchIndex(data, -1)
	for i, loc := range locs {
		end := len(data)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		body := data[loc[1]:end]
		if !bytes.Contains(body, []byte("/StructElem")) {
			continue
		}
		v, _, err := parseObject(body, 0)
		if err != nil {
			continue
		}
		d, ok := v.(map[string]any)
		if !ok || d["Type"] != name("StructElem") {
			continue
		}
		num, _ := strconv.Atoi(string(data[loc[2]:loc[3]]))
		r := &raw{dict: d, elem: &Element{}}
		if s, ok := d["S"].(name); ok {
			r.elem.Type = string(s)
		}
		if l, ok := d["Lang"].(string); ok {
			r.elem.Lang = l
		}
		objs[num] = r
		if r.elem.Type == "Document" {
			root = r
		}
	}
	if root == nil {
		return nil, errors.New("no Document structure element: the PDF is not tagged, or its structure is compressed")
	}
	var build func(r *raw, depth int) error
	build = func(r *raw, depth int) error {
		if depth > 200 {
			return errors.New("structure tree too deep (a cycle?)")
		}
		kids, ok := r.dict["K"].([]any)
		if !ok {
			kids = []any{r.dict["K"]}
		}
		for _, k := range kids {
			ref, ok := k.(ref)
			if !ok {
				continue
			}
			kid := objs[int(ref)]
			if kid == nil {
				continue
			}
			kid.elem.Parent = r.elem
			r.elem.Kids = append(r.elem.Kids, kid.elem)
			if err := build(kid, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := build(root, 0); err != nil {
		return nil, err
	}
	return root.elem, attachText(ctx, pdf, root.elem)
}

// attachText reads pdfinfo -struct-text, whose element lines come in the
// tree's reading order, each followed by its text in quotes, and sets the
// text of each element.
func attachText(ctx context.Context, pdf string, root *Element) error {
	out, err := run(ctx, "pdfinfo", "-struct-text", pdf)
	if err != nil {
		return err
	}
	var order []*Element
	root.Walk(func(e *Element) { order = append(order, e) })
	i := -1
	for _, line := range strings.Split(string(out), "\n") {
		t := strings.TrimSpace(line)
		switch {
		case t == "" || strings.HasPrefix(t, "/") || strings.HasPrefix(t, "Object "):
			// Attributes and annotation references (OBJR) are no elements.
		case strings.HasPrefix(t, `"`):
			if i < 0 {
				return errors.New("pdfinfo -struct-text: text before any element")
			}
			if s, err := strconv.Unquote(t); err == nil {
				order[i].Text += s
			} else {
				order[i].Text += strings.Trim(t, `"`)
			}
		default:
			i++
			typ, _, _ := strings.Cut(strings.TrimSuffix(t, ":"), " ")
			if i >= len(order) || order[i].Type != typ {
				return fmt.Errorf("pdfinfo -struct-text: element %d is %q, the PDF's structure has %d elements", i+1, typ, len(order))
			}
		}
	}
	return nil
}

type (
	name string
	ref  int
)

// parseObject reads one PDF object (dictionary, array, name, number,
// string, reference) at data[i:], enough for structure elements.
func parseObject(data []byte, i int) (any, int, error) {
	i = skipSpace(data, i)
	if i >= len(data) {
		return nil, i, errors.New("unexpected end")
	}
	switch c := data[i]; {
	case c == '<' && i+1 < len(data) && data[i+1] == '<':
		d := map[string]any{}
		i += 2
		for {
			i = skipSpace(data, i)
			if i+1 < len(data) && data[i] == '>' && data[i+1] == '>' {
				return d, i + 2, nil
			}
			k, j, err := parseObject(data, i)
			if err != nil {
				return nil, j, err
			}
			key, ok := k.(name)
			if !ok {
				return nil, j, errors.New("dictionary key is not a name")
			}
			v, j, err := parseObject(data, j)
			if err != nil {
				return nil, j, err
			}
			d[string(key)], i = v, j
		}
	case c == '[':
		var a []any
		i++
		for {
			i = skipSpace(data, i)
			if i < len(data) && data[i] == ']' {
				return a, i + 1, nil
			}
			v, j, err := parseObject(data, i)
			if err != nil {
				return nil, j, err
			}
			a, i = append(a, v), j
		}
	case c == '/':
		j := i + 1
		for j < len(data) && !isDelim(data[j]) {
			j++
		}
		return name(data[i+1 : j]), j, nil
	case c == '(':
		return parseString(data, i)
	case c == '<':
		j := bytes.IndexByte(data[i:], '>')
		if j < 0 {
			return nil, len(data), errors.New("unterminated hex string")
		}
		return hexString(data[i+1 : i+j]), i + j + 1, nil
	default:
		j := i
		for j < len(data) && !isDelim(data[j]) {
			j++
		}
		tok := string(data[i:j])
		n, err := strconv.Atoi(tok)
		if err != nil {
			if f, ferr := strconv.ParseFloat(tok, 64); ferr == nil {
				return f, j, nil
			}
			return tok, j, nil // true, false, null
		}
		// "12 0 R" is a reference.
		if k := skipSpace(data, j); k < len(data) {
			if m := refTail.Find(data[k:]); m != nil {
				return ref(n), k + len(m), nil
			}
		}
		return n, j, nil
	}
}

var refTail = regexp.MustCompile(`^\d+\s+R\b`)

func parseString(data []byte, i int) (any, int, error) {
	var b []byte
	depth := 0
	for j := i; j < len(data); j++ {
		c := data[j]
		switch {
		case c == '\\' && j+1 < len(data):
			j++
			switch e := data[j]; e {
			case 'n':
				b = append(b, '\n')
			case 'r':
				b = append(b, '\r')
			case 't':
				b = append(b, '\t')
			case 'b':
				b = append(b, '\b')
			case 'f':
				b = append(b, '\f')
			default:
				if e >= '0' && e <= '7' {
					k := j
					for k < j+3 && k < len(data) && data[k] >= '0' && data[k] <= '7' {
						k++
					}
					v, _ := strconv.ParseUint(string(data[j:k]), 8, 8)
					b = append(b, byte(v))
					j = k - 1
				} else {
					b = append(b, e)
				}
			}
		case c == '(':
			if depth > 0 {
				b = append(b, c)
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return decodeText(b), j + 1, nil
			}
			b = append(b, c)
		default:
			b = append(b, c)
		}
	}
	return nil, len(data), errors.New("unterminated string")
}

func hexString(h []byte) string {
	h = bytes.Join(bytes.Fields(h), nil)
	if len(h)%2 == 1 {
		h = append(h, '0')
	}
	b := make([]byte, len(h)/2)
	for i := range b {
		v, _ := strconv.ParseUint(string(h[2*i:2*i+2]), 16, 8)
		b[i] = byte(v)
	}
	return decodeText(b)
}

// decodeText reads a PDF text string: UTF-16BE with a byte order mark, or
// (for the ASCII of language tags) bytes as they are.
func decodeText(b []byte) string {
	if len(b) >= 2 && b[0] == 0xFE && b[1] == 0xFF {
		var r []rune
		for i := 2; i+1 < len(b); i += 2 {
			r = append(r, rune(b[i])<<8|rune(b[i+1]))
		}
		return string(r)
	}
	return string(b)
}

func skipSpace(data []byte, i int) int {
	for i < len(data) && (data[i] == ' ' || data[i] == '\n' || data[i] == '\r' || data[i] == '\t' || data[i] == '\f' || data[i] == 0) {
		i++
	}
	return i
}

func isDelim(c byte) bool {
	return strings.IndexByte(" \t\r\n\f\x00()<>[]{}/%", c) >= 0
}
