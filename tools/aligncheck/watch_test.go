package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// make serve keeps the status data current with --watch: an edit shows in
// the report, a half-made edit that breaks the site is waited out, an edit
// that changes nothing leaves the file alone, and SIGINT ends the watch
// cleanly (exit 0, no temporary file).
func TestWatchKeepsTheReportCurrent(t *testing.T) {
	bin, err := exec.LookPath("aligncheck")
	if err != nil {
		t.Fatal(err)
	}
	site := noisySite(t, 2)
	outDir := t.TempDir()
	out := filepath.Join(outDir, "status.json")
	cmd := exec.Command(bin, "--watch", "--format", "json", "--fail-on", "none", "--no-history", "-o", out, site)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	waitFor := func(what string, ok func(string) bool) string {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if raw, err := os.ReadFile(out); err == nil && ok(string(raw)) {
				return string(raw)
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("%s: not seen in %s; stderr: %s", what, out, stderr.String())
		return ""
	}
	clause := filepath.Join(site, "content", "initiatives", "noisy", "2.en.md")
	first := strings.Count(waitFor("first report", func(s string) bool { return strings.Contains(s, `"AC030"`) }), `"AC030"`)

	// A clause file whose ID breaks the pattern makes the site unreadable:
	// the watcher says so and keeps the last good report.
	bad := filepath.Join(site, "content", "initiatives", "noisy", "Bad_ID.en.md")
	if err := os.WriteFile(bad, []byte("+++\ntitle = \"x\"\n+++\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stderr.String(), "Bad_ID") && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if !strings.Contains(stderr.String(), "Bad_ID") {
		t.Fatalf("the watcher did not report the bad file; stderr: %s", stderr.String())
	}
	if err := os.Remove(bad); err != nil {
		t.Fatal(err)
	}

	// The edit: clause 2 in English loses its Han characters; clause 1
	// keeps them.
	fm := "+++\ntitle = \"2\"\nweight = 2\n[provenance]\nstatus = \"source\"\n+++\n\n"
	if err := os.WriteFile(clause, []byte(fm+"Vendors should guarantee product quality.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("the edit", func(s string) bool { n := strings.Count(s, `"AC030"`); return n > 0 && n < first })

	// Touching a file without changing it rewrites nothing.
	before, _ := os.Stat(out)
	now := time.Now()
	os.Chtimes(clause, now, now)
	time.Sleep(1500 * time.Millisecond) // several polls
	if after, _ := os.Stat(out); !after.ModTime().Equal(before.ModTime()) {
		t.Errorf("an unchanged report was rewritten")
	}

	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("after SIGINT: %v; stderr: %s", err, stderr.String())
	}
	if left := temporaries(t, outDir); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}
