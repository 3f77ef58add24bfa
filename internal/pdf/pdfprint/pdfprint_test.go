package pdfprint

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

func TestPDFPathsStayInsideTheOutputFolder(t *testing.T) {
	for p, ok := range map[string]bool{
		"initiatives/x/x-en.pdf":  true,
		"x.pdf":                   true,
		"../x.pdf":                false,
		"/etc/x.pdf":              false,
		"initiatives/../../x.pdf": false,
		"initiatives/x/x-en.html": false,
		"initiatives//x.pdf":      false,
		"":                        false,
	} {
		if validPDFPath(p) != ok {
			t.Errorf("validPDFPath(%q) = %v, want %v", p, !ok, ok)
		}
	}
}

func TestFindPrintPagesReadsTheirMetaAndRefusesClashes(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, html string) {
		t.Helper()
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(html), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Minified, as Hugo writes it: attributes without quotes.
	write("en/i/x/print.html", `<!doctype html><html lang=en><title>X</title><meta name=author content="Ed"><meta name=concord-pdf content=i/x/x-en.pdf>`)
	write("i/x/print-side-by-side.html", `<html lang=zh-Hans><title>甲 · X</title><meta name="concord-pdf" content="i/x/x-zh-hans-en.pdf">`)
	write("en/i/x/print-side-by-side.html", `<html lang=en><title>甲 · X</title>`)
	write("i/x/index.html", `<meta name=concord-pdf content=i/x/never.pdf>`)
	pages, err := findPrintPages(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(pages) != 2 || pages[0].PDF != "i/x/x-en.pdf" || pages[1].PDF != "i/x/x-zh-hans-en.pdf" {
		t.Fatalf("pages = %+v", pages)
	}
	if p := pages[0]; p.URLPath != "/en/i/x/print.html" || p.Title != "X" || p.Author != "Ed" || p.Lang != "en" {
		t.Errorf("page = %+v", p)
	}

	write("i/x/print.html", `<meta name=concord-pdf content=i/x/x-en.pdf>`)
	if _, err := findPrintPages(dir); err == nil || !strings.Contains(err.Error(), "both print to i/x/x-en.pdf") {
		t.Errorf("two pages printing to one file: err = %v", err)
	}
	write("i/x/print.html", `<meta name=concord-pdf content=../../x.pdf>`)
	if _, err := findPrintPages(dir); err == nil {
		t.Error("a PDF path outside the output folder was accepted")
	}
}

// The fonts the tool checks for are the fonts the print stylesheet names.
func TestRequiredFontsAreThePrintStylesheetsFonts(t *testing.T) {
	css, err := os.ReadFile(filepath.Join(sitefixture.RepoRoot(t), "assets", "css", "print.css"))
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, m := range regexp.MustCompile(`--[a-z-]+:\s*([^;]+);`).FindAllStringSubmatch(string(css), -1) {
		for _, f := range regexp.MustCompile(`"([^"]+)"`).FindAllStringSubmatch(m[1], -1) {
			named[f[1]] = true
		}
	}
	delete(named, "Concord Latin") // an alias of Liberation Serif (@font-face local())
	required := map[string]bool{}
	for _, f := range RequiredFonts {
		required[f.Family] = true
		if !named[f.Family] {
			t.Errorf("RequiredFonts has %q, which print.css does not use", f.Family)
		}
	}
	for f := range named {
		if !required[f] {
			t.Errorf("print.css uses %q, which RequiredFonts does not check for", f)
		}
	}
}

func TestBuildErrorIsOneLineNamingFileAndLine(t *testing.T) {
	out := &hugobuild.BuildError{Site: "/s", Err: errors.New("exit status 1"), Output: "Start building sites … \nhugo v0.165.0\n\nTotal in 171 ms\n" +
		`ERROR error building site: failed to load data: "/s/data/signatories/x.toml:1:1": "_stream.toml:13:14": unmarshal failed: toml: basic strings cannot have new lines` + "\n"}
	got := buildError(out).Error()
	want := `hugo: "/s/data/signatories/x.toml:13:14": unmarshal failed: toml: basic strings cannot have new lines`
	if got != want {
		t.Errorf("buildError = %q\nwant %q", got, want)
	}
}

func TestCheckInputsNamesTheFileAndLineThatIsNotUTF8(t *testing.T) {
	site := t.TempDir()
	dir := filepath.Join(site, "content", "initiatives", "x")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "1.en.md"), []byte("+++\ntitle = \"a\"\n+++\n\nok\nbad \xff here\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), []byte("\x89PNG\xff"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := checkInputs(site)
	if err == nil || !strings.HasPrefix(err.Error(), filepath.Join("content", "initiatives", "x", "1.en.md")+":6: not UTF-8") {
		t.Errorf("checkInputs = %v", err)
	}
}

// A broken hugo.toml gets Hugo's own line, not its exit status: one that
// does not parse (Hugo names file, line and column); one with nothing but
// the mount the content adapter reads the initiatives through, where Hugo
// panics on the warning --panicOnWarning makes fatal (exit status 2); and
// an empty one, where the adapter says which mount is missing.
func TestBrokenConfigGivesHugosErrorLine(t *testing.T) {
	for _, tc := range []struct{ config, want string }{
		{"baseURL = \"https://x.example/\ntitle = \"x\"\n", "hugo.toml:1:30\": unmarshal failed: toml: basic strings cannot have new lines"},
		{"[[module.mounts]]\nsource = \"content/initiatives\"\ntarget = \"assets/concord/initiatives\"\nfiles = [\"*/_index.*.md\"]\n", `found no layout file for "html" for kind "page"`},
		{"", `this site's hugo.toml does not mount them`},
	} {
		site := t.TempDir()
		if err := sitefixture.Copy(site, sitefixture.RepoRoot(t), "hugo.toml"); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(site, "hugo.toml"), []byte(tc.config), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err := Render(context.Background(), Options{Site: site, Out: t.TempDir()})
		if err == nil {
			t.Fatalf("hugo.toml %q was accepted", tc.config)
		}
		msg := err.Error()
		if strings.Contains(msg, "exit status") || !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
			t.Errorf("hugo.toml %q: err = %q, want Hugo's one line %q", tc.config, msg, tc.want)
		}
	}
}

// An initiative folder or clause file whose ID breaks the documented
// pattern is refused before anything is built, naming the file.
func TestCheckIDsNamesEveryFileWithABadID(t *testing.T) {
	site := t.TempDir()
	for _, f := range []string{
		"content/initiatives/good/_index.en.md",
		"content/initiatives/good/1.en.md",
		"content/initiatives/good/2.zh-hans.md",
		"content/initiatives/good/bundle/index.en.md",
		"content/initiatives/good/x\"><img onerror=alert(1)>.en.md",
		"content/initiatives/good/Preamble.md",
		"content/initiatives/Bad Folder/1.en.md",
	} {
		writeFile(t, filepath.Join(site, filepath.FromSlash(f)), "+++\n+++\n")
	}
	err := checkIDs(site)
	if err == nil {
		t.Fatal("bad IDs accepted")
	}
	for _, want := range []string{
		filepath.Join("content", "initiatives", "good", "x\"><img onerror=alert(1)>.en.md") + `: clause ID "x\"><img`,
		filepath.Join("content", "initiatives", "good", "Preamble.md") + `: clause ID "Preamble"`,
		filepath.Join("content", "initiatives", "Bad Folder") + `: initiative ID "Bad Folder"`,
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v\nwant it to contain %s", err, want)
		}
	}
	if n := strings.Count(err.Error(), "\n") + 1; n != 3 {
		t.Errorf("%d problems reported, want 3:\n%v", n, err)
	}
}

// A family a language names in hugo.toml that is not installed stops the
// run before printing, naming the language, the family and the packages.
func TestMissingLanguageFontNamesLanguageAndPackages(t *testing.T) {
	if _, err := exec.LookPath("fc-list"); err != nil {
		t.Skip("fc-list (fontconfig) is not installed")
	}
	err := checkLanguageFonts(context.Background(), []fontNeed{
		{Lang: "en", Families: []string{"Liberation Serif"}},
		{Lang: "ar", Families: []string{"Liberation Serif", "No Such Family 7f3a"}, Packages: []string{"fonts-no-such"}},
	})
	if err == nil || !strings.Contains(err.Error(), "for ar") || !strings.Contains(err.Error(), "No Such Family 7f3a") || !strings.Contains(err.Error(), "apt-get install -y fonts-no-such") || strings.Contains(err.Error(), "Liberation") {
		t.Errorf("err = %v", err)
	}
}

// The versions' data make pdf writes for the print build replaces what
// make versions wrote before only when the run succeeds: a failed run puts
// the old data back and removes the folders it made.
func TestVersionDataIsPutBackWhenTheRunFails(t *testing.T) {
	root := sitefixture.RepoRoot(t)
	site := t.TempDir()
	for _, src := range []string{root, filepath.Join(root, "sitetests", "testdata", "versions")} {
		if err := sitefixture.Copy(site, src); err != nil {
			t.Fatal(err)
		}
	}
	old := filepath.Join(site, "build", "data", "versions", "gone.json")
	if err := os.MkdirAll(filepath.Dir(old), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(old, []byte("{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	fresh := filepath.Join(site, "build", "data", "versions", "community-code.json")
	data, err := writeVersionData(site)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Fatalf("the print build would have no data for the fixture's versions: %v", err)
	}
	data.undo()
	if _, err := os.Stat(old); err != nil {
		t.Errorf("a failed run lost the data make versions wrote: %v", err)
	}
	for _, gone := range []string{fresh, filepath.Join(site, "build", "versions")} {
		if _, err := os.Stat(gone); err == nil {
			t.Errorf("a failed run left %s", gone)
		}
	}
	if data, err = writeVersionData(site); err != nil {
		t.Fatal(err)
	}
	data.keep()
	entries, _ := os.ReadDir(filepath.Join(site, "build", "data"))
	if _, err := os.Stat(old); err == nil || len(entries) != 1 {
		t.Errorf("after a run that succeeded, build/data holds %v and the old data is still there", entries)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("a run that succeeded lost its data: %v", err)
	}
}
