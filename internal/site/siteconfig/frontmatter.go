package siteconfig

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"
)

// FrontMatter is the TOML between the opening and closing "+++" lines.
type FrontMatter struct {
	// Raw is the TOML text, without the delimiter lines.
	Raw []byte
	// Offset is the byte offset of Raw in the file, so positions in the TOML
	// can be turned back into file positions by whoever rewrites the file.
	Offset int
	// FirstLine is the file line on which Raw starts (the line after "+++").
	FirstLine int
	// BodyOffset and BodyLine locate the text after the closing "+++".
	BodyOffset int
	BodyLine   int
	// Keys maps dotted key paths ("title", "provenance.status",
	// "provenance.corrections") to the file line where they first appear.
	Keys map[string]int
	// whole says Raw is a whole TOML file (a configuration or data file),
	// not a block between +++ lines, for the advice in errors.
	whole bool
}

// TOML wraps a whole TOML file, so that Decode's errors say so.
func TOML(raw []byte) *FrontMatter { return &FrontMatter{Raw: raw, FirstLine: 1, whole: true} }

// ParseError is returned for a configuration, front matter or data file
// that cannot be read. It carries the file line so the command can say
// where to look.
type ParseError struct {
	File string
	Line int
	Msg  string
	// Err is what Unwrap gives: ErrNotFound for a site with no configuration.
	Err error
}

func (e *ParseError) Unwrap() error { return e.Err }

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return fmt.Sprintf("%s: %s", e.File, e.Msg)
}

// ErrNoFrontMatter tells the caller the file has no "+++" block at all, which
// the checks report as a finding rather than refusing the whole site.
var ErrNoFrontMatter = errors.New("no front matter")

// SplitFrontMatter finds the TOML front matter of a Hugo content file. Only
// TOML ("+++") is part of the convention; a YAML block is reported so the
// author knows why the keys were not seen.
func SplitFrontMatter(file string, src []byte) (*FrontMatter, error) {
	start := 0
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		start = 3
	}
	first, rest, ok := cutLine(src[start:])
	if !ok && len(first) == 0 {
		return nil, ErrNoFrontMatter
	}
	switch strings.TrimRight(string(first), " \t\r") {
	case "+++":
	case "---":
		return nil, &ParseError{File: file, Line: 1, Msg: "front matter is YAML (---); the convention is TOML between +++ lines, convert it"}
	default:
		return nil, ErrNoFrontMatter
	}
	fmStart := len(src) - len(rest)
	pos := fmStart
	for line := 2; pos < len(src); line++ {
		l, _, _ := cutLine(src[pos:])
		next := pos + len(l) + 1
		if strings.TrimRight(string(l), " \t\r") == "+++" {
			if next > len(src) {
				next = len(src)
			}
			fm := &FrontMatter{
				Raw:        src[fmStart:pos],
				Offset:     fmStart,
				FirstLine:  2,
				BodyOffset: next,
				BodyLine:   line + 1,
			}
			tree, err := Parse(fm.Raw)
			if err != nil {
				return nil, tomlError(file, fm, err)
			}
			fm.Keys = tree.KeyLines(fm.FirstLine - 1)
			return fm, nil
		}
		pos = next
	}
	return nil, &ParseError{File: file, Line: 1, Msg: "front matter opened with +++ is never closed; add a line with +++ after the last key"}
}

// Decode unmarshals the front matter into v, turning TOML errors into file
// positions.
func (fm *FrontMatter) Decode(file string, v any) error {
	if err := toml.Unmarshal(fm.Raw, v); err != nil {
		return tomlError(file, fm, err)
	}
	return nil
}

func tomlError(file string, fm *FrontMatter, err error) error {
	what, fix := "front matter: ", "; fix the TOML between the +++ lines"
	if fm.whole {
		what, fix = "TOML: ", "; fix the TOML on this line"
	}
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, _ := de.Position()
		return &ParseError{File: file, Line: fm.FirstLine + row - 1, Msg: what + oneLine(de.Error()) + fix}
	}
	var pe *unstable.ParserError
	if errors.As(err, &pe) {
		line := fm.FirstLine
		if off := offsetIn(fm.Raw, pe.Highlight); off >= 0 {
			line += bytes.Count(fm.Raw[:off], []byte("\n"))
		}
		return &ParseError{File: file, Line: line, Msg: what + oneLine(pe.Message) + fix}
	}
	var sme *toml.StrictMissingError
	if errors.As(err, &sme) {
		return &ParseError{File: file, Line: fm.FirstLine, Msg: what + oneLine(sme.Error())}
	}
	return &ParseError{File: file, Line: fm.FirstLine, Msg: what + oneLine(err.Error()) + fix}
}

func oneLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}

// offsetIn reports where sub starts inside whole, or -1 when sub is not a
// subslice of it (the parser's highlight always is, but a copy would not be).
func offsetIn(whole, sub []byte) int {
	if len(sub) == 0 || len(whole) == 0 {
		return -1
	}
	off := cap(whole) - cap(sub)
	if off < 0 || off > len(whole) {
		return -1
	}
	return off
}

func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}
