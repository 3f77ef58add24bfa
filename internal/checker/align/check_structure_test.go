package align_test

import (
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
)

func TestStructureChecks(t *testing.T) { testFamily(t, "structureChecks") }

// A clause file in a language hugo.toml does not configure is AC002 too.
func TestUnconfiguredLanguageFile(t *testing.T) {
	files := clean()
	files["1.fr.md"] = files["1.en.md"]
	for _, f := range runSite(t, files) {
		if f.Code == align.CodeExtraFile && f.Language == "fr" && f.File == "content/initiatives/x/1.fr.md" {
			return
		}
	}
	t.Error("no AC002 for 1.fr.md")
}
