package sitetests

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// `make serve` serves the search index that `make search-serve-index`
// writes into build/search/static/ (docs/search.md). The site declares its
// mounts, so Hugo ignores `staticDir`: the folder reaches the server only
// as a mount in hugo.toml. When the versions' mounts came in, a serve-only
// `staticDir` config stopped serving the index and /pagefind/ answered 404.
func TestServeServesTheSearchIndexFromBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("starts hugo server")
	}
	site := t.TempDir()
	if err := sitefixture.Copy(site, repoRoot, "content", "data"); err != nil {
		t.Fatal(err)
	}
	if err := sitefixture.Generate(site, 1, 2, []string{"zh-hans", "en"}); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(site, "build", "search", "static", "pagefind")
	if err := os.MkdirAll(index, 0o755); err != nil {
		t.Fatal(err)
	}
	const marker = "// the index make search-serve-index wrote"
	if err := os.WriteFile(filepath.Join(index, "pagefind.js"), []byte(marker+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	base, log := startHugoServer(t, site)
	resp, err := http.Get(base + "/pagefind/pagefind.js")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK || string(body) != marker+"\n" {
		t.Fatalf("GET /pagefind/pagefind.js: %d %q, want the file from build/search/static/pagefind\n%s", resp.StatusCode, body, log())
	}
}
