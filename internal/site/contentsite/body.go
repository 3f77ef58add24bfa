package contentsite

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// BlockKind says where a piece of clause text came from.
type BlockKind string

// Block kinds.
const (
	Paragraph BlockKind = "paragraph"
	ListItem  BlockKind = "list-item"
	Heading   BlockKind = "heading"
)

// Block is one paragraph, list item or heading of a clause body, as plain
// text with code, URLs, raw HTML and shortcodes left out: those are never
// translated, so no check should look at them.
type Block struct {
	Kind BlockKind
	Text string
	Line int
}

var md = goldmark.New(goldmark.WithExtensions(extension.Linkify, extension.Strikethrough, extension.Table))

// ParseBody turns a Markdown body into blocks. firstLine is the file line on
// which body starts.
func ParseBody(body []byte, firstLine int) []Block {
	src := blankShortcodes(body)
	doc := md.Parser().Parse(text.NewReader(src))
	var blocks []Block
	lineAt := lineIndex(src, firstLine)
	var walk func(n ast.Node, kind BlockKind)
	walk = func(n ast.Node, kind BlockKind) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c.Kind() {
			case ast.KindParagraph, ast.KindTextBlock, ast.KindHeading:
				k := kind
				if c.Kind() == ast.KindHeading {
					k = Heading
				}
				var sb strings.Builder
				inlineText(&sb, c, src)
				t := normalizeSpace(sb.String())
				if t == "" {
					continue
				}
				line := firstLine
				if l := c.Lines(); l.Len() > 0 {
					line = lineAt(l.At(0).Start)
				}
				blocks = append(blocks, Block{Kind: k, Text: t, Line: line})
			case ast.KindFencedCodeBlock, ast.KindCodeBlock, ast.KindHTMLBlock, ast.KindThematicBreak:
			case ast.KindListItem:
				walk(c, ListItem)
			default:
				walk(c, kind)
			}
		}
	}
	walk(doc, Paragraph)
	return blocks
}

func inlineText(sb *strings.Builder, n ast.Node, src []byte) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch t := c.(type) {
		case *ast.Text:
			sb.Write(t.Segment.Value(src))
			if t.SoftLineBreak() || t.HardLineBreak() {
				sb.WriteByte('\n')
			}
		case *ast.String:
			sb.Write(t.Value)
		case *ast.CodeSpan, *ast.AutoLink, *ast.RawHTML, *ast.Image:
			// Not prose: a placeholder keeps words on either side apart.
			sb.WriteByte(' ')
		default:
			inlineText(sb, c, src)
		}
	}
}

// normalizeSpace joins soft line breaks the way a browser shows them to a
// reader of either script: no space between two Han characters, one space
// elsewhere.
func normalizeSpace(s string) string {
	var sb strings.Builder
	pendingSpace, pendingBreak := false, false
	var prev rune
	for _, r := range s {
		if r == '\n' {
			pendingBreak = true
			continue
		}
		if unicode.IsSpace(r) {
			pendingSpace = true
			continue
		}
		if sb.Len() > 0 && (pendingSpace || pendingBreak) {
			if pendingSpace || !(isWide(prev) && isWide(r)) {
				sb.WriteByte(' ')
			}
		}
		pendingSpace, pendingBreak = false, false
		sb.WriteRune(r)
		prev = r
	}
	return sb.String()
}

func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x303F) || (r >= 0xFF00 && r <= 0xFFEF)
}

// blankShortcodes replaces Hugo shortcodes ({{< … >}} and {{% … %}}) with
// spaces, keeping newlines, so offsets and line numbers stay true and
// goldmark never sees them: Hugo expands them before Markdown too.
func blankShortcodes(b []byte) []byte {
	if !bytes.Contains(b, []byte("{{")) {
		return b
	}
	out := append([]byte(nil), b...)
	for i := 0; i+2 < len(out); i++ {
		if out[i] != '{' || out[i+1] != '{' || (out[i+2] != '<' && out[i+2] != '%') {
			continue
		}
		closer := []byte{out[i+2], '}', '}'}
		end := bytes.Index(out[i+3:], closer)
		if end < 0 {
			break
		}
		stop := i + 3 + end + 3
		for j := i; j < stop; j++ {
			if out[j] != '\n' {
				out[j] = ' '
			}
		}
		i = stop - 1
	}
	// Blanking may split a multi-byte rune only if a shortcode delimiter sat
	// inside one, which ASCII delimiters cannot; keep the input valid anyway.
	if !utf8.Valid(out) {
		return bytes.ToValidUTF8(out, []byte(" "))
	}
	return out
}

func lineIndex(src []byte, firstLine int) func(off int) int {
	var starts []int
	starts = append(starts, 0)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return func(off int) int {
		lo, hi := 0, len(starts)
		for lo+1 < hi {
			m := (lo + hi) / 2
			if starts[m] <= off {
				lo = m
			} else {
				hi = m
			}
		}
		return firstLine + lo
	}
}
