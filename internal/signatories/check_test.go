package signatories

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
)

var testSite = &Site{
	Languages:    []string{"zh-hans", "en"},
	Initiatives:  map[string]string{"pledge": "2020-09-05"},
	Sources:      map[string]string{"pledge": "zh-hans"},
	CSVLanguages: []string{"zh-hans", "en"},
}

// entry is a valid [[signatory]] block; tests replace one line to break it.
const entry = `[[signatory]]
id = "acme"
name = { zh-hans = "艾克米", en = "Acme" }
original = { lang = "zh-Hans", name = "艾克米" }
category = "company"
signed = "2020-09-05"
method = "letter"
occasion = { zh-hans = "致编辑的信", en = "Letter to the editors" }
evidence = { zh-hans = "信件", en = "The letter" }
verified = true
status = "active"
`

func check(t *testing.T, src string) Problems {
	t.Helper()
	f, ps := Parse("data/signatories/pledge.toml", []byte(src))
	return append(ps, Check(testSite, []*File{f}, "2024-01-01")...).Sorted()
}

func TestValidEntryHasNoProblems(t *testing.T) {
	if ps := check(t, entry); len(ps) > 0 {
		t.Fatalf("valid entry: %v", ps)
	}
}

func TestShippedSignatoriesAreValid(t *testing.T) {
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	_, files, ps, err := Load(root, Today())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		t.Error(p)
	}
	if len(files) == 0 {
		t.Fatal("no signatories file found in data/signatories")
	}
}

func TestProblemsSayWhereAndWhatToDo(t *testing.T) {
	withdrawn := strings.Replace(entry, `status = "active"`, `status = "withdrawn"`+"\n"+
		`withdrawn = { date = "2020-01-01", reason = { zh-hans = "退出", en = "Left" } }`, 1)
	tests := []struct {
		name string
		src  string
		line int
		want string
	}{
		{"text missing in the source language", strings.Replace(entry, `zh-hans = "信件", `, ``, 1), 9, "evidence has no zh-hans, the initiative's source language"},
		{"empty text table", strings.Replace(entry, `{ zh-hans = "信件", en = "The letter" }`, `{}`, 1), 9, "evidence is missing"},
		{"unknown language", strings.Replace(entry, `en = "Acme"`, `en = "Acme", fr = "Acmé"`, 1), 3, `"fr" is not a language of this site`},
		{"unknown category", strings.Replace(entry, `"company"`, `"corporation"`, 1), 5, `unknown category "corporation": use one of platform, company`},
		{"future date", strings.Replace(entry, `"2020-09-05"`, `"2031-01-01"`, 1), 6, "is in the future"},
		{"impossible date", strings.Replace(entry, `"2020-09-05"`, `"2021-02-30"`, 1), 6, "not a real date"},
		{"unquoted TOML date", strings.Replace(entry, `"2020-09-05"`, `2020-09-05`, 1), 6, `write signed = "2020-09-05"`},
		{"before launch", strings.Replace(entry, `"2020-09-05"`, `"2019-12-31"`, 1), 6, "before the initiative was launched (2020-09-05)"},
		{"withdrawn before signing", withdrawn, 12, "withdrawn on 2020-01-01, before signing on 2020-09-05"},
		{"withdrawn without date and reason", strings.Replace(entry, `"active"`, `"withdrawn"`, 1), 11, "no withdrawn table"},
		{"withdrawal of an active entry", entry + `withdrawn = { date = "2021-01-01", reason = { zh-hans = "退出", en = "Left" } }`, 12, `status is "active"`},
		{"unknown key", entry + "colour = \"red\"\n", 12, `unknown key "colour"`},
		{"bad id", strings.Replace(entry, `"acme"`, `"Acme Inc"`, 1), 2, "not lower-case ASCII"},
		{"reserved id", strings.Replace(entry, `"acme"`, `"signatories-withdrawn"`, 1), 2, "collides with the list page's own anchors"},
		{"script URL", entry + "website = \"javascript:alert(1)\"\n", 12, "not a full web address"},
		{"bidi override", strings.Replace(entry, `en = "Acme"`, "en = \"Ac\u202Eme\"", 1), 3, "invisible character U+202E"},
		{"verified missing", strings.Replace(entry, "verified = true\n", "", 1), 1, "verified is missing"},
		{"verified quoted", strings.Replace(entry, "verified = true", `verified = "yes"`, 1), 10, "verified must be true or false"},
		{"TOML syntax", strings.Replace(entry, `category = "company"`, `category = "company`, 1), 5, "TOML syntax"},
		{"not UTF-8", strings.Replace(entry, "Acme\"", "Acm\xe9\"", 1), 3, "this line is not UTF-8"},
		{"logo not local", entry + "logo = \"https://example.com/a.png\"\n", 12, "must be a path under static/"},
		{"missing logo file", entry + "logo = \"/signatories/acme.png\"\n", 12, "there is no static/signatories/acme.png"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := check(t, tc.src)
			for _, p := range ps {
				if strings.Contains(p.Message(nil), tc.want) {
					if p.Line != tc.line {
						t.Errorf("%q reported on line %d, want line %d", tc.want, p.Line, tc.line)
					}
					if !strings.HasPrefix(p.String(), "data/signatories/pledge.toml:") {
						t.Errorf("problem does not start with the file: %s", p)
					}
					return
				}
			}
			t.Errorf("no problem containing %q; got %v", tc.want, ps)
		})
	}
}

func TestDuplicatesAreFoundAcrossWidthCaseAndScript(t *testing.T) {
	second := func(id, zh, en string) string {
		s := strings.Replace(entry, `"acme"`, `"`+id+`"`, 1)
		s = strings.Replace(s, `zh-hans = "艾克米", en = "Acme"`, `zh-hans = "`+zh+`", en = "`+en+`"`, 1)
		return strings.Replace(s, `name = "艾克米"`, `name = "`+zh+`"`, 1)
	}
	base := second("red", "小红书", "Xiaohongshu (RED)")
	tests := map[string]string{
		"traditional": second("red-2", "小紅書", "Little Red Book"),
		"full-width":  second("red-3", "小红书股份", "ＸＩＡＯＨＯＮＧＳＨＵ（ＲＥＤ）"),
		"punctuation": second("red-4", "小红书公司", "xiaohongshu RED"),
	}
	for name, dup := range tests {
		t.Run(name, func(t *testing.T) {
			ps := check(t, base+"\n"+dup)
			found := false
			for _, p := range ps {
				if strings.Contains(p.Message(nil), "is the same name as") {
					found = true
					if p.Line != 15 {
						t.Errorf("duplicate reported on line %d, want 15 (the second entry's name)", p.Line)
					}
				}
			}
			if !found {
				t.Errorf("duplicate not found: %v", ps)
			}
		})
	}
	if ps := check(t, base+"\n"+second("jd", "京东", "JD.com")); len(ps) > 0 {
		t.Errorf("different organisations reported: %v", ps)
	}
}

func TestDuplicateIDs(t *testing.T) {
	dup := strings.Replace(entry, `"艾克米", en = "Acme"`, `"另一家", en = "Other"`, 1)
	dup = strings.Replace(dup, `name = "艾克米"`, `name = "另一家"`, 1)
	ps := check(t, entry+"\n"+dup)
	if len(ps) != 1 || !strings.Contains(ps[0].Message(nil), "already used on line 1") || ps[0].Line != 14 {
		t.Errorf("want one duplicate-ID problem on line 14, got %v", ps)
	}
}

func TestFileMustBeNamedAfterAnInitiative(t *testing.T) {
	f, _ := Parse("data/signatories/no-such.toml", []byte(entry))
	ps := Check(testSite, []*File{f}, "2024-01-01")
	if len(ps) != 1 || !strings.Contains(ps[0].Message(nil), `no initiative "no-such"`) {
		t.Errorf("got %v", ps)
	}
}

func TestCommandExitsNonZeroWithFileAndLine(t *testing.T) {
	root := commandSite(t)
	write(t, root, "data/signatories/pledge.toml", strings.Replace(entry, `"company"`, `"firm"`, 1))
	write(t, root, "data/signatories/extra.yaml", "x: 1\n")
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"validate", root}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d, want 1; stderr:\n%s", code, stderr.String())
	}
	for _, want := range []string{
		"data/signatories/pledge.toml:5: signatory \"acme\": unknown category \"firm\"",
		"data/signatories/extra.yaml: signatories files are TOML",
	} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
		}
	}

	write(t, root, "data/signatories/pledge.toml", entry)
	os.Remove(filepath.Join(root, "data/signatories/extra.yaml"))
	stdout.Reset()
	stderr.Reset()
	if code := Main([]string{"validate", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d on a valid site; stderr:\n%s", code, stderr.String())
	}
	if code := Main(nil, &stdout, &stderr); code != 2 {
		t.Errorf("no arguments: exit %d, want 2 (usage)", code)
	}
}

// The benchmark's generated list must pass the same checks as real data,
// or it would measure a list the build refuses.
func TestSyntheticListIsValid(t *testing.T) {
	f, ps := Parse("data/signatories/pledge.toml", Synthetic(10000, testSite.Languages, "2020-09-05"))
	ps = append(ps, Check(testSite, []*File{f}, "2026-01-01")...)
	for i, p := range ps {
		if i == 5 {
			t.Fatalf("… %d problems in all", len(ps))
		}
		t.Error(p)
	}
	if len(f.Entries) != 10000 {
		t.Errorf("%d entries, want 10000", len(f.Entries))
	}
}

// A name made only of characters that show nothing would be an entry
// without a visible name, or a second entry that looks new. Each is
// refused on its line, whichever invisible or format character it is.
func TestNamesOfOnlyInvisibleCharactersAreRefused(t *testing.T) {
	invisible := map[string]string{
		"hangul filler":       "\u3164",
		"zero width space":    "\u200B\u200B",
		"left-to-right mark":  "\u200E",
		"right-to-left mark":  "\u200F",
		"arabic letter mark":  "\u061C",
		"soft hyphen":         "\u00AD",
		"tag characters":      "\U000E0041\U000E0042",
		"word joiner + space": "\u2060 \u2060",
		"braille blank":       "\u2800",
		"variation selector":  "\uFE0F",
	}
	for name, v := range invisible {
		t.Run(name, func(t *testing.T) {
			ps := check(t, strings.Replace(entry, `en = "Acme"`, fmt.Sprintf("en = %q", v), 1))
			for _, p := range ps {
				if strings.Contains(p.Message(nil), "has no visible character") {
					if p.Line != 3 || !strings.HasPrefix(p.String(), "data/signatories/pledge.toml:3: ") {
						t.Errorf("reported as %s, want at data/signatories/pledge.toml:3", p)
					}
					return
				}
			}
			t.Errorf("name %q accepted: %v", v, ps)
		})
	}
	// Invisible characters inside a visible name are the writing system's
	// business (a zero-width joiner in a Persian name): the name stands.
	if ps := check(t, strings.Replace(entry, `en = "Acme"`, "en = \"Ac\u200Dme\"", 1)); len(ps) > 0 {
		t.Errorf("a visible name with a joiner is refused: %v", ps)
	}
}

// A text-direction or format character in a web address makes the link
// read as another one; url.Parse accepts it in a path.
func TestBidiControlsInWebsiteAreRefused(t *testing.T) {
	for _, v := range []string{
		"https://example.org/\u202Egnp.exe",
		"https://example.org/a\u200Fb",
		"https://example.org/\u2066x\u2069",
		"https://exa\u061Cmple.org/",
		"https://example.org/\u200B",
	} {
		ps := check(t, entry+fmt.Sprintf("website = %q\n", v))
		if len(ps) != 1 || ps[0].Line != 12 || !strings.Contains(ps[0].Message(nil), "website contains the invisible character U+") {
			t.Errorf("website %q: got %v, want one problem on line 12", v, ps)
		}
		ps = check(t, entry+fmt.Sprintf("evidenceURL = %q\n", v))
		if len(ps) != 1 || ps[0].Line != 12 {
			t.Errorf("evidenceURL %q: got %v, want one problem on line 12", v, ps)
		}
	}
}

// The same name typed with letters of another script that look the same
// (Unicode TR39 confusables) is a duplicate.
func TestDuplicatesAreFoundAcrossConfusableScripts(t *testing.T) {
	named := func(id, en string) string {
		s := strings.Replace(entry, `"acme"`, `"`+id+`"`, 1)
		s = strings.Replace(s, `zh-hans = "艾克米", en = "Acme"`, `zh-hans = "`+id+`", en = "`+en+`"`, 1)
		return strings.Replace(s, `name = "艾克米"`, `name = "`+id+`"`, 1)
	}
	tests := []struct{ name, first, second string }{
		{"Cyrillic А", "Alibaba", "\u0410libaba"},
		{"Cyrillic а and о", "Shopee", "Sh\u043Ep\u0435e"},
		{"Greek", "OPPO", "\u039F\u03A1\u03A1\u039F"},
		{"Greek lower case", "oppo", "\u03BF\u03C1\u03C1\u03BF"},
		{"hangul filler", "Alibaba", "Alibaba\u3164"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := check(t, named("first", tc.first)+"\n"+named("second", tc.second))
			if len(ps) != 1 || ps[0].Line != 15 || !strings.Contains(ps[0].Message(nil), `of "first" on line 1`) {
				t.Errorf("%q after %q: got %v, want one duplicate on line 15", tc.second, tc.first, ps)
			}
		})
	}
	// Look-alikes within one script are real names that differ.
	for _, pair := range [][2]string{{"Alibaba", "Alipay"}, {"Modern", "Modem"}, {"Studio l", "Studio I"}, {"士林", "土林"}} {
		if ps := check(t, named("first", pair[0])+"\n"+named("second", pair[1])); len(ps) > 0 {
			t.Errorf("%q and %q reported: %v", pair[0], pair[1], ps)
		}
	}
}

// A site with a third language whose translations are not all there yet:
// each entry gets one warning per language naming what it lacks, on its
// first line, and none is an error, so the build goes on (the pages show
// the original name and the source language's text, marked).
func TestUntranslatedTextsWarnWithoutFailing(t *testing.T) {
	site := *testSite
	site.Languages = []string{"zh-hans", "en", "fr"}
	site.CSVLanguages = site.Languages
	f, ps := Parse("data/signatories/pledge.toml", []byte(strings.Replace(entry, `en = "Acme"`, `en = "Acme", fr = "Acmé"`, 1)+
		"note = { zh-hans = \"注\", en = \"Note\" }\n"))
	ps = append(ps, Check(&site, []*File{f}, "2024-01-01")...)
	if len(ps.Errors()) > 0 {
		t.Fatalf("untranslated texts are errors: %v", ps.Errors())
	}
	want := `data/signatories/pledge.toml:1: warning: signatory "acme": not yet translated into fr: occasion, evidence, note.`
	if len(ps) != 1 || !strings.HasPrefix(ps[0].String(), want) {
		t.Fatalf("want one warning %q, got %v", want, ps)
	}

	// Only the original name: every language falls back to it.
	f, ps = Parse("data/signatories/pledge.toml", []byte(strings.Replace(entry, `name = { zh-hans = "艾克米", en = "Acme" }`+"\n", "", 1)))
	ps = append(ps, Check(testSite, []*File{f}, "2024-01-01")...)
	if len(ps.Errors()) != 1 || !strings.Contains(ps.Errors()[0].Message(nil), "name is missing") {
		t.Errorf("an entry without a name table: want the error that name is missing, got %v", ps)
	}
}

// A site language missing from params.signatories.csvLanguages is a
// warning: its CSV column comes after the listed ones, where it could move.
func TestLanguageMissingFromCSVListWarns(t *testing.T) {
	site := *testSite
	site.Languages = []string{"zh-hans", "en", "fr"}
	f, _ := Parse("data/signatories/pledge.toml", []byte(strings.Replace(strings.Replace(strings.Replace(strings.Replace(entry,
		`en = "Acme"`, `en = "Acme", fr = "Acmé"`, 1),
		`en = "Letter to the editors"`, `en = "Letter to the editors", fr = "Lettre aux éditeurs"`, 1),
		`en = "The letter"`, `en = "The letter", fr = "La lettre"`, 1), "\n\n", "\n", 1)))
	ps := Check(&site, []*File{f}, "2024-01-01")
	if len(ps) != 1 || !ps[0].Warning || !strings.HasPrefix(ps[0].String(), `hugo.toml: warning: params.signatories.csvLanguages lacks "fr"`) {
		t.Errorf("want one warning about csvLanguages, got %v", ps)
	}
}

// The command prints warnings and exits 0 when nothing else is wrong.
func TestCommandWarnsAndPassesOnUntranslatedTexts(t *testing.T) {
	root := commandSite(t)
	write(t, root, "hugo.toml", "[languages.zh-hans]\nweight = 1\n[languages.en]\nweight = 2\n[languages.fr]\nweight = 3\n"+
		"[params.signatories]\ncsvLanguages = [\"zh-hans\", \"en\", \"fr\"]\n")
	write(t, root, "data/signatories/pledge.toml", entry)
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"validate", root}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d, want 0; stderr:\n%s", code, stderr.String())
	}
	if want := `data/signatories/pledge.toml:1: warning: signatory "acme": not yet translated into fr: name, occasion, evidence.`; !strings.Contains(stderr.String(), want) {
		t.Errorf("stderr lacks %q:\n%s", want, stderr.String())
	}
	if want := "1 file(s), 1 entries, no problems; 1 warning(s)"; !strings.Contains(stdout.String(), want) {
		t.Errorf("stdout lacks %q:\n%s", want, stdout.String())
	}
}

// A name that reads as code (the payloads of the site's hostile-input
// test) is a warning for an editor's file, marked Suspect so the
// endorsement form refuses it; real names that merely contain "<", "-" or
// "+" inside are left alone.
func TestNameThatReadsAsCodeIsSuspect(t *testing.T) {
	for _, tc := range []struct {
		name    string
		suspect bool
	}{
		{`<script>alert(1)</script>`, true},
		{`'><img src=x onerror=alert(1)>`, true},
		{`</title>`, true},
		{`<!-- x -->`, true},
		{`{{ .Site.Title }}`, true},
		{`=HYPERLINK("http://evil.example","click")`, true},
		{` +1 Acme`, true},
		{`@acme`, true},
		{`Acme <3 Co`, false},
		{`-ism Studio`, false},
		{`Tom + Jerry Ltd`, false},
		{`阿里巴巴`, false},
	} {
		got := looksLikeCode(tc.name) != nil
		if got != tc.suspect {
			t.Errorf("looksLikeCode(%q) = %v, want %v", tc.name, got, tc.suspect)
		}
	}
}
