package qualitygates

import (
	"testing"

	"github.com/concord-initiative/concord/internal/quality/linkcheck"
)

// Every internal link in every language leads somewhere: the file exists in
// the build and, for #clause links, the element with that id is on the page.
// Absolute links to the production address (canonical, hreflang, og:url)
// count as internal. Links to other sites are listed, not fetched.
func TestGateLinks(t *testing.T) {
	g := gate(t, "links")
	rep, err := linkcheck.Check(site(t), linkcheck.Options{BaseURL: baseURL})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range rep.Broken {
		t.Errorf("broken link: %s", b)
	}
	ext := rep.ExternalURLs()
	g.note("%d pages: %d internal links checked (%d #anchors), %d broken", rep.Pages, rep.Checked, rep.Anchors, len(rep.Broken))
	g.note("%d external URLs listed, not fetched", len(ext))
	for _, u := range ext {
		t.Logf("external (not fetched): %s", u)
		g.detail("external, not fetched: %s", u)
	}
}
