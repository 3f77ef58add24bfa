package align

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// structureChecks: every clause present once in every language, with front
// matter and text, under a valid sourceLanguage.
type structureChecks struct{ noHooks }

func (structureChecks) codes() []string {
	return []string{CodeMissing, CodeExtraFile, CodeDuplicate, CodeNoFrontMatter, CodeEmpty, CodeSourceLanguage, CodeNotInLanguage}
}

func (structureChecks) initiative(x *initiativeCtx) {
	x.sourceLanguage()
	x.structure()
}

func (x *initiativeCtx) sourceLanguage() {
	lang, file, line := x.in.SourceLanguage(x.site)
	fallback := x.site.DefaultLanguage
	switch {
	case lang == "":
		f := x.in.Dir
		if p, ok := x.in.Index[x.site.DefaultLanguage]; ok {
			f = p.File
		}
		x.add(CodeSourceLanguage, "", "", "", f, 1, "missing", nil, msgSourceLangMissing, map[string]any{"Index": Code("_index"), "Initiative": Code(x.in.ID), "Fallback": Lang(fallback), "Fix": Code(fmt.Sprintf("sourceLanguage = %q", fallback))})
		lang = fallback
	case x.site.Language(lang) == nil:
		x.add(CodeSourceLanguage, "", "", "", file, line, "unknown", nil, msgSourceLangUnknown, map[string]any{"Value": Code(lang), "Config": Code("hugo.toml"), "Fallback": Lang(fallback)})
		lang = fallback
	}
	for _, p := range x.in.Index {
		if p.SourceLanguage != "" && p.SourceLanguage != lang && x.site.Language(p.SourceLanguage) != nil {
			x.add(CodeSourceLanguage, "", p.Lang, "", p.File, p.SourceLanguageLine, "inconsistent", nil, msgSourceLangInconsistent, map[string]any{"Value": Code(p.SourceLanguage), "Other": Code(lang), "OtherFile": Code(file)})
		}
	}
	x.srcLang = lang
}

// structure groups clause files and checks presence and duplicates.
func (x *initiativeCtx) structure() {
	for _, s := range x.in.Strays {
		if s.ID == "_index" {
			x.add(CodeDuplicate, "", s.Lang, "", s.File, 1, s.File, nil, msgSecondIndex, map[string]any{"Index": Code("_index"), "Lang": Lang(s.Lang), "Other": Code(s.Other)})
			continue
		}
		x.add(CodeExtraFile, s.ID, s.Lang, "", s.File, 1, s.File, nil, msgStrayLanguage, map[string]any{"Value": Code(s.Lang), "Config": Code("hugo.toml"), "AsID": Code(s.ID + "." + s.Lang)})
	}
	for _, c := range x.in.Clauses {
		if x.byID[c.ID] == nil {
			x.byID[c.ID] = map[string]*contentsite.Clause{}
		}
		if prev := x.byID[c.ID][c.Lang]; prev != nil {
			x.add(CodeDuplicate, c.ID, c.Lang, "", c.File, 1, c.File, nil, msgDuplicate, map[string]any{"Clause": Code(c.ID), "Lang": Lang(c.Lang), "File": Code(prev.File), "Other": Code(c.File)})
			continue
		}
		x.byID[c.ID][c.Lang] = c
		if !c.HasFrontMatter {
			x.add(CodeNoFrontMatter, c.ID, c.Lang, "", c.File, 1, "", nil, msgNoFrontMatter, map[string]any{"Fence": Code("+++"), "Table": Code("[provenance]")})
		}
		if len(c.Blocks) == 0 {
			x.add(CodeEmpty, c.ID, c.Lang, "", c.File, c.BodyLine, "", nil, msgEmpty, nil)
		}
		if c.ImplicitLang {
			// Not wrong to Hugo, but the convention names every language.
			x.add(CodeExtraFile, c.ID, c.Lang, "", c.File, 1, "implicit", nil, msgImplicitLang, map[string]any{"Lang": Lang(c.Lang), "Name": Code(c.ID + "." + c.Lang + ".md")})
		}
	}
	for id := range x.byID {
		x.ids = append(x.ids, id)
	}
	minWeight := func(id string) int {
		w := math.MaxInt
		for _, c := range x.byID[id] {
			w = min(w, c.Weight)
		}
		return w
	}
	sort.Slice(x.ids, func(i, j int) bool {
		a, b := minWeight(x.ids[i]), minWeight(x.ids[j])
		if a != b {
			return a < b
		}
		return x.ids[i] < x.ids[j]
	})
	// A language in which the initiative has no file at all is one the
	// editors have not published it in (yet): adding a language for one
	// initiative must not make every other initiative's clauses errors.
	absent := map[string]bool{}
	for _, l := range x.site.Languages {
		if x.in.Index[l.Key] == nil && !slices.ContainsFunc(x.in.Clauses, func(c *contentsite.Clause) bool { return c.Lang == l.Key }) {
			absent[l.Key] = true
		}
	}
	if len(absent) < len(x.site.Languages) {
		file := x.in.Dir
		if p := x.in.Index[x.srcLang]; p != nil {
			file = p.File
		}
		for _, l := range x.site.Languages {
			if absent[l.Key] {
				x.add(CodeNotInLanguage, "", l.Key, "", file, 1, "", nil, msgNotInLanguage, map[string]any{"Lang": Lang(l.Key), "Index": Code(x.in.Dir + "/_index." + l.Key + ".md")})
			}
		}
	}
	// Missing clauses.
	for _, id := range x.ids {
		versions := x.byID[id]
		var first *contentsite.Clause
		for _, l := range x.site.Languages {
			if c := versions[l.Key]; c != nil {
				first = c
				break
			}
		}
		for _, l := range x.site.Languages {
			if versions[l.Key] != nil || absent[l.Key] {
				continue
			}
			expected := x.in.Dir + "/" + id + "." + l.Key + ".md"
			var have []string
			for _, l2 := range x.site.Languages {
				if versions[l2.Key] != nil {
					have = append(have, l2.Key)
				}
			}
			x.add(CodeMissing, id, l.Key, "", first.File, 1, "", map[string]any{"expectedFile": expected, "presentIn": have},
				msgMissing, map[string]any{"Clause": Code(id), "Lang": Lang(l.Key), "Present": langs(have), "File": Code(expected)})
		}
	}
}

// clauseSource is the language a clause's other versions are compared with:
// the initiative's source language, unless that version is itself a
// translation, in which case the language it came from.
func (x *initiativeCtx) clauseSource(id string) string {
	versions := x.byID[id]
	lang := x.srcLang
	for range len(x.site.Languages) + 1 {
		c := versions[lang]
		if c == nil {
			break
		}
		if c.Provenance.Status != contentsite.StatusTranslation || c.Provenance.From == "" || versions[c.Provenance.From] == nil {
			return lang
		}
		lang = c.Provenance.From
	}
	// No usable version in the source language: the first original.
	for _, l := range x.site.Languages {
		if c := versions[l.Key]; c != nil && c.Provenance.Status != contentsite.StatusTranslation {
			return l.Key
		}
	}
	for _, l := range x.site.Languages {
		if versions[l.Key] != nil {
			return l.Key
		}
	}
	return x.srcLang
}

// comparisonFor returns the version c is checked against, or nil for the
// clause's own source.
func (x *initiativeCtx) comparisonFor(c *contentsite.Clause, clauseSrc string) *contentsite.Clause {
	versions := x.byID[c.ID]
	if from := c.Provenance.From; c.Provenance.Status == contentsite.StatusTranslation && from != "" && from != c.Lang {
		if v := versions[from]; v != nil {
			return v
		}
	}
	if c.Lang == clauseSrc {
		return nil
	}
	return versions[clauseSrc]
}
