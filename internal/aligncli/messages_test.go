package aligncli

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/concord-initiative/concord/internal/align"
	"github.com/concord-initiative/concord/internal/report"
)

// Every message aligncheck says is translated in each of the site's i18n
// files, and i18n/en.toml says what the Go default says, so that the status
// page (rendered from the same keys) and the command never disagree.
func TestEveryMessageIsInEverySiteLanguage(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "i18n", "*.toml"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no i18n files: %v", err)
	}
	msgs := append(align.Messages(), report.Messages()...)
	for _, file := range files {
		raw, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		var tr map[string]struct {
			Other string `toml:"other"`
		}
		if err := toml.Unmarshal(raw, &tr); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		for _, m := range msgs {
			got, ok := tr[m.ID]
			switch {
			case !ok || got.Other == "":
				t.Errorf("%s has no %s; add it (English: %q)", filepath.Base(file), m.ID, m.Other)
			case filepath.Base(file) == "en.toml" && got.Other != m.Other:
				t.Errorf("en.toml %s = %q, but the Go default is %q: make them the same", m.ID, got.Other, m.Other)
			}
		}
	}
}
