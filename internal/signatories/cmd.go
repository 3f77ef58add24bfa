package signatories

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// usage and the two messages about --lang itself are in English: they come
// before the language is known.
const usage = `usage: signatories validate [--lang KEY] [site-root]

Checks data/signatories/*.toml of the Concord site at site-root (default: the
current folder). Prints each problem as file:line: what is wrong and what to
do, and exits 1 if there is any; warnings (texts not yet translated into a
language, which the pages show in another, marked) print but exit 0. --lang writes the messages in one of the
site's languages (a file of i18n/); without it they are in English.
docs/authoring.md, "Signatories", describes the format.`

var (
	msgFound = message("signatories_cmd_found",
		"signatories: {{ .Count }} problem(s) in {{ .Dir }}: fix them and run again (docs/authoring.md, \"Signatories\")")
	msgClean = message("signatories_cmd_clean",
		"signatories: {{ .Files }} file(s), {{ .Entries }} entries, no problems")
	msgCleanWarnings = message("signatories_cmd_clean_warnings",
		"signatories: {{ .Files }} file(s), {{ .Entries }} entries, no problems; {{ .Warnings }} warning(s) above, none of which stops the build")
)

// Main is the signatories command (tools/signatories); it returns the exit
// status.
//
// Messages are in English unless --lang names one of the site's languages:
// the output lands in build logs, CI and bug reports, read by whoever
// maintains the site, so it is not tied to the language the site's readers
// see first (defaultContentLanguage).
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "validate" {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	fs := flag.NewFlagSet("signatories validate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	lang := fs.String("lang", "", "")
	if err := fs.Parse(args[1:]); err != nil || fs.NArg() > 1 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	root := "."
	if fs.NArg() == 1 {
		root = fs.Arg(0)
	}

	var l *toolmessages.Localizer
	catalog, err := toolmessages.Load(root)
	switch {
	case err != nil && *lang != "":
		fmt.Fprintf(stderr, "signatories: the messages stay in English: %v\n", err)
	case *lang != "" && !slices.Contains(catalog.Languages(), *lang):
		fmt.Fprintf(stderr, "signatories: --lang %q: the site has messages in %s (its i18n/ folder)\n", *lang, strings.Join(catalog.Languages(), ", "))
		return 2
	case *lang != "":
		l = catalog.Localizer(*lang)
	}

	_, files, ps, err := Load(root, Today())
	if err != nil {
		var p Problem
		if errors.As(err, &p) {
			fmt.Fprintln(stderr, "signatories: "+p.Text(l))
		} else {
			fmt.Fprintln(stderr, "signatories:", err)
		}
		return 1
	}
	for _, p := range ps {
		fmt.Fprintln(stderr, p.Text(l))
	}
	entries := 0
	for _, f := range files {
		entries += len(f.Entries)
	}
	if errs := len(ps.Errors()); errs > 0 {
		fmt.Fprintln(stderr, render(l, msgFound, d{"Count": errs, "Dir": SignatoriesDir}))
		return 1
	}
	if warnings := len(ps); warnings > 0 {
		fmt.Fprintln(stdout, render(l, msgCleanWarnings, d{"Files": len(files), "Entries": entries, "Warnings": warnings}))
		return 0
	}
	fmt.Fprintln(stdout, render(l, msgClean, d{"Files": len(files), "Entries": entries}))
	return 0
}
