package sitetests

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"
	"github.com/pelletier/go-toml/v2"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// languagesFixture is testdata/languages: French and Arabic added to the
// shipped site as an editor adds a language (its README.md says how).
const languagesFixture = "testdata/languages"

// buildLanguagesSite writes the shipped site plus French and Arabic into a
// temporary folder, touching only the language tables of hugo.toml, the
// i18n files of the new languages, content files and the signatories data,
// and returns the site and its build. The validator's output comes back too.
// perPage, if not 0, sets params.signatories.perPage, for a list of several
// pages: the one change beyond those, made only for the search test.
func buildLanguagesSite(t *testing.T, perPage int) (site, out, stderr string) {
	t.Helper()
	dir := t.TempDir()
	site = filepath.Join(dir, "site")
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	fixture := func(name string) []byte {
		data, err := os.ReadFile(filepath.Join(languagesFixture, name))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	appendTo := func(rel string, data []byte) {
		f, err := os.OpenFile(filepath.Join(site, rel), os.O_APPEND|os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, err := f.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	appendTo("hugo.toml", fixture("languages.toml"))
	if perPage > 0 {
		cfg := bytes.Replace(readFile(t, filepath.Join(site, "hugo.toml")), []byte("perPage = 500"), []byte(fmt.Sprintf("perPage = %d", perPage)), 1)
		if err := os.WriteFile(filepath.Join(site, "hugo.toml"), cfg, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	writeFixtureI18n(t, site, "fr", "ar")

	err := filepath.WalkDir(filepath.Join(site, "content"), func(path string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(path, ".en.md") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, lang := range []string{"fr", "ar"} {
			if err := os.WriteFile(strings.TrimSuffix(path, ".en.md")+"."+lang+".md", data, 0o644); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	dataFile := filepath.Join(site, "data/signatories/live-streaming-2020.toml")
	src := string(readFile(t, dataFile))
	var translations map[string]map[string]map[string]string
	if err := toml.Unmarshal(fixture("translations.toml"), &translations); err != nil {
		t.Fatal(err)
	}
	for id, keys := range translations {
		for key, texts := range keys {
			// The key's inline table in the entry: `key = { zh-hans = "…", en = "…" }`.
			re := regexp.MustCompile(`(id = "` + regexp.QuoteMeta(id) + `"\n(?:[^\[]*?\n)?` + key + ` = \{[^\n]*?) \}\n`)
			if !re.MatchString(src) {
				t.Fatalf("no %s table in entry %s of the shipped data", key, id)
			}
			add := ""
			for _, lang := range []string{"fr", "ar"} {
				if text, ok := texts[lang]; ok {
					add += ", " + lang + " = " + strconvQuote(text)
				}
			}
			src = re.ReplaceAllLiteralString(src, re.FindStringSubmatch(src)[1]+add+" }\n")
		}
	}
	if err := os.WriteFile(dataFile, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	appendTo("data/signatories/live-streaming-2020.toml", fixture("extra-entry.toml"))

	// As `make build`: the validator first, then Hugo.
	var so, se bytes.Buffer
	if code := signatories.Main([]string{"validate", site}, &so, &se); code != 0 {
		t.Fatalf("tools/signatories validate: exit %d, want 0 (untranslated texts only warn)\n%s%s", code, se.String(), so.String())
	}
	out = filepath.Join(dir, "public")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := hugobuild.Build(ctx, site, out); err != nil {
		t.Fatal(err)
	}
	return site, out, se.String()
}

// writeFixtureI18n writes i18n/<lang>.toml into site for each lang: a copy
// of i18n/en.toml with the fixture's strings (testdata/languages/i18n/)
// put over it. A fixture key that en.toml lacks fails the test.
func writeFixtureI18n(t *testing.T, site string, langs ...string) {
	t.Helper()
	writeI18nOverEnglish(t, site, languagesFixture, langs...)
}

// writeI18nOverEnglish is writeFixtureI18n with the strings of the fixture
// folder fixture (its i18n/<lang>.toml).
func writeI18nOverEnglish(t *testing.T, site, fixture string, langs ...string) {
	t.Helper()
	var english map[string]map[string]string
	if err := toml.Unmarshal(readFile(t, filepath.Join(repoRoot, "i18n/en.toml")), &english); err != nil {
		t.Fatal(err)
	}
	for _, lang := range langs {
		var own map[string]map[string]string
		if err := toml.Unmarshal(readFile(t, filepath.Join(fixture, "i18n", lang+".toml")), &own); err != nil {
			t.Fatal(err)
		}
		strs := map[string]map[string]string{}
		for k, v := range english {
			strs[k] = v
		}
		for k, v := range own {
			if _, ok := english[k]; !ok {
				t.Fatalf("i18n/%s.toml of the fixture has %s, which i18n/en.toml does not", lang, k)
			}
			strs[k] = v
		}
		data, err := toml.Marshal(strs)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, "i18n", lang+".toml"), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// strconvQuote quotes a TOML basic string (the fixture's texts have no
// control characters, so Go's quoting is TOML's).
func strconvQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// One build of the four-language site serves every check.
func TestSignatoriesInLanguagesNotYetTranslated(t *testing.T) {
	_, out, warnings := buildLanguagesSite(t, 0)
	t.Run("validator warns and passes", func(t *testing.T) { validatorWarns(t, warnings) })
	t.Run("untranslated names and texts fall back, marked", func(t *testing.T) { fallbacksAreMarked(t, out) })
	t.Run("text in another direction carries dir", func(t *testing.T) { otherDirectionIsMarked(t, out) })
	t.Run("CSV columns stay put", func(t *testing.T) { csvColumnsStayPut(t, out) })
	t.Run("JSON leaves missing translations out", func(t *testing.T) { jsonLeavesMissingOut(t, out) })
	t.Run("feed says what is untranslated", func(t *testing.T) { feedSaysUntranslated(t, out) })
}

func validatorWarns(t *testing.T, stderr string) {
	for _, want := range []string{
		`warning: signatory "kidswant": not yet translated into fr: name, occasion, evidence, note.`,
		`warning: signatory "alibaba": not yet translated into ar: occasion, evidence.`,
		`warning: signatory "fixture-persian": not yet translated into ar: name, occasion, evidence, note.`,
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("the validator does not say %q:\n%s", want, stderr)
		}
	}
	// Alibaba is wholly translated into French.
	if strings.Contains(stderr, `signatory "alibaba": not yet translated into fr`) {
		t.Errorf("a translated entry is reported:\n%s", stderr)
	}
}

// entryOn finds one signatory on a language's list page.
func entryOn(t *testing.T, out, prefix, id string) *goquery.Selection {
	t.Helper()
	li := page(t, out, prefix+signatoriesPage).Find("li.signatory#" + cssID(id))
	if li.Length() != 1 {
		t.Fatalf("%s%s: no entry %s", prefix, signatoriesPage, id)
	}
	return li
}

func fallbacksAreMarked(t *testing.T, out string) {
	notes := map[string]string{"fr/": "pas encore traduit", "ar/": "لم يُترجم بعد"}
	for prefix, note := range notes {
		doc := page(t, out, prefix+signatoriesPage)
		if n := doc.Find("li.signatory").Length(); n != 13 {
			t.Errorf("%s: %d entries, want 13", prefix, n)
		}

		// No French or Arabic name: the original, in its language, marked.
		li := entryOn(t, out, prefix, "kidswant")
		name := li.Find(".signatory-name a span")
		if lang, _ := name.Attr("lang"); name.Text() != "孩子王" || lang != "zh-Hans" {
			t.Errorf("%s kidswant: name %q lang %q, want the original 孩子王 with lang zh-Hans", prefix, name.Text(), lang)
		}
		if got := li.Find(".signatory-name .signatory-untranslated").Text(); got != note {
			t.Errorf("%s kidswant: name note %q, want %q", prefix, got, note)
		}
		// Its texts: the source language's (zh-hans), each marked.
		for _, dd := range []*goquery.Selection{li.Find("dd").Eq(1), li.Find("dd").Eq(2), li.Find("dd").Eq(3)} {
			span := dd.Find(`span[lang="zh-Hans"]`)
			if span.Length() != 1 || !strings.ContainsFunc(span.Text(), isHan) || dd.Find(".signatory-untranslated").Text() != note {
				t.Errorf("%s kidswant: text not marked as the Chinese text standing in: %q", prefix, dd.Text())
			}
		}
		// An original in a language the site does not have: dir="auto".
		fa := entryOn(t, out, prefix, "fixture-persian").Find(".signatory-name a span")
		if lang, _ := fa.Attr("lang"); lang != "fa" || attr(fa, "dir") != "auto" || fa.Text() != "انجمن نمونه" {
			t.Errorf("%s fixture-persian: name %q lang %q dir %q, want the Persian original, lang fa, dir auto", prefix, fa.Text(), lang, attr(fa, "dir"))
		}
	}

	// Translated: nothing marked.
	li := entryOn(t, out, "fr/", "alibaba")
	if li.Find(".signatory-untranslated").Length() != 0 || li.Find(".signatory-name a").Text() != "Alibaba" ||
		!strings.Contains(li.Find("dd").Eq(1).Text(), "Conférence chinoise du commerce électronique 2020") {
		t.Errorf("fr alibaba, wholly translated, is marked or not in French: %s", li.Text())
	}
	// A translated name with untranslated texts: only the texts marked.
	li = entryOn(t, out, "fr/", "jd-com")
	if li.Find(".signatory-name .signatory-untranslated").Length() != 0 || li.Find("dd .signatory-untranslated").Length() != 2 {
		t.Errorf("fr jd-com: want the name unmarked and occasion and evidence marked: %s", li.Text())
	}
	if got := entryOn(t, out, "ar/", "alibaba").Find(".signatory-name a").Text(); got != "علي بابا" {
		t.Errorf("ar alibaba: name %q, want علي بابا", got)
	}
	// The shipped languages have everything: no mark anywhere.
	for _, prefix := range []string{"", "en/"} {
		if n := page(t, out, prefix+signatoriesPage).Find(".signatory-untranslated").Length(); n != 0 {
			t.Errorf("%s: %d untranslated marks on a wholly translated list", prefix+signatoriesPage, n)
		}
	}
}

func isHan(r rune) bool { return r >= 0x4E00 && r <= 0x9FFF }

func attr(s *goquery.Selection, name string) string {
	v, _ := s.Attr(name)
	return v
}

// Arabic text on a left-to-right page carries dir="rtl"; on the Arabic
// page, text in a left-to-right language carries dir="ltr", and text in a
// language the site does not have dir="auto".
func otherDirectionIsMarked(t *testing.T, out string) {
	for _, prefix := range []string{"", "en/", "fr/"} {
		doc := page(t, out, prefix+signatoriesPage)
		arabic := doc.Find(`li.signatory [lang="ar"]`)
		if arabic.Length() != 2 {
			t.Errorf("%s: %d Arabic names, want 2 (alibaba and kuaishou)", prefix+signatoriesPage, arabic.Length())
		}
		arabic.Each(func(_ int, s *goquery.Selection) {
			if attr(s, "dir") != "rtl" {
				t.Errorf("%s: Arabic %q without dir=rtl", prefix+signatoriesPage, s.Text())
			}
		})
		doc.Find(`li.signatory [lang]:not([lang="ar"]):not([lang="fa"])`).Each(func(_ int, s *goquery.Selection) {
			if d := attr(s, "dir"); d != "" {
				t.Errorf("%s: %q (lang %s) has dir=%q on a left-to-right page", prefix+signatoriesPage, s.Text(), attr(s, "lang"), d)
			}
		})
	}
	doc := page(t, out, "ar/"+signatoriesPage)
	if d := attr(doc.Find("html"), "dir"); d != "rtl" {
		t.Errorf("the Arabic list page has dir=%q", d)
	}
	others := doc.Find(`li.signatory [lang]:not([lang="ar"])`)
	if others.Length() < 13 {
		t.Errorf("the Arabic page has %d elements in other languages, want at least one per entry", others.Length())
	}
	others.Each(func(_ int, s *goquery.Selection) {
		want := "ltr"
		if attr(s, "lang") == "fa" {
			want = "auto"
		}
		if d := attr(s, "dir"); d != want {
			t.Errorf("ar: %q (lang %s) has dir=%q, want %s", s.Text(), attr(s, "lang"), d, want)
		}
	})
}

func csvRecords(t *testing.T, dir, file string) [][]string {
	t.Helper()
	data := bytes.TrimPrefix(readFile(t, filepath.Join(dir, file)), []byte("\ufeff"))
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return records
}

// Adding languages adds columns at the end only: the two-language site's
// CSV is a column-prefix of the four-language site's, header and cells, so
// a spreadsheet or script reading columns by position reads the same.
func csvColumnsStayPut(t *testing.T, out string) {
	for _, prefix := range uiPrefix {
		file := prefix + initiative + "signatories.csv"
		two, four := csvRecords(t, public, file), csvRecords(t, out, file)
		if want := append(slices.Clone(csvColumns), "name_fr", "name_ar"); !slices.Equal(four[0], want) {
			t.Errorf("%s columns with four languages:\n got %v\nwant %v", file, four[0], want)
		}
		rows := map[string][]string{}
		for _, r := range four[1:] {
			rows[r[0]] = r
		}
		for _, r := range two {
			if got := rows[r[0]]; r[0] != "id" && !slices.Equal(got[:len(r)], r) {
				t.Errorf("%s %s: with two languages\n %q\nwith four\n %q", file, r[0], r, got)
			}
		}
		if !slices.Equal(four[0][:len(two[0])], two[0]) {
			t.Errorf("%s: header %v is not a prefix of %v", file, two[0], four[0])
		}
	}
	// The French file: French where there is French, else empty, never
	// another language's text in a French column.
	records := csvRecords(t, out, "fr/"+initiative+"signatories.csv")
	col := map[string]int{}
	for i, c := range records[0] {
		col[c] = i
	}
	for _, r := range records[1:] {
		switch r[col["id"]] {
		case "alibaba":
			if r[col["name_fr"]] != "Alibaba" || r[col["name_ar"]] != "علي بابا" || !strings.HasPrefix(r[col["occasion"]], "Conférence") {
				t.Errorf("fr CSV alibaba: %q", r)
			}
		case "kidswant":
			if r[col["name_fr"]] != "" || r[col["occasion"]] != "" || r[col["evidence"]] != "" || r[col["note"]] != "" || r[col["original_name"]] != "孩子王" {
				t.Errorf("fr CSV kidswant: untranslated cells must be empty, the original name given: %q", r)
			}
		}
	}
}

func jsonLeavesMissingOut(t *testing.T, out string) {
	schema := compileSchema(t)
	for _, prefix := range []string{"fr/", "ar/"} {
		file := prefix + initiative + "signatories.json"
		export := checkJSON(t, schema, out, file)
		var head struct {
			Languages      []string
			SourceLanguage string
		}
		if err := json.Unmarshal(readFile(t, filepath.Join(out, file)), &head); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(head.Languages, []string{"zh-hans", "en", "fr", "ar"}) || head.SourceLanguage != "zh-hans" {
			t.Errorf("%s: languages %v, sourceLanguage %q", file, head.Languages, head.SourceLanguage)
		}
		for _, e := range export.Entries {
			switch e.ID {
			case "kidswant":
				if _, ok := e.Name["fr"]; ok || len(e.Name) != 2 {
					t.Errorf("%s kidswant: name %v, want only the languages it is written in", file, e.Name)
				}
				if _, ok := e.Evidence["fr"]; ok {
					t.Errorf("%s kidswant: evidence %v has a French text the data lacks", file, e.Evidence)
				}
			case "alibaba":
				if e.Name["fr"] != "Alibaba" || e.Name["ar"] != "علي بابا" {
					t.Errorf("%s alibaba: name %v", file, e.Name)
				}
			}
		}
	}
}

func feedSaysUntranslated(t *testing.T, out string) {
	feed := readFeed(t, out, "fr/"+initiative+"signatories.atom")
	var titles []string
	for _, e := range feed.Entries {
		titles = append(titles, e.Title)
	}
	all := strings.Join(titles, "\n")
	for _, want := range []string{"Alibaba a soutenu l'initiative", "孩子王 (pas encore traduit) a soutenu l'initiative"} {
		if !strings.Contains(all, want) {
			t.Errorf("fr feed has no title %q:\n%s", want, all)
		}
	}
}

// On a list of several pages the script draws search results from the JSON
// export: there too a name the page's language lacks is the original name,
// with its lang and dir, marked as not yet translated, and an Arabic name on
// an English page carries dir="rtl".
func TestSearchResultsMarkUntranslatedNamesAndDirection(t *testing.T) {
	_, out, _ := buildLanguagesSite(t, 4)
	srv := browsertest.Serve(t, out, nil)
	browser := browsertest.New(t)
	type span struct{ Text, Lang, Dir, Note string }
	const resultNames = `(() => {
		const li = document.querySelector(".signatory-results li.signatory");
		if (!li) return null;
		return [...li.querySelectorAll(".signatory-name span, .signatory-other-names span")].map(s => ({
			Text: s.textContent, Lang: s.lang, Dir: s.dir,
			Note: (s.closest(".signatory-name") && s.closest(".signatory-name").querySelector(".signatory-untranslated") || {}).textContent || "",
		}));
	})()`
	search := func(path, q string) []span {
		t.Helper()
		ctx := browser.Tab(t, 1280, 900, false)
		open(t, ctx, srv.URL+"/"+path)
		setControl(t, ctx, "#signatory-q", q)
		spans, err := chromedp.Run(ctx, chromedp.Poll[[]span](resultNames, chromedp.WithPollingTimeout(20*time.Second)))
		if err != nil {
			t.Fatalf("%s: no search results for %q: %v", path, q, err)
		}
		return spans
	}

	got := search("ar/"+signatoriesPage, "Kidswant")
	if len(got) < 1 || got[0] != (span{"孩子王", "zh-Hans", "ltr", "لم يُترجم بعد"}) {
		t.Errorf("ar: result for Kidswant %+v, want first the original 孩子王, lang zh-Hans, dir ltr, marked", got)
	}
	got = search("en/"+signatoriesPage, "Alibaba")
	if !slices.Contains(got, span{"علي بابا", "ar", "rtl", ""}) || !slices.Contains(got, span{"阿里巴巴", "zh-Hans", "", ""}) {
		t.Errorf("en: result for Alibaba %+v, want the Arabic name with dir rtl and the Chinese without dir", got)
	}
}
