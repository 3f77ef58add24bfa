package sitetests

import (
	"context"
	"net/url"
	"slices"
	"testing"

	"github.com/concord-initiative/concord/internal/testharness/browsertest"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

var versionsSearch onceSite

// versionsSearchSite is the versions fixture (community-code 1.0, 1.1,
// 2.0 beside the shipped initiative), built as make does and indexed: in
// each language the 9 current clauses and the clause pages of 1.0 (4) and
// 1.1 (5), not those of 2.0, the current text again.
func versionsSearchSite(t *testing.T) string {
	t.Helper()
	built := versionsBuild(t)
	return versionsSearch.get(t, "search-versions", map[string]int{"zh-hans": 18, "en": 18}, func(_ context.Context, root string) (string, error) {
		return root, sitefixture.CopyTree(root, built)
	})
}

// The search finds the current text by default, each clause once (the
// latest version's own pages are not results beside it); the version
// filter searches an older version, whose results link to that version's
// pages.
func TestSearchFindsTheLatestTextUnlessAVersionIsChosen(t *testing.T) {
	base := serveSearch(t, versionsSearchSite(t))
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	cc := "/en/" + vInit
	// "moderators": clause 4, added in 1.1, still in 2.0.
	if _, hits := searchFor(t, ctx, base, "en/search.html", "moderators", nil); !slices.Equal(hrefs(hits), []string{cc + "#4"}) {
		t.Errorf("moderators by default: %v, want the current clause 4 once", hrefs(hits))
	}
	// 隐私 ("privacy"): clause 3 of 1.0 and 1.1, removed in 2.0, and not
	// in the Chinese text of 2.0's clause 2.
	if _, hits := searchFor(t, ctx, base, "search.html", "隐私", nil); len(hits) != 0 {
		t.Errorf("隐私 by default: %v, want none (not in the latest text)", hrefs(hits))
	}
	_, hits := searchFor(t, ctx, base, "search.html", "隐私", url.Values{"version": {"1.0"}})
	if !slices.Equal(hrefs(hits), []string{"/" + vInit + "v1.0/#3"}) {
		t.Errorf("隐私 in version 1.0: %v, want clause 3 of 1.0", hrefs(hits))
	}
	for _, h := range hits {
		if h.Single != "/"+vInit+"v1.0/3/" || h.Initiative == "" {
			t.Errorf("隐私 in 1.0: %+v, want the version named and a link to the clause's page in 1.0", h)
		}
	}
	browsertest.Screenshot(t, ctx, "search-version-1.0")
}
