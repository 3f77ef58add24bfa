package pdfprint

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/concord-initiative/concord/internal/versions"
)

// versionData is the versions' data and downloads written where the site
// mounts them (build/data/versions, build/versions), as `make versions`
// writes them: the print build makes each older version's PDFs from them,
// so they must be this text's. Until keep, the folders they replace are
// kept aside, so that a run that fails puts them back and leaves the site
// as it was.
type versionData struct {
	dirs    []string // the folders written
	aside   []string // what was there before, "" where there was nothing
	created []string // parent folders that did not exist, deepest first
}

// writeVersionData writes the data, or, when a version breaks the
// convention, returns the versions tool's error (file:line) and writes nothing.
func writeVersionData(site string) (*versionData, error) {
	v := &versionData{}
	for _, rel := range []string{versions.DataDir, versions.StaticDir} {
		dir := filepath.Join(site, filepath.FromSlash(rel))
		for p := filepath.Dir(dir); p != site && p != filepath.Dir(p); p = filepath.Dir(p) {
			if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
				v.created = append(v.created, p)
			}
		}
		aside := ""
		if _, err := os.Stat(dir); err == nil {
			aside = fmt.Sprintf("%s.pdf-old-%d", dir, time.Now().UnixNano())
			if err := os.Rename(dir, aside); err != nil {
				v.undo()
				return nil, err
			}
		}
		v.dirs, v.aside = append(v.dirs, dir), append(v.aside, aside)
	}
	if err := versions.Run(site, v.dirs[0], v.dirs[1]); err != nil {
		v.undo()
		return nil, err
	}
	return v, nil
}

// keep drops what the new data replaced.
func (v *versionData) keep() {
	for _, a := range v.aside {
		if a != "" {
			os.RemoveAll(a)
		}
	}
}

// undo removes the new data and puts back what was there.
func (v *versionData) undo() {
	for i, dir := range v.dirs {
		os.RemoveAll(dir)
		if v.aside[i] != "" {
			os.Rename(v.aside[i], dir)
		}
	}
	for _, p := range v.created {
		os.Remove(p) // only when empty: another tool's files stay
	}
}
