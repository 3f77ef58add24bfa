package sitetests

import (
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// Listing a pair while `make serve` runs makes its page, and taking it off
// the list sends the pair links elsewhere again, without a restart (the
// content adapter reads the _index files as assets, so Hugo runs it again).
func TestServeFollowsAnEditToPairs(t *testing.T) {
	site := udhrSite(t, t.TempDir(), pairsLanguages)
	base, log := startHugoServer(t, site)
	pair := base + "/fr/" + udhrInitiative + "pair/fr-de/"
	from := base + "/fr/" + udhrInitiative
	status := func() string {
		resp, err := http.Get(pair)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return strconv.Itoa(resp.StatusCode)
	}
	link := func() string { return pairLink(t, from) }
	// The server rebuilds in its own time after a write.
	waitFor := func(what string, got func() string, want string) {
		t.Helper()
		deadline := time.Now().Add(20 * time.Second)
		for g := got(); g != want; g = got() {
			if time.Now().After(deadline) {
				t.Fatalf("%s: got %q, want %q\n%s", what, g, want, log())
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	waitFor("the pair page before the listing", status, "404")
	index := filepath.Join(site, "content", udhrInitiative, "_index.fr.md")
	orig := readFile(t, index)
	listed := strings.Replace(string(orig), "+++\n", "+++\n"+pairsListing+"\n", 1)
	if err := os.WriteFile(index, []byte(listed), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("the pair page after listing "+pairsListing, status, "200")
	waitFor("the French page's German link with the listing", link, "/fr/"+udhrInitiative+"pair/fr-de/?langs=fr,de")
	// Taken off the list, the French page no longer leads there. (Hugo's
	// server keeps serving a page's last output after the page is gone,
	// as it does for a deleted content file, until it restarts.)
	if err := os.WriteFile(index, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("the French page's German link after taking the listing off", link, "/de/"+udhrInitiative+"?langs=fr,de")
}

// pairLink is where the page at url sends a reader for French beside
// German.
func pairLink(t *testing.T, url string) string {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(fetch(t, url)))
	if err != nil {
		t.Fatal(err)
	}
	return hrefOf(doc.Find(".language-pairs a[hreflang=de]"))
}

// A site whose hugo.toml predates the mount the content adapter reads the
// _index files through (a site made with an older `concord new site`)
// stops with the lines to add, instead of losing its pair pages quietly.
func TestPairsWithoutTheAssetsMountSayWhatToAdd(t *testing.T) {
	site := t.TempDir()
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	cfg := filepath.Join(site, "hugo.toml")
	mount := "[[module.mounts]]\nsource = \"content/initiatives\"\ntarget = \"assets/concord/initiatives\"\nfiles = [\"*/_index.*.md\"]\n"
	data := string(readFile(t, cfg))
	if !strings.Contains(data, mount) {
		t.Fatalf("hugo.toml has no mount\n%s", mount)
	}
	if err := os.WriteFile(cfg, []byte(strings.Replace(data, mount, "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	err := hugobuild.Build(t.Context(), site, filepath.Join(t.TempDir(), "public"))
	var be *hugobuild.BuildError
	if !errors.As(err, &be) {
		t.Fatalf("the build without the mount: %v, want it to stop", err)
	}
	if want := `add [[module.mounts]] with source = "content/initiatives", target = "assets/concord/initiatives", files = ["*/_index.*.md"]`; !strings.Contains(be.Line(), want) {
		t.Errorf("the build stopped with %q, want it to say what to add: %s", be.Line(), want)
	}
}
