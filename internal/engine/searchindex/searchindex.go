// Package searchindex builds a site's full-text search index with Pagefind,
// the npm package pinned in package-lock.json (its extended binary, which
// segments Chinese, comes in the package's platform dependency, so `npm ci
// --ignore-scripts` is all it takes). `make build` and `make serve` run the
// same command and flags; tests and benchmarks run it through here.
// docs/search.md.
package searchindex

import (
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/concord-initiative/concord/internal/engine/nodetools"
)

// Flags are the Makefile's PAGEFIND_FLAGS (a test keeps them equal). The
// provenance label beside each clause ("Corrected: see the notes") is
// interface text, not the clause, so it is not indexed. Only the clause
// pages are results, so only they are read ([lang/]initiatives/<id>/<clause>/):
// the other pages, twice as many, would be parsed for nothing (3 times
// Pagefind's CPU on the generated 6,000-clause site). An older version's
// clause pages ([lang/]initiatives/<id>/v<version>/<clause>/) are results
// too, found with the search page's version filter. A clause page the glob
// missed would show in the tests' page counts.
var Flags = []string{"--exclude-selectors", ".provenance", "--glob", "{initiatives,*/initiatives}/*/{*,v*/*}/index.html"}

// Folder is where the index goes in the built site, as the search page
// expects it (search/form.html's data-bundle).
const Folder = "pagefind"

// Stats say what an index cost.
type Stats struct {
	Wall  time.Duration // Pagefind's run
	CPU   time.Duration // user and system time, Pagefind's binary included (wait4 counts the children it reaped)
	Bytes int64         // every file of the index folder
	Files int
	Pages map[string]int // pages indexed per language key, as Pagefind names it
}

// Index indexes the built site in siteDir into siteDir/pagefind with the
// Pagefind under root/node_modules. A previous index there is removed
// first: Pagefind's chunk files are named by content, so the old ones
// would otherwise stay and be published.
func Index(ctx context.Context, root, siteDir string) (Stats, error) {
	cli, err := nodetools.File(root, "pagefind", "lib/runner/bin.cjs")
	if err != nil {
		return Stats{}, err
	}
	node, err := nodetools.Node()
	if err != nil {
		return Stats{}, err
	}
	out := filepath.Join(siteDir, Folder)
	if err := os.RemoveAll(out); err != nil {
		return Stats{}, err
	}
	args := append([]string{cli, "--site", siteDir, "--output-path", out}, Flags...)
	cmd := exec.CommandContext(ctx, node, args...)
	start := time.Now()
	if b, err := cmd.CombinedOutput(); err != nil {
		return Stats{}, fmt.Errorf("pagefind on %s: %v\n%s", siteDir, err, b)
	}
	st := Stats{Wall: time.Since(start), CPU: cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()}
	err = filepath.WalkDir(out, func(_ string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		st.Bytes += info.Size()
		st.Files++
		return nil
	})
	if err != nil {
		return st, err
	}
	st.Pages, err = pages(out)
	return st, err
}

// pages reads the page count of each language from pagefind-entry.json.
func pages(out string) (map[string]int, error) {
	data, err := os.ReadFile(filepath.Join(out, "pagefind-entry.json"))
	if err != nil {
		return nil, err
	}
	var entry struct {
		Languages map[string]struct {
			PageCount int `json:"page_count"`
		} `json:"languages"`
	}
	if err := json.Unmarshal(data, &entry); err != nil {
		return nil, fmt.Errorf("%s: %v", out, err)
	}
	n := map[string]int{}
	for lang, l := range entry.Languages {
		n[lang] = l.PageCount
	}
	return n, nil
}
