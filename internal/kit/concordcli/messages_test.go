package concordcli

import (
	"testing"

	"github.com/concord-initiative/concord/internal/site/toolmessages"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// Every message concord says is translated in each of the kit's i18n files,
// and i18n/en.toml says what the Go default says.
func TestEveryMessageIsInEverySiteLanguage(t *testing.T) {
	gaps, err := toolmessages.Gaps(sitefixture.RepoRoot(t), Messages)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gaps {
		t.Error(g)
	}
}
