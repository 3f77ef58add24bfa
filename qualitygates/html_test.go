package qualitygates

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/engine/nodetools"
)

// htmlValidateReport is html-validate's JSON output (--formatter json).
type htmlValidateReport []struct {
	FilePath string `json:"filePath"`
	Messages []struct {
		RuleID   string `json:"ruleId"`
		Severity int    `json:"severity"` // 2 error, 1 warning
		Message  string `json:"message"`
		Line     int    `json:"line"`
		Column   int    `json:"column"`
		Selector string `json:"selector"`
		RuleURL  string `json:"ruleUrl"`
	} `json:"messages"`
}

// Every HTML file of the production build passes html-validate with the
// repository's .htmlvalidate.json: the minified files users get, not a
// prettier build that nobody is served. The config therefore turns off the
// rules about style that minification breaks on purpose (unquoted attribute
// values, lower-case doctype) and keeps every rule about validity and
// accessibility; docs/quality-gates.md says why each exception is there.
func TestGateValidHTML(t *testing.T) {
	g := gate(t, "html")
	node, err := nodetools.Node()
	if err != nil {
		t.Fatal(err)
	}
	cli, err := nodetools.File(repoRoot, "html-validate", "bin/html-validate.mjs")
	if err != nil {
		t.Fatal(err)
	}
	public := site(t)
	pages := htmlFiles(t, public)
	args := []string{cli, "--config", filepath.Join(repoRoot, ".htmlvalidate.json"), "--formatter", "json"}
	for _, p := range pages {
		args = append(args, filepath.Join(public, filepath.FromSlash(p)))
	}
	printDir, prints := printPages(t)
	for _, p := range prints {
		args = append(args, filepath.Join(printDir, filepath.FromSlash(p)))
	}
	cmd := exec.Command(node, args...)
	cmd.Dir = repoRoot
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run() // exit 1 when there are errors: the JSON says which
	var rep htmlValidateReport
	if err := json.Unmarshal(stdout.Bytes(), &rep); err != nil {
		t.Fatalf("html-validate gave no report (%v): %v\n%s", runErr, err, stderr.String())
	}
	errs, warns := 0, 0
	for _, f := range rep {
		rel, err := filepath.Rel(public, f.FilePath)
		if err != nil || strings.HasPrefix(rel, "..") {
			rel, _ = filepath.Rel(printDir, f.FilePath)
			rel = "(print build) " + rel
		}
		for _, m := range f.Messages {
			where := filepath.ToSlash(rel)
			if m.Selector != "" {
				where += " " + m.Selector
			}
			if m.Severity == 2 {
				errs++
				t.Errorf("%s:%d:%d: %s (%s, %s)", where, m.Line, m.Column, m.Message, m.RuleID, m.RuleURL)
			} else {
				warns++
				t.Logf("warning: %s:%d:%d: %s (%s)", where, m.Line, m.Column, m.Message, m.RuleID)
			}
		}
	}
	if errs == 0 && runErr != nil {
		t.Errorf("html-validate failed with no error in its report: %v\n%s", runErr, stderr.String())
	}
	g.note("%d HTML files and %d print pages: %d errors, %d warnings (html-validate %s, .htmlvalidate.json)", len(pages), len(prints), errs, warns, pinned(t, "html-validate"))
}

func pinned(t *testing.T, pkg string) string {
	v, err := nodetools.Pinned(repoRoot, pkg)
	if err != nil {
		t.Error(err)
	}
	return v
}
