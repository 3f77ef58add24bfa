package pdfprint

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// languageSuffix is the ".<lang>" of a clause file name ("2.zh-hans.md").
var languageSuffix = regexp.MustCompile(`\.[a-z]{2,3}(-[a-z0-9]+)*$`)

// checkIDs refuses an initiative folder or clause file whose ID breaks the
// documented pattern, naming the file. IDs end up in anchors, file names
// and the print pages' CSS; a pattern is safer than an escape per place.
func checkIDs(site string) error {
	root := filepath.Join(site, "content", "initiatives")
	entries, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var errs []error
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join("content", "initiatives", e.Name())
		if err := contentsite.CheckID("initiative", e.Name(), dir); err != nil {
			errs = append(errs, err)
			continue
		}
		files, err := os.ReadDir(filepath.Join(site, dir))
		if err != nil {
			return err
		}
		for _, f := range files {
			id, ok := clauseID(filepath.Join(site, dir), f)
			if !ok {
				continue
			}
			if err := contentsite.CheckID("clause", id, filepath.Join(dir, f.Name())); err != nil {
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// clauseID is the ID Hugo gives the clause in entry f of an initiative
// folder: the file name without language and extension, or the folder name
// of a leaf bundle (<id>/index.<lang>.md).
func clauseID(dir string, f fs.DirEntry) (string, bool) {
	name := f.Name()
	if f.IsDir() {
		matches, _ := filepath.Glob(filepath.Join(dir, name, "index*.md"))
		return name, len(matches) > 0
	}
	if !strings.HasSuffix(name, ".md") || strings.HasPrefix(name, "_index") || strings.HasPrefix(name, ".") {
		return "", false
	}
	stem := strings.TrimSuffix(name, ".md")
	return languageSuffix.ReplaceAllString(stem, ""), true
}
