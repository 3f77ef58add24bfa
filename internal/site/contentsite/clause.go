package contentsite

import (
	"fmt"
	"strings"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// Correction is one [[provenance.corrections]] entry.
type Correction struct {
	Was string `toml:"was" json:"was"`
	Now string `toml:"now" json:"now"`
	Why string `toml:"why" json:"why"`
}

// Provenance statuses of the convention.
const (
	StatusSource      = "source"
	StatusCorrected   = "corrected"
	StatusTranslation = "translation"
)

// Provenance is the [provenance] table of a clause.
type Provenance struct {
	Status            string `toml:"status"`
	From              string `toml:"from"`
	Note              string `toml:"note"`
	SourceFingerprint string `toml:"sourceFingerprint"`
	// SourceVersion is the version of the source a translation was made
	// from (docs/authoring.md, "Versions").
	SourceVersion string       `toml:"sourceVersion"`
	Corrections   []Correction `toml:"corrections"`
}

// Clause is one clause in one language.
type Clause struct {
	ID   string
	Lang string
	// ImplicitLang is set when the file name carries no language code.
	ImplicitLang bool
	// File is relative to the site directory, with forward slashes.
	File string
	// HasFrontMatter is false for a file without a +++ block.
	HasFrontMatter bool
	Title          string
	Number         string
	HasNumber      bool
	Weight         int
	HasWeight      bool
	Provenance     Provenance
	HasProvenance  bool
	// Lines of front matter keys, by dotted path.
	Keys   map[string]int
	Blocks []Block
	// BodyLine is the first line after the front matter.
	BodyLine int
}

// Line returns the line of a front matter key, falling back to the closest
// enclosing table and then to line 1.
func (c *Clause) Line(key string) int { return siteconfig.LineOf(c.Keys, key) }

// Text is the clause body as plain text, blocks separated by blank lines.
func (c *Clause) Text() string {
	parts := make([]string, 0, len(c.Blocks))
	for _, b := range c.Blocks {
		parts = append(parts, b.Text)
	}
	return strings.Join(parts, "\n\n")
}

// IndexPage is an _index.<lang>.md file: initiative metadata, not a clause.
type IndexPage struct {
	Lang               string
	File               string
	Title              string
	SourceLanguage     string
	SourceLanguageLine int
	Keys               map[string]int
}

type clauseFront struct {
	Title      string         `toml:"title"`
	Number     any            `toml:"number"`
	Weight     any            `toml:"weight"`
	Provenance map[string]any `toml:"provenance"`
}

// ParseClause reads a clause file. Only input that cannot be read at all
// (broken TOML, an unclosed front matter block) is an error.
func ParseClause(file string, src []byte) (*Clause, error) {
	c := &Clause{File: file, Keys: map[string]int{}, BodyLine: 1}
	fm, err := siteconfig.SplitFrontMatter(file, src)
	body := src
	bodyLine := 1
	switch {
	case err == siteconfig.ErrNoFrontMatter:
	case err != nil:
		return nil, err
	default:
		c.HasFrontMatter = true
		var f clauseFront
		if err := fm.Decode(file, &f); err != nil {
			return nil, err
		}
		c.Keys = fm.Keys
		c.Title = f.Title
		if f.Number != nil {
			c.HasNumber = true
			c.Number = scalarString(f.Number)
		}
		if f.Weight != nil {
			w, ok := f.Weight.(int64)
			if !ok {
				return nil, &siteconfig.ParseError{File: file, Line: c.Line("weight"), Msg: fmt.Sprintf("weight must be an integer, not %v; write weight = 10", f.Weight)}
			}
			c.Weight, c.HasWeight = int(w), true
		}
		if f.Provenance != nil {
			c.HasProvenance = true
			var holder struct {
				Provenance Provenance `toml:"provenance"`
			}
			if err := fm.Decode(file, &holder); err != nil {
				return nil, err
			}
			c.Provenance = holder.Provenance
		}
		body, bodyLine = src[fm.BodyOffset:], fm.BodyLine
	}
	c.BodyLine = bodyLine
	c.Blocks = ParseBody(body, bodyLine)
	return c, nil
}

func scalarString(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int64:
		return fmt.Sprint(x)
	case float64:
		return fmt.Sprint(x)
	default:
		return fmt.Sprint(x)
	}
}

// ParseIndex reads an _index.<lang>.md file.
func ParseIndex(file string, src []byte) (*IndexPage, error) {
	p := &IndexPage{File: file, Keys: map[string]int{}}
	fm, err := siteconfig.SplitFrontMatter(file, src)
	if err == siteconfig.ErrNoFrontMatter {
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	var f struct {
		Title          string `toml:"title"`
		SourceLanguage string `toml:"sourceLanguage"`
	}
	if err := fm.Decode(file, &f); err != nil {
		return nil, err
	}
	p.Keys = fm.Keys
	p.Title = f.Title
	p.SourceLanguage = strings.ToLower(f.SourceLanguage)
	p.SourceLanguageLine = fm.Keys["sourceLanguage"]
	return p, nil
}
