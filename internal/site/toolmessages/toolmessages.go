// Package toolmessages gives the command-line tools (aligncheck, the
// signatories validator, the PDF tool) their messages in the reader's
// language. The translations live in the site's own i18n/<lang>.toml files,
// next to the interface strings Hugo reads, so a language added to the site
// is added to the tools by the same file; the English text of each message is
// its default in Go, where the message is defined, and is what a language
// without a translation falls back to.
package toolmessages

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"
)

// Catalog holds the translations of one site's i18n/ folder.
type Catalog struct {
	bundle *i18n.Bundle
	langs  []string
}

// Load reads every i18n/*.toml file of the site in siteDir. A site without
// an i18n folder gets a catalog that answers in English.
func Load(siteDir string) (*Catalog, error) {
	b := i18n.NewBundle(language.English)
	b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
	c := &Catalog{bundle: b}
	dir := filepath.Join(siteDir, "i18n")
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return c, nil
	}
	if err != nil {
		return nil, err
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || filepath.Ext(name) != ".toml" {
			continue
		}
		path := filepath.Join(dir, name)
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, err
		}
		if _, err := b.ParseMessageFileBytes(data, path); err != nil {
			return nil, fmt.Errorf("%s: %v (the file must be go-i18n TOML, as Hugo reads it)", path, err)
		}
		c.langs = append(c.langs, strings.TrimSuffix(name, ".toml"))
	}
	sort.Strings(c.langs)
	return c, nil
}

// Defaults is a catalog with no translations: every message in its English
// default.
func Defaults() *Catalog {
	b := i18n.NewBundle(language.English)
	return &Catalog{bundle: b}
}

// Languages are the language keys that have a message file, sorted.
func (c *Catalog) Languages() []string { return c.langs }

// Localizer answers in lang (a site language key such as "zh-hans"), falling
// back to each message's English default.
func (c *Catalog) Localizer(lang string) *Localizer {
	return &Localizer{lang: lang, l: i18n.NewLocalizer(c.bundle, lang)}
}

// Localizer renders messages in one language.
type Localizer struct {
	lang string
	l    *i18n.Localizer
}

// Lang is the language key the localizer was made for.
func (l *Localizer) Lang() string { return l.lang }

// Text renders m with data (a map or struct whose fields the message's
// template names). A translation that fails to render falls back to the
// default, so a broken translation never hides what the tool found.
func (l *Localizer) Text(m *i18n.Message, data any) string {
	s, err := l.l.Localize(&i18n.LocalizeConfig{DefaultMessage: m, TemplateData: data})
	if err == nil {
		return s
	}
	def, derr := i18n.NewLocalizer(i18n.NewBundle(language.English)).Localize(&i18n.LocalizeConfig{DefaultMessage: m, TemplateData: data})
	if derr != nil {
		return m.Other
	}
	return def
}

// List collects a package's messages as they are defined, so the test that
// keeps the site's i18n files in step (Gaps) sees every one without a list
// kept by hand.
type List []*i18n.Message

// Add defines a message with its English text, the default when the
// reader's language has no translation, and keeps it in the list.
func (l *List) Add(id, english string) *i18n.Message {
	m := &i18n.Message{ID: id, Other: english}
	*l = append(*l, m)
	return m
}
