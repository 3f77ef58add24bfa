package sitetests

import (
	"io/fs"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// fingerprinted matches the name of an asset published with its hash.
var fingerprinted = regexp.MustCompile(`\.[0-9a-f]{64}\.[a-z]+$`)

// The benchmark's "outputs" yardstick (sitefixture.MakeBareTemplates) is
// read as Hugo's own price for Concord's files, so it must make the same
// files: every page, embed card, oEmbed answer, export and header file the
// shipped site makes, and nothing else. Only what Concord's templates
// publish from assets/ (styles, scripts, the search's Han data: files
// with a 64-digit fingerprint in their name, and the scripts at the root)
// is left out.
func TestOutputsYardstickMakesConcordsFiles(t *testing.T) {
	files := func(out string) []string {
		var list []string
		err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(out, p)
			if rel = filepath.ToSlash(rel); !fingerprinted.MatchString(rel) && !(path.Ext(rel) == ".js" && !strings.Contains(rel, "/")) {
				list = append(list, rel)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		slices.Sort(list)
		return list
	}
	build := func(bare bool) []string {
		site := t.TempDir()
		if err := sitefixture.Copy(site, repoRoot); err != nil {
			t.Fatal(err)
		}
		if bare {
			if err := sitefixture.MakeBareTemplates(site); err != nil {
				t.Fatal(err)
			}
		}
		out := filepath.Join(t.TempDir(), "public")
		if err := hugobuild.Build(t.Context(), site, out); err != nil {
			t.Fatal(err)
		}
		return files(out)
	}
	concord, outputs := build(false), build(true)
	var missing, extra []string
	for _, f := range concord {
		if _, found := slices.BinarySearch(outputs, f); !found {
			missing = append(missing, f)
		}
	}
	for _, f := range outputs {
		if _, found := slices.BinarySearch(concord, f); !found {
			extra = append(extra, f)
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		t.Errorf("the outputs yardstick makes %d files, Concord %d: missing %v, extra %v", len(outputs), len(concord), missing, extra)
	}
	if len(concord) < 50 {
		t.Errorf("Concord made %d files: %v", len(concord), concord)
	}
}
