package sitetests

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// An editor's loop on a clean clone: build; edit a clause, run what `make build`
// runs before Hugo (the signatories check and the translation status; the
// PDFs go to build/pdf, ignored like the status data), build. Git must then
// see the edited clause and nothing else, and the status page must show
// what the checker found in it (issue 10 §1 and §3: the status data was a
// committed file every build rewrote, and a finding broke the build).
func TestBuildChangesNoTrackedFileAndShowsTheEdit(t *testing.T) {
	if _, err := exec.LookPath("make"); err != nil {
		t.Skip("no make")
	}
	repo := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-c", "user.name=test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false"}, args...)...)
		cmd.Dir = repo
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	// The tracked files as they are in the working tree.
	list := exec.Command("git", "ls-files", "-z")
	list.Dir = repoRoot
	files, err := list.Output()
	if err != nil {
		t.Fatalf("git ls-files: %v", err)
	}
	for _, f := range strings.Split(strings.TrimRight(string(files), "\x00"), "\x00") {
		if _, err := os.Stat(filepath.Join(repoRoot, f)); err != nil {
			continue // deleted in the working tree
		}
		if err := sitefixture.CopyTree(filepath.Join(repo, f), filepath.Join(repoRoot, f)); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	git("add", "-A")
	git("commit", "-qm", "clean clone")

	clause := "content/initiatives/live-streaming-2020/2.en.md"
	f, err := os.OpenFile(filepath.Join(repo, clause), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("\nA sentence the editor has not finished\n"); err != nil {
		t.Fatal(err)
	}
	f.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	// A plain build before any generated data (go tool hugo on a fresh
	// clone) builds, and its status pages say there is no data yet.
	bare := filepath.Join(t.TempDir(), "public")
	if err := hugobuild.Build(ctx, repo, bare); err != nil {
		t.Fatal(err)
	}
	for prefix, want := range map[string]string{"": "尚未为本倡议生成译文状态", "en/": "No translation status has been generated"} {
		doc := page(t, bare, prefix+"initiatives/live-streaming-2020/status.html")
		if text := doc.Find("main").Text(); !strings.Contains(text, want) {
			t.Errorf("/%s status page without data: %q does not say %q", prefix, strings.Join(strings.Fields(text), " "), want)
		}
		if got := doc.Find("main .status-editors code").Text(); got != "make translation-status" {
			t.Errorf("/%s status page without data: the command for editors is %q", prefix, got)
		}
	}

	mk := exec.CommandContext(ctx, "make", "--no-print-directory", "signatories", "translation-status")
	mk.Dir = repo
	if out, err := mk.CombinedOutput(); err != nil {
		t.Fatalf("make signatories translation-status: %v\n%s", err, out)
	}
	if err := hugobuild.Build(ctx, repo, filepath.Join(repo, "public")); err != nil {
		t.Fatal(err)
	}

	if got, want := strings.TrimSpace(git("status", "--porcelain")), "M "+clause; got != want {
		t.Errorf("git status after the build:\n%s\nwant only:\n%s", got, want)
	}
	doc := page(t, filepath.Join(repo, "public"), "en/initiatives/live-streaming-2020/status.html")
	var found bool
	doc.Find(".status-finding").Each(func(_ int, s *goquery.Selection) {
		if s.Find(".status-code").Text() == "AC013" && strings.Contains(s.Find(".status-file code").Text(), clause) {
			found = true
		}
	})
	if !found {
		t.Errorf("the English status page does not show AC013 (no final stop) on %s", clause)
	}
}
