package align

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/concord-initiative/concord/internal/checker/galechurch"
	"github.com/concord-initiative/concord/internal/checker/glossary"
	"github.com/concord-initiative/concord/internal/checker/numerals"
	"github.com/concord-initiative/concord/internal/checker/script"
	"github.com/concord-initiative/concord/internal/checker/sentence"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// Finding is one problem, located at a file and line.
type Finding struct {
	Code       string   `json:"code"`
	Rule       string   `json:"rule"`
	Severity   Severity `json:"severity"`
	Initiative string   `json:"initiative"`
	Clause     string   `json:"clause,omitempty"`
	Language   string   `json:"language,omitempty"`
	// ComparedWith is the language this clause was checked against.
	ComparedWith string `json:"comparedWith,omitempty"`
	File         string `json:"file"`
	Line         int    `json:"line"`
	// Message is said in the language aligncheck was asked for (--lang);
	// Messages and MessagesHTML in every language of the site, the latter
	// with paths and commands in <code> for the status page.
	Message      string            `json:"message"`
	MessageID    string            `json:"messageID"`
	Messages     map[string]string `json:"messages,omitempty"`
	MessagesHTML map[string]string `json:"messagesHTML,omitempty"`
	// Details carries the figures behind the message (ratios, lengths,
	// numbers, the source diff); its keys are documented per code.
	Details map[string]any `json:"details,omitempty"`
	// Fingerprint identifies the finding across runs and edits elsewhere in
	// the file: it hashes the code, location by clause and language, and
	// the finding's subject, never the line number.
	Fingerprint string `json:"fingerprint"`
	key         string
	msg         *i18n.Message
	data        map[string]any
	// order is the clause's position in its initiative, for grouping.
	order int
}

// Cell statuses for the clauses × languages table.
const (
	StatusAligned = "aligned"
	StatusWarning = "warning"
	StatusError   = "error"
	StatusStale   = "stale"
	StatusMissing = "missing"
)

// Cell is one clause in one language.
type Cell struct {
	Language     string `json:"language"`
	Status       string `json:"status"`
	File         string `json:"file,omitempty"`
	Provenance   string `json:"provenance,omitempty"`
	ComparedWith string `json:"comparedWith,omitempty"`
	Title        string `json:"title,omitempty"`
	Number       string `json:"number,omitempty"`
	// Findings indexes into Result.Findings.
	Findings []int `json:"findings"`
}

// ClauseRow is one clause of an initiative across languages.
type ClauseRow struct {
	ID             string `json:"id"`
	SourceLanguage string `json:"sourceLanguage,omitempty"`
	Cells          []Cell `json:"languages"`
}

// InitiativeResult is the table of one initiative.
type InitiativeResult struct {
	ID             string      `json:"id"`
	Dir            string      `json:"dir"`
	SourceLanguage string      `json:"sourceLanguage"`
	Clauses        []ClauseRow `json:"clauses"`
}

// Result is everything a run found.
type Result struct {
	Initiatives []InitiativeResult
	Findings    []Finding
}

// Checker runs the checks with a model, a glossary and, optionally, a
// history for stale diffs.
type Checker struct {
	Model    Model
	Glossary *glossary.Set
	History  History
}

type initiativeCtx struct {
	ch       *Checker
	site     *contentsite.Site
	in       *contentsite.Initiative
	srcLang  string
	byID     map[string]map[string]*contentsite.Clause
	ids      []string
	findings *[]Finding
	// text caches per clause file.
	texts map[*contentsite.Clause]*clauseText
	// latest is the newest version per source language (versions.go).
	latest map[string]string
}

type clauseText struct {
	full      string
	sentences []sent
	nums      numerals.Numbers
}

type sent struct {
	text string
	line int
}

// Check runs every check on a site.
func (ch *Checker) Check(site *contentsite.Site) *Result {
	res := &Result{}
	for _, in := range site.Initiatives {
		start := len(res.Findings)
		ir := ch.checkInitiative(site, in, &res.Findings)
		pos := map[string]int{}
		for i, c := range ir.Clauses {
			pos[c.ID] = i + 1
		}
		for i := start; i < len(res.Findings); i++ {
			res.Findings[i].order = pos[res.Findings[i].Clause]
		}
		res.Initiatives = append(res.Initiatives, ir)
	}
	for i := range res.Findings {
		f := &res.Findings[i]
		f.Rule = RuleFor(f.Code).Name
		sum := sha256.Sum256([]byte(strings.Join([]string{f.Code, f.Initiative, f.Clause, f.Language, f.ComparedWith, f.key}, "\x00")))
		f.Fingerprint = hex.EncodeToString(sum[:16])
	}
	sortFindings(res.Findings)
	// Cells refer to findings by index, so fill them after sorting.
	byCell := map[[3]string][]int{}
	for fi, f := range res.Findings {
		k := [3]string{f.Initiative, f.Clause, f.Language}
		byCell[k] = append(byCell[k], fi)
	}
	for ii := range res.Initiatives {
		ir := &res.Initiatives[ii]
		for ci := range ir.Clauses {
			row := &ir.Clauses[ci]
			for li := range row.Cells {
				cell := &row.Cells[li]
				worst := Severity(-1)
				stale, missing := false, false
				for _, fi := range byCell[[3]string{ir.ID, row.ID, cell.Language}] {
					f := res.Findings[fi]
					cell.Findings = append(cell.Findings, fi)
					if f.Severity > worst {
						worst = f.Severity
					}
					switch f.Code {
					case CodeStale:
						stale = true
					case CodeMissing:
						missing = true
					}
				}
				if cell.Findings == nil {
					cell.Findings = []int{}
				}
				switch {
				case missing:
					cell.Status = StatusMissing
				case stale:
					cell.Status = StatusStale
				case worst == Error:
					cell.Status = StatusError
				case worst == Warning:
					cell.Status = StatusWarning
				default:
					cell.Status = StatusAligned
				}
			}
		}
	}
	return res
}

func sortFindings(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Initiative != b.Initiative {
			return a.Initiative < b.Initiative
		}
		if a.order != b.order {
			return a.order < b.order
		}
		if a.Clause != b.Clause {
			return a.Clause < b.Clause
		}
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Code < b.Code
	})
}

func (x *initiativeCtx) add(code, clause, lang, cmp, file string, line int, key string, details map[string]any, m *i18n.Message, data map[string]any) {
	f := Finding{
		Code: code, Severity: RuleFor(code).Severity, Initiative: x.in.ID, Clause: clause, Language: lang, ComparedWith: cmp,
		File: file, Line: line, MessageID: m.ID, Details: details, key: key, msg: m, data: data,
	}
	f.Message = english.Text(&f)
	*x.findings = append(*x.findings, f)
}

func (ch *Checker) checkInitiative(site *contentsite.Site, in *contentsite.Initiative, findings *[]Finding) InitiativeResult {
	x := &initiativeCtx{ch: ch, site: site, in: in, findings: findings, byID: map[string]map[string]*contentsite.Clause{}, texts: map[*contentsite.Clause]*clauseText{}}
	for _, f := range families {
		f.initiative(x)
	}
	// Comparison pairs: every version against the language it came from.
	res := InitiativeResult{ID: in.ID, Dir: in.Dir, SourceLanguage: x.srcLang}
	pairs := map[[2]string][]pair{}
	for _, id := range x.ids {
		versions := x.byID[id]
		clauseSrc := x.clauseSource(id)
		row := ClauseRow{ID: id, SourceLanguage: clauseSrc}
		for _, l := range site.Languages {
			c := versions[l.Key]
			cell := Cell{Language: l.Key}
			if c != nil {
				cell.File, cell.Provenance, cell.Title, cell.Number = c.File, c.Provenance.Status, c.Title, c.Number
				v := version{c: c, cmp: x.comparisonFor(c, clauseSrc), alone: len(versions) == 1}
				for _, f := range families {
					f.version(x, v)
				}
				if v.cmp != nil {
					cell.ComparedWith = v.cmp.Lang
					pairs[[2]string{v.cmp.Lang, c.Lang}] = append(pairs[[2]string{v.cmp.Lang, c.Lang}], pair{src: v.cmp, tgt: c})
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		res.Clauses = append(res.Clauses, row)
	}
	keys := make([][2]string, 0, len(pairs))
	for k := range pairs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i][0]+"\x00"+keys[i][1] < keys[j][0]+"\x00"+keys[j][1] })
	for _, k := range keys {
		x.pairChecks(pairs[k])
	}
	return res
}

type pair struct{ src, tgt *contentsite.Clause }

func (x *initiativeCtx) text(c *contentsite.Clause) *clauseText {
	if t, ok := x.texts[c]; ok {
		return t
	}
	t := &clauseText{full: c.Text()}
	for _, b := range c.Blocks {
		for _, s := range sentence.Split(b.Text) {
			t.sentences = append(t.sentences, sent{text: s, line: b.Line})
		}
	}
	t.nums = numerals.ExtractIn(t.full, localeOf(x.site, c.Lang))
	x.texts[c] = t
	return t
}

func classOf(site *contentsite.Site, lang string) script.Class {
	if l := site.Language(lang); l != nil && l.Locale != "" {
		return script.ClassOf(l.Locale)
	}
	return script.ClassOf(lang)
}

func firstN(xs []string, n int) []string {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}

func (x *initiativeCtx) pairChecks(ps []pair) {
	if len(ps) == 0 {
		return
	}
	srcLang, tgtLang := ps[0].src.Lang, ps[0].tgt.Lang
	srcClass, tgtClass := classOf(x.site, srcLang), classOf(x.site, tgtLang)
	m := x.ch.Model
	// The document's own ratio, when it has enough clauses to have one.
	// The median is over every clause pair of these two languages in the
	// initiative, whichever way each was translated: a document has one
	// density per language whatever its provenance.
	var ratios []float64
	for _, k := range x.pairsByLang(srcLang, tgtLang) {
		ls, lt := x.pairLengths(k)
		if ls > 0 && lt > 0 {
			ratios = append(ratios, float64(lt)/float64(ls))
		}
	}
	c, k, _ := m.pair(localeOf(x.site, srcLang), localeOf(x.site, tgtLang), srcClass, tgtClass)
	from := "calibrated constant"
	if len(ratios) >= m.MinClausesForMedian {
		sort.Float64s(ratios)
		c = median(ratios)
		from = "document median"
	}
	b := basis{c: c, from: from, params: galechurch.Default(c, k*c*c)}
	for _, p := range ps {
		for _, f := range families {
			f.pair(x, p, b)
		}
	}
}

func median(xs []float64) float64 {
	n := len(xs)
	if n%2 == 1 {
		return xs[n/2]
	}
	return (xs[n/2-1] + xs[n/2]) / 2
}

// pairLengths measures both versions in length units, leaving out tokens
// kept verbatim across a Han/alphabetic pair.
func (x *initiativeCtx) pairLengths(p pair) (ls, lt int) {
	shared := x.shared(p)
	return script.TranslatedLength(x.text(p.src).full, shared), script.TranslatedLength(x.text(p.tgt).full, shared)
}

func (x *initiativeCtx) shared(p pair) map[string]int {
	if classOf(x.site, p.src.Lang) == classOf(x.site, p.tgt.Lang) {
		return nil
	}
	return script.Shared(x.text(p.src).full, x.text(p.tgt).full)
}

// pairsByLang returns every clause pair between languages a and b, oriented
// a→b.
func (x *initiativeCtx) pairsByLang(a, b string) []pair {
	var out []pair
	for _, id := range x.ids {
		va, vb := x.byID[id][a], x.byID[id][b]
		if va == nil || vb == nil {
			continue
		}
		src := x.clauseSource(id)
		if x.comparisonFor(va, src) == vb || x.comparisonFor(vb, src) == va {
			out = append(out, pair{src: va, tgt: vb})
		}
	}
	return out
}

// SourceFor finds a clause version and the version it is compared with (the
// one whose fingerprint `stamp` records), using the same rules as the checks.
func SourceFor(site *contentsite.Site, initiative, clause, lang string) (tgt, src *contentsite.Clause, err error) {
	var in *contentsite.Initiative
	var ids []string
	for _, i := range site.Initiatives {
		ids = append(ids, i.ID)
		if i.ID == initiative {
			in = i
		}
	}
	if in == nil {
		return nil, nil, fmt.Errorf("no initiative %q under content/initiatives (have: %s)", initiative, strings.Join(ids, ", "))
	}
	if site.Language(lang) == nil {
		var keys []string
		for _, l := range site.Languages {
			keys = append(keys, l.Key)
		}
		return nil, nil, fmt.Errorf("language %q is not configured in hugo.toml (have: %s)", lang, strings.Join(keys, ", "))
	}
	var findings []Finding
	x := &initiativeCtx{ch: &Checker{}, site: site, in: in, findings: &findings, byID: map[string]map[string]*contentsite.Clause{}, texts: map[*contentsite.Clause]*clauseText{}}
	structureChecks{}.initiative(x)
	versions := x.byID[clause]
	if versions == nil {
		return nil, nil, fmt.Errorf("initiative %s has no clause %q (have: %s)", initiative, clause, strings.Join(x.ids, ", "))
	}
	tgt = versions[lang]
	if tgt == nil {
		return nil, nil, fmt.Errorf("%s/%s.%s.md: not found: clause %q of %s has no %s version to stamp", in.Dir, clause, lang, clause, initiative, lang)
	}
	src = x.comparisonFor(tgt, x.clauseSource(clause))
	if src == nil {
		return nil, nil, fmt.Errorf("%s is the source of clause %q (nothing to stamp against); stamp the versions translated from it", tgt.File, clause)
	}
	return tgt, src, nil
}
