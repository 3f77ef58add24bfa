package sitetests

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/concord-initiative/concord/internal/testharness/browsertest"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// An editor runs `make serve`, keeps the side-by-side page, a clause page
// and the status page open, and edits the clause: the text pages show the
// edit without a manual reload (issue 11: fast render on), and the status
// page has it from the watcher (live, or at the latest on a reload).
// The test runs the Makefile's own serve target in a copy of the repository
// and reads the pages in Chromium.
func TestServeShowsAnEditOnEveryOpenPage(t *testing.T) {
	if testing.Short() {
		t.Skip("starts make serve")
	}
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("make is not installed")
	}
	repo := copyRepository(t)
	port := freePort(t)
	base := "http://127.0.0.1:" + port
	serveLog := startServer(t, exec.Command("make", "-C", repo, "serve", "SERVE_PORT="+port), base+"/")

	browser := browsertest.New(t)
	prefix := base + "/en/" + initiative
	pages := map[string]string{
		"side by side": prefix,
		"clause page":  prefix + "2/",
		"status page":  prefix + "status.html",
	}
	const marker = "Editors add this sentence without a final stop"
	// The side-by-side and clause pages show the sentence itself; the
	// status page shows the checker's finding about it (AC013, no final
	// stop) in clause 2's row.
	shows := map[string]string{
		"side by side": `document.body.innerText.includes(` + jsString(marker) + `)`,
		"clause page":  `document.body.innerText.includes(` + jsString(marker) + `)`,
		"status page":  `document.body.innerText.includes("AC013")`,
	}
	tabs := map[string]context.Context{}
	for name, url := range pages {
		tab := browser.Tab(t, 1280, 900, false)
		if err := chromedp.Do(tab, chromedp.Navigate(url)); err != nil {
			t.Fatalf("%s %s: %v", name, url, err)
		}
		if showing(tab, shows[name]) {
			t.Fatalf("%s shows the edit before it is made", name)
		}
		tabs[name] = tab
	}

	clause := filepath.Join(repo, "content", "initiatives", "live-streaming-2020", "2.en.md")
	raw, err := os.ReadFile(clause)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.TrimRight(string(raw), "\n") + " " + marker + "\n"
	start := time.Now()
	if err := os.WriteFile(clause, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, tab := range tabs {
		// Known gap (issue 11, left open): the status page is rebuilt from
		// the watcher's data in a Hugo rebuild of its own, and live reload
		// does not always bring that rebuild to an open status page. The
		// server has it; a reload shows it. The two text pages must follow
		// live.
		wait := 30 * time.Second
		if name == "status page" {
			wait = 10 * time.Second
		}
		deadline := start.Add(wait)
		for !showing(tab, shows[name]) {
			if time.Now().After(deadline) {
				if name == "status page" {
					if err := chromedp.Do(tab, chromedp.Reload()); err == nil && showing(tab, shows[name]) {
						t.Logf("status page: live reload did not bring the new status in %s; a reload did", wait)
						break
					}
				}
				browsertest.Screenshot(t, tab, "stale-"+strings.ReplaceAll(name, " ", "-"))
				t.Fatalf("%s still does not show the edit after %s; make serve said:\n%s", name, wait, serveLog())
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Logf("%s shows the edit %.2f s after it was saved", name, time.Since(start).Seconds())
	}
}

// showing evaluates a condition in the tab; a page being reloaded by live
// reload answers false until it is back.
func showing(tab context.Context, cond string) bool {
	ctx, cancel := context.WithTimeout(tab, 2*time.Second)
	defer cancel()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](cond))
	return err == nil && ok
}

func jsString(s string) string { return fmt.Sprintf("%q", s) }

// copyRepository copies the site and everything `make serve` runs (the Go
// module with its tools) into a temporary folder.
func copyRepository(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "repo")
	parts := append([]string{"go.mod", "go.sum", "Makefile", "scripts", "tools", "internal"}, sitefixture.SiteParts...)
	for _, p := range parts {
		src := filepath.Join(repoRoot, p)
		if _, err := os.Stat(src); err != nil {
			continue
		}
		if err := sitefixture.CopyTree(filepath.Join(dir, p), src); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func freePort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return fmt.Sprint(l.Addr().(*net.TCPAddr).Port)
}

// startServer runs cmd (a server, in a process group of its own so its
// children stop with it) until the test ends, waits until url answers 200,
// and returns what the server has printed so far, for failure messages.
func startServer(tb testing.TB, cmd *exec.Cmd, url string) (log func() string) {
	tb.Helper()
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	logPath := filepath.Join(tb.TempDir(), "server.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		tb.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		// SIGINT first, as Ctrl-C would: make serve's trap stops the watcher.
		syscall.Kill(-cmd.Process.Pid, syscall.SIGINT)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-done
		}
		logFile.Close()
	})
	log = func() string { b, _ := os.ReadFile(logPath); return string(b) }
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return log
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	tb.Fatalf("the server did not answer at %s; it said:\n%s", url, log())
	return log
}
