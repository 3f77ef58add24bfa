package align_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// The versions fixture's Chinese clause 2 was made from version 1.1 of the
// English; 2.0 reworded the English. The finding names both versions.
func TestStaleTranslationNamesTheVersionItWasMadeFrom(t *testing.T) {
	dir := t.TempDir()
	root := sitefixture.RepoRoot(t)
	for _, src := range []string{root, filepath.Join(root, "sitetests", "testdata", "versions")} {
		if err := sitefixture.Copy(dir, src); err != nil {
			t.Fatal(err)
		}
	}
	res := checkDir(t, dir)
	var stale []align.Finding
	for _, f := range res.Findings {
		if f.Code == align.CodeStale && strings.Contains(f.File, "community-code/") {
			stale = append(stale, f)
		}
	}
	if len(stale) != 1 || stale[0].Clause != "2" || stale[0].Language != "zh-hans" {
		t.Fatalf("stale findings in the fixture: %+v, want only the Chinese clause 2", stale)
	}
	f := stale[0]
	for _, want := range []string{"made from version 1.1", "now at version 2.0", `provenance.sourceVersion = "2.0"`} {
		if !strings.Contains(f.Message, want) {
			t.Errorf("stale message %q does not say %q", f.Message, want)
		}
	}
	// The diff comes from the archived 1.1 text when git has no history.
	if f.Details["sourceDiff"] == nil || strings.Contains(f.Message, "not in the history") {
		t.Errorf("stale finding has no diff against the archived 1.1 source: %q %v", f.Message, f.Details["sourceDiff"])
	}
	if f.Details["sourceVersion"] != "1.1" || f.Details["latestVersion"] != "2.0" {
		t.Errorf("stale details %v lack the versions", f.Details)
	}
}
