// Package pdfinspect reads PDFs with Debian's poppler-utils (pdftotext,
// pdffonts, pdfinfo, pdftoppm, pdftohtml): what the text says, which fonts are
// embedded, the page size and count, the outline.
//
// The PDF tool checks every file it writes through here before keeping it,
// and the tests check the handouts through the same code.
package pdfinspect

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Package is the Debian package of the tools used here.
const Package = "poppler-utils"

// run runs one of the poppler tools and returns its standard output.
func run(ctx context.Context, tool string, args ...string) ([]byte, error) {
	path, err := exec.LookPath(tool)
	if err != nil {
		return nil, fmt.Errorf("%s not found: install Debian's package with `apt-get install -y %s` (make does this when run as root)", tool, Package)
	}
	cmd := exec.CommandContext(ctx, path, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("%s %s: %v: %s", tool, strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// Text is the text of pages first to last (0 for "to the end") in reading
// order, as pdftotext extracts it.
func Text(ctx context.Context, pdf string, first, last int) (string, error) {
	args := []string{"-enc", "UTF-8", "-f", strconv.Itoa(first)}
	if last > 0 {
		args = append(args, "-l", strconv.Itoa(last))
	}
	out, err := run(ctx, "pdftotext", append(args, pdf, "-")...)
	return string(out), err
}

// Region is a rectangle on a page, in points from the top left corner.
type Region struct{ X, Y, W, H float64 }

// TextIn is the text inside region of one page: one column of a side-by-side
// page, say, without the text of the columns beside it.
func TextIn(ctx context.Context, pdf string, page int, r Region) (string, error) {
	// At -r 72 pdftotext's pixels are points.
	out, err := run(ctx, "pdftotext", "-enc", "UTF-8", "-r", "72",
		"-f", strconv.Itoa(page), "-l", strconv.Itoa(page),
		"-x", strconv.Itoa(int(r.X)), "-y", strconv.Itoa(int(r.Y)),
		"-W", strconv.Itoa(int(r.W+0.5)), "-H", strconv.Itoa(int(r.H+0.5)),
		pdf, "-")
	return string(out), err
}

// Font is one row of pdffonts.
type Font struct {
	Name, Type, Encoding      string
	Embedded, Subset, Unicode bool
}

// Fonts lists the fonts of the PDF.
func Fonts(ctx context.Context, pdf string) ([]Font, error) {
	out, err := run(ctx, "pdffonts", pdf)
	if err != nil {
		return nil, err
	}
	return parseFonts(string(out))
}

// parseFonts reads pdffonts' table. The columns are fixed-width, and a type
// ("CID TrueType") may hold a space, so the row is cut at the offsets of the
// dashes under the header.
func parseFonts(out string) ([]Font, error) {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "---") {
		return nil, fmt.Errorf("pdffonts: unexpected output %q", out)
	}
	var cols [][2]int
	start := -1
	for i, c := range lines[1] + " " {
		switch {
		case c == '-' && start < 0:
			start = i
		case c != '-' && start >= 0:
			cols = append(cols, [2]int{start, i})
			start = -1
		}
	}
	if len(cols) < 6 {
		return nil, fmt.Errorf("pdffonts: unexpected header %q", lines[1])
	}
	field := func(line string, i int) string {
		a, b := cols[i][0], cols[i][1]
		if i == len(cols)-1 || b > len(line) {
			b = len(line)
		}
		if a > len(line) {
			return ""
		}
		return strings.TrimSpace(line[a:b])
	}
	var fonts []Font
	for _, line := range lines[2:] {
		fonts = append(fonts, Font{
			Name:     field(line, 0),
			Type:     field(line, 1),
			Encoding: field(line, 2),
			Embedded: field(line, 3) == "yes",
			Subset:   field(line, 4) == "yes",
			Unicode:  field(line, 5) == "yes",
		})
	}
	return fonts, nil
}

// Info is what pdfinfo says about the PDF: Title, Author, Pages, "Page size",
// Tagged, ...
type Info map[string]string

// InfoOf runs pdfinfo.
func InfoOf(ctx context.Context, pdf string) (Info, error) {
	out, err := run(ctx, "pdfinfo", "-enc", "UTF-8", pdf)
	if err != nil {
		return nil, err
	}
	info := Info{}
	for _, line := range strings.Split(string(out), "\n") {
		k, v, ok := strings.Cut(line, ":")
		if ok {
			info[strings.TrimSpace(k)] = strings.TrimSpace(v)
		}
	}
	return info, nil
}

// Pages is the page count.
func (i Info) Pages() int {
	n, _ := strconv.Atoi(i["Pages"])
	return n
}

var pageSize = regexp.MustCompile(`^([\d.]+) x ([\d.]+) pts`)

// PageSize is the size of the first page in points.
func (i Info) PageSize() (w, h float64, err error) {
	m := pageSize.FindStringSubmatch(i["Page size"])
	if m == nil {
		return 0, 0, fmt.Errorf("pdfinfo: no page size in %q", i["Page size"])
	}
	w, _ = strconv.ParseFloat(m[1], 64)
	h, _ = strconv.ParseFloat(m[2], 64)
	return w, h, nil
}

// OutlineItem is one bookmark of the PDF's outline, with its children.
type OutlineItem struct {
	Title    string
	Page     int
	Children []OutlineItem
}

// Outline reads the PDF's outline (bookmarks) through pdftohtml -xml.
func Outline(ctx context.Context, pdf string) ([]OutlineItem, error) {
	// pdftohtml writes image files beside its output unless told not to.
	out, err := run(ctx, "pdftohtml", "-xml", "-stdout", "-i", "-q", "-l", "1", pdf)
	if err != nil {
		return nil, err
	}
	return parseOutline(out)
}

func parseOutline(out []byte) ([]OutlineItem, error) {
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, nil // no outline at all
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "outline" {
			return outlineList(dec)
		}
	}
}

// outlineList reads the items up to the </outline> that ends the list; a
// nested <outline> holds the children of the item before it.
func outlineList(dec *xml.Decoder) ([]OutlineItem, error) {
	var items []OutlineItem
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("pdftohtml: outline ends early: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "outline":
				children, err := outlineList(dec)
				if err != nil {
					return nil, err
				}
				if len(items) == 0 {
					return nil, errors.New("pdftohtml: nested outline without an item")
				}
				items[len(items)-1].Children = children
			case "item":
				item := OutlineItem{}
				for _, a := range t.Attr {
					if a.Name.Local == "page" {
						item.Page, _ = strconv.Atoi(a.Value)
					}
				}
				var title strings.Builder
				for {
					tok, err := dec.Token()
					if err != nil {
						return nil, fmt.Errorf("pdftohtml: outline item ends early: %w", err)
					}
					if cd, ok := tok.(xml.CharData); ok {
						title.Write(cd)
					}
					if ee, ok := tok.(xml.EndElement); ok && ee.Name.Local == "item" {
						break
					}
				}
				item.Title = title.String()
				items = append(items, item)
			}
		case xml.EndElement:
			if t.Name.Local == "outline" {
				return items, nil
			}
		}
	}
}

// RenderPage renders one page as a PNG at dpi into dir/name.png and returns
// its path.
func RenderPage(ctx context.Context, pdf string, page, dpi int, dir, name string) (string, error) {
	prefix := filepath.Join(dir, name)
	_, err := run(ctx, "pdftoppm", "-png", "-r", strconv.Itoa(dpi),
		"-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-singlefile", pdf, prefix)
	return prefix + ".png", err
}

// Squash removes all white space (including the ideographic space) and
// hyphens, so text extracted from a PDF compares with the text of the page
// it was printed from: the lines break anywhere, and pdftotext joins a word
// hyphenated at a line end ("E-" + "commerce" gives "Ecommerce").
func Squash(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u3000', '\u200b', '-', '\u00ad', '\u2010':
			return -1
		}
		return r
	}, s)
}
