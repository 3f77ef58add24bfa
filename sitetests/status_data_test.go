package sitetests

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/concord-initiative/concord/internal/aligncli"
)

// The translation-status pages read data/translation/status.json. It is
// committed so `make serve` and a plain `hugo` build show real figures; this
// test keeps it from going stale when a clause changes.
func TestTranslationStatusDataIsCurrent(t *testing.T) {
	var fresh, stderr bytes.Buffer
	if code := aligncli.Main([]string{"--format", "json", "--fail-on", "none", repoRoot}, &fresh, &stderr); code != 0 {
		t.Fatalf("aligncheck exited %d: %s", code, stderr.String())
	}
	committed, err := os.ReadFile(filepath.Join(repoRoot, "data", "translation", "status.json"))
	if err != nil {
		t.Fatalf("%v: run `make translation-status` and commit the file", err)
	}
	if !bytes.Equal(bytes.TrimSpace(committed), bytes.TrimSpace(fresh.Bytes())) {
		t.Fatal("data/translation/status.json is out of date with the content: run `make translation-status` and commit it")
	}
}
