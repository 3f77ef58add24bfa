package align

import (
	"fmt"

	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// FamilyCodes gives each check family's codes by the family's type name.
func FamilyCodes() map[string][]string {
	m := map[string][]string{}
	for _, f := range families {
		m[familyName(f)] = f.codes()
	}
	return m
}

func familyName(f family) string { return fmt.Sprintf("%T", f)[len("align."):] }

// CheckOnly runs structure (which the others read) and the named family
// alone.
func (ch *Checker) CheckOnly(site *contentsite.Site, name string) *Result {
	all := families
	defer func() { families = all }()
	families = nil
	for _, f := range all {
		if n := familyName(f); n == "structureChecks" || n == name {
			families = append(families, f)
		}
	}
	return ch.Check(site)
}
