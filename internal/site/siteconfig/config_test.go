package siteconfig_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

func writeFiles(t testing.TB, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// The shipped site: its two languages by weight, their names, its params.
func TestShippedSite(t *testing.T) {
	cfg, err := siteconfig.Load(sitefixture.RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.LanguageKeys(); !slices.Equal(got, []string{"zh-hans", "en"}) {
		t.Errorf("languages %v", got)
	}
	if cfg.DefaultContentLanguage != "zh-hans" || cfg.BaseURL == "" || cfg.Params["publisher"] == nil {
		t.Errorf("default %q, baseURL %q, params %v", cfg.DefaultContentLanguage, cfg.BaseURL, cfg.Params)
	}
	if cfg.Line("params.signatories.csvLanguages") <= cfg.Line("params") {
		t.Errorf("csvLanguages on line %d, [params] on %d", cfg.Line("params.signatories.csvLanguages"), cfg.Line("params"))
	}
}

// config/_default/: languages.toml is the [languages] table, params.toml
// [params]; the files are listed for `hugo --config`, root file first.
func TestConfigFolder(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"config/_default/hugo.toml":      "defaultContentLanguage = \"fr\"\n",
		"config/_default/languages.toml": "[en]\nweight = 2\n[fr]\nweight = 1\nlocale = \"fr-FR\"\n[fr.params.names]\nEN = \"anglais\"\n",
		"config/_default/params.toml":    "publisher = \"Example\"\n[signatories]\ncsvLanguages = [\"fr\"]\n",
	})
	cfg, err := siteconfig.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.LanguageKeys(); !slices.Equal(got, []string{"fr", "en"}) {
		t.Errorf("languages %v", got)
	}
	if fr := cfg.Language("fr"); fr.Locale != "fr-FR" || fr.Names["en"] != "anglais" {
		t.Errorf("fr: %+v", fr)
	}
	if cfg.Params["publisher"] != "Example" {
		t.Errorf("params %v", cfg.Params)
	}
	var p struct {
		Params struct {
			Signatories struct {
				CSVLanguages []string `toml:"csvLanguages"`
			} `toml:"signatories"`
		} `toml:"params"`
	}
	if err := cfg.Decode(&p); err != nil {
		t.Fatal(err)
	}
	if got := p.Params.Signatories.CSVLanguages; !slices.Equal(got, []string{"fr"}) {
		t.Errorf("params.signatories.csvLanguages %v", got)
	}
	if cfg.Files[0] != "config/_default/hugo.toml" || len(cfg.Files) != 3 {
		t.Errorf("files %v", cfg.Files)
	}
}

// A site configured in YAML is read through the pinned Hugo.
func TestYAMLThroughHugo(t *testing.T) {
	if testing.Short() {
		t.Skip("runs Hugo")
	}
	dir := writeFiles(t, map[string]string{
		"hugo.yaml": "defaultContentLanguage: de\nlanguages:\n  de:\n    weight: 1\n    locale: de\n  en:\n    weight: 2\n",
	})
	cfg, err := siteconfig.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.LanguageKeys(); !slices.Equal(got, []string{"de", "en"}) || cfg.DefaultContentLanguage != "de" {
		t.Errorf("languages %v, default %q", got, cfg.DefaultContentLanguage)
	}
}

func TestErrorsHaveLines(t *testing.T) {
	for _, c := range []struct {
		name, toml string
		line       int
	}{
		{"unknown default", "title = \"x\"\n\ndefaultContentLanguage = \"fr\"\n[languages.en]\n", 3},
		{"syntax", "[languages.en]\nweight = 1\ntitle = \"open\n", 3},
		{"weight", "[languages.en]\nlocale = \"en\"\nweight = \"first\"\n", 3},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := siteconfig.Load(writeFiles(t, map[string]string{"hugo.toml": c.toml}))
			var pe *siteconfig.ParseError
			if !errors.As(err, &pe) || pe.Line != c.line || filepath.Base(pe.File) != "hugo.toml" {
				t.Errorf("got %v, want hugo.toml:%d", err, c.line)
			}
		})
	}
	_, err := siteconfig.Load(t.TempDir())
	if !errors.Is(err, siteconfig.ErrNotFound) {
		t.Errorf("no configuration: %v", err)
	}
}

// Every tool reads the configuration on start and aligncheck --watch on
// every change: reading it must stay far below a second (asking Hugo takes
// 0.6 s on this site).
func TestLoadIsFast(t *testing.T) {
	root := sitefixture.RepoRoot(t)
	start := time.Now()
	const n = 20
	for range n {
		if _, err := siteconfig.Load(root); err != nil {
			t.Fatal(err)
		}
	}
	if per := time.Since(start) / n; per > 50*time.Millisecond {
		t.Errorf("Load takes %v", per)
	}
}

func BenchmarkLoad(b *testing.B) {
	root := sitefixture.RepoRoot(b)
	for b.Loop() {
		if _, err := siteconfig.Load(root); err != nil {
			b.Fatal(err)
		}
	}
}

// FuzzParseFile: any bytes give a configuration or a *ParseError, never a
// panic.
func FuzzParseFile(f *testing.F) {
	raw, err := os.ReadFile(filepath.Join(sitefixture.RepoRoot(f), "hugo.toml"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(raw)
	f.Add([]byte("[languages.en]\n[[languages.en.x]]\na = {b = [1, {c = 2}]}\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		cfg, err := siteconfig.ParseFile("hugo.toml", raw)
		if err != nil {
			var pe *siteconfig.ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("not a ParseError: %v", err)
			}
			return
		}
		if len(cfg.Languages) == 0 || cfg.Language(cfg.DefaultContentLanguage) == nil {
			t.Fatalf("no default language: %+v", cfg)
		}
	})
}
