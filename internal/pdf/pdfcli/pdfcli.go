// Package pdfcli is the pdf command: flags, interrupt and exit codes.
// tools/pdf/main.go only calls Main, so tests run the command in-process.
package pdfcli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/concord-initiative/concord/internal/pdf/pdfprint"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
)

// Messages: English defaults here, translations as keys of the site's
// i18n/<lang>.toml (internal/site/toolmessages). The errors of the pipeline
// itself (a missing font, Hugo's own line) are in English: they quote
// commands, packages and Hugo's output.
var (
	// Messages lists every message of the command, for the i18n test.
	Messages       toolmessages.List
	msgWritten     = message("pdf_cmd_written", "{{ .Path }}  {{ .Pages }} page(s)  {{ .KB }} KB  {{ .Seconds }} s")
	msgDone        = message("pdf_cmd_done", "pdf: {{ .Count }} PDF(s) in {{ .Out }}")
	msgFailed      = message("pdf_cmd_failed", "pdf: {{ .Error }} (the PDFs in {{ .Out }} are as they were)")
	msgInterrupted = message("pdf_cmd_interrupted", "pdf: interrupted: {{ .Out }} is as it was")
	msgArgument    = message("pdf_cmd_unexpected_argument", "pdf: unexpected argument {{ .Arg }} (use -site DIR)")
	msgLang        = message("pdf_cmd_unknown_lang", "pdf: --lang {{ .Lang }}: the site has messages in {{ .Languages }} (its i18n/ folder)")
)

var message = Messages.Add

const usage = `usage: pdf [-site DIR] [-out DIR] [-lang KEY]

Renders the A4 conference handouts of every initiative of the Hugo site
(docs/pdf.md) into -out, replacing the PDFs its last run wrote there as one
set. Files in -out that it did not write are left alone.

Messages are in English unless -lang names one of the site's languages
(a key of its i18n/ folder, such as zh-hans).

Exit status: 0 written, 1 failed (the previous PDFs are kept), 2 usage.

flags:
`

// Main runs the command and returns its exit code. Ctrl-C stops it and
// leaves -out as it was.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("pdf", flag.ContinueOnError)
	fs.SetOutput(stderr)
	site := fs.String("site", ".", "the Hugo site (the folder with hugo.toml)")
	out := fs.String("out", "build/pdf", "where the PDFs go (the site mounts build/pdf as assets)")
	lang := fs.String("lang", "", "the language of the messages, a site language key (default English)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	// English unless -lang asks: the output lands in build logs and bug
	// reports, read by whoever maintains the site.
	// A site whose i18n/ cannot be read still gets its PDFs, in English.
	var say speaker
	if *lang != "" {
		catalog, err := toolmessages.Load(*site)
		var langs []string
		if err == nil {
			langs = catalog.Languages()
		}
		if !slices.Contains(langs, *lang) {
			fmt.Fprintln(stderr, say.Text(msgLang, map[string]any{"Lang": fmt.Sprintf("%q", *lang), "Languages": strings.Join(langs, ", ")}))
			return ExitUsage
		}
		say.l = catalog.Localizer(*lang)
	}
	if fs.NArg() > 0 {
		fmt.Fprintln(stderr, say.Text(msgArgument, map[string]any{"Arg": fmt.Sprintf("%q", fs.Arg(0))}))
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	files, err := pdfprint.Render(ctx, pdfprint.Options{Site: *site, Out: *out})
	if err != nil {
		if ctx.Err() != nil {
			fmt.Fprintln(stderr, say.Text(msgInterrupted, map[string]any{"Out": *out}))
		} else {
			fmt.Fprintln(stderr, say.Text(msgFailed, map[string]any{"Error": err.Error(), "Out": *out}))
		}
		return ExitFailed
	}
	for _, f := range files {
		fmt.Fprintln(stdout, say.Text(msgWritten, map[string]any{
			"Path": filepath.Join(*out, f.Path), "Pages": f.Pages, "KB": (f.Bytes + 1023) / 1024, "Seconds": fmt.Sprintf("%.1f", f.Took.Seconds()),
		}))
	}
	fmt.Fprintln(stdout, say.Text(msgDone, map[string]any{"Count": len(files), "Out": *out}))
	return ExitOK
}

// speaker renders the command's messages in the -lang language, or in
// English without one.
type speaker struct{ l *toolmessages.Localizer }

var english = i18n.NewLocalizer(i18n.NewBundle(language.English))

func (s speaker) Text(m *i18n.Message, data map[string]any) string {
	if s.l != nil {
		return s.l.Text(m, data)
	}
	text, err := english.Localize(&i18n.LocalizeConfig{DefaultMessage: m, TemplateData: data})
	if err != nil {
		return m.Other
	}
	return text
}
