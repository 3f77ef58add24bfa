package contentsite

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// Language is one [languages.<key>] table of the site's configuration.
type Language = siteconfig.Language

// Site is everything the checks need to know about a site.
type Site struct {
	Dir             string
	Languages       []Language
	DefaultLanguage string
	Initiatives     []*Initiative
}

// Language returns the configured language with this key, or nil.
func (s *Site) Language(key string) *Language {
	for i := range s.Languages {
		if s.Languages[i].Key == key {
			return &s.Languages[i]
		}
	}
	return nil
}

// Initiative is one folder under content/initiatives/.
type Initiative struct {
	ID string
	// Dir is relative to the site directory, with forward slashes.
	Dir string
	// Index holds the _index.<lang>.md files by language.
	Index map[string]*IndexPage
	// Clauses holds every clause file, in the order they were found; several
	// files may share an ID and language, which is a finding, not an error.
	Clauses []*Clause
	// Strays are Markdown files whose names do not fit the convention.
	Strays []*Stray
}

// Stray is a content file that no configured language would render as a
// clause of this initiative.
type Stray struct {
	File   string
	Reason string
	ID     string
	Lang   string
	// Other is the file a second _index duplicates.
	Other string
}

// SourceLanguage is the language the initiative declares as its source, and
// the file and line that says so. When the declarations disagree, the one in
// the default content language wins and the rest are reported by the checks.
func (in *Initiative) SourceLanguage(site *Site) (lang, file string, line int) {
	keys := make([]string, 0, len(in.Index))
	for k := range in.Index {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i] == site.DefaultLanguage, keys[j] == site.DefaultLanguage
		if a != b {
			return a
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys {
		p := in.Index[k]
		if p.SourceLanguage != "" {
			return p.SourceLanguage, p.File, p.SourceLanguageLine
		}
	}
	return "", "", 0
}

// Load reads SITE_DIR/hugo.toml and every initiative under
// SITE_DIR/content/initiatives. Errors are *ParseError (or I/O errors with a
// path) for input that cannot be read; problems with the content itself are
// left to the checks.
func Load(dir string) (*Site, error) {
	cfg, err := siteconfig.Load(dir)
	if err != nil {
		return nil, err
	}
	site := fromConfig(cfg)
	site.Dir = dir
	root := filepath.Join(dir, "content", "initiatives")
	entries, err := os.ReadDir(root)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, &siteconfig.ParseError{File: root, Msg: "no such folder: a site keeps its initiatives in content/initiatives/<id>/ (docs/authoring.md); is this the site directory?"}
		}
		return nil, siteconfig.CannotRead(root, err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		if err := checkID("initiative", e.Name(), "content/initiatives/"+e.Name()); err != nil {
			return nil, err
		}
		in, err := loadInitiative(site, e.Name())
		if err != nil {
			return nil, err
		}
		site.Initiatives = append(site.Initiatives, in)
	}
	return site, nil
}

// ParseConfig reads the language list out of a hugo.toml given as bytes.
func ParseConfig(file string, raw []byte) (*Site, error) {
	cfg, err := siteconfig.ParseFile(file, raw)
	if err != nil {
		return nil, err
	}
	return fromConfig(cfg), nil
}

func fromConfig(cfg *siteconfig.Config) *Site {
	return &Site{Languages: cfg.Languages, DefaultLanguage: cfg.DefaultContentLanguage}
}

func loadInitiative(site *Site, id string) (*Initiative, error) {
	rel := "content/initiatives/" + id
	in := &Initiative{ID: id, Dir: rel, Index: map[string]*IndexPage{}}
	base := filepath.Join(site.Dir, filepath.FromSlash(rel))
	entries, err := os.ReadDir(base)
	if err != nil {
		return nil, siteconfig.CannotRead(base, err)
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() {
			// A leaf bundle (<id>/index.<lang>.md) is also a clause to Hugo,
			// so it can collide with <id>.<lang>.md.
			sub, err := os.ReadDir(filepath.Join(base, name))
			if err != nil {
				return nil, siteconfig.CannotRead(filepath.Join(base, name), err)
			}
			for _, s := range sub {
				if s.IsDir() {
					continue
				}
				stem, lang, ok := splitName(site, s.Name())
				if !ok || stem != "index" {
					continue
				}
				if err := addFile(site, in, rel+"/"+name+"/"+s.Name(), name, lang); err != nil {
					return nil, err
				}
			}
			continue
		}
		stem, lang, ok := splitName(site, name)
		if !ok {
			continue
		}
		if err := addFile(site, in, rel+"/"+name, stem, lang); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// splitName takes "<id>.<lang>.md" apart. A name with no language code is in
// the default content language, as Hugo treats it.
func splitName(site *Site, name string) (stem, lang string, ok bool) {
	var ext string
	for _, e := range []string{".md", ".markdown"} {
		if strings.HasSuffix(strings.ToLower(name), e) {
			ext = e
		}
	}
	if ext == "" || strings.HasPrefix(name, ".") {
		return "", "", false
	}
	stem = name[:len(name)-len(ext)]
	if i := strings.LastIndexByte(stem, '.'); i > 0 {
		return stem[:i], strings.ToLower(stem[i+1:]), true
	}
	return stem, "", true
}

func addFile(site *Site, in *Initiative, rel, stem, lang string) error {
	if lang != "" && site.Language(lang) == nil {
		if looksLikeLanguage(lang) {
			in.Strays = append(in.Strays, &Stray{File: rel, ID: stem, Lang: lang, Reason: fmt.Sprintf("language %q is not configured in hugo.toml", lang)})
			return nil
		}
		// "v1.2" or "notes.draft": the dot is part of the name.
		stem, lang = stem+"."+lang, ""
	}
	implicit := lang == ""
	if implicit {
		lang = site.DefaultLanguage
	}
	if stem != "_index" {
		if err := checkID("clause", stem, rel); err != nil {
			return err
		}
	}
	src, err := readLimited(filepath.Join(site.Dir, filepath.FromSlash(rel)), rel)
	if err != nil {
		return err
	}
	if err := validUTF8(rel, src); err != nil {
		return err
	}
	if stem == "_index" {
		p, err := ParseIndex(rel, src)
		if err != nil {
			return err
		}
		p.Lang = lang
		if prev, dup := in.Index[lang]; dup {
			in.Strays = append(in.Strays, &Stray{File: rel, ID: stem, Lang: lang, Other: prev.File, Reason: "a second _index for language " + lang + " besides " + prev.File})
			return nil
		}
		in.Index[lang] = p
		return nil
	}
	c, err := ParseClause(rel, src)
	if err != nil {
		return err
	}
	c.ID, c.Lang, c.ImplicitLang = stem, lang, implicit
	in.Clauses = append(in.Clauses, c)
	return nil
}

func looksLikeLanguage(s string) bool {
	main, _, _ := strings.Cut(s, "-")
	if len(main) < 2 || len(main) > 3 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '-') {
			return false
		}
	}
	return true
}

// validUTF8 refuses a file that is not UTF-8, naming the line of the first
// bad byte: Hugo would publish such bytes as replacement characters, and the
// script and number checks would read garbage.
func validUTF8(rel string, src []byte) error {
	if utf8.Valid(src) {
		return nil
	}
	line := 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return &siteconfig.ParseError{File: rel, Line: line, Msg: "not valid UTF-8: save the file as UTF-8"}
		}
		if src[i] == '\n' {
			line++
		}
		i += size
	}
	return nil
}

// MaxFileSize is the largest content file the tools read (docs/authoring.md, "A
// clause file"): a clause is a paragraph or a few, a few kilobytes; a file
// of megabytes is a mistake (a pasted document, a binary), and reading and
// checking it would take minutes and gigabytes.
const MaxFileSize = 1 << 20

// readLimited reads a content file of at most MaxFileSize bytes, without
// reading more than that of a larger one.
func readLimited(path, rel string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, siteconfig.CannotRead(rel, err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, siteconfig.CannotRead(rel, err)
	}
	if len(src) > MaxFileSize {
		return nil, &siteconfig.ParseError{File: rel, Msg: fmt.Sprintf("larger than %d MiB, the limit for a content file (docs/authoring.md, \"A clause file\"); split it or remove what is not the clause's text", MaxFileSize>>20)}
	}
	return src, nil
}

// checkID is CheckID as a *ParseError, so that the tools show the file the way
// the user named the site.
func checkID(kind, id, rel string) error {
	if err := CheckID(kind, id, rel); err != nil {
		return &siteconfig.ParseError{File: rel, Msg: strings.TrimPrefix(err.Error(), rel+": ")}
	}
	return nil
}
