package signatories

import (
	"os"
	"path/filepath"
)

var msgCannotRead = message("signatories_check_cannot_read",
	"cannot read: {{ .Error }}")

// Load parses and checks every signatories file of the site at root: what
// `go run ./tools/signatories validate` does, for tests and tools alike.
func Load(root, today string) (*Site, []*File, Problems, error) {
	site, err := LoadSite(root)
	if err != nil {
		return nil, nil, nil, err
	}
	paths, ps := site.Files()
	var files []*File
	for _, rel := range paths {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
		if err != nil {
			ps.add(rel, 0, msgCannotRead, d{"Error": err.Error()})
			continue
		}
		f, parsePs := Parse(rel, data)
		ps = append(ps, parsePs...)
		files = append(files, f)
	}
	ps = append(ps, Check(site, files, today)...)
	return site, files, ps.Sorted(), nil
}
