package pdfprint

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"unicode/utf8"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// textInputs are the parts of a site whose text ends up in a PDF, and
// textExts the files in them that are text.
var (
	textInputs = append(siteconfig.Paths(), "content", "data", "i18n", "layouts", "assets")
	textExts   = map[string]bool{".md": true, ".toml": true, ".yaml": true, ".yml": true, ".json": true, ".html": true, ".css": true, ".js": true, ".txt": true, ".csv": true, ".xml": true, ".atom": true}
)

// checkInputs reads every text file the PDFs are made from and stops at the
// first that cannot be read or is not UTF-8: Hugo would print its bytes as
// they are, and the PDF would show replacement characters.
func checkInputs(site string) error {
	for _, part := range textInputs {
		root := filepath.Join(site, part)
		if _, err := os.Stat(root); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			rel, _ := filepath.Rel(site, p)
			if err != nil {
				return fmt.Errorf("%s: cannot read: %v", rel, errors.Unwrap(err))
			}
			if d.IsDir() || !textExts[filepath.Ext(p)] {
				return nil
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return fmt.Errorf("%s: cannot read: %v", rel, unwrapPath(err))
			}
			if !utf8.Valid(data) {
				return fmt.Errorf("%s:%d: not UTF-8: save the file as UTF-8", rel, firstInvalidLine(data))
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

func firstInvalidLine(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			return 1 + bytes.Count(data[:i], []byte("\n"))
		}
		i += size
	}
	return 0
}

// unwrapPath drops the path a *PathError repeats, since the message names
// the file already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// buildError turns a failed Hugo build, whose output runs to many lines,
// into Hugo's one line that says what is wrong.
func buildError(err error) error {
	var be *hugobuild.BuildError
	if errors.As(err, &be) {
		return fmt.Errorf("hugo: %s", be.Line())
	}
	return err
}
