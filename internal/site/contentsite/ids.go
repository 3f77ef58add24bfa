package contentsite

import (
	"fmt"
	"regexp"
)

// idPattern is the documented form of initiative and clause IDs
// (docs/authoring.md, "IDs"): lower-case ASCII letters and digits, joined by
// single hyphens. IDs become URL segments, anchors, strings inside CSS and HTML
// and file names in every tool, so anything else is refused rather than
// escaped differently in each place.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// maxIDLength keeps IDs usable as path segments and anchors.
const maxIDLength = 64

// ValidID reports whether id follows the documented pattern.
func ValidID(id string) bool {
	return len(id) <= maxIDLength && idPattern.MatchString(id)
}

// CheckID returns an error naming file and saying what to do when id (the
// initiative's folder name or a clause file's base name) breaks the pattern.
func CheckID(kind, id, file string) error {
	if ValidID(id) {
		return nil
	}
	return fmt.Errorf("%s: %s ID %q is not allowed: use lower-case ASCII letters and digits joined by single hyphens, at most %d characters (docs/authoring.md, \"IDs\"); rename the %s", file, kind, id, maxIDLength, map[string]string{"initiative": "folder", "clause": "file"}[kind])
}
