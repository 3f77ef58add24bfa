// Package templates tests single partials on sites of a few files written in
// the test (txtar, Hugo's own hugolib.Test; langs/i18n/i18n_integration_test.go
// is the model), where building the whole shipped site would say less and
// take longer. The partial under test is the repository's file itself
// (a "sourcefilename:" entry), not a copy.
package templates

import (
	"testing"

	"github.com/gohugoio/hugo/hugolib"
)

// A language added to a site names itself in the languages it joins
// through its own table (params.names); a language_name_<key> string of the
// page's i18n file is the fallback.
func TestLanguageNameComesFromTheLanguagesOwnTable(t *testing.T) {
	t.Parallel()
	files := `
-- hugo.toml --
disableKinds = ["taxonomy", "term", "rss", "sitemap", "404", "robotsTXT"]
defaultContentLanguage = "en"
[languages.en]
weight = 1
[languages.zh-hans]
weight = 2
[languages.fr]
weight = 3
[languages.fr.params.names]
en = "French"
zh-hans = "法语"
-- i18n/en.toml --
[language_name_zh-hans]
other = "Chinese"
-- i18n/zh-hans.toml --
[language_name_zh-hans]
other = "中文"
-- i18n/fr.toml --
-- layouts/_partials/utils/language-name.html --
sourcefilename: ../../layouts/_partials/utils/language-name.html
-- layouts/_partials/utils/language-name-in.html --
sourcefilename: ../../layouts/_partials/utils/language-name-in.html
-- layouts/home.html --
fr={{ partial "utils/language-name.html" "fr" }}|zh={{ partial "utils/language-name.html" "zh-hans" }}
`
	b := hugolib.Test(t, files)
	b.AssertFileContent("public/index.html", "fr=French|zh=Chinese")
	b.AssertFileContent("public/zh-hans/index.html", "fr=法语|zh=中文")
}

// A clause's number is written the way the clause's own language writes it
// (二、 / II. ), whatever the language of the page that shows it.
func TestClauseHeadingUsesItsLanguagesNumberFormat(t *testing.T) {
	t.Parallel()
	files := `
-- hugo.toml --
disableKinds = ["taxonomy", "term", "rss", "sitemap", "404", "robotsTXT"]
defaultContentLanguage = "zh-hans"
[languages.zh-hans]
weight = 1
[languages.zh-hans.params]
clauseNumberFormat = "%s、"
[languages.en]
weight = 2
[languages.en.params]
clauseNumberFormat = "%s. "
[languages.fr]
weight = 3
-- content/2.zh-hans.md --
+++
title = "坚持合法经营"
number = "二"
+++
-- content/2.en.md --
+++
title = "Lawful business"
number = "II"
+++
-- content/2.fr.md --
+++
title = "Commerce licite"
number = "II"
+++
-- content/3.en.md --
+++
title = "Closing"
+++
-- layouts/_partials/clause/heading-text.html --
sourcefilename: ../../layouts/_partials/clause/heading-text.html
-- layouts/page.html --
[{{ partial "clause/heading-text.html" . }}]
-- layouts/home.html --
`
	b := hugolib.Test(t, files)
	b.AssertFileContent("public/2/index.html", "[二、坚持合法经营]")
	b.AssertFileContent("public/en/2/index.html", "[II. Lawful business]")
	// A language that sets no format gets a number and a space.
	b.AssertFileContent("public/fr/2/index.html", "[II Commerce licite]")
	b.AssertFileContent("public/en/3/index.html", "[Closing]")
}
