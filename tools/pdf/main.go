// Command pdf renders the conference handouts of every initiative: one A4
// PDF with all languages side by side and one per language (docs/pdf.md).
//
//	go run ./tools/pdf [-site .] [-out build/pdf]
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/concord-initiative/concord/internal/pdfprint"
)

func main() {
	site := flag.String("site", ".", "the Hugo site")
	out := flag.String("out", "build/pdf", "where the PDFs go (the site mounts build/pdf as assets)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if _, err := pdfprint.Render(ctx, pdfprint.Options{Site: *site, Out: *out, Log: os.Stdout}); err != nil {
		fmt.Fprintln(os.Stderr, "pdf:", err)
		os.Exit(1)
	}
}
