// Command pdf renders the conference handouts of every initiative: one A4
// PDF with all languages side by side and one per language (docs/pdf.md).
//
//	go run ./tools/pdf [-site .] [-out build/pdf]
package main

import (
	"os"

	"github.com/concord-initiative/concord/internal/pdf/pdfcli"
)

func main() { os.Exit(pdfcli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
