package aligncli

import (
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/report"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// Every message aligncheck says is translated in each of the site's i18n
// files, and i18n/en.toml says what the Go default says, so that the status
// page (rendered from the same keys) and the command never disagree.
func TestEveryMessageIsInEverySiteLanguage(t *testing.T) {
	gaps, err := toolmessages.Gaps(sitefixture.RepoRoot(t), append(align.Messages(), report.Messages()...))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gaps {
		t.Error(g)
	}
}
