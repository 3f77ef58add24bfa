package sitetests

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
)

// BenchmarkServeEdit is the editor's loop on the generated site of 100
// initiatives × 2 languages × 30 clauses: `hugo server` as `make serve`
// runs it (fast render), the side-by-side page open, one line of a clause
// edited; it reports the seconds until the page serves the edit. The bare
// yardstick (title and content only) runs beside it. Goal (issue 11): under
// 1 s with Concord's templates.
func BenchmarkServeEdit(b *testing.B) {
	for _, bare := range []bool{false, true} {
		name := "concord"
		if bare {
			name = "bare"
		}
		b.Run(name, func(b *testing.B) {
			site := generatedSite(b, 2, bare)
			base := startHugoServer(b, site)
			page := base + "/en/initiatives/generated-050/"
			if bare {
				page = base + "/en/initiatives/generated-050/5/"
			}
			fetch(b, page) // visited: fast render keeps it current
			clause := filepath.Join(site, "content", "initiatives", "generated-050", "5.en.md")
			var total time.Duration
			n := 0
			for b.Loop() {
				n++
				marker := fmt.Sprintf("Edit number %d of this clause.", n)
				raw, err := os.ReadFile(clause)
				if err != nil {
					b.Fatal(err)
				}
				start := time.Now()
				if err := os.WriteFile(clause, []byte(strings.TrimRight(string(raw), "\n")+" "+marker+"\n"), 0o644); err != nil {
					b.Fatal(err)
				}
				for !strings.Contains(fetch(b, page), marker) {
					if time.Since(start) > time.Minute {
						b.Fatalf("%s does not show the edit after a minute", page)
					}
					time.Sleep(10 * time.Millisecond)
				}
				total += time.Since(start)
			}
			b.ReportMetric(total.Seconds()/float64(n), "s-to-visible")
		})
	}
}

// startHugoServer runs the pinned Hugo's server on site with the Makefile's
// serve flags and returns its address once it answers.
func startHugoServer(b *testing.B, site string) string {
	b.Helper()
	bin, err := hugobuild.Binary()
	if err != nil {
		b.Fatal(err)
	}
	port := freePort(b)
	cmd := exec.Command(bin, "server", "--source", site, "--bind", "127.0.0.1", "--port", port,
		"--panicOnWarning", "--printI18nWarnings", "--printPathWarnings")
	cmd.Env = append(os.Environ(), "GOGC=400", "HUGO_CACHEDIR="+filepath.Join(b.TempDir(), "cache"))
	base := "http://127.0.0.1:" + port
	startServer(b, cmd, base+"/")
	return base
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
