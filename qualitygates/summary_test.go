package qualitygates

import (
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"
)

// The gates in the order `make audit` prints them.
var gateOrder = []string{"links", "html", "accessibility", "keyboard", "csp", "lighthouse", "budgets", "tools"}

// gateResult is what one gate reports in the summary: several tests may
// belong to one gate, and the gate fails when any of them does.
type gateResult struct {
	ran    bool
	failed bool
	notes  []string // figures, in the order the tests gave them
	extra  []string // lines printed under the summary line (external links)
}

var (
	gatesMu sync.Mutex
	gates   = map[string]*gateResult{}
)

// gate registers t as part of the named gate. Its figures go into the
// summary line; if t fails, so does the gate.
func gate(t *testing.T, name string) *gateRecorder {
	t.Helper()
	gatesMu.Lock()
	defer gatesMu.Unlock()
	g := gates[name]
	if g == nil {
		g = &gateResult{}
		gates[name] = g
	}
	g.ran = true
	t.Cleanup(func() {
		if t.Failed() {
			gatesMu.Lock()
			g.failed = true
			gatesMu.Unlock()
		}
	})
	return &gateRecorder{g: g}
}

type gateRecorder struct{ g *gateResult }

// note adds a figure to the gate's summary line.
func (r *gateRecorder) note(format string, args ...any) {
	gatesMu.Lock()
	defer gatesMu.Unlock()
	r.g.notes = append(r.g.notes, fmt.Sprintf(format, args...))
}

// detail adds a line under the gate's summary line.
func (r *gateRecorder) detail(format string, args ...any) {
	gatesMu.Lock()
	defer gatesMu.Unlock()
	r.g.extra = append(r.g.extra, fmt.Sprintf(format, args...))
}

// summaryLines: one line per gate, PASS, FAIL or "not run" (filtered out by
// -run, or the test binary stopped before it).
func summaryLines() []string {
	gatesMu.Lock()
	defer gatesMu.Unlock()
	var lines []string
	for _, name := range gateOrder {
		g := gates[name]
		status, notes := "----", "not run"
		if g != nil && g.ran {
			status = "PASS"
			if g.failed {
				status = "FAIL"
			}
			notes = strings.Join(g.notes, "; ")
			if g.failed && notes == "" {
				notes = "stopped before measuring: see the messages above"
				if buildErr != nil {
					notes = "the site does not build: see the Hugo error above"
				}
			}
		}
		lines = append(lines, fmt.Sprintf("audit: %-4s %-13s %s", status, name, notes))
		if g != nil {
			for _, e := range g.extra {
				lines = append(lines, "             "+e)
			}
		}
	}
	return lines
}

// writeSummary writes the summary to the file $AUDIT_SUMMARY names (make
// audit prints it after the details), else to standard output.
func writeSummary() error {
	text := strings.Join(summaryLines(), "\n") + "\n"
	if path := os.Getenv("AUDIT_SUMMARY"); path != "" {
		return os.WriteFile(path, []byte(text), 0o644)
	}
	// go test shows this only when the package fails (or with -v).
	fmt.Print(text)
	return nil
}
