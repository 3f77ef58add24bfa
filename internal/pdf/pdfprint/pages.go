package pdfprint

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// printPage is a print page of the built site and the PDF it becomes.
type printPage struct {
	URLPath string // "/en/initiatives/x/print.html"
	PDF     string // "initiatives/x/x-en.pdf", slash-separated
	Title   string
	Author  string
	Lang    string
	// Fonts are the families the page's languages name in hugo.toml
	// (<meta name="concord-fonts">, layouts/_partials/print/font-needs.html).
	Fonts []fontNeed
}

// fontNeed is the fonts one language of a print page is set in, and the
// Debian packages that install them.
type fontNeed struct {
	Lang     string
	Families []string
	Packages []string
}

// findPrintPages lists the pages of the built site at dir that name a PDF
// (<meta name="concord-pdf" content="initiatives/<id>/<file>.pdf">), sorted
// by the PDF's path. The templates decide which pages these are and what
// their PDFs are called (layouts/_partials/pdf/files.html).
func findPrintPages(dir string) ([]printPage, error) {
	var pages []printPage
	seen := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasPrefix(d.Name(), "print") || !strings.HasSuffix(d.Name(), ".html") {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		doc, err := goquery.NewDocumentFromReader(f)
		if err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		pdf := strings.TrimSpace(doc.Find(`meta[name="concord-pdf"]`).AttrOr("content", ""))
		if pdf == "" {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if !validPDFPath(pdf) {
			return fmt.Errorf("%s: concord-pdf names %q: want a relative path ending in .pdf", rel, pdf)
		}
		if other, dup := seen[pdf]; dup {
			return fmt.Errorf("%s and %s both print to %s", other, rel, pdf)
		}
		seen[pdf] = rel
		var fonts []fontNeed
		doc.Find(`meta[name="concord-fonts"]`).Each(func(_ int, m *goquery.Selection) {
			fonts = append(fonts, fontNeed{
				Lang:     m.AttrOr("lang", ""),
				Families: strings.Split(m.AttrOr("content", ""), ", "),
				Packages: strings.Fields(m.AttrOr("data-packages", "")),
			})
		})
		pages = append(pages, printPage{
			Fonts:   fonts,
			URLPath: "/" + filepath.ToSlash(rel),
			PDF:     pdf,
			Title:   strings.TrimSpace(doc.Find("title").First().Text()),
			Author:  strings.TrimSpace(doc.Find(`meta[name="author"]`).AttrOr("content", "")),
			Lang:    doc.Find("html").AttrOr("lang", ""),
		})
		return nil
	})
	sort.Slice(pages, func(i, j int) bool { return pages[i].PDF < pages[j].PDF })
	return pages, err
}

// validPDFPath keeps a template's mistake from writing outside the output
// folder.
func validPDFPath(p string) bool {
	clean := path.Clean(p)
	return clean == p && !path.IsAbs(p) && !strings.HasPrefix(p, "../") && strings.HasSuffix(p, ".pdf")
}
