package toolmessages

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nicksnyder/go-i18n/v2/i18n"
)

var found = &i18n.Message{ID: "test_found", Other: "{{ .Count }} problems in {{ .File }}"}

func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, "i18n", name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestTranslationFromTheSiteFiles(t *testing.T) {
	dir := site(t, map[string]string{
		"zh-hans.toml": "[test_found]\nother = \"{{ .File }} 中有 {{ .Count }} 个问题\"\n",
		"en.toml":      "[other_key]\nother = \"x\"\n",
	})
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	data := map[string]any{"Count": 3, "File": "a.md"}
	if got, want := c.Localizer("zh-hans").Text(found, data), "a.md 中有 3 个问题"; got != want {
		t.Errorf("zh-hans: %q, want %q", got, want)
	}
	// en.toml has no translation of this message: the Go default answers.
	if got, want := c.Localizer("en").Text(found, data), "3 problems in a.md"; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	// A language the site does not have answers in English.
	if got, want := c.Localizer("fr").Text(found, data), "3 problems in a.md"; got != want {
		t.Errorf("fr: %q, want %q", got, want)
	}
	if got := c.Languages(); len(got) != 2 || got[0] != "en" || got[1] != "zh-hans" {
		t.Errorf("languages %v", got)
	}
}

func TestBrokenTranslationFallsBackToTheDefault(t *testing.T) {
	dir := site(t, map[string]string{"de.toml": "[test_found]\nother = \"{{ .Count \"\n"})
	c, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Localizer("de").Text(found, map[string]any{"Count": 1, "File": "b"}), "1 problems in b"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}

func TestNoI18nFolder(t *testing.T) {
	c, err := Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Localizer("zh-hans").Text(found, map[string]any{"Count": 2, "File": "c"}); got != "2 problems in c" {
		t.Errorf("%q", got)
	}
}

func TestBadFileNamesItself(t *testing.T) {
	dir := site(t, map[string]string{"en.toml": "[broken\n"})
	_, err := Load(dir)
	if err == nil || !filepath.IsAbs(dir) || !strings.Contains(err.Error(), "en.toml") {
		t.Fatalf("err = %v, want one naming en.toml", err)
	}
}

func TestGapsNameWhatIsMissing(t *testing.T) {
	dir := site(t, map[string]string{
		"en.toml":      "[test_found]\nother = \"{{ .Count }} problem(s) in {{ .File }}\"\n",
		"zh-hans.toml": "[test_found]\nother = \"{{ .File }} 中有问题\"\n",
		"fr.toml":      "[other]\nother = \"x\"\n",
	})
	gaps, err := Gaps(dir, []*i18n.Message{found})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"en.toml test_found differs from the default", "fr.toml lacks test_found", "zh-hans.toml test_found uses [File]"}
	if len(gaps) != len(want) {
		t.Fatalf("gaps %q, want %d", gaps, len(want))
	}
	for i, w := range want {
		if !strings.Contains(gaps[i], w) {
			t.Errorf("gap %d = %q, want it to say %q", i, gaps[i], w)
		}
	}
}
