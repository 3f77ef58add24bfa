// Package sitefixture makes throwaway copies of a Hugo site for tests and
// benchmarks: the real site plus extra initiatives, or a generated one.
package sitefixture

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
)

// SiteParts are the folders and files that make up a Concord site; a copy of
// them is a complete site that builds on its own.
var SiteParts = []string{"hugo.toml", "content", "layouts", "i18n", "assets", "static", "data"}

// Copy copies the parts of the site at src that exist into dst, leaving out
// any part named in skip (a test that brings its own content skips "content").
func Copy(dst, src string, skip ...string) error {
	var parts []string
	for _, part := range SiteParts {
		if slices.Contains(skip, part) {
			continue
		}
		if _, err := os.Stat(filepath.Join(src, part)); os.IsNotExist(err) {
			continue
		}
		parts = append(parts, part)
	}
	return CopyParts(dst, src, parts)
}

// CopyParts copies the named parts of the site src (files or folders, by
// slash-separated paths relative to it) into dst at the same paths.
func CopyParts(dst, src string, parts []string) error {
	for _, part := range parts {
		p := filepath.FromSlash(part)
		if err := CopyTree(filepath.Join(dst, p), filepath.Join(src, p)); err != nil {
			return err
		}
	}
	return nil
}

// CopyTree copies a file, or a folder and everything in it, from src to dst.
func CopyTree(dst, src string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

// Generate writes a synthetic initiative set into siteDir/content: the home
// and list pages, then n initiatives with clauses clauses in each language.
// Text lengths follow the shipped initiative (about 1 Han character for 4
// Latin ones) so build cost is realistic.
func Generate(siteDir string, initiatives, clauses int, langs []string) error {
	content := filepath.Join(siteDir, "content")
	files := map[string]string{}
	// The home and list pages carry their own date, as content/_index.*.md
	// do (see there: without one, `hugo server` re-renders every page on
	// each edit); 2020-09-28 is the newest generated initiative's.
	for _, lang := range langs {
		files[filepath.Join(content, "_index."+lang+".md")] = "+++\ntitle = \"Generated\"\ndate = 2020-09-28\n+++\n"
		files[filepath.Join(content, "initiatives", "_index."+lang+".md")] = "+++\ntitle = \"Initiatives\"\ndate = 2020-09-28\n+++\n"
	}
	for i := 1; i <= initiatives; i++ {
		dir := filepath.Join(content, "initiatives", fmt.Sprintf("generated-%03d", i))
		for _, lang := range langs {
			files[filepath.Join(dir, "_index."+lang+".md")] = fmt.Sprintf(
				"+++\ntitle = %q\ndate = 2020-09-%02d\nsummary = %q\nsourceLanguage = %q\n\n[provenance]\nsource = \"generated\"\n+++\n",
				fmt.Sprintf("%s initiative %d", lang, i), 1+i%28, "A generated initiative for benchmarks.", langs[0])
			for c := 1; c <= clauses; c++ {
				files[filepath.Join(dir, fmt.Sprintf("%d.%s.md", c, lang))] = fmt.Sprintf(
					"+++\ntitle = %q\nnumber = \"%d\"\nweight = %d\n\n[provenance]\nstatus = \"source\"\n+++\n\n%s\n",
					fmt.Sprintf("Clause %d", c), c, c*10, clauseText(lang, c))
			}
		}
	}
	return writeFiles(files)
}

// writeFiles writes each file of the map (path → content), making folders.
func writeFiles(files map[string]string) error {
	for path, body := range files {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func clauseText(lang string, n int) string {
	if strings.HasPrefix(lang, "zh") {
		return strings.Repeat("各方应加强沟通，及时处理消费者投诉，营造舒心的消费环境。", 3+n%4)
	}
	return strings.Repeat("All parties should strengthen communications, promptly handle consumer complaints, and create a comfortable consumption environment. ", 3+n%4)
}

// RepoRoot is the repository's own site, found from go.mod, so that a test
// does not depend on how deep its package sits.
func RepoRoot(t testing.TB) string {
	t.Helper()
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	return root
}
