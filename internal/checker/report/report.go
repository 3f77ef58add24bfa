// Package report writes a check result as text, JSON, SARIF 2.1.0 or GitHub
// workflow commands.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"path"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// SchemaVersion is the version of the JSON document. It changes only when a
// field is removed or changes meaning; new fields may appear within a
// version.
const SchemaVersion = 1

// ToolVersion is reported in JSON and SARIF.
const ToolVersion = "1.0.0"

// Formats lists the values --format accepts.
var Formats = []string{"text", "json", "sarif", "github"}

// Input is what every format needs.
type Input struct {
	Site   *contentsite.Site
	Result *align.Result
	// Glossaries are "file@version" strings.
	Glossaries []string
	// PathPrefix is put before each file (relative to the site) in text,
	// SARIF and GitHub output, so paths work from where the command ran.
	PathPrefix string
	// Speaker says the text report's own words; nil speaks English.
	Speaker *align.Speaker
}

// The text report's own words; the findings' messages are align's.
var (
	msgClause   = &i18n.Message{ID: "aligncheck_report_clause", Other: "clause {{.Clause}}"}
	msgSummary  = &i18n.Message{ID: "aligncheck_report_summary", Other: "aligncheck: {{.Verdict}}: {{.Errors}} error(s), {{.Warnings}} warning(s), {{.Infos}} info in {{.Initiatives}} initiative(s), {{.Clauses}} clause(s) × {{.Languages}} language(s)"}
	msgClean    = &i18n.Message{ID: "aligncheck_report_clean", Other: "clean"}
	msgFindings = &i18n.Message{ID: "aligncheck_report_findings", Other: "findings"}
	msgSeverity = map[align.Severity]*i18n.Message{
		align.Error:   {ID: "aligncheck_report_error", Other: "error"},
		align.Warning: {ID: "aligncheck_report_warning", Other: "warning"},
		align.Info:    {ID: "aligncheck_report_info", Other: "info"},
	}
)

// Messages lists the report's own messages, for the test that keeps the
// site's i18n files translating them.
func Messages() []*i18n.Message {
	return []*i18n.Message{msgClause, msgSummary, msgClean, msgFindings, msgSeverity[align.Error], msgSeverity[align.Warning], msgSeverity[align.Info]}
}

func (in Input) path(file string) string {
	if in.PathPrefix == "" || in.PathPrefix == "." {
		return file
	}
	return path.Join(in.PathPrefix, file)
}

// Summary counts findings by severity and cells by status.
type Summary struct {
	Errors      int            `json:"errors"`
	Warnings    int            `json:"warnings"`
	Infos       int            `json:"infos"`
	Initiatives int            `json:"initiatives"`
	Clauses     int            `json:"clauses"`
	Status      map[string]int `json:"status"`
}

// Summarize counts the result.
func Summarize(r *align.Result) Summary {
	s := Summary{Status: map[string]int{}}
	for _, st := range []string{align.StatusAligned, align.StatusWarning, align.StatusError, align.StatusStale, align.StatusMissing} {
		s.Status[st] = 0
	}
	for _, f := range r.Findings {
		switch f.Severity {
		case align.Error:
			s.Errors++
		case align.Warning:
			s.Warnings++
		default:
			s.Infos++
		}
	}
	s.Initiatives = len(r.Initiatives)
	for _, in := range r.Initiatives {
		s.Clauses += len(in.Clauses)
		for _, c := range in.Clauses {
			for _, cell := range c.Cells {
				s.Status[cell.Status]++
			}
		}
	}
	return s
}

// Write renders in the named format.
func Write(w io.Writer, format string, in Input) error {
	switch format {
	case "text":
		return Text(w, in)
	case "json":
		return JSON(w, in)
	case "sarif":
		return SARIF(w, in)
	case "github":
		return GitHub(w, in)
	}
	return fmt.Errorf("unknown format %q", format)
}

// Text writes file:line: severity CODE clause: message lines, grouped by
// initiative and clause, and a one-line summary.
func Text(w io.Writer, in Input) error {
	ew := &errWriter{w: w}
	sp := in.Speaker
	if sp == nil {
		sp = align.NewSpeaker(nil, "en")
	}
	lastIn, lastClause := "\x00", "\x00"
	for _, f := range in.Result.Findings {
		if f.Initiative != lastIn {
			ew.printf("%s\n", f.Initiative)
			lastIn, lastClause = f.Initiative, "\x00"
		}
		clause := f.Clause
		if clause == "" {
			clause = "_index"
		}
		if clause != lastClause {
			ew.printf("  %s\n", sp.Say(msgClause, map[string]any{"Clause": clause}))
			lastClause = clause
		}
		ew.printf("    %s:%d: %s %s %s: %s\n", in.path(f.File), f.Line, sp.Say(msgSeverity[f.Severity], nil), f.Code, clause, f.Message)
		if d, ok := f.Details["sourceDiff"].([]string); ok {
			for _, l := range d {
				ew.printf("        %s\n", l)
			}
		}
	}
	s := Summarize(in.Result)
	verdict := msgClean
	if s.Errors+s.Warnings+s.Infos > 0 {
		verdict = msgFindings
	}
	ew.printf("%s\n", sp.Say(msgSummary, map[string]any{
		"Verdict": verdict, "Errors": s.Errors, "Warnings": s.Warnings, "Infos": s.Infos,
		"Initiatives": s.Initiatives, "Clauses": s.Clauses, "Languages": len(in.Site.Languages),
	}))
	return ew.err
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err == nil {
		_, e.err = fmt.Fprintf(e.w, format, args...)
	}
}

// Document is the JSON report; docs/aligncheck.md documents every field.
type Document struct {
	SchemaVersion int                      `json:"schemaVersion"`
	Tool          ToolInfo                 `json:"tool"`
	Glossaries    []string                 `json:"glossaries"`
	Languages     []contentsite.Language   `json:"languages"`
	Summary       Summary                  `json:"summary"`
	Rules         []align.Rule             `json:"rules"`
	Initiatives   []align.InitiativeResult `json:"initiatives"`
	Findings      []align.Finding          `json:"findings"`
}

// ToolInfo names the program.
type ToolInfo struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// JSON writes the Document.
func JSON(w io.Writer, in Input) error {
	doc := Document{
		SchemaVersion: SchemaVersion,
		Tool:          ToolInfo{Name: "aligncheck", Version: ToolVersion},
		Glossaries:    in.Glossaries,
		Languages:     in.Site.Languages,
		Summary:       Summarize(in.Result),
		Rules:         align.Rules,
		Initiatives:   in.Result.Initiatives,
		Findings:      in.Result.Findings,
	}
	if doc.Glossaries == nil {
		doc.Glossaries = []string{}
	}
	if doc.Initiatives == nil {
		doc.Initiatives = []align.InitiativeResult{}
	}
	if doc.Findings == nil {
		doc.Findings = []align.Finding{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// GitHub writes workflow commands that annotate the pull request.
func GitHub(w io.Writer, in Input) error {
	ew := &errWriter{w: w}
	for _, f := range in.Result.Findings {
		level := "error"
		switch f.Severity {
		case align.Warning:
			level = "warning"
		case align.Info:
			level = "notice"
		}
		title := f.Code + " " + f.Rule
		if f.Clause != "" {
			title += " (" + f.Clause + "/" + f.Language + ")"
		}
		ew.printf("::%s file=%s,line=%d,title=%s::%s\n", level, ghProperty(in.path(f.File)), f.Line, ghProperty(title), ghData(f.Message))
	}
	s := Summarize(in.Result)
	ew.printf("aligncheck: %d error(s), %d warning(s), %d info\n", s.Errors, s.Warnings, s.Infos)
	return ew.err
}

// ghData and ghProperty escape as the runner's toolkit does.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
