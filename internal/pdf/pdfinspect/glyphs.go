package pdfinspect

import (
	"bufio"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
)

// Word is a run of text on a page as pdftotext -bbox finds it, in points
// from the top left of the page.
type Word struct {
	Text                   string
	XMin, YMin, XMax, YMax float64
}

// Words lists the words of one page with their boxes.
func Words(ctx context.Context, pdf string, page int) ([]Word, error) {
	out, err := run(ctx, "pdftotext", "-bbox", "-enc", "UTF-8", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), pdf, "-")
	if err != nil {
		return nil, err
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	var words []Word
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return words, nil
		}
		if err != nil {
			return nil, fmt.Errorf("pdftotext -bbox: %v", err)
		}
		start, ok := tok.(xml.StartElement)
		if !ok || start.Name.Local != "word" {
			continue
		}
		var w struct {
			XMin float64 `xml:"xMin,attr"`
			YMin float64 `xml:"yMin,attr"`
			XMax float64 `xml:"xMax,attr"`
			YMax float64 `xml:"yMax,attr"`
			Text string  `xml:",chardata"`
		}
		if err := dec.DecodeElement(&w, &start); err != nil {
			return nil, err
		}
		words = append(words, Word{w.Text, w.XMin, w.YMin, w.XMax, w.YMax})
	}
}

// Ink renders region r of a page in grey at dpi and returns where the ink
// sits in it: the centre of the dark pixels as fractions of the region's
// width and height (0,0 top left), and how many there are.
func Ink(ctx context.Context, pdf string, page int, r Region, dpi int) (x, y float64, n int, err error) {
	px := func(pt float64) string { return strconv.Itoa(int(pt * float64(dpi) / 72)) }
	out, err := run(ctx, "pdftoppm", "-gray", "-r", strconv.Itoa(dpi), "-f", strconv.Itoa(page), "-l", strconv.Itoa(page), "-singlefile",
		"-x", px(r.X), "-y", px(r.Y), "-W", px(r.W), "-H", px(r.H), pdf)
	if err != nil {
		return 0, 0, 0, err
	}
	w, h, pix, err := readPGM(out)
	if err != nil {
		return 0, 0, 0, err
	}
	var sx, sy float64
	for i, v := range pix {
		if v < 128 {
			n++
			sx += float64(i%w) + 0.5
			sy += float64(i/w) + 0.5
		}
	}
	if n == 0 {
		return 0, 0, 0, nil
	}
	return sx / float64(n) / float64(w), sy / float64(n) / float64(h), n, nil
}

// readPGM reads a binary 8-bit PGM (P5), as pdftoppm -gray writes it.
func readPGM(data []byte) (w, h int, pix []byte, err error) {
	r := bufio.NewReader(bytes.NewReader(data))
	var magic string
	var maxv int
	if _, err := fmt.Fscan(r, &magic, &w, &h, &maxv); err != nil || magic != "P5" || maxv != 255 {
		return 0, 0, nil, fmt.Errorf("pdftoppm -gray: not an 8-bit PGM (%q %v)", magic, err)
	}
	if _, err := r.ReadByte(); err != nil { // the one white-space byte before the pixels
		return 0, 0, nil, err
	}
	pix = make([]byte, w*h)
	if _, err := io.ReadFull(r, pix); err != nil {
		return 0, 0, nil, fmt.Errorf("pdftoppm -gray: %d×%d pixels: %v", w, h, err)
	}
	return w, h, pix, nil
}
