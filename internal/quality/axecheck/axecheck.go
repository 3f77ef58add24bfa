// Package axecheck runs axe-core (the npm package pinned in the repository's
// lockfile) in a page opened with chromedp and reports its violations in a
// form a person can act on: the rule, what it means, how to fix it, and the
// elements at fault.
package axecheck

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/chromedp/chromedp"
)

// WCAG22AA are the axe tags for conformance at WCAG 2.2 level AA: every
// level A and AA success criterion of WCAG 2.0, 2.1 and 2.2.
var WCAG22AA = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// Script is axe-core's source, read once and injected into every page.
type Script struct{ src string }

// Load reads axe.min.js (see nodetools.File).
func Load(path string) (*Script, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return &Script{src: string(b)}, nil
}

// Options choose what axe checks: rules by tag, or (when Rules is set) only
// those rules, e.g. color-contrast for a second colour scheme.
type Options struct {
	Tags  []string
	Rules []string
}

// Node is one element that breaks a rule.
type Node struct {
	Target         []any  `json:"target"` // CSS selectors, nested for iframes
	HTML           string `json:"html"`
	FailureSummary string `json:"failureSummary"`
}

// Violation is one rule broken by one or more elements.
type Violation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	HelpURL string   `json:"helpUrl"`
	Tags    []string `json:"tags"`
	Nodes   []Node   `json:"nodes"`
}

// String: the rule, how to fix it, then each element with axe's own summary
// of what to change.
func (v Violation) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s): %s — %s", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		sel, _ := json.Marshal(n.Target)
		fmt.Fprintf(&b, "\n    at %s %s", sel, clip(n.HTML, 160))
		for _, line := range strings.Split(strings.TrimSpace(n.FailureSummary), "\n") {
			if line = strings.TrimSpace(line); line != "" {
				fmt.Fprintf(&b, "\n      %s", line)
			}
		}
	}
	return b.String()
}

func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Result is one axe run on one page.
type Result struct {
	Violations []Violation `json:"violations"`
	Passes     int         `json:"passes"`     // rules that passed
	Incomplete int         `json:"incomplete"` // rules axe could not decide (reported, not failed)
	Version    string      `json:"version"`
}

// Run injects axe into the page the tab shows and runs it on the whole
// document. The page must have finished loading.
func (s *Script) Run(ctx context.Context, opt Options) (*Result, error) {
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](s.src+"\n;void 0")); err != nil {
		return nil, fmt.Errorf("inject axe-core: %w", err)
	}
	runOnly := map[string]any{"type": "tag", "values": opt.Tags}
	if len(opt.Rules) > 0 {
		runOnly = map[string]any{"type": "rule", "values": opt.Rules}
	}
	cfg, err := json.Marshal(map[string]any{"runOnly": runOnly, "resultTypes": []string{"violations"}})
	if err != nil {
		return nil, err
	}
	js := `axe.run(document, ` + string(cfg) + `).then(r => ({
  violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
    nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary}))})),
  passes: r.passes.length, incomplete: r.incomplete.length, version: r.testEngine.version}))`
	res, err := chromedp.Run(ctx, chromedp.Evaluate[Result](js, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, fmt.Errorf("run axe-core: %w", err)
	}
	return &res, nil
}
