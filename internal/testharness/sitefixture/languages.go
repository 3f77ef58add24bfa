package sitefixture

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// BenchLanguages are language keys beyond the shipped two, in the order
// benchmarks add them. Their interface text is a copy of English: a
// benchmark measures cost, not translation.
var BenchLanguages = []string{"fr", "de", "es", "ru", "ja", "ar"}

// AddLanguages appends a [languages.<key>] table per key to the site's
// hugo.toml, naming the language in every language of the site (params.names,
// as docs/authoring.md's "Add a language" does), and gives each an i18n file
// copied from i18n/en.toml, so a generated site can be built in more
// languages than the shipped ones.
func AddLanguages(siteDir string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	cfgPath := filepath.Join(siteDir, "hugo.toml")
	cfg, err := os.ReadFile(cfgPath)
	if err != nil {
		return err
	}
	parsed, err := siteconfig.ParseFile(cfgPath, cfg)
	if err != nil {
		return err
	}
	all := append(parsed.LanguageKeys(), keys...)
	en, err := os.ReadFile(filepath.Join(siteDir, "i18n", "en.toml"))
	if err != nil {
		return err
	}
	var b strings.Builder
	b.Write(cfg)
	for i, key := range keys {
		fmt.Fprintf(&b, "\n[languages.%s]\nlabel = %q\nlocale = %q\ntitle = %q\nweight = %d\n[languages.%s.params]\nclauseNumberFormat = \"%%s. \"\n[languages.%s.params.names]\n",
			key, strings.ToUpper(key), key, "Concord "+key, 10+i, key, key)
		for _, other := range all {
			fmt.Fprintf(&b, "%q = %q\n", other, languageName(key, other))
		}
		if err := os.WriteFile(filepath.Join(siteDir, "i18n", key+".toml"), en, 0o644); err != nil {
			return err
		}
	}
	return os.WriteFile(cfgPath, []byte(b.String()), 0o644)
}

// bareLayouts print a page's title and content and nothing else: the least
// any site must do with the same content, the floor Concord's templates are
// measured against.
var bareLayouts = map[string]string{
	"home.html":    "<!doctype html><html lang=\"{{ site.Language.Locale }}\"><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</html>\n",
	"section.html": "<!doctype html><html lang=\"{{ site.Language.Locale }}\"><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</html>\n",
	"page.html":    "<!doctype html><html lang=\"{{ site.Language.Locale }}\"><title>{{ .Title }}</title><h1>{{ .Title }}</h1>{{ .Content }}</html>\n",
	"404.html":     "<!doctype html><title>404</title>\n",
}

// MakeBare turns the site at siteDir into the bare yardstick of the same
// content: its layouts replaced by bareLayouts, and from hugo.toml only what
// decides which pages exist (languages, kinds, paths) kept; the cascades,
// output formats and mounts that give Concord its extra files are dropped.
func MakeBare(siteDir string) error {
	cfgPath := filepath.Join(siteDir, "hugo.toml")
	data, err := os.ReadFile(cfgPath)
	if err != nil {
		return err
	}
	var cfg map[string]any
	if err := toml.Unmarshal(data, &cfg); err != nil {
		return fmt.Errorf("%s: %v", cfgPath, err)
	}
	keep := map[string]any{}
	for _, k := range []string{"baseURL", "title", "defaultContentLanguage", "defaultContentLanguageInSubdir", "disableKinds", "disablePathToLower", "languages", "markup"} {
		if v, ok := cfg[k]; ok {
			keep[k] = v
		}
	}
	out, err := toml.Marshal(keep)
	if err != nil {
		return err
	}
	if err := os.WriteFile(cfgPath, out, 0o644); err != nil {
		return err
	}
	layouts := filepath.Join(siteDir, "layouts")
	if err := os.RemoveAll(layouts); err != nil {
		return err
	}
	if err := os.MkdirAll(layouts, 0o755); err != nil {
		return err
	}
	for name, body := range bareLayouts {
		if err := os.WriteFile(filepath.Join(layouts, name), []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// MakeBareTemplates turns the site at siteDir into the second yardstick:
// Concord's hugo.toml as it is (every output format, cascade and mount, so
// the same pages and files are made) with every layout replaced by the
// bare one of its kind of file: title and content in HTML, the title and
// content in JSON, the title alone elsewhere. What a build of it costs is
// Hugo's own price for Concord's set of files; what Concord costs above it
// is its templates'.
func MakeBareTemplates(siteDir string) error {
	layouts := filepath.Join(siteDir, "layouts")
	entries, err := os.ReadDir(layouts)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := filepath.Join(layouts, e.Name())
		if e.IsDir() || e.Name() == "baseof.html" {
			// Partials, other folders and the base template: no bare
			// layout uses them.
			if err := os.RemoveAll(name); err != nil {
				return err
			}
			continue
		}
		body := "{{ .Title }}\n"
		switch filepath.Ext(e.Name()) {
		case ".html":
			body = bareLayouts["section.html"]
		case ".headers":
			// One file at the site root (a root output format), so only
			// the default language writes it, as Concord's does.
			body = "{{ if eq site.Language.Name hugo.Sites.Default.Language.Name }}{{ .Title }}{{ end }}"
		case ".json":
			body = "{\"title\":{{ .Title | jsonify }},\"content\":{{ .Content | jsonify }}}\n"
		}
		if err := os.WriteFile(name, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// languageName is CLDR's name of the language key in the language in, as
// golang.org/x/text carries it, so the names read as an editor would write
// them.
func languageName(key, in string) string {
	if name := display.Tags(language.Make(in)).Name(language.Make(key)); name != "" {
		return name
	}
	return key
}
