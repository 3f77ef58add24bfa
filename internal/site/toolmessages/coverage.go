package toolmessages

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

// Gaps lists what the site's i18n files lack for msgs, one line each: a
// message missing in a language, a translation that uses other template
// values than the message, or an English file that says something else
// than the Go default (the two would then disagree). The tools' tests call
// it so that a message added in Go, or a language added to the site, is
// translated before it ships.
func Gaps(siteDir string, msgs []*i18n.Message) ([]string, error) {
	files, err := filepath.Glob(filepath.Join(siteDir, "i18n", "*.toml"))
	if err != nil {
		return nil, err
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("%s: no i18n/*.toml files", siteDir)
	}
	english, _ := language.English.Base()
	var gaps []string
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, err
		}
		var keys map[string]struct {
			Other string `toml:"other"`
		}
		if err := toml.Unmarshal(data, &keys); err != nil {
			return nil, fmt.Errorf("%s: %v", file, err)
		}
		lang := strings.TrimSuffix(filepath.Base(file), ".toml")
		base, _ := language.Make(lang).Base()
		for _, m := range msgs {
			tr, ok := keys[m.ID]
			switch {
			case !ok || tr.Other == "":
				gaps = append(gaps, fmt.Sprintf("i18n/%s.toml lacks %s; add it (English: %q)", lang, m.ID, m.Other))
			case !slices.Equal(placeholders(tr.Other), placeholders(m.Other)):
				gaps = append(gaps, fmt.Sprintf("i18n/%s.toml %s uses %v, the message %v", lang, m.ID, placeholders(tr.Other), placeholders(m.Other)))
			case base == english && tr.Other != m.Other:
				gaps = append(gaps, fmt.Sprintf("i18n/%s.toml %s differs from the default in Go:\n  %q\n  %q", lang, m.ID, tr.Other, m.Other))
			}
		}
	}
	return gaps, nil
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// placeholders are the template values a message names, sorted.
func placeholders(s string) []string {
	var names []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}
