package align_test

import (
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
)

func TestUntranslatedChecks(t *testing.T) { testFamily(t, "untranslatedChecks") }

// TestUntranslatedSentence: an English sentence left in French, German or
// Spanish is an error; the same sentence translated is not.
func TestUntranslatedSentence(t *testing.T) {
	left := "Vendors shall keep records for 12 months."
	for _, lang := range []string{"fr", "de", "es", "ru", "it"} {
		t.Run(lang, func(t *testing.T) {
			m := multilingual()
			f := "1." + lang + ".md"
			body := m[f]
			i := strings.LastIndex(strings.TrimSpace(body), ". ")
			m[f] = body[:i+2] + left + "\n"
			for _, x := range runSite(t, m) {
				if x.Code == align.CodeUntranslated && x.Language == lang {
					if x.Severity != align.Error {
						t.Errorf("severity %s, want error", x.Severity)
					}
					return
				}
			}
			t.Errorf("no %s for an English sentence in %s:\n%s", align.CodeUntranslated, lang, m[f])
		})
	}
}
