package sitetests

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/checker/align/alignfixture"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// IDs go into URLs, anchors, HTML and the print pages' CSS, so the build
// refuses a clause file or initiative folder whose name breaks the
// documented pattern, naming it, instead of publishing it (issue 10 §8).
func TestBuildRefusesBadIDs(t *testing.T) {
	cases := []struct {
		name, folder, file, wantFile, wantID string
	}{
		{"clause", "good-initiative", "Bad_ID.en.md", "content/initiatives/good-initiative/Bad_ID.en.md", `clause ID "Bad_ID"`},
		{"initiative", `quote"d`, "1.en.md", `content/initiatives/quote"d/_index`, `initiative ID "quote\"d"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			site := t.TempDir()
			if err := sitefixture.Copy(site, repoRoot, "content"); err != nil {
				t.Fatal(err)
			}
			files := alignfixture.Clean()
			files[c.file] = files["1.en.md"]
			for name, body := range files {
				p := filepath.Join(site, "content", "initiatives", c.folder, name)
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			err := hugobuild.Build(ctx, site, filepath.Join(t.TempDir(), "public"))
			if err == nil {
				t.Fatalf("the build published %s", c.wantFile)
			}
			if msg := err.Error(); !strings.Contains(msg, c.wantFile) || !strings.Contains(msg, c.wantID) {
				t.Errorf("the build failed without naming %s and its ID (%s):\n%s", c.wantFile, c.wantID, msg)
			}
		})
	}
}
