package versions

import (
	"encoding/json"
	"os"
	"path/filepath"
)

// Change says how a clause differs between two versions.
type Change string

// The changes a reader is told about.
const (
	Unchanged Change = "unchanged"
	Added     Change = "added"
	Removed   Change = "removed"
	Reworded  Change = "changed"
)

// ClauseDiff is one clause of a comparison, in one language.
type ClauseDiff struct {
	ID     string    `json:"id"`
	Number string    `json:"number,omitempty"`
	Change Change    `json:"change"`
	Title  []Segment `json:"title"`
	Text   []Segment `json:"text"`
}

// Compare lists, in the newer version's reading order followed by the
// clauses only the older has, how each clause differs.
func (in *Initiative) Compare(older, newer int, lang string) []ClauseDiff {
	var out []ClauseDiff
	seen := map[string]bool{}
	for _, c := range in.At(newer, lang) {
		seen[c.ID] = true
		d := ClauseDiff{ID: c.ID, Number: c.Number}
		if o := in.Clause(older, lang, c.ID); o == nil {
			d.Change = Added
			d.Title, d.Text = Diff("", c.Title), Diff("", c.Text)
		} else {
			d.Change = Unchanged
			if !sameText(o, &c) {
				d.Change = Reworded
			}
			d.Title, d.Text = Diff(o.Title, c.Title), Diff(o.Text, c.Text)
		}
		out = append(out, d)
	}
	for _, o := range in.At(older, lang) {
		if !seen[o.ID] {
			out = append(out, ClauseDiff{ID: o.ID, Number: o.Number, Change: Removed, Title: Diff(o.Title, ""), Text: Diff(o.Text, "")})
		}
	}
	return out
}

// VersionData is one version as the templates read it.
type VersionData struct {
	Version
	// Until is the date the next version replaced this one, empty for the
	// latest: the version was in force from Date up to (not including) Until.
	Until string `json:"until,omitempty"`
	// Previous is the version before, empty for the first.
	Previous string `json:"previous,omitempty"`
	// Text, Changes (against Previous) and ToLatest by language key, for
	// the languages the version was published in (Changes and ToLatest
	// only where the other version was published in it too).
	Text map[string][]ClauseText `json:"text"`
	// At gives, per language, each clause's position in Text, so a page
	// finds a clause without scanning the version.
	At        map[string]map[string]int `json:"at"`
	Changes   map[string][]ClauseDiff   `json:"changes,omitempty"`
	ToLatest  map[string][]ClauseDiff   `json:"toLatest,omitempty"`
	Downloads map[string][]Download     `json:"downloads"`
}

// Data is build/data/versions/<initiative>.json: everything the version
// pages show, so the templates only lay it out.
type Data struct {
	Initiative     string            `json:"initiative"`
	Title          map[string]string `json:"title"`
	SourceLanguage string            `json:"sourceLanguage"`
	Languages      []string          `json:"languages"`
	Latest         string            `json:"latest"`
	Versions       []VersionData     `json:"versions"`
}

// DataFor gathers the data of one initiative. Each version is compared with
// the one before and with the latest only, so the pages grow linearly with
// the number of versions.
func DataFor(p *Publication, in *Initiative) *Data {
	d := &Data{Initiative: in.ID, Title: in.Title, SourceLanguage: in.SourceLanguage, Languages: in.Languages, Latest: in.Versions[in.Latest()].ID}
	for vi, v := range in.Versions {
		vd := VersionData{Version: v, Text: map[string][]ClauseText{}, At: map[string]map[string]int{}, Downloads: map[string][]Download{}}
		if vi+1 < len(in.Versions) {
			vd.Until = in.Versions[vi+1].Date
			vd.ToLatest = map[string][]ClauseDiff{}
		}
		if vi > 0 {
			vd.Previous = in.Versions[vi-1].ID
			vd.Changes = map[string][]ClauseDiff{}
		}
		for _, lang := range v.Languages {
			vd.Text[lang] = in.At(vi, lang)
			vd.At[lang] = map[string]int{}
			for i, c := range vd.Text[lang] {
				vd.At[lang][c.ID] = i
			}
			// Only versions both published in the language compare: a
			// language that skipped the version before has no changes
			// from it, every clause would read as added.
			if vd.Changes != nil && in.Versions[vi-1].PublishedIn(lang) {
				vd.Changes[lang] = in.Compare(vi-1, vi, lang)
			}
			if vd.ToLatest != nil && in.Versions[in.Latest()].PublishedIn(lang) {
				vd.ToLatest[lang] = in.Compare(vi, in.Latest(), lang)
			}
			vd.Downloads[lang] = Downloads(p, in, vi, lang)
		}
		d.Versions = append(d.Versions, vd)
	}
	return d
}

// Write writes the data of every initiative into dataDir
// (build/data/versions/<id>.json) and the downloads under staticDir, and
// removes what an earlier run wrote for initiatives or versions that are
// gone.
func Write(p *Publication, ins []*Initiative, dataDir, staticDir string) error {
	if err := os.RemoveAll(dataDir); err != nil {
		return err
	}
	if err := os.RemoveAll(staticDir); err != nil {
		return err
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		return err
	}
	for _, in := range ins {
		d := DataFor(p, in)
		raw, err := json.MarshalIndent(d, "", " ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(filepath.Join(dataDir, in.ID+".json"), raw, 0o644); err != nil {
			return err
		}
		for vi, v := range in.Versions {
			for _, lang := range v.Languages {
				for _, f := range Files(p, in, vi, lang) {
					p := filepath.Join(staticDir, filepath.FromSlash(f.Path))
					if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
						return err
					}
					if err := os.WriteFile(p, f.Body, 0o644); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}
