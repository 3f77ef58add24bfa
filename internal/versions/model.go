// Package versions reads an initiative's versions (docs/authoring.md,
// "Versions"), resolves the text of every clause in every version and
// language, compares consecutive versions and each version with the latest,
// and writes what the site publishes from them: the data the version pages
// are rendered from and the downloads (Markdown, plain text, JSON, Akoma
// Ntoso). Hugo templates cannot call a diff library, so this runs before Hugo
// the way aligncheck writes the translation status.
package versions

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/concord-initiative/concord/internal/site/contentsite"
	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// ArchiveDir is the folder, inside an initiative's folder, that holds the
// older texts: ArchiveDir/<version>/<clause>.<lang>.md.
const ArchiveDir = "versions"

// idPattern is the form of a version identifier: numbers joined by dots, at
// least two, so that "v" + an identifier can never be a clause ID (clause IDs
// have no dot) and sorts as readers expect.
var idPattern = regexp.MustCompile(`^(0|[1-9][0-9]{0,5})(\.(0|[1-9][0-9]{0,5})){1,2}$`)

// datePattern is the YYYY-MM-DD form the convention uses in front matter.
var datePattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$`)

// ValidID reports whether s is a version identifier of the convention.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// Version is one [[versions]] entry, as the initiative's files give it.
type Version struct {
	ID   string `json:"id"`
	Date string `json:"date"`
	// Summary is the change summary per language key.
	Summary map[string]string `json:"summary"`
	// Withdrawn, when set, is why the editors withdrew the version.
	Withdrawn map[string]string `json:"withdrawn,omitempty"`
	// Languages are the languages the version was published in, in site
	// order: the source language and every language whose _index lists it.
	// A language added later leaves the older versions out of its list.
	Languages []string `json:"languages"`
}

// PublishedIn reports whether the version was published in a language.
func (v Version) PublishedIn(lang string) bool { return slices.Contains(v.Languages, lang) }

// ClauseText is one clause in one language as it stood in one version.
type ClauseText struct {
	ID     string `json:"id"`
	Weight int    `json:"weight"`
	Number string `json:"number,omitempty"`
	Title  string `json:"title"`
	// Markdown is the body as the file writes it; Text is its plain text,
	// paragraphs separated by blank lines.
	Markdown string `json:"markdown"`
	Text     string `json:"text"`
	// File is the content file this text comes from.
	File        string                   `json:"file"`
	Status      string                   `json:"status"`
	From        string                   `json:"from,omitempty"`
	Note        string                   `json:"note,omitempty"`
	Corrections []contentsite.Correction `json:"corrections,omitempty"`
	// SourceVersion is the version of the source text a translation was
	// made from (provenance.sourceVersion), when the file records it.
	SourceVersion string `json:"sourceVersion,omitempty"`
	// Since is the version that introduced the clause.
	Since string `json:"since"`
	// Changed is the latest version, up to this one, in which this
	// language's text of the clause changed.
	Changed string `json:"changed"`
}

// Initiative is an initiative with its versions resolved.
type Initiative struct {
	ID             string
	SourceLanguage string
	// Title per language key.
	Title    map[string]string
	Versions []Version
	// Languages are the site's language keys that have the initiative, in
	// site order.
	Languages []string
	// Text[v][lang] is the text of version index v in a language, in
	// reading order; a clause the version lacks is absent.
	Text []map[string][]ClauseText
}

// Latest is the index of the newest version.
func (in *Initiative) Latest() int { return len(in.Versions) - 1 }

// Index returns the position of a version identifier, or -1.
func (in *Initiative) Index(id string) int {
	for i, v := range in.Versions {
		if v.ID == id {
			return i
		}
	}
	return -1
}

// Problem is something in the files that stops the versions being
// published, with the file to fix and, when known, the line.
type Problem struct {
	File string
	Line int
	Msg  string
}

func (p Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.File, p.Line, p.Msg)
	}
	return p.File + ": " + p.Msg
}

type indexFront struct {
	Title    string `toml:"title"`
	Versions []struct {
		ID        string `toml:"id"`
		Date      any    `toml:"date"`
		Summary   string `toml:"summary"`
		Withdrawn string `toml:"withdrawn"`
	} `toml:"versions"`
}

type clauseExtra struct {
	Since      string `toml:"since"`
	Provenance struct {
		SourceVersion string `toml:"sourceVersion"`
	} `toml:"provenance"`
}

// Load reads the versions of every initiative of the site in dir. An
// initiative whose files declare no versions is left out: it has one text
// and no version pages.
func Load(dir string) (*contentsite.Site, []*Initiative, error) {
	site, err := contentsite.Load(dir)
	if err != nil {
		return nil, nil, err
	}
	var out []*Initiative
	for _, ci := range site.Initiatives {
		in, err := loadInitiative(site, ci)
		if err != nil {
			return nil, nil, err
		}
		if in != nil {
			out = append(out, in)
		}
	}
	return site, out, nil
}

func loadInitiative(site *contentsite.Site, ci *contentsite.Initiative) (*Initiative, error) {
	src, _, _ := ci.SourceLanguage(site)
	in := &Initiative{ID: ci.ID, SourceLanguage: src, Title: map[string]string{}}
	declared := map[string][]Version{}
	// lines[lang][i] gives the line of each key of the language's i-th
	// [[versions]] entry, for messages that point at it.
	lines := map[string][]map[string]int{}
	for _, l := range site.Languages {
		ip := ci.Index[l.Key]
		if ip == nil {
			continue
		}
		in.Languages = append(in.Languages, l.Key)
		raw, err := os.ReadFile(filepath.Join(site.Dir, filepath.FromSlash(ip.File)))
		if err != nil {
			return nil, err
		}
		fm, err := siteconfig.SplitFrontMatter(ip.File, raw)
		if err != nil {
			return nil, err
		}
		var f indexFront
		if err := fm.Decode(ip.File, &f); err != nil {
			return nil, err
		}
		in.Title[l.Key] = f.Title
		lines[l.Key] = entryLines(fm, "versions", len(f.Versions))
		for i, v := range f.Versions {
			date := dateString(v.Date)
			if !ValidID(v.ID) {
				return nil, Problem{ip.File, lines[l.Key][i]["id"], fmt.Sprintf("version id %q is not numbers joined by dots (1.0, 2.1, 2.1.3)", v.ID)}
			}
			if !datePattern.MatchString(date) {
				return nil, Problem{ip.File, lines[l.Key][i]["date"], fmt.Sprintf("version %s: date %q is not YYYY-MM-DD", v.ID, date)}
			}
			ver := Version{ID: v.ID, Date: date, Summary: map[string]string{l.Key: v.Summary}}
			if v.Withdrawn != "" {
				ver.Withdrawn = map[string]string{l.Key: v.Withdrawn}
			}
			declared[l.Key] = append(declared[l.Key], ver)
		}
	}
	base := declared[src]
	if len(base) == 0 {
		for _, l := range in.Languages {
			if len(declared[l]) > 0 {
				return nil, Problem{ci.Index[l].File, 0, fmt.Sprintf("declares versions but the source language's _index.%s.md declares none: the source language's list is the initiative's", src)}
			}
		}
		return nil, nil
	}
	for i := 1; i < len(base); i++ {
		if base[i].Date < base[i-1].Date {
			return nil, Problem{ci.Index[src].File, lines[src][i]["date"], fmt.Sprintf("version %s (%s) is listed after %s (%s): list versions oldest first", base[i].ID, base[i].Date, base[i-1].ID, base[i-1].Date)}
		}
	}
	in.Versions = base
	for _, l := range in.Languages {
		if l == src {
			continue
		}
		for k, v := range declared[l] {
			i := in.Index(v.ID)
			if i < 0 {
				return nil, Problem{ci.Index[l].File, lines[l][k]["id"], fmt.Sprintf("version %s is not in the source language's list", v.ID)}
			}
			if v.Date != in.Versions[i].Date {
				return nil, Problem{ci.Index[l].File, lines[l][k]["date"], fmt.Sprintf("version %s is dated %s here and %s in the source language", v.ID, v.Date, in.Versions[i].Date)}
			}
			in.Versions[i].Summary[l] = v.Summary[l]
			for k, w := range v.Withdrawn {
				if in.Versions[i].Withdrawn == nil {
					in.Versions[i].Withdrawn = map[string]string{}
				}
				in.Versions[i].Withdrawn[k] = w
			}
		}
	}
	for i := range in.Versions {
		for _, l := range in.Languages {
			if l == src || slices.ContainsFunc(declared[l], func(v Version) bool { return v.ID == in.Versions[i].ID }) {
				in.Versions[i].Languages = append(in.Versions[i].Languages, l)
			}
		}
	}
	if err := in.resolve(site, ci); err != nil {
		return nil, err
	}
	return in, nil
}

// entryLines gives, for each of the n entries of the array of tables key in
// the front matter, the file line of each of its keys (0 when unknown).
func entryLines(fm *siteconfig.FrontMatter, key string, n int) []map[string]int {
	out := make([]map[string]int, n)
	for i := range out {
		out[i] = map[string]int{}
	}
	tree, err := siteconfig.Parse(fm.Raw)
	if err != nil {
		return out
	}
	if arr, ok := tree.Vals[key]; ok {
		for i, e := range arr.Array {
			if i >= n || e.Table == nil {
				break
			}
			for k, v := range e.Table.Vals {
				out[i][k] = fm.FirstLine - 1 + v.Line
			}
		}
	}
	return out
}

func dateString(v any) string {
	switch d := v.(type) {
	case string:
		return d
	case nil:
		return ""
	case fmt.Stringer:
		// A TOML local date (date = 2021-03-01 unquoted).
		return d.String()
	default:
		return fmt.Sprint(d)
	}
}

// file is one clause file, live or archived.
type file struct {
	clause ClauseText
	since  int
}

// resolve fills in.Text: the text of a clause in version i is its file in
// the archive of the oldest version >= i that has one, else the live file;
// a clause is absent from the versions before its `since`.
func (in *Initiative) resolve(site *contentsite.Site, ci *contentsite.Initiative) error {
	live := map[string]map[string]*file{} // lang -> clause id
	for _, c := range ci.Clauses {
		f, err := readClause(site, in, c.File, c)
		if err != nil {
			return err
		}
		if live[c.Lang] == nil {
			live[c.Lang] = map[string]*file{}
		}
		live[c.Lang][c.ID] = f
	}
	archive := make([]map[string]map[string]*file, len(in.Versions))
	root := filepath.Join(site.Dir, filepath.FromSlash(ci.Dir), ArchiveDir)
	entries, err := os.ReadDir(root)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	for _, e := range entries {
		rel := ci.Dir + "/" + ArchiveDir + "/" + e.Name()
		if !e.IsDir() {
			return Problem{rel, 0, "only one folder per version belongs here (" + ArchiveDir + "/<version>/<clause>.<lang>.md)"}
		}
		vi := in.Index(e.Name())
		if vi < 0 {
			return Problem{rel, 0, fmt.Sprintf("no version %q is declared in the initiative's _index files", e.Name())}
		}
		files, err := os.ReadDir(filepath.Join(root, e.Name()))
		if err != nil {
			return err
		}
		archive[vi] = map[string]map[string]*file{}
		for _, fe := range files {
			frel := rel + "/" + fe.Name()
			id, lang, ok := splitName(fe.Name())
			if fe.IsDir() || !ok || !contains(in.Languages, lang) {
				return Problem{frel, 0, "not a <clause>.<lang>.md file of a language of the initiative"}
			}
			raw, err := os.ReadFile(filepath.Join(root, e.Name(), fe.Name()))
			if err != nil {
				return err
			}
			c, err := contentsite.ParseClause(frel, raw)
			if err != nil {
				return err
			}
			c.ID, c.Lang = id, lang
			f, err := readClause(site, in, frel, c)
			if err != nil {
				return err
			}
			if archive[vi][lang] == nil {
				archive[vi][lang] = map[string]*file{}
			}
			archive[vi][lang][id] = f
		}
	}
	in.Text = make([]map[string][]ClauseText, len(in.Versions))
	for vi := range in.Versions {
		byLang := map[string][]ClauseText{}
		// A language that does not list the version has no text of it:
		// its files only say how it reads since it was first published,
		// which would pass a later translation off as the older version.
		for _, lang := range in.Versions[vi].Languages {
			ids := map[string]bool{}
			for id := range live[lang] {
				ids[id] = true
			}
			for k := vi; k < len(archive); k++ {
				for id := range archive[k][lang] {
					ids[id] = true
				}
			}
			var list []ClauseText
			for id := range ids {
				f := live[lang][id]
				for k := vi; k < len(archive); k++ {
					if a := archive[k][lang][id]; a != nil {
						f = a
						break
					}
				}
				if f == nil || f.since > vi {
					continue
				}
				list = append(list, f.clause)
			}
			sort.SliceStable(list, func(a, b int) bool {
				if list[a].Weight != list[b].Weight {
					return list[a].Weight < list[b].Weight
				}
				return list[a].ID < list[b].ID
			})
			byLang[lang] = list
		}
		in.Text[vi] = byLang
	}
	in.markChanged()
	return nil
}

// At returns the clauses of a version in a language.
func (in *Initiative) At(v int, lang string) []ClauseText { return in.Text[v][lang] }

// Clause returns one clause of a version in a language, or nil.
func (in *Initiative) Clause(v int, lang, id string) *ClauseText {
	list := in.At(v, lang)
	for i := range list {
		if list[i].ID == id {
			return &list[i]
		}
	}
	return nil
}

func (in *Initiative) markChanged() {
	for vi := range in.Versions {
		for _, lang := range in.Versions[vi].Languages {
			list := in.At(vi, lang)
			for i := range list {
				c := &list[i]
				c.Changed = in.Versions[vi].ID
				if vi > 0 {
					if p := in.Clause(vi-1, lang, c.ID); p != nil && sameText(p, c) {
						c.Changed = p.Changed
					}
				}
			}
		}
	}
}

func sameText(a, b *ClauseText) bool {
	return a.Number == b.Number && a.Title == b.Title && a.Text == b.Text
}

func readClause(site *contentsite.Site, in *Initiative, rel string, c *contentsite.Clause) (*file, error) {
	raw, err := os.ReadFile(filepath.Join(site.Dir, filepath.FromSlash(rel)))
	if err != nil {
		return nil, err
	}
	ct := ClauseText{
		ID: c.ID, Weight: c.Weight, Number: c.Number, Title: c.Title, Text: c.Text(), File: rel,
		Status: c.Provenance.Status, From: c.Provenance.From, Note: c.Provenance.Note, Corrections: c.Provenance.Corrections,
		Markdown: strings.TrimSpace(string(raw)),
	}
	f := &file{}
	if fm, err := siteconfig.SplitFrontMatter(rel, raw); err == nil {
		ct.Markdown = strings.TrimSpace(string(raw[fm.BodyOffset:]))
		var x clauseExtra
		if err := fm.Decode(rel, &x); err != nil {
			return nil, err
		}
		ct.SourceVersion = x.Provenance.SourceVersion
		if x.Since != "" {
			f.since = in.Index(x.Since)
			if f.since < 0 {
				return nil, Problem{rel, 0, fmt.Sprintf("since = %q names no declared version", x.Since)}
			}
		}
		if ct.SourceVersion != "" && in.Index(ct.SourceVersion) < 0 {
			return nil, Problem{rel, 0, fmt.Sprintf("provenance.sourceVersion = %q names no declared version", ct.SourceVersion)}
		}
	}
	ct.Since = in.Versions[f.since].ID
	f.clause = ct
	return f, nil
}

func splitName(name string) (id, lang string, ok bool) {
	stem, found := strings.CutSuffix(name, ".md")
	if !found {
		return "", "", false
	}
	i := strings.IndexByte(stem, '.')
	if i <= 0 {
		return "", "", false
	}
	id, lang = stem[:i], stem[i+1:]
	return id, lang, contentsite.ValidID(id)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
