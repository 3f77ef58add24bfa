package align_test

import (
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/align/alignfixture"
)

// A language added to the site for another initiative is not one this
// initiative is missing clauses in: it has no file in it at all, so the
// checker says once that it is not published there, and raises no error.
// Once the initiative has any file in the language, a clause it lacks
// there is missing again.
func TestLanguageAnInitiativeIsNotInYet(t *testing.T) {
	m := clean()
	m["hugo.toml"] = alignfixture.HugoTOML + alignfixture.LanguagesTOML([]string{"fr"})
	notIn := 0
	for _, f := range runSite(t, m) {
		if f.Severity == align.Error {
			t.Errorf("%s %s %s: %s", f.Code, f.Clause, f.Language, f.Message)
		}
		if f.Code == align.CodeNotInLanguage {
			notIn++
			if f.Language != "fr" || f.Severity != align.Info {
				t.Errorf("%s in %q, severity %s: want French, info", f.Code, f.Language, f.Severity)
			}
		}
	}
	if notIn != 1 {
		t.Errorf("%d %s findings, want 1", notIn, align.CodeNotInLanguage)
	}

	m["_index.fr.md"] = "+++\ntitle = \"T\"\nsourceLanguage = \"zh-hans\"\n+++\n"
	missing := false
	for _, f := range runSite(t, m) {
		if f.Code == align.CodeNotInLanguage {
			t.Errorf("%s once the initiative has a French _index", f.Code)
		}
		missing = missing || f.Code == align.CodeMissing && f.Language == "fr" && f.Severity == align.Error
	}
	if !missing {
		t.Errorf("with a French _index and no French clause, no %s error", align.CodeMissing)
	}
}
