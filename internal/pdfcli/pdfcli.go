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

	"github.com/concord-initiative/concord/internal/pdfprint"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
)

const usage = `usage: pdf [-site DIR] [-out DIR]

Renders the A4 conference handouts of every initiative of the Hugo site
(docs/pdf.md) into -out, replacing the PDFs its last run wrote there as one
set. Files in -out that it did not write are left alone.

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
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "pdf: unexpected argument %q (use -site DIR)\n", fs.Arg(0))
		return ExitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if _, err := pdfprint.Render(ctx, pdfprint.Options{Site: *site, Out: *out, Log: stdout}); err != nil {
		if ctx.Err() != nil {
			fmt.Fprintf(stderr, "pdf: interrupted: %s is as it was\n", *out)
		} else {
			fmt.Fprintln(stderr, "pdf:", err)
		}
		return ExitFailed
	}
	return ExitOK
}
