package align

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/concord-initiative/concord/internal/contentsite"
	"github.com/concord-initiative/concord/internal/galechurch"
	"github.com/concord-initiative/concord/internal/glossary"
	"github.com/concord-initiative/concord/internal/numerals"
	"github.com/concord-initiative/concord/internal/script"
	"github.com/concord-initiative/concord/internal/sentence"
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
	x.sourceLanguage()
	x.structure()
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
				x.provenance(c)
				x.singleText(c)
				if cmp := x.comparisonFor(c, clauseSrc); cmp != nil {
					cell.ComparedWith = cmp.Lang
					pairs[[2]string{cmp.Lang, c.Lang}] = append(pairs[[2]string{cmp.Lang, c.Lang}], pair{src: cmp, tgt: c})
					x.staleness(c, cmp)
				} else if len(versions) == 1 {
					x.cutOffAlone(c)
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

// structure groups clause files and checks presence, duplicates, numbering
// and order.
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
			if versions[l.Key] != nil {
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
	x.numbering()
	x.order()
}

func (x *initiativeCtx) numbering() {
	seen := map[string]map[int]string{}
	for _, id := range x.ids {
		versions := x.byID[id]
		ref := x.byID[id][x.clauseSource(id)]
		type num struct {
			c   *contentsite.Clause
			val int
			ok  bool
		}
		var nums []num
		for _, l := range x.site.Languages {
			c := versions[l.Key]
			if c == nil || !c.HasNumber {
				continue
			}
			v, ok := numerals.Ordinal(c.Number)
			if !ok {
				x.add(CodeNumbering, id, c.Lang, "", c.File, c.Line("number"), "unreadable", nil, msgNumberUnreadable, map[string]any{"Number": Quoted(c.Number), "Examples": numeralExamples})
				continue
			}
			if seen[c.Lang] == nil {
				seen[c.Lang] = map[int]string{}
			}
			if other, dup := seen[c.Lang][v]; dup {
				x.add(CodeNumbering, id, c.Lang, "", c.File, c.Line("number"), fmt.Sprintf("dup%d", v), nil, msgNumberReused, map[string]any{"Number": Quoted(c.Number), "Value": v, "Other": Code(other), "Lang": Lang(c.Lang)})
			}
			seen[c.Lang][v] = id
			nums = append(nums, num{c, v, ok})
		}
		if len(nums) == 0 {
			continue
		}
		refNum := nums[0]
		if ref != nil {
			for _, n := range nums {
				if n.c == ref {
					refNum = n
				}
			}
		}
		for _, n := range nums {
			if n.c != refNum.c && n.val != refNum.val {
				x.add(CodeNumbering, id, n.c.Lang, refNum.c.Lang, n.c.File, n.c.Line("number"), fmt.Sprint(n.val), map[string]any{"number": n.c.Number, "value": n.val, "otherNumber": refNum.c.Number, "otherValue": refNum.val},
					msgNumberDiffers, map[string]any{"Number": Quoted(n.c.Number), "Value": n.val, "OtherLang": Lang(refNum.c.Lang), "OtherNumber": Quoted(refNum.c.Number), "OtherValue": refNum.val})
			}
		}
		for _, l := range x.site.Languages {
			c := versions[l.Key]
			if c != nil && !c.HasNumber && len(nums) > 0 {
				x.add(CodeNumbering, id, c.Lang, nums[0].c.Lang, c.File, c.Line("title"), "unnumbered", nil, msgUnnumbered, map[string]any{"Number": Quoted(nums[0].c.Number), "OtherLang": Lang(nums[0].c.Lang), "Fix": Code("number = ...")})
			}
		}
	}
}

func (x *initiativeCtx) order() {
	orderIn := func(lang string) []string {
		var ids []string
		for _, id := range x.ids {
			if x.byID[id][lang] != nil {
				ids = append(ids, id)
			}
		}
		sort.SliceStable(ids, func(i, j int) bool {
			a, b := x.byID[ids[i]][lang], x.byID[ids[j]][lang]
			if a.Weight != b.Weight {
				return a.Weight < b.Weight
			}
			return ids[i] < ids[j]
		})
		return ids
	}
	ref := orderIn(x.srcLang)
	for _, l := range x.site.Languages {
		if l.Key == x.srcLang {
			continue
		}
		got := orderIn(l.Key)
		common := map[string]bool{}
		for _, id := range got {
			if x.byID[id][x.srcLang] != nil {
				common[id] = true
			}
		}
		var a, b []string
		for _, id := range ref {
			if common[id] {
				a = append(a, id)
			}
		}
		for _, id := range got {
			if common[id] {
				b = append(b, id)
			}
		}
		for i := range a {
			if a[i] != b[i] {
				c := x.byID[b[i]][l.Key]
				x.add(CodeOrder, b[i], l.Key, x.srcLang, c.File, c.Line("weight"), strings.Join(b, ","), map[string]any{"order": b, "otherOrder": a},
					msgOrder, map[string]any{"OtherLang": Lang(x.srcLang), "Lang": Lang(l.Key), "Order": codes(b), "OtherOrder": codes(a)})
				break
			}
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

func (x *initiativeCtx) provenance(c *contentsite.Clause) {
	p := c.Provenance
	switch p.Status {
	case contentsite.StatusSource:
	case contentsite.StatusCorrected:
		if len(p.Corrections) == 0 {
			x.add(CodeNoCorrections, c.ID, c.Lang, "", c.File, c.Line("provenance.status"), "none", nil, msgNoCorrections, map[string]any{"Table": Code("[[provenance.corrections]]")})
		}
		for i, cr := range p.Corrections {
			var missing []any
			if strings.TrimSpace(cr.Was) == "" {
				missing = append(missing, Code("was"))
			}
			if strings.TrimSpace(cr.Now) == "" {
				missing = append(missing, Code("now"))
			}
			if strings.TrimSpace(cr.Why) == "" {
				missing = append(missing, Code("why"))
			}
			if len(missing) > 0 {
				x.add(CodeNoCorrections, c.ID, c.Lang, "", c.File, c.Line("provenance.corrections"), fmt.Sprint(i), nil, msgCorrectionIncomplete, map[string]any{"N": i + 1, "Missing": List{Items: missing}})
			}
		}
	case contentsite.StatusTranslation:
		switch {
		case p.From == "":
			x.add(CodeNoFrom, c.ID, c.Lang, "", c.File, c.Line("provenance.status"), "", nil, msgNoFrom, map[string]any{"Fix": Code(fmt.Sprintf("from = %q", x.likelyFrom(c))), "Table": Code("[provenance]")})
		case p.From == c.Lang:
			x.add(CodeBadFrom, c.ID, c.Lang, "", c.File, c.Line("provenance.from"), "self", nil, msgFromSelf, map[string]any{"From": Code(fmt.Sprintf("from = %q", p.From))})
		case x.site.Language(p.From) == nil:
			x.add(CodeBadFrom, c.ID, c.Lang, "", c.File, c.Line("provenance.from"), "unknown", nil, msgFromUnknown, map[string]any{"From": Code(fmt.Sprintf("from = %q", p.From)), "Config": Code("hugo.toml")})
		case x.byID[c.ID][p.From] == nil:
			x.add(CodeBadFrom, c.ID, c.Lang, "", c.File, c.Line("provenance.from"), "absent", nil, msgFromAbsent, map[string]any{"Source": Lang(p.From), "Clause": Code(c.ID)})
		default:
			// A loop (zh from en, en from zh) leaves no original to compare with.
			seen := map[string]bool{c.Lang: true}
			cur := x.byID[c.ID][p.From]
			for cur != nil && cur.Provenance.Status == contentsite.StatusTranslation {
				if seen[cur.Lang] {
					x.add(CodeBadFrom, c.ID, c.Lang, "", c.File, c.Line("provenance.from"), "loop", nil, msgFromLoop, map[string]any{"Lang": Lang(cur.Lang)})
					break
				}
				seen[cur.Lang] = true
				cur = x.byID[c.ID][cur.Provenance.From]
			}
		}
	case "":
		x.add(CodeBadStatus, c.ID, c.Lang, "", c.File, c.Line("provenance"), "missing", nil, msgNoStatus, map[string]any{"Fix": Code(`status = "source"`), "Others": List{Items: statuses.Items[1:]}, "Table": Code("[provenance]")})
	default:
		x.add(CodeBadStatus, c.ID, c.Lang, "", c.File, c.Line("provenance.status"), "invalid", nil, msgBadStatus, map[string]any{"Status": Code(fmt.Sprintf("%q", p.Status)), "Allowed": statuses})
	}
}

// likelyFrom is the language to suggest as a translation's from: the
// initiative's source, or for a version in that language the first other.
func (x *initiativeCtx) likelyFrom(c *contentsite.Clause) string {
	if c.Lang != x.srcLang {
		return x.srcLang
	}
	for _, l := range x.site.Languages {
		if l.Key != c.Lang {
			return l.Key
		}
	}
	return x.srcLang
}

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

// singleText runs the checks that need only one version: script and
// typography.
func (x *initiativeCtx) singleText(c *contentsite.Clause) {
	class := classOf(x.site, c.Lang)
	type piece struct {
		text string
		line int
	}
	pieces := []piece{{c.Title, c.Line("title")}}
	for _, b := range c.Blocks {
		pieces = append(pieces, piece{b.Text, b.Line})
	}
	if class == script.Alphabetic {
		reported := 0
		var wide []string
		wideLine := 0
		var spaces []string
		spaceLine, spaceCount := 0, 0
		for _, p := range pieces {
			for _, r := range script.HanRuns(p.text) {
				if reported < 5 {
					x.add(CodeHanInAlpha, c.ID, c.Lang, "", c.File, p.line, r.Text, map[string]any{"text": r.Text}, msgHanInAlpha, map[string]any{"Text": Quoted(r.Text), "Lang": Lang(c.Lang)})
				}
				reported++
			}
			for _, r := range script.CJKPunct(p.text) {
				if wideLine == 0 {
					wideLine = p.line
				}
				wide = append(wide, r.Text)
			}
			for _, r := range script.MissingSpaces(p.text) {
				if spaceLine == 0 {
					spaceLine = p.line
				}
				if !slices.Contains(spaces, r.Text) {
					spaces = append(spaces, r.Text)
				}
				spaceCount++
			}
		}
		if len(wide) > 0 {
			x.add(CodeWidePunct, c.ID, c.Lang, "", c.File, wideLine, "", map[string]any{"marks": wide}, msgWidePunct, map[string]any{"Count": len(wide), "Lang": Lang(c.Lang), "Marks": strings.Join(firstN(wide, 8), " ")})
		}
		if len(spaces) > 0 {
			x.add(CodeMissingSpace, c.ID, c.Lang, "", c.File, spaceLine, "", map[string]any{"count": spaceCount, "examples": firstN(spaces, 5)}, msgMissingSpace, map[string]any{"Count": spaceCount, "Examples": quotedList(c.Lang, firstN(spaces, 3))})
		}
		return
	}
	for _, p := range pieces {
		for _, r := range script.LatinRuns(p.text, 2) {
			x.add(CodeLatinInHan, c.ID, c.Lang, "", c.File, p.line, r.Text, map[string]any{"text": r.Text}, msgLatinInHan, map[string]any{"Text": Quoted(r.Text), "Lang": Lang(c.Lang)})
		}
	}
}

func firstN(xs []string, n int) []string {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}

func lastBlockLine(c *contentsite.Clause) int {
	if n := len(c.Blocks); n > 0 {
		return c.Blocks[n-1].Line
	}
	return c.BodyLine
}

func lastParagraphEnds(c *contentsite.Clause) (bool, string) {
	if len(c.Blocks) == 0 {
		return true, ""
	}
	b := c.Blocks[len(c.Blocks)-1]
	if b.Kind != contentsite.Paragraph {
		return true, ""
	}
	return script.EndsSentence(b.Text), tail(b.Text, 24)
}

func tail(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	rs := []rune(s)
	return "…" + string(rs[len(rs)-n:])
}

func head(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

func (x *initiativeCtx) cutOffAlone(c *contentsite.Clause) {
	if ok, t := lastParagraphEnds(c); !ok {
		x.add(CodeCutOff, c.ID, c.Lang, "", c.File, lastBlockLine(c), "", map[string]any{"ending": t}, msgCutOffAlone, map[string]any{"Ending": QuotedIn{c.Lang, t}})
	}
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
	basis := "calibrated constant"
	if len(ratios) >= m.MinClausesForMedian {
		sort.Float64s(ratios)
		c = median(ratios)
		basis = "document median"
	}
	params := galechurch.Default(c, k*c*c)
	for _, p := range ps {
		x.lengthCheck(p, c, basis, params)
		x.cutOffPair(p, c)
		x.sentences(p, params, basis == "document median")
		x.numbers(p)
		x.untranslated(p)
		x.glossaryChecks(p)
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

func (x *initiativeCtx) lengthCheck(p pair, c float64, basis string, params galechurch.Params) {
	ls, lt := x.pairLengths(p)
	if ls == 0 || lt == 0 {
		return
	}
	m := x.ch.Model
	expected := c * float64(ls)
	rel := float64(lt) / expected
	delta := (float64(lt) - expected) / math.Sqrt(float64(ls)*params.S2)
	details := map[string]any{
		"sourceLength": ls, "length": lt, "expectedLength": round1(expected), "ratio": round3(float64(lt) / float64(ls)),
		"expectedRatio": round3(c), "basis": basis, "relative": round3(rel), "delta": round3(delta),
	}
	slack := 1.0
	if basis != "document median" {
		slack = m.FallbackSlack
	}
	basisMsg := msgBasisMed
	if basis != "document median" {
		basisMsg = msgBasisCal
	}
	data := map[string]any{
		"Lang": Lang(p.tgt.Lang), "Length": lt, "Expected": int(math.Round(expected)), "Source": Lang(p.src.Lang), "SourceLength": ls,
		"Percent": fmt.Sprintf("%.0f", 100*rel), "Ratio": fmt.Sprintf("%.2f", float64(lt)/float64(ls)), "Basis": basisMsg, "ExpectedRatio": fmt.Sprintf("%.2f", c),
	}
	switch {
	case delta < -m.TruncateZ && rel < m.TruncateRatio/slack:
		x.add(x.truncationCode(p), p.tgt.ID, p.tgt.Lang, p.src.Lang, p.tgt.File, lastBlockLine(p.tgt), "", details, msgTruncated, data)
	case delta > m.PadZ && rel > m.PadRatio*slack:
		x.add(CodePadded, p.tgt.ID, p.tgt.Lang, p.src.Lang, p.tgt.File, p.tgt.BodyLine, "", details, msgPadded, data)
	}
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }
func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

// cutOffPair compares how the two versions end. A missing stop on a clause
// of about the right length is a typographic slip (a warning); on a clause
// that is also short it is the mark of a cut (an error).
func (x *initiativeCtx) cutOffPair(p pair, c float64) {
	srcEnds, _ := lastParagraphEnds(p.src)
	tgtEnds, _ := lastParagraphEnds(p.tgt)
	if srcEnds == tgtEnds {
		return
	}
	ls, lt := x.pairLengths(p)
	short, other := p.tgt, p.src
	rel := float64(lt) / (c * float64(max(ls, 1)))
	if !srcEnds {
		short, other = p.src, p.tgt
		rel = 1 / math.Max(rel, 1e-9)
	}
	_, t := lastParagraphEnds(short)
	details := map[string]any{"ending": t, "relative": round3(rel)}
	if rel < x.ch.Model.CutOffRatio {
		x.add(x.cutOffCode(p), short.ID, short.Lang, other.Lang, short.File, lastBlockLine(short), "", details,
			msgCutOff, map[string]any{"Ending": QuotedIn{short.Lang, t}, "Other": Lang(other.Lang), "Percent": fmt.Sprintf("%.0f", 100*rel)})
		return
	}
	x.add(CodeNoFinalStop, short.ID, short.Lang, other.Lang, short.File, lastBlockLine(short), "", details,
		msgNoFinalStop, map[string]any{"Ending": QuotedIn{short.Lang, t}, "Other": Lang(other.Lang)})
}

func (x *initiativeCtx) sentences(p pair, params galechurch.Params, fromMedian bool) {
	st, tt := x.text(p.src), x.text(p.tgt)
	if len(st.sentences) == 0 || len(tt.sentences) == 0 || len(st.sentences)+len(tt.sentences) <= 2 {
		return
	}
	shared := x.shared(p)
	sl := make([]int, len(st.sentences))
	for i, s := range st.sentences {
		sl[i] = script.TranslatedLength(s.text, shared)
	}
	tl := make([]int, len(tt.sentences))
	for i, s := range tt.sentences {
		tl[i] = script.TranslatedLength(s.text, shared)
	}
	// Without a document median, the fallback constant may be far from this
	// text's density (software messages against legal prose), and pairs
	// would be judged by it; the clause's own ratio is then the better
	// guess, though an omission lowers it and so hides itself more.
	sumS, sumT := 0, 0
	for _, v := range sl {
		sumS += v
	}
	for _, v := range tl {
		sumT += v
	}
	if sumS > 0 && sumT > 0 && !fromMedian {
		own := float64(sumT) / float64(sumS)
		params.S2 *= (own / params.C) * (own / params.C)
		params.C = own
	}
	reported := 0
	for _, b := range galechurch.Align(sl, tl, params) {
		if !b.Unpaired() || reported >= 3 {
			continue
		}
		reported++
		if b.SrcLen == 1 {
			s := st.sentences[b.SrcStart]
			x.add(CodeUnpaired, p.tgt.ID, p.tgt.Lang, p.src.Lang, p.tgt.File, p.tgt.BodyLine, "s"+s.text, map[string]any{"side": "source", "sentence": b.SrcStart + 1, "text": s.text},
				msgUnpaired, map[string]any{"Lang": Lang(p.src.Lang), "N": b.SrcStart + 1, "Other": Lang(p.tgt.Lang), "Text": QuotedIn{p.src.Lang, head(s.text, 60)}})
		} else {
			s := tt.sentences[b.TgtStart]
			x.add(CodeUnpaired, p.tgt.ID, p.tgt.Lang, p.src.Lang, p.tgt.File, s.line, "t"+s.text, map[string]any{"side": "target", "sentence": b.TgtStart + 1, "text": s.text},
				msgUnpaired, map[string]any{"Lang": Lang(p.tgt.Lang), "N": b.TgtStart + 1, "Other": Lang(p.src.Lang), "Text": QuotedIn{p.tgt.Lang, head(s.text, 60)}})
		}
	}
}

func (x *initiativeCtx) numbers(p pair) {
	sn, tn := numerals.Comparable(x.text(p.src).nums, x.text(p.tgt).nums)
	type tally struct {
		n      int
		text   string
		digits bool
	}
	count := func(n numerals.Numbers) map[string]*tally {
		m := map[string]*tally{}
		for _, v := range n.List {
			t := m[v.Value]
			if t == nil {
				t = &tally{text: v.Text}
				m[v.Value] = t
			}
			t.n++
			t.digits = t.digits || !v.Words
		}
		return m
	}
	sc, tc := count(sn), count(tn)
	get := func(m map[string]*tally, v string) *tally {
		if t := m[v]; t != nil {
			return t
		}
		return &tally{}
	}
	// "一个"/"one" said nothing about figures; let them stand for a lone 1.
	if s1, t1 := get(sc, "1"), get(tc, "1"); s1.n > t1.n && tn.Ones > 0 && t1.n == 0 {
		tc["1"] = &tally{n: s1.n, text: "一/one", digits: true}
	} else if t1.n > s1.n && sn.Ones > 0 && s1.n == 0 {
		sc["1"] = &tally{n: t1.n, text: "一/one", digits: true}
	}
	// Each item is kept in English for details and as a message part.
	var digitOnly, wordOnly, counts items
	addOnly := func(lang, v string, t *tally, other *tally) {
		it := item{fmt.Sprintf("%s has %s (%q)", lang, v, t.text), Part{msgNumOnly, map[string]any{"Lang": Lang(lang), "Value": v, "Text": QuotedIn{lang, t.text}}}}
		if t.digits || other.digits {
			digitOnly = append(digitOnly, it)
		} else {
			wordOnly = append(wordOnly, it)
		}
	}
	for v, t := range sc {
		o := get(tc, v)
		switch {
		case o.n == 0:
			addOnly(p.src.Lang, v, t, o)
		case o.n != t.n:
			counts = append(counts, item{fmt.Sprintf("%s: %d in %s, %d in %s", v, t.n, p.src.Lang, o.n, p.tgt.Lang),
				Part{msgNumTimes, map[string]any{"Value": v, "SourceCount": t.n, "Source": Lang(p.src.Lang), "Count": o.n, "Lang": Lang(p.tgt.Lang)}}})
		}
	}
	for v, t := range tc {
		if get(sc, v).n == 0 {
			addOnly(p.tgt.Lang, v, t, get(sc, v))
		}
	}
	digitOnly.sort()
	wordOnly.sort()
	counts.sort()
	switch {
	case len(digitOnly) > 0:
		all := append(digitOnly, wordOnly...)
		x.add(CodeNumberMissing, p.tgt.ID, p.tgt.Lang, p.src.Lang, p.tgt.File, p.tgt.BodyLine, strings.Join(all.texts(), ","), map[string]any{"unmatched": all.texts()},
			msgNumbersDiffer, map[string]any{"Items": all.list()})
	case len(wordOnly) > 0:
		x.add(CodeNumberWords, p.tgt.ID, p.tgt.Lang, p.src.Lang, p.tgt.File, p.tgt.BodyLine, strings.Join(wordOnly.texts(), ","), map[string]any{"unmatched": wordOnly.texts()},
			msgNumberWordsDiffer, map[string]any{"Items": wordOnly.list()})
	case len(counts) > 0:
		x.add(CodeNumberCount, p.tgt.ID, p.tgt.Lang, p.src.Lang, p.tgt.File, p.tgt.BodyLine, strings.Join(counts.texts(), ","), map[string]any{"counts": counts.texts()},
			msgNumberCounts, map[string]any{"Items": counts.list()})
	}
}

// glossaryChecks compare titles and terms between a Han-script and an
// alphabetic version, whichever of the two is the source.
func (x *initiativeCtx) glossaryChecks(p pair) {
	if x.ch.Glossary == nil {
		return
	}
	han, alpha := p.src, p.tgt
	if classOf(x.site, han.Lang) != script.Han {
		han, alpha = alpha, han
	}
	if classOf(x.site, han.Lang) != script.Han || classOf(x.site, alpha.Lang) != script.Alphabetic {
		return
	}
	gs := x.ch.Glossary.For(han.Lang, alpha.Lang)
	if len(gs) == 0 {
		return
	}
	hanText, alphaText := x.text(han).full, x.text(alpha).full
	lineOfHan := func(s string) int {
		for _, b := range han.Blocks {
			if strings.Contains(b.Text, s) {
				return b.Line
			}
		}
		return han.BodyLine
	}
	lineOfAlpha := func(s string) int {
		for _, b := range alpha.Blocks {
			if glossary.Contains(b.Text, s) {
				return b.Line
			}
		}
		return alpha.BodyLine
	}
	titles := Titles(hanText)
	for _, t := range titles {
		var entry *glossary.Entry
		for _, g := range gs {
			if e := g.Title(t); e != nil {
				entry = e
				break
			}
		}
		if entry == nil {
			x.add(CodeTitleUnknown, han.ID, han.Lang, alpha.Lang, han.File, lineOfHan("《"+t+"》"), t, map[string]any{"title": t},
				msgTitleUnknown, map[string]any{"Title": t, "Other": Lang(alpha.Lang)})
			continue
		}
		found := false
		for _, r := range entry.Allowed {
			if glossary.Contains(alphaText, r) {
				found = true
			}
		}
		if !found {
			x.add(CodeTitleUnmatched, han.ID, han.Lang, alpha.Lang, han.File, lineOfHan("《"+t+"》"), t, map[string]any{"title": t, "expected": entry.Allowed},
				msgTitleUnmatched, map[string]any{"Title": t, "Other": Lang(alpha.Lang), "Expected": quotedList(alpha.Lang, entry.Allowed)})
		}
	}
	inHan := map[string]bool{}
	for _, t := range titles {
		inHan[t] = true
	}
	// Terms inside a title (直播电商 in 《直播电商行业自律倡议书》) are the
	// title rules' business.
	termText := withoutTitles(hanText)
	for _, g := range gs {
		for _, e := range g.Entries {
			if e.Kind != glossary.KindTitle || inHan[e.Term] {
				continue
			}
			for _, r := range e.Allowed {
				if glossary.Contains(alphaText, r) {
					x.add(CodeTitleExtra, alpha.ID, alpha.Lang, han.Lang, alpha.File, lineOfAlpha(r), e.Term, map[string]any{"title": r, "expected": "《" + e.Term + "》"},
						msgTitleExtra, map[string]any{"Title": QuotedIn{alpha.Lang, r}, "Other": Lang(han.Lang), "Expected": e.Term})
					break
				}
			}
		}
		for _, e := range g.Entries {
			if e.Kind != glossary.KindTerm || !strings.Contains(termText, e.Term) {
				continue
			}
			for _, f := range e.Forbidden {
				if glossary.Contains(alphaText, f) {
					x.add(CodeForbiddenTerm, alpha.ID, alpha.Lang, han.Lang, alpha.File, lineOfAlpha(f), e.Term+"/"+f, map[string]any{"term": e.Term, "rendering": f, "allowed": e.Allowed},
						msgForbiddenTerm, map[string]any{"Term": e.Term, "Rendering": QuotedIn{alpha.Lang, f}, "Allowed": quotedList(alpha.Lang, e.Allowed)})
				}
			}
			found := false
			for _, r := range e.Allowed {
				if glossary.Contains(alphaText, r) {
					found = true
					break
				}
			}
			if !found {
				x.add(CodeTermMissing, alpha.ID, alpha.Lang, han.Lang, alpha.File, alpha.BodyLine, e.Term, map[string]any{"term": e.Term, "allowed": e.Allowed},
					msgTermMissing, map[string]any{"Other": Lang(han.Lang), "Term": e.Term, "Lang": Lang(alpha.Lang), "Allowed": quotedList(alpha.Lang, e.Allowed)})
			}
		}
	}
}

func withoutTitles(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '《':
			depth++
		case r == '》' && depth > 0:
			depth--
			b.WriteRune(' ')
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Titles returns the text of every 《…》 in s, outermost brackets only.
func Titles(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '《':
			if depth == 0 {
				start = i + len("《")
			}
			depth++
		case '》':
			if depth > 0 {
				depth--
				if depth == 0 {
					if t := strings.TrimSpace(s[start:i]); t != "" {
						out = append(out, t)
					}
				}
			}
		}
	}
	return out
}

func (x *initiativeCtx) staleness(c, src *contentsite.Clause) {
	fp := c.Provenance.SourceFingerprint
	line := c.Line("provenance.sourceFingerprint")
	cmd := Code(fmt.Sprintf("aligncheck stamp %s %s %s", x.in.ID, c.ID, c.Lang))
	switch {
	case fp == "":
		if c.Provenance.Status == contentsite.StatusTranslation {
			x.add(CodeNeverStamped, c.ID, c.Lang, src.Lang, c.File, c.Line("provenance"), "", nil, msgNeverStamped, map[string]any{"Command": cmd})
		} else {
			x.add(CodeNotStamped, c.ID, c.Lang, src.Lang, c.File, c.Line("provenance"), "", nil, msgNotStamped,
				map[string]any{"Source": Lang(src.Lang), "Status": Code(c.Provenance.Status), "Command": cmd})
		}
	case !ValidFingerprint(fp):
		x.add(CodeBadFingerprint, c.ID, c.Lang, src.Lang, c.File, line, fp, nil, msgBadFingerprint, map[string]any{"Value": Code(fmt.Sprintf("%q", fp)), "Prefix": Code("sha256:"), "Command": cmd})
	default:
		cur := Fingerprint(src)
		if cur == fp {
			return
		}
		details := map[string]any{"stamped": fp, "current": cur}
		diffNote := Part{M: msgDiffNone}
		old := x.findStamped(src, fp)
		if old == nil {
			old = x.archivedStamped(src, fp)
		}
		if old != nil {
			d := sentenceDiff(old.Text(), src.Text())
			details["sourceDiff"] = d
			diffNote = Part{msgDiffCount, map[string]any{"Count": len(d)}}
		}
		m, data := x.staleMessage(c, src, details, map[string]any{"Source": Lang(src.Lang), "Diff": diffNote, "Command": cmd})
		x.add(CodeStale, c.ID, c.Lang, src.Lang, c.File, line, fp+cur, details, m, data)
	}
}

// findStamped looks through the source file's history for the version whose
// fingerprint the translation recorded.
func (x *initiativeCtx) findStamped(src *contentsite.Clause, fp string) *contentsite.Clause {
	if x.ch.History == nil {
		return nil
	}
	versions, err := x.ch.History.Versions(src.File)
	if err != nil {
		return nil
	}
	for _, v := range versions {
		c, err := contentsite.ParseClause(src.File, v)
		if err != nil {
			continue
		}
		if Fingerprint(c) == fp {
			return c
		}
	}
	return nil
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
	x.sourceLanguage()
	x.structure()
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
