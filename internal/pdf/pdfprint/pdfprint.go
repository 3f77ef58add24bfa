// Package pdfprint renders the conference handouts: it builds the site with
// the pinned Hugo in the "print" environment (which adds the print pages of
// every initiative), prints each print page to an A4 PDF in Debian's
// Chromium, checks each file with poppler-utils, and writes it atomically.
//
// docs/pdf.md describes the pipeline and the choices behind it.
package pdfprint

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/engine/chromium"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/pdf/pdfinspect"
	"github.com/concord-initiative/concord/internal/pdf/pdfmeta"
	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// Font is a font family the print stylesheet (assets/css/print.css) names,
// and the Debian package that installs it.
type Font struct{ Family, Package string }

// RequiredFonts are the TrueType fonts print.css sets every language in by
// default, and the fallback for Han characters in any language. Chromium
// embeds them as subset CID TrueType fonts; without them it would fall back
// to Noto CJK, whose CFF outlines it embeds as Type 3. The fonts a language
// names in hugo.toml (params.printFonts) are checked from the print pages.
var RequiredFonts = []Font{
	{"AR PL SungtiL GB", "fonts-arphic-gbsn00lp"},
	{"Liberation Serif", "fonts-liberation"},
}

// Options say what to render where.
type Options struct {
	// Site is the Hugo site (the folder with hugo.toml).
	Site string
	// Out receives the PDFs at the paths the print pages name
	// (initiatives/<id>/<file>.pdf), all at once (see publish). The PDFs
	// the previous run wrote there and this one did not (an initiative
	// removed) go; no other file in Out is touched.
	Out string
	// Log, if not nil, gets one line per PDF.
	Log io.Writer
}

// File is one PDF written.
type File struct {
	Path  string // under Options.Out, slash-separated
	Bytes int64
	Pages int
	Took  time.Duration
}

// Render builds the site's print pages and prints each to a PDF in o.Out.
func Render(ctx context.Context, o Options) (_ []File, err error) {
	if !siteconfig.IsSite(o.Site) {
		config := filepath.Join(o.Site, "hugo.toml")
		_, err := os.Stat(config)
		return nil, fmt.Errorf("%s: %v: give the folder of a Hugo site", config, unwrapPath(err))
	}
	// Hugo reads the configuration and says what is wrong with it.
	cfgFiles, err := siteconfig.Find(o.Site)
	if err != nil {
		return nil, err
	}
	if err := checkInputs(o.Site); err != nil {
		return nil, err
	}
	if err := checkIDs(o.Site); err != nil {
		return nil, err
	}
	// The versions' data (versions.go); a version the convention refuses
	// stops here, naming file:line. A configuration that does not read is
	// left to Hugo, whose line says what is wrong with it.
	if _, cfgErr := siteconfig.Load(o.Site); cfgErr == nil {
		data, dataErr := writeVersionData(o.Site)
		if dataErr != nil {
			return nil, dataErr
		}
		// err is what Render returns.
		defer func() {
			if err == nil {
				data.keep()
			} else {
				data.undo()
			}
		}()
	}
	if _, err := chromium.Path(); err != nil {
		return nil, err
	}
	if err := checkFonts(ctx); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "concord-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	overlay := filepath.Join(tmp, "pdf-version.json")
	if err := ReadVersion(ctx, o.Site).configFile(overlay); err != nil {
		return nil, err
	}
	built := filepath.Join(tmp, "public")
	// Hugo reads config/ by itself; --config replaces only the root file.
	configs := overlay
	if root := cfgFiles[0]; !strings.HasPrefix(root, siteconfig.Dir+"/") {
		configs = filepath.Join(o.Site, root) + "," + overlay
	}
	if err := hugobuild.Build(ctx, o.Site, built, "--environment", "print", "--config", configs); err != nil {
		return nil, buildError(err)
	}
	pages, err := findPrintPages(built)
	if err != nil {
		return nil, err
	}
	if len(pages) == 0 {
		return nil, fmt.Errorf("%s: no print pages were built: is there an initiative under content/initiatives/?", o.Site)
	}
	if err := checkLanguageFonts(ctx, pages[0].Fonts); err != nil {
		return nil, err
	}

	srv, err := serve(built)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	browser, stop, err := chromium.Start(ctx, filepath.Join(tmp, "profile"))
	if err != nil {
		return nil, err
	}
	defer stop()

	// Every PDF is printed and checked into staging first: a run that fails
	// leaves the output folder as it was.
	staging := filepath.Join(tmp, "out")
	files := make([]File, len(pages))
	errs := make([]error, len(pages))
	// A few tabs at a time: Chromium prints in parallel, but a site of 100
	// initiatives in 8 languages has 1,500 PDFs, and a tab each at once
	// would exhaust memory.
	var wg sync.WaitGroup
	tabs := make(chan struct{}, max(2, runtime.NumCPU()))
	for i, p := range pages {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tabs <- struct{}{}
			defer func() { <-tabs }()
			files[i], errs[i] = renderOne(browser, "http://"+srv.Addr+p.URLPath, p, staging)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := publish(o.Out, staging, files); err != nil {
		return nil, err
	}
	if o.Log != nil {
		for _, f := range files {
			fmt.Fprintf(o.Log, "%s  %d pages  %d KB  %.1f s\n", filepath.Join(o.Out, f.Path), f.Pages, (f.Bytes+1023)/1024, f.Took.Seconds())
		}
	}
	return files, nil
}

// renderOne prints one page in a tab of its own, checks the PDF and writes
// it to staging/<p.PDF>.
func renderOne(browser context.Context, url string, p printPage, out string) (File, error) {
	start := time.Now()
	tab, cancel := chromedp.NewContext(browser)
	defer cancel()
	tab, cancelTimeout := context.WithTimeout(tab, 2*time.Minute)
	defer cancelTimeout()
	if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
		return File{}, fmt.Errorf("open %s: %v", p.URLPath, err)
	}
	// Text laid out in a fallback font while a font loads would be printed so.
	if _, err := chromedp.Run(tab, chromedp.Evaluate[bool](`document.fonts.ready.then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return File{}, fmt.Errorf("wait for the fonts of %s: %v", p.URLPath, err)
	}
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFPreferCSSPageSize(),
		chromedp.PDFPrintBackground(),
		chromedp.PDFOutlineAndTagged(),
	))
	if err != nil {
		return File{}, fmt.Errorf("print %s: %v", p.URLPath, err)
	}
	if p.Author != "" {
		if pdf, err = pdfmeta.SetInfo(pdf, map[string]string{"Author": p.Author}); err != nil {
			return File{}, fmt.Errorf("%s: set the author: %v", p.PDF, err)
		}
	}
	dst := filepath.Join(out, filepath.FromSlash(p.PDF))
	pages, err := writeChecked(dst, pdf, p)
	if err != nil {
		return File{}, err
	}
	return File{Path: p.PDF, Bytes: int64(len(pdf)), Pages: pages, Took: time.Since(start)}, nil
}

// writeChecked writes the PDF to dst (in staging) and checks it.
func writeChecked(dst string, pdf []byte, p printPage) (pages int, err error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return 0, err
	}
	if err := os.WriteFile(dst, pdf, 0o644); err != nil {
		return 0, err
	}
	if pages, err = Check(context.Background(), dst, p.Title); err != nil {
		return 0, fmt.Errorf("%s (printed from %s): %v", p.PDF, p.URLPath, err)
	}
	return pages, nil
}

// Check makes sure a printed PDF is not blank or in tofu: every font
// embedded and none of them Type 3 (a font fallback), and the title is text
// a reader can find and copy. It returns the page count.
func Check(ctx context.Context, pdf, title string) (int, error) {
	fonts, err := pdfinspect.Fonts(ctx, pdf)
	if err != nil {
		return 0, err
	}
	if len(fonts) == 0 {
		return 0, errors.New("the PDF has no fonts: it holds no text")
	}
	for _, f := range fonts {
		if f.Type == "Type 3" || !f.Embedded {
			return 0, fmt.Errorf("font %q is %s (embedded: %v): a print font is missing and Chromium fell back to another; install %s", f.Name, f.Type, f.Embedded, fontPackages())
		}
	}
	info, err := pdfinspect.InfoOf(ctx, pdf)
	if err != nil {
		return 0, err
	}
	text, err := pdfinspect.Text(ctx, pdf, 1, 1)
	if err != nil {
		return 0, err
	}
	for _, part := range strings.Split(title, " · ") {
		if !strings.Contains(pdfinspect.Squash(text), pdfinspect.Squash(part)) {
			return 0, fmt.Errorf("the title %q is not in the text of page 1: the PDF is blank or its glyphs are boxes; check that %s are installed", part, fontPackages())
		}
	}
	return info.Pages(), nil
}

// checkFonts stops early, with the packages to install, when a print font
// is missing: Chromium would quietly print in another.
func checkFonts(ctx context.Context) error {
	if _, err := exec.LookPath("fc-list"); err != nil {
		return nil // Check still catches a fallback font after printing.
	}
	var missing []string
	for _, f := range RequiredFonts {
		if err := exec.CommandContext(ctx, "fc-list", "-q", f.Family).Run(); err != nil {
			missing = append(missing, f.Package)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("print fonts missing: install Debian's %s (`apt-get install -y %s`; make does this when run as root)", strings.Join(missing, ", "), strings.Join(missing, " "))
	}
	return nil
}

// checkLanguageFonts stops early when a family a language names in
// hugo.toml (params.printFonts) is not installed, naming the language and
// the packages its table gives. Every print page carries the same list.
func checkLanguageFonts(ctx context.Context, needs []fontNeed) error {
	if _, err := exec.LookPath("fc-list"); err != nil {
		return nil
	}
	for _, n := range needs {
		var missing []string
		for _, family := range n.Families {
			if family != "" && exec.CommandContext(ctx, "fc-list", "-q", family).Run() != nil {
				missing = append(missing, family)
			}
		}
		if len(missing) == 0 {
			continue
		}
		install := "the packages that provide them"
		if len(n.Packages) > 0 {
			install = fmt.Sprintf("Debian's %s (`apt-get install -y %s`)", strings.Join(n.Packages, ", "), strings.Join(n.Packages, " "))
		}
		return fmt.Errorf("the fonts hugo.toml names for %s (params.printFonts) are not installed: %s; install %s", n.Lang, strings.Join(missing, ", "), install)
	}
	return nil
}

func fontPackages() string {
	var p []string
	for _, f := range RequiredFonts {
		p = append(p, f.Package)
	}
	return strings.Join(p, " ")
}

// server serves the built site on loopback: the print pages are printed
// from http, as a reader's browser would load them.
type server struct {
	Addr string
	srv  *http.Server
}

func serve(dir string) (*server, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	return &server{Addr: ln.Addr().String(), srv: srv}, nil
}

func (s *server) Close() { s.srv.Close() }
