package align_test

import (
	"slices"
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/align/alignfixture"
)

// A code emitted by no family, or claimed by two, would make a family's
// test pass or fail for another's finding.
func TestEveryCodeHasOneFamily(t *testing.T) {
	owner := map[string]string{}
	for fam, codes := range align.FamilyCodes() {
		for _, c := range codes {
			if o, ok := owner[c]; ok {
				t.Errorf("%s claimed by %s and %s", c, o, fam)
			}
			owner[c] = fam
		}
	}
	for _, r := range align.Rules {
		if owner[r.Code] == "" {
			t.Errorf("rule %s (%s) belongs to no check family", r.Code, r.Name)
		}
	}
}

// testFamily runs the fixture case of each of the family's codes with that
// family alone (and the structure it reads): each code is found, so it is
// the family's own.
func testFamily(t *testing.T, name string) {
	t.Helper()
	codes := align.FamilyCodes()[name]
	if len(codes) == 0 {
		t.Fatalf("no check family %s", name)
	}
	tested := map[string]bool{}
	for _, c := range alignfixture.Cases() {
		if !slices.Contains(codes, c.Code) {
			continue
		}
		tested[c.Code] = true
		t.Run(c.Code, func(t *testing.T) {
			files := c.Files
			files["hugo.toml"] = alignfixture.HugoTOML + alignfixture.LanguagesTOML(c.Languages)
			files["data/glossary.toml"] = ""
			ch, site := siteChecker(t, files)
			fs := ch.CheckOnly(site, name).Findings
			for _, f := range fs {
				if f.Code == c.Code && f.Language == c.Lang {
					return
				}
			}
			t.Errorf("%s alone gave no %s on %s; got:", name, c.Code, c.Lang)
			for _, f := range fs {
				t.Logf("  %s %s %s: %s", f.Code, f.Clause, f.Language, f.Message)
			}
		})
	}
	for _, c := range codes {
		if !tested[c] {
			t.Errorf("%s: no fixture case for %s", name, c)
		}
	}
}
