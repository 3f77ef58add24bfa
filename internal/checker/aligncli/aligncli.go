// Package aligncli is the aligncheck command: flags, exit codes and the stamp
// subcommand. tools/aligncheck/main.go only calls Main, so testscript can run
// the command in-process.
package aligncli

import (
	"bytes"
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
	"syscall"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/githistory"
	"github.com/concord-initiative/concord/internal/checker/glossary"
	"github.com/concord-initiative/concord/internal/checker/report"
	"github.com/concord-initiative/concord/internal/checker/stamp"
	"github.com/concord-initiative/concord/internal/site/contentsite"
	"github.com/concord-initiative/concord/internal/site/siteconfig"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// Exit codes.
const (
	ExitClean    = 0
	ExitFindings = 1
	ExitUsage    = 2
	// ExitInterrupted is the shell's code for a command stopped by Ctrl-C.
	ExitInterrupted = 130
)

const usage = `usage: aligncheck [flags] [SITE_DIR]
       aligncheck stamp [--site SITE_DIR] <initiative> <clause> <lang>

Checks every clause of every initiative under SITE_DIR/content/initiatives
against its source language (see docs/aligncheck.md). SITE_DIR defaults to
the nearest directory upwards holding hugo.toml.

Exit status: 0 clean, 1 findings at or above --fail-on, 2 usage or
unreadable input, 130 interrupted while writing -o (the file is left as it
was).

flags:
`

// Main runs the command and returns its exit code; it never panics on bad
// input and never calls os.Exit.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "stamp" {
		return stampMain(args[1:], stdout, stderr)
	}
	fs := flag.NewFlagSet("aligncheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "text", "output format: "+strings.Join(report.Formats, ", "))
	failOn := fs.String("fail-on", "error", "lowest severity that makes the exit status 1: error, warning, info or none")
	output := fs.String("o", "", "write the report to this file (atomically) instead of standard output")
	noHistory := fs.Bool("no-history", false, "do not read git history for stale diffs")
	watch := fs.Bool("watch", false, "keep the -o file up to date: check again whenever the site's content, hugo.toml, i18n or glossary change, until interrupted (make serve)")
	lang := fs.String("lang", "en", "language of the messages: a language key of the site (its i18n/<lang>.toml translates them)")
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean
		}
		return ExitUsage
	}
	if !slices.Contains(report.Formats, *format) {
		fmt.Fprintf(stderr, "aligncheck: unknown --format %q; use one of %s\n", *format, strings.Join(report.Formats, ", "))
		return ExitUsage
	}
	threshold, ok := align.ParseSeverity(*failOn)
	if !ok && *failOn != "none" {
		fmt.Fprintf(stderr, "aligncheck: unknown --fail-on %q; use error, warning, info or none\n", *failOn)
		return ExitUsage
	}
	if fs.NArg() > 1 {
		fmt.Fprintf(stderr, "aligncheck: one SITE_DIR expected, got %d arguments (%s); run aligncheck -h\n", fs.NArg(), strings.Join(fs.Args(), " "))
		return ExitUsage
	}
	dir, display, err := siteDir(fs.Arg(0))
	if err != nil {
		fmt.Fprintf(stderr, "aligncheck: %v\n", err)
		return ExitUsage
	}
	r := run{dir: dir, display: display, format: *format, lang: strings.ToLower(*lang), history: !*noHistory}
	if *watch {
		if *output == "" {
			fmt.Fprintln(stderr, "aligncheck: --watch needs -o FILE: it keeps that file up to date")
			return ExitUsage
		}
		return r.watch(*output, stderr)
	}
	out, res, code := r.check(stderr)
	if code != ExitClean {
		return code
	}
	if *output != "" {
		if err := os.MkdirAll(filepath.Dir(*output), 0o755); err != nil {
			fmt.Fprintf(stderr, "aligncheck: %v\n", err)
			return ExitUsage
		}
		if code := writeOutput(*output, out, stderr); code != ExitClean {
			return code
		}
	} else if _, err := stdout.Write(out); err != nil {
		return ExitUsage
	}
	if *failOn == "none" {
		return ExitClean
	}
	for _, f := range res.Findings {
		if f.Severity >= threshold {
			return ExitFindings
		}
	}
	return ExitClean
}

// run is one check of a site, as the flags asked for it.
type run struct {
	dir, display, format, lang string
	history                    bool
}

// check reads the site, checks it and renders the report; a site it cannot
// read gives ExitUsage, with the reason written to stderr.
func (r run) check(stderr io.Writer) ([]byte, *align.Result, int) {
	dir, display := r.dir, r.display
	site, err := contentsite.Load(dir)
	if err != nil {
		fmt.Fprintf(stderr, "aligncheck: %v\n", displayErr(err, dir, display))
		return nil, nil, ExitUsage
	}
	gl, err := glossary.LoadDir(dir)
	if err != nil {
		fmt.Fprintf(stderr, "aligncheck: %v\n", displayErr(err, dir, display))
		return nil, nil, ExitUsage
	}
	cat, err := toolmessages.Load(dir)
	if err != nil {
		fmt.Fprintf(stderr, "aligncheck: %v\n", err)
		return nil, nil, ExitUsage
	}
	var keys []string
	for _, l := range site.Languages {
		keys = append(keys, l.Key)
	}
	if r.lang != "en" && site.Language(r.lang) == nil {
		fmt.Fprintf(stderr, "aligncheck: unknown --lang %q; use en or a language of the site (%s)\n", r.lang, strings.Join(keys, ", "))
		return nil, nil, ExitUsage
	}
	speaker := align.NewSpeaker(cat, r.lang).ForSite(site)
	ch := &align.Checker{Model: align.DefaultModel, Glossary: gl}
	if r.history {
		ch.History = githistory.Git{Dir: dir}
	}
	res := ch.Check(site)
	res.Localize(cat, speaker, keys)
	in := report.Input{Site: site, Result: res, Glossaries: gl.Versions(), PathPrefix: display, Speaker: speaker}
	var buf bytes.Buffer
	if err := report.Write(&buf, r.format, in); err != nil {
		fmt.Fprintf(stderr, "aligncheck: %v\n", err)
		return nil, nil, ExitUsage
	}
	return buf.Bytes(), res, ExitClean
}

// siteDir resolves the SITE_DIR argument; with none, it looks upwards from
// the working directory for a site's configuration (hugo.toml, config/...),
// as a repository root would have.
func siteDir(arg string) (dir, display string, err error) {
	if arg != "" {
		st, err := os.Stat(arg)
		if err != nil {
			return "", "", fmt.Errorf("%s: no such site directory; pass the directory holding hugo.toml", arg)
		}
		if !st.IsDir() {
			return "", "", fmt.Errorf("%s: not a directory; pass the directory holding hugo.toml", arg)
		}
		return arg, filepath.ToSlash(filepath.Clean(arg)), nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", "", err
	}
	for d := wd; ; d = filepath.Dir(d) {
		if siteconfig.IsSite(d) {
			rel, err := filepath.Rel(wd, d)
			if err != nil {
				rel = d
			}
			return d, filepath.ToSlash(rel), nil
		}
		if filepath.Dir(d) == d {
			return "", "", fmt.Errorf("no hugo.toml in %s or above; pass SITE_DIR", wd)
		}
	}
}

// displayErr shows paths inside the site the way the user named the site.
func displayErr(err error, dir, display string) error {
	var pe *siteconfig.ParseError
	if errors.As(err, &pe) {
		f := pe.File
		if rel, rerr := filepath.Rel(dir, f); rerr == nil && !strings.HasPrefix(rel, "..") && filepath.IsAbs(f) == filepath.IsAbs(dir) {
			f = rel
		}
		if !filepath.IsAbs(f) && !strings.HasPrefix(filepath.ToSlash(f), display+"/") && display != "." {
			f = filepath.Join(display, f)
		}
		return &siteconfig.ParseError{File: filepath.ToSlash(f), Line: pe.Line, Msg: pe.Msg}
	}
	return err
}

func stampMain(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("aligncheck stamp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	site := fs.String("site", "", "site directory (default: nearest directory upwards holding hugo.toml)")
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: aligncheck stamp [--site SITE_DIR] <initiative> <clause> <lang>\n\nRecords, after review, that the translation <clause>.<lang>.md matches the\ncurrent text of its source clause: writes provenance.sourceFingerprint and\nnothing else.\n\nflags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitClean
		}
		return ExitUsage
	}
	if fs.NArg() != 3 {
		fmt.Fprintf(stderr, "aligncheck stamp: want <initiative> <clause> <lang>, got %d argument(s); e.g. aligncheck stamp live-streaming-2020 1 zh-hans\n", fs.NArg())
		return ExitUsage
	}
	dir, display, err := siteDir(*site)
	if err != nil {
		fmt.Fprintf(stderr, "aligncheck stamp: %v\n", err)
		return ExitUsage
	}
	s, err := contentsite.Load(dir)
	if err != nil {
		fmt.Fprintf(stderr, "aligncheck stamp: %v\n", displayErr(err, dir, display))
		return ExitUsage
	}
	tgt, src, err := align.SourceFor(s, fs.Arg(0), fs.Arg(1), strings.ToLower(fs.Arg(2)))
	if err != nil {
		fmt.Fprintf(stderr, "aligncheck stamp: %v\n", err)
		return ExitUsage
	}
	path := filepath.Join(dir, filepath.FromSlash(tgt.File))
	raw, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintf(stderr, "aligncheck stamp: %v\n", err)
		return ExitUsage
	}
	fp := align.Fingerprint(src)
	out, err := stamp.Rewrite(tgt.File, raw, fp)
	if err != nil {
		fmt.Fprintf(stderr, "aligncheck stamp: %v\n", err)
		return ExitUsage
	}
	shown := filepath.ToSlash(filepath.Join(display, tgt.File))
	if bytes.Equal(out, raw) {
		fmt.Fprintf(stdout, "%s: already stamped against %s (%s)\n", shown, src.File, fp)
		return ExitClean
	}
	if err := stamp.WriteAtomic(path, out); err != nil {
		fmt.Fprintf(stderr, "aligncheck stamp: cannot write %s: %v\n", shown, err)
		return ExitUsage
	}
	fmt.Fprintf(stdout, "%s: stamped against %s (%s)\n", shown, src.File, fp)
	return ExitClean
}

// writeOutput writes the -o file. Ctrl-C (or SIGTERM) while it is being
// written stops the write, removes the temporary file and leaves the
// previous report in place; before and after, the signals keep their usual
// effect, since there is nothing to clean up.
func writeOutput(path string, data []byte, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := stamp.WriteAtomicContext(ctx, path, data)
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "aligncheck: interrupted; %s left as it was\n", path)
		return ExitInterrupted
	}
	if err != nil {
		fmt.Fprintf(stderr, "aligncheck: cannot write %s: %v\n", path, err)
		return ExitUsage
	}
	return ExitClean
}
