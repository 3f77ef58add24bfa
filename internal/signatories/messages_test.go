package signatories

import (
	"bytes"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// Every message of the validator is in every i18n file of the site, with
// the same placeholders as its English default; an English file says what
// the default says, so the two cannot drift apart.
func TestEveryMessageIsInEverySiteLanguage(t *testing.T) {
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if len(Messages) < 50 {
		t.Fatalf("only %d messages registered", len(Messages))
	}
	gaps, err := toolmessages.Gaps(root, Messages)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gaps {
		t.Error(g)
	}
}

// Every message renders with the data its check gives it: a placeholder
// the check does not fill would print "<no value>".
func TestMessagesRenderWithoutMissingValues(t *testing.T) {
	root := commandSite(t)
	write(t, root, "data/signatories/pledge.toml", brokenEverywhere)
	_, _, ps, err := Load(root, "2024-01-01")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) < 15 {
		t.Fatalf("only %d problems from the broken file", len(ps))
	}
	for _, p := range ps {
		if s := p.String(); strings.Contains(s, "<no value>") {
			t.Errorf("%s", s)
		}
	}
}

// brokenEverywhere breaks an entry in as many ways as one file can.
var brokenEverywhere = `[[signatory]]
id = "Bad ID"
name = { zh-hans = "` + "\u3164" + `", fr = "x" }
original = { lang = "", name = " y " }
category = "firm"
signed = "2031-02-30"
method = ""
occasion = "not a table"
evidence = { zh-hans = "证据" }
evidenceURL = "javascript:alert(1)"
website = "https://example.org/` + "\u202e" + `"
verified = "yes"
status = "withdrawn"
suspended = { date = "2020-01-01", reason = { zh-hans = "x", en = "y" } }
logo = "signatories/x.svg"
colour = "red"

[[signatory]]
id = "main"
name = { zh-hans = "艾克米", en = "Acme" }

[[signatory]]
name = { zh-hans = "艾克米", en = "Acme" }
`

func write(t *testing.T, root, rel, body string) {
	t.Helper()
	p := filepath.Join(root, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// commandSite is a small site with the repository's i18n files, so the
// command can speak every language the site does.
func commandSite(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	repo, err := hugobuild.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	if err := sitefixture.CopyTree(filepath.Join(root, "i18n"), filepath.Join(repo, "i18n")); err != nil {
		t.Fatal(err)
	}
	write(t, root, "hugo.toml", "[languages.zh-hans]\nweight = 1\n[languages.en]\nweight = 2\n"+
		"[params.signatories]\ncsvLanguages = [\"zh-hans\", \"en\"]\n")
	write(t, root, "content/initiatives/pledge/_index.en.md", "+++\ntitle = \"P\"\ndate = 2020-09-05\n+++\n")
	return root
}

// --lang gives the messages in a site language, each still starting with
// file:line; without it they are in English; a language the site has no
// messages for is refused with the list of those it has.
func TestCommandSpeaksTheSiteLanguages(t *testing.T) {
	root := commandSite(t)
	write(t, root, "data/signatories/pledge.toml", strings.Replace(entry, `"company"`, `"firm"`, 1))
	catalogLangs := func() []string {
		files, _ := filepath.Glob(filepath.Join(root, "i18n", "*.toml"))
		var langs []string
		for _, f := range files {
			langs = append(langs, strings.TrimSuffix(filepath.Base(f), ".toml"))
		}
		return langs
	}()
	run := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := Main(append([]string{"validate"}, args...), &stdout, &stderr)
		return code, stdout.String(), stderr.String()
	}

	code, _, english := run(root)
	if code != 1 || !strings.Contains(english, `data/signatories/pledge.toml:5: signatory "acme": unknown category "firm"`) {
		t.Fatalf("default: exit %d\n%s", code, english)
	}
	for _, lang := range catalogLangs {
		t.Run(lang, func(t *testing.T) {
			code, _, out := run("--lang", lang, root)
			if code != 1 {
				t.Fatalf("exit %d\n%s", code, out)
			}
			want := map[string]string{
				"zh-hans": `data/signatories/pledge.toml:5: 签署方 "acme"：未知的 category "firm"：请使用 platform, company`,
				"en":      `data/signatories/pledge.toml:5: signatory "acme": unknown category "firm"`,
			}[lang]
			if want == "" {
				// A language added later: its own text, but the place first.
				want = "data/signatories/pledge.toml:5: "
			}
			if !strings.Contains(out, want) {
				t.Errorf("--lang %s: no %q in\n%s", lang, want, out)
			}
			for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
				if !strings.HasPrefix(line, "data/signatories/pledge.toml:") && !strings.HasPrefix(line, "signatories") {
					t.Errorf("--lang %s: a line without its file: %q", lang, line)
				}
			}
		})
	}
	if _, _, out := run("--lang", "zh-hans", root); !strings.Contains(out, "signatories：data/signatories 中有 1 个问题") {
		t.Errorf("--lang zh-hans: the summary is not in Chinese:\n%s", out)
	}

	write(t, root, "data/signatories/pledge.toml", entry)
	if code, stdout, _ := run("--lang", "zh-hans", root); code != 0 || !strings.Contains(stdout, "1 个文件，1 个条目，没有问题") {
		t.Errorf("clean site in Chinese: exit %d, %q", code, stdout)
	}
	if code, _, stderr := run("--lang", "xx", root); code != 2 || !strings.Contains(stderr, strings.Join(catalogLangs, ", ")) {
		t.Errorf("--lang xx: exit %d, %q; want 2 and the languages the site has", code, stderr)
	}
}
