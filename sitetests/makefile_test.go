package sitetests

import (
	"bufio"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
)

// makefileValue is what the Makefile assigns to name with :=, its words
// as the shell splits them (quotes taken off).
func makefileValue(t *testing.T, name string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		n, value, ok := strings.Cut(sc.Text(), ":=")
		if ok && strings.TrimSpace(n) == name {
			return strings.Fields(strings.ReplaceAll(value, "'", ""))
		}
	}
	t.Fatalf("the Makefile sets no %s", name)
	return nil
}

// The tests build as `make build` does: the same flags and the same
// garbage collector setting, so what they measure and catch is the
// production build's.
func TestMakefileBuildsWithTheTestsFlags(t *testing.T) {
	if got := makefileValue(t, "HUGO_FLAGS"); !slices.Equal(got, hugobuild.ProductionFlags) {
		t.Errorf("Makefile HUGO_FLAGS %q, hugobuild.ProductionFlags %q: make them equal", got, hugobuild.ProductionFlags)
	}
	if got := makefileValue(t, "HUGO"); len(got) == 0 || got[0] != "GOGC="+hugobuild.GOGC {
		t.Errorf("Makefile HUGO %q does not start with GOGC=%s (hugobuild.GOGC): make them equal", got, hugobuild.GOGC)
	}
}
