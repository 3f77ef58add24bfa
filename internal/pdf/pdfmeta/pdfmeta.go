// Package pdfmeta sets entries of a PDF's document information dictionary
// (Author, Subject, ...) by appending an incremental update, the way PDF
// editors save changes: the bytes Chromium wrote stay as they are, and a
// new version of the Info object plus a small cross-reference section
// follow them.
//
// Chromium sets the Title (from <title>) but no Author, and the handouts
// must name who published them.
package pdfmeta

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"unicode/utf16"
)

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	trailerRE   = regexp.MustCompile(`(?s)^trailer\s*<<(.*)>>\s*startxref\s+\d+\s+%%EOF\s*$`)
	sizeRE      = regexp.MustCompile(`/Size\s+(\d+)`)
	rootRE      = regexp.MustCompile(`/Root\s+(\d+\s+\d+\s+R)`)
	infoRE      = regexp.MustCompile(`/Info\s+(\d+)\s+(\d+)\s+R`)
	idRE        = regexp.MustCompile(`(?s)/ID\s*\[.*?\]`)
)

// SetInfo returns pdf with the given Info entries set (keys without the
// slash: "Author"). Entries already there keep their values unless
// overridden. It handles files with a classic cross-reference table, as
// Chromium (Skia) writes them, and says so for any other.
func SetInfo(pdf []byte, entries map[string]string) ([]byte, error) {
	m := startxrefRE.FindSubmatch(pdf)
	if m == nil {
		return nil, errors.New("not a complete PDF: no startxref and %%EOF at the end")
	}
	prev := string(m[1])
	var t [][]byte
	if last := bytes.LastIndex(pdf, []byte("trailer")); last >= 0 {
		t = trailerRE.FindSubmatch(pdf[last:])
	}
	if t == nil {
		return nil, errors.New("the PDF has no trailer dictionary (a cross-reference stream?): cannot add an incremental update")
	}
	trailer := t[1]
	sm := sizeRE.FindSubmatch(trailer)
	rm := rootRE.FindSubmatch(trailer)
	if sm == nil || rm == nil {
		return nil, errors.New("the PDF trailer lacks /Size or /Root")
	}
	size, err := strconv.Atoi(string(sm[1]))
	if err != nil {
		return nil, fmt.Errorf("the PDF trailer's /Size: %v", err)
	}

	// Keep what the old Info dictionary says, then override.
	dict := map[string][]byte{}
	obj, gen := size, 0
	if im := infoRE.FindSubmatch(trailer); im != nil {
		obj, _ = strconv.Atoi(string(im[1]))
		gen, _ = strconv.Atoi(string(im[2]))
		old, err := objectDict(pdf, obj, gen)
		if err != nil {
			return nil, err
		}
		dict = old
	}
	for k, v := range entries {
		dict[k] = textString(v)
	}
	newSize := size
	if obj >= size {
		newSize = obj + 1
	}

	var out bytes.Buffer
	out.Write(pdf)
	if pdf[len(pdf)-1] != '\n' {
		out.WriteByte('\n')
	}
	offset := out.Len()
	fmt.Fprintf(&out, "%d %d obj\n<<", obj, gen)
	keys := make([]string, 0, len(dict))
	for k := range dict {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&out, "/%s %s", k, dict[k])
	}
	out.WriteString(">>\nendobj\n")
	xref := out.Len()
	fmt.Fprintf(&out, "xref\n%d 1\n%010d %05d n \n", obj, offset, gen)
	fmt.Fprintf(&out, "trailer\n<</Size %d /Root %s /Info %d %d R /Prev %s", newSize, rm[1], obj, gen, prev)
	if id := idRE.Find(trailer); id != nil {
		out.WriteByte(' ')
		out.Write(id)
	}
	fmt.Fprintf(&out, ">>\nstartxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// objectDict reads the entries of the dictionary that is object obj: a flat
// dictionary of strings and names, as an Info dictionary is.
func objectDict(pdf []byte, obj, gen int) (map[string][]byte, error) {
	head := regexp.MustCompile(`(?m)^` + strconv.Itoa(obj) + `\s+` + strconv.Itoa(gen) + `\s+obj\s*<<`)
	locs := head.FindAllIndex(pdf, -1)
	if locs == nil {
		return nil, fmt.Errorf("the PDF's Info object %d %d is missing", obj, gen)
	}
	// The last definition wins in a file with updates.
	rest := pdf[locs[len(locs)-1][1]:]
	dict := map[string][]byte{}
	i := 0
	for {
		for i < len(rest) && isSpace(rest[i]) {
			i++
		}
		if i+1 < len(rest) && rest[i] == '>' && rest[i+1] == '>' {
			return dict, nil
		}
		if i >= len(rest) || rest[i] != '/' {
			return nil, fmt.Errorf("the PDF's Info object %d is not a flat dictionary", obj)
		}
		j := i + 1
		for j < len(rest) && !isSpace(rest[j]) && !isDelim(rest[j]) {
			j++
		}
		key := string(rest[i+1 : j])
		for j < len(rest) && isSpace(rest[j]) {
			j++
		}
		end, err := valueEnd(rest, j)
		if err != nil {
			return nil, fmt.Errorf("the PDF's Info object %d, /%s: %v", obj, key, err)
		}
		dict[key] = rest[j:end]
		i = end
	}
}

// valueEnd finds where the value that starts at i ends: a literal string
// (balanced parentheses, backslash escapes), a hex string, a name, or a
// number-like token.
func valueEnd(b []byte, i int) (int, error) {
	if i >= len(b) {
		return 0, errors.New("value missing")
	}
	switch b[i] {
	case '(':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '(':
				depth++
			case ')':
				depth--
				if depth == 0 {
					return j + 1, nil
				}
			}
		}
		return 0, errors.New("unterminated string")
	case '<':
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			return 0, errors.New("unterminated hex string")
		}
		return i + j + 1, nil
	default:
		j := i
		if b[j] == '/' {
			j++
		}
		for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
			j++
		}
		if j == i {
			return 0, fmt.Errorf("unexpected %q", b[i])
		}
		return j, nil
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0
}

func isDelim(c byte) bool {
	return bytes.IndexByte([]byte("()<>[]{}/%"), c) >= 0
}

// textString encodes s as a PDF text string: UTF-16BE with a byte order mark,
// in hex, which holds any character.
func textString(s string) []byte {
	var b bytes.Buffer
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteByte('>')
	return b.Bytes()
}
