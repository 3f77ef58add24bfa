package sitetests

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
)

// BenchmarkServeEdit is the editor's loop on the generated site of 100
// initiatives × 2 languages × 30 clauses: `hugo server` as `make serve`
// runs it (fast render), the side-by-side page open, one line of a clause
// edited; it reports the seconds until the page serves the edit, and how
// many rendered outputs Hugo marked as depending on the edit (those that
// show the clause, not the whole site). The bare yardstick (title and
// content only) runs beside it. Goal (issue 11): under 1 s with Concord's
// templates.
func BenchmarkServeEdit(b *testing.B) {
	for _, name := range []string{"concord", "bare"} {
		bare := name == "bare"
		b.Run(name, func(b *testing.B) {
			site := generatedSite(b, 2, name)
			base, log := startHugoServer(b, site, "--logLevel", "info")
			page := base + "/en/initiatives/generated-050/"
			if bare {
				page = base + "/en/initiatives/generated-050/5/"
			}
			fetch(b, page) // visited: fast render keeps it current
			clause := filepath.Join(site, "content", "initiatives", "generated-050", "5.en.md")
			var total time.Duration
			n, marked := 0, 0
			for b.Loop() {
				n++
				marker := fmt.Sprintf("Edit number %d of this clause.", n)
				before := len(log())
				start := time.Now()
				addSentence(b, clause, marker)
				for !strings.Contains(fetch(b, page), marker) {
					if time.Since(start) > time.Minute {
						b.Fatalf("%s does not show the edit after a minute", page)
					}
					time.Sleep(10 * time.Millisecond)
				}
				total += time.Since(start)
				marked += markedOutputs(waitForRebuilds(b, log, before))
			}
			b.ReportMetric(total.Seconds()/float64(n), "s-to-visible")
			b.ReportMetric(float64(marked)/float64(n), "outputs-marked")
		})
	}
}

// startHugoServer runs the pinned Hugo's server on site with the Makefile's
// serve flags (plus extra) and returns its address once it answers, and what
// it has printed so far.
func startHugoServer(tb testing.TB, site string, extra ...string) (base string, log func() string) {
	tb.Helper()
	bin, err := hugobuild.Binary()
	if err != nil {
		tb.Fatal(err)
	}
	port := freePort(tb)
	args := append([]string{"server", "--noHTTPCache", "--source", site, "--bind", "127.0.0.1", "--port", port,
		"--panicOnWarning", "--printI18nWarnings", "--printPathWarnings"}, extra...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "GOGC="+hugobuild.GOGC, "HUGO_CACHEDIR="+filepath.Join(tb.TempDir(), "cache"))
	base = "http://127.0.0.1:" + port
	log = startServer(tb, cmd, base+"/")
	return base, log
}

// resolveLine is what Hugo prints at --logLevel info each time it works out
// which rendered outputs depend on what changed; "matches" counts the
// outputs it marks for rendering again.
var resolveLine = regexp.MustCompile(`resolve page output change set changes \d+ checked \d+ matches (\d+)`)

// markedOutputs sums the outputs Hugo marked for rendering again in the
// server log text.
func markedOutputs(log string) int {
	n := 0
	for _, m := range resolveLine.FindAllStringSubmatch(log, -1) {
		v, _ := strconv.Atoi(m[1])
		n += v
	}
	return n
}

// addSentence adds sentence at the end of the clause file at path, as an
// editor would, in one write.
func addSentence(tb testing.TB, path, sentence string) {
	tb.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(strings.TrimRight(string(raw), "\n")+" "+sentence+"\n"), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// waitForRebuilds returns the server log after offset once every rebuild
// it reports has finished (Hugo prints "Total in" at the end of each).
func waitForRebuilds(tb testing.TB, log func() string, offset int) string {
	tb.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		s := log()[offset:]
		started, done := strings.Count(s, "Change detected"), strings.Count(s, "Total in")
		if started > 0 && done >= started {
			return s
		}
		if time.Now().After(deadline) {
			tb.Fatalf("the server did not finish rebuilding in 30 s; it said:\n%s", s)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func fetch(tb testing.TB, url string) string {
	tb.Helper()
	resp, err := http.Get(url)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return string(body)
}
