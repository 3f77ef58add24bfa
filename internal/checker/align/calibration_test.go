package align_test

import (
	"bufio"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/glossary"
	"github.com/concord-initiative/concord/internal/checker/numerals"
	"github.com/concord-initiative/concord/internal/checker/script"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// corpusPair is one paragraph of a Debian message catalogue in English and
// in its zh_CN translation (testdata/calibration/SOURCE.md).
type corpusPair struct {
	pkg, id, en, zh string
}

func loadCorpus(t testing.TB) []corpusPair { return loadCorpusFile(t, "corpus.tsv") }

// loadCorpusFile reads one corpus of testdata/calibration; in corpusPair,
// zh holds the translation whatever its language.
func loadCorpusFile(t testing.TB, name string) []corpusPair {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "calibration", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []corpusPair
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) != 4 {
			t.Fatalf("corpus line %d: %d fields", len(out)+1, len(p))
		}
		out = append(out, corpusPair{p[0], p[1], p[2], p[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func loadCalibrationGlossary(t testing.TB) *glossary.Set {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "calibration", "glossary.toml"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := glossary.Parse("testdata/calibration/glossary.toml", raw)
	if err != nil {
		t.Fatal(err)
	}
	return &glossary.Set{Glossaries: []*glossary.Glossary{g}}
}

// doc is an initiative built from corpus pairs: English is the source, the
// Chinese versions are translations from it, as in the catalogues.
type doc struct {
	clauses []docClause
	// locale of the translations (zh-Hans unless set).
	locale string
}

func (d doc) alphabetic() bool {
	return d.locale != "" && script.ClassOf(d.locale) == script.Alphabetic
}

func (d doc) translationLocale() string {
	if d.locale == "" {
		return "zh-Hans"
	}
	return d.locale
}

type docClause struct {
	id string
	// src names the corpus entry: package and entry:paragraph.
	src      string
	en, zh   string
	enWeight int
	zhWeight int
	dropZh   bool
}

func makeDocs(pairs []corpusPair, size int) []doc {
	var docs []doc
	for i := 0; i+size <= len(pairs); i += size {
		var d doc
		for j, p := range pairs[i : i+size] {
			d.clauses = append(d.clauses, docClause{id: fmt.Sprintf("c%02d", j+1), src: p.pkg + " " + p.id, en: p.en, zh: p.zh, enWeight: (j + 1) * 10, zhWeight: (j + 1) * 10})
		}
		docs = append(docs, d)
	}
	return docs
}

func (d doc) clone() doc {
	return doc{clauses: append([]docClause(nil), d.clauses...), locale: d.locale}
}

func clauseFile(title string, weight int, status, from, body string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %q\nweight = %d\n\n[provenance]\nstatus = %q\n", title, weight, status)
	if from != "" {
		fmt.Fprintf(&b, "from = %q\n", from)
	}
	b.WriteString("+++\n\n")
	// The catalogues are plain text: keep Markdown from reading <name> as
	// HTML or a leading "* " as a list.
	b.WriteString(markdownEscaper.Replace(body))
	b.WriteString("\n")
	return []byte(b.String())
}

var markdownEscaper = strings.NewReplacer("<", "\\<", "*", "\\*", "_", "\\_", "`", "\\`", "[", "\\[", "#", "\\#", "~", "\\~")

// site turns a document into an in-memory site, going through the same
// parser as files on disk.
func (d doc) site(t testing.TB) *contentsite.Site { return d.siteFor(t, zhCorpus) }

// siteFor builds the site with the translations in the corpus's language.
func (d doc) siteFor(t testing.TB, spec corpusSpec) *contentsite.Site {
	t.Helper()
	site, err := contentsite.ParseConfig("hugo.toml", []byte("defaultContentLanguage = \""+spec.lang+"\"\n[languages."+spec.lang+"]\nlocale = \""+spec.locale+"\"\nweight = 1\n[languages.en]\nlocale = \"en\"\nweight = 2\n"))
	if err != nil {
		t.Fatal(err)
	}
	in := &contentsite.Initiative{ID: "doc", Dir: "content/initiatives/doc", Index: map[string]*contentsite.IndexPage{
		"en": {Lang: "en", File: "content/initiatives/doc/_index.en.md", SourceLanguage: "en"},
	}}
	for _, c := range d.clauses {
		en, err := contentsite.ParseClause(in.Dir+"/"+c.id+".en.md", clauseFile(c.id, c.enWeight, "source", "", c.en))
		if err != nil {
			t.Fatal(err)
		}
		en.ID, en.Lang = c.id, "en"
		in.Clauses = append(in.Clauses, en)
		if c.dropZh {
			continue
		}
		zh, err := contentsite.ParseClause(in.Dir+"/"+c.id+"."+spec.lang+".md", clauseFile(c.id, c.zhWeight, "translation", "en", c.zh))
		if err != nil {
			t.Fatal(err)
		}
		zh.ID, zh.Lang = c.id, spec.lang
		in.Clauses = append(in.Clauses, zh)
	}
	site.Initiatives = []*contentsite.Initiative{in}
	return site
}

// corpusSpec names a calibration corpus and the language of its
// translations.
type corpusSpec struct {
	lang, locale, file string
	// glossary: the corpus has a glossary for the glossary mutation.
	glossary bool
}

var zhCorpus = corpusSpec{lang: "zh-hans", locale: "zh-Hans", file: "corpus.tsv", glossary: true}

// pairCorpora are the corpora of the alphabetic pairs.
var pairCorpora = []corpusSpec{
	{lang: "fr", locale: "fr", file: "corpus-fr.tsv"},
	{lang: "de", locale: "de", file: "corpus-de.tsv"},
	{lang: "es", locale: "es", file: "corpus-es.tsv"},
	{lang: "ru", locale: "ru", file: "corpus-ru.tsv"},
}

// docCorpora are the formal-prose corpora of the same pairs: Debian's
// Developer's Reference and New Maintainers' Guide.
var docCorpora = []corpusSpec{
	{lang: "fr", locale: "fr", file: "docs-fr.tsv"},
	{lang: "de", locale: "de", file: "docs-de.tsv"},
	{lang: "es", locale: "es", file: "docs-es.tsv"},
	{lang: "ru", locale: "ru", file: "docs-ru.tsv"},
}

// calibrationChecker ignores AC071: the corpus has no fingerprints.
func calibrationChecker(g *glossary.Set) *align.Checker {
	return &align.Checker{Model: align.DefaultModel, Glossary: g}
}

func relevant(fs []align.Finding) []align.Finding {
	var out []align.Finding
	for _, f := range fs {
		if f.Code != align.CodeNeverStamped {
			out = append(out, f)
		}
	}
	return out
}

// lengthStats measures the length model: the ratio of English length units
// to Chinese ones, and Gale and Church's variance per Chinese unit.
func lengthStats(pairs []corpusPair) (median, pooled, s2 float64, n int) {
	var ratios []float64
	var sumEn, sumZh float64
	type l struct{ zh, en float64 }
	var ls []l
	for _, p := range pairs {
		shared := script.Shared(p.en, p.zh)
		en, zh := script.TranslatedLength(p.en, shared), script.TranslatedLength(p.zh, shared)
		if en == 0 || zh == 0 {
			continue
		}
		ratios = append(ratios, float64(en)/float64(zh))
		sumEn += float64(en)
		sumZh += float64(zh)
		ls = append(ls, l{float64(zh), float64(en)})
	}
	sort.Float64s(ratios)
	median = ratios[len(ratios)/2]
	pooled = sumEn / sumZh
	// Variance of (en − c·zh)/√zh, robustly: the median absolute deviation
	// scaled to a normal σ, so a few mistranslated entries do not set it.
	var devs []float64
	for _, x := range ls {
		devs = append(devs, math.Abs((x.en-median*x.zh)/math.Sqrt(x.zh)))
	}
	sort.Float64s(devs)
	sigma := devs[len(devs)/2] * 1.4826
	return median, pooled, sigma * sigma, len(ls)
}

// TestCalibrationModel keeps DefaultModel honest: its constants must be
// what the corpus measures.
func TestCalibrationModel(t *testing.T) {
	med, pooled, s2, n := lengthStats(loadCorpus(t))
	t.Logf("corpus: %d pairs; en/zh length ratio median %.3f, pooled %.3f; s² %.2f", n, med, pooled, s2)
	m := align.DefaultModel
	if math.Abs(m.HanToAlpha-med)/med > 0.05 {
		t.Errorf("DefaultModel.HanToAlpha = %.3f, corpus median %.3f: recalibrate", m.HanToAlpha, med)
	}
	if math.Abs(m.S2-s2)/s2 > 0.1 {
		t.Errorf("DefaultModel.S2 = %.2f, corpus %.2f: recalibrate", m.S2, s2)
	}
}

type mutation struct {
	name string
	// apply mutates clause k of d and reports whether it applied.
	apply func(d *doc, k int, rng *rand.Rand, g *glossary.Set) bool
	// codes that count as catching it.
	codes []string
	// target is the recall the issue demands (0: report only).
	target float64
}

func cutRunes(s string, frac float64, alphabetic bool) string {
	rs := []rune(s)
	n := int(float64(len(rs)) * frac)
	if alphabetic {
		for n > 0 && !unicode.IsSpace(rs[n-1]) {
			n--
		}
	}
	return strings.TrimSpace(string(rs[:n]))
}

var mutations = []mutation{
	{name: "drop a clause", codes: []string{align.CodeMissing}, target: 1, apply: func(d *doc, k int, _ *rand.Rand, _ *glossary.Set) bool {
		d.clauses[k].dropZh = true
		return true
	}},
	{name: "swap two clauses", codes: []string{align.CodeOrder}, target: 1, apply: func(d *doc, k int, _ *rand.Rand, _ *glossary.Set) bool {
		if k+1 >= len(d.clauses) {
			return false
		}
		a, b := &d.clauses[k], &d.clauses[k+1]
		a.zhWeight, b.zhWeight = b.zhWeight, a.zhWeight
		return true
	}},
	{name: "swap two clauses' texts", codes: []string{align.CodeTruncated, align.CodePadded, align.CodeNumberMissing, align.CodeUnpaired, align.CodeForbiddenTerm, align.CodeTermMissing}, apply: func(d *doc, k int, _ *rand.Rand, _ *glossary.Set) bool {
		if k+1 >= len(d.clauses) {
			return false
		}
		a, b := &d.clauses[k], &d.clauses[k+1]
		a.zh, b.zh = b.zh, a.zh
		return true
	}},
	{name: "cut one to 50 %", codes: []string{align.CodeTruncated, align.CodeCutOff, align.CodeUnpaired}, target: 0.8, apply: func(d *doc, k int, _ *rand.Rand, _ *glossary.Set) bool {
		d.clauses[k].zh = cutRunes(d.clauses[k].zh, 0.5, d.alphabetic())
		return d.clauses[k].zh != ""
	}},
	{name: "cut one to 50 % (length check alone)", codes: []string{align.CodeTruncated}, apply: func(d *doc, k int, _ *rand.Rand, _ *glossary.Set) bool {
		d.clauses[k].zh = cutRunes(d.clauses[k].zh, 0.5, d.alphabetic())
		return d.clauses[k].zh != ""
	}},
	{name: "pad one by 50 %", codes: []string{align.CodePadded, align.CodeUnpaired}, apply: func(d *doc, k int, _ *rand.Rand, _ *glossary.Set) bool {
		orig := d.clauses[k].zh
		want := script.Length(orig) / 2
		pad := ""
		for j := 1; j < len(d.clauses) && script.Length(pad) < want; j++ {
			other := d.clauses[(k+j)%len(d.clauses)].zh
			pad += other
		}
		if script.Length(pad) < want {
			return false
		}
		stop := "。"
		if d.alphabetic() {
			stop, orig = ".", orig+" "
		}
		d.clauses[k].zh = orig + cutRunes(pad, float64(want)/float64(script.Length(pad)), d.alphabetic()) + stop
		return true
	}},
	{name: "change a number", codes: []string{align.CodeNumberMissing, align.CodeNumberCount}, target: 1, apply: func(d *doc, k int, _ *rand.Rand, _ *glossary.Set) bool {
		c := &d.clauses[k]
		en := numerals.Extract(c.en)
		for _, n := range numerals.ExtractIn(c.zh, d.translationLocale()).List {
			if n.Words || !isInt(n.Value) {
				continue
			}
			for _, e := range en.List {
				if e.Value != n.Value {
					continue
				}
				if i := standaloneIndex(c.zh, n.Text); i >= 0 {
					v, _ := strconv.Atoi(n.Value)
					c.zh = c.zh[:i] + strconv.Itoa(v+1) + c.zh[i+len(n.Text):]
					return true
				}
			}
		}
		return false
	}},
	{name: "insert Han into English", codes: []string{align.CodeHanInAlpha}, target: 1, apply: func(d *doc, k int, rng *rand.Rand, _ *glossary.Set) bool {
		words := strings.Split(d.clauses[k].en, " ")
		i := rng.IntN(len(words))
		words = append(words[:i], append([]string{"发行说明"}, words[i:]...)...)
		d.clauses[k].en = strings.Join(words, " ")
		return true
	}},
	{name: "leave one untranslated", codes: []string{align.CodeUntranslated}, target: 0.85, apply: func(d *doc, k int, _ *rand.Rand, _ *glossary.Set) bool {
		// Han translations have AC031 for Latin text instead.
		if !d.alphabetic() {
			return false
		}
		d.clauses[k].zh = d.clauses[k].en
		return true
	}},
	{name: "replace a glossary term", codes: []string{align.CodeForbiddenTerm, align.CodeTermMissing}, target: 1, apply: func(d *doc, k int, _ *rand.Rand, g *glossary.Set) bool {
		if g == nil {
			return false
		}
		c := &d.clauses[k]
		for _, e := range g.Glossaries[0].Entries {
			if len(e.Forbidden) == 0 || !strings.Contains(c.zh, e.Term) {
				continue
			}
			for _, a := range e.Allowed {
				if glossary.Contains(c.en, a) {
					c.en = replaceFold(c.en, e.Allowed, e.Forbidden[0])
					return true
				}
			}
		}
		return false
	}},
}

// standaloneIndex finds num in s where it is not part of a longer number,
// a placeholder or a name.
func standaloneIndex(s, num string) int {
	for from := 0; ; {
		i := strings.Index(s[from:], num)
		if i < 0 {
			return -1
		}
		i += from
		end := i + len(num)
		before := byte(' ')
		if i > 0 {
			before = s[i-1]
		}
		after := byte(' ')
		if end < len(s) {
			after = s[end]
		}
		isDigit := func(b byte) bool { return b >= '0' && b <= '9' }
		isLetter := func(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
		if !isDigit(before) && !isDigit(after) && before != '%' && before != '.' && after != '.' && after != ',' && !isLetter(before) {
			return i
		}
		from = i + 1
	}
}

func isInt(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}

// replaceFold replaces every allowed rendering (any case, plural) by r.
func replaceFold(s string, allowed []string, r string) string {
	for _, a := range allowed {
		for {
			i := glossary.Index(s, a)
			if i < 0 {
				break
			}
			end := i + len(a)
			for end < len(s) && unicode.IsLetter(rune(s[end])) {
				end++
			}
			s = s[:i] + r + s[end:]
		}
	}
	return s
}

type mutationResult struct {
	name                 string
	applied, caught      int
	target               float64
	codes                map[string]int
	newErrorsElsewhere   int
	newWarningsElsewhere int
}

// runCalibration measures false positives on the unmodified corpus and the
// recall of each mutation.
func runCalibration(t testing.TB, size int) (fp map[string]int, docs, clauses int, results []mutationResult) {
	fp, docs, clauses, results, _ = runCorpus(t, zhCorpus, size)
	return fp, docs, clauses, results
}

// runCorpus is runCalibration for any corpus; errs lists each error on the
// unmodified text as "code<TAB>corpus entry".
func runCorpus(t testing.TB, spec corpusSpec, size int) (fp map[string]int, docs, clauses int, results []mutationResult, errs []string) {
	pairs := loadCorpusFile(t, spec.file)
	var g *glossary.Set
	if spec.glossary {
		g = loadCalibrationGlossary(t)
	}
	ch := calibrationChecker(g)
	ds := makeDocs(pairs, size)
	for i := range ds {
		ds[i].locale = spec.locale
	}
	fp = map[string]int{}
	baseline := make([]map[string]bool, len(ds))
	for i, d := range ds {
		baseline[i] = map[string]bool{}
		for _, f := range relevant(ch.Check(d.siteFor(t, spec)).Findings) {
			if f.Severity == align.Error {
				for _, c := range d.clauses {
					if c.id == f.Clause {
						errs = append(errs, f.Code+"\t"+c.src)
						if os.Getenv("CALIBRATION_FP") != "" {
							t.Logf("error %s on %s (%s): %s\n  EN %s\n  %s %s", f.Code, f.Clause, c.src, f.Message, c.en, spec.lang, c.zh)
						}
					}
				}
			}
			fp[f.Severity.String()+" "+f.Code]++
			baseline[i][f.Fingerprint] = true
		}
		clauses += len(d.clauses)
	}
	rng := rand.New(rand.NewPCG(2020, 905))
	for _, m := range mutations {
		r := mutationResult{name: m.name, target: m.target, codes: map[string]int{}}
		for i, d := range ds {
			k := rng.IntN(len(d.clauses))
			md := d.clone()
			applied := false
			// Try each clause in turn from k, so number and glossary
			// mutations find a clause they apply to.
			for j := 0; j < len(md.clauses) && !applied; j++ {
				kk := (k + j) % len(md.clauses)
				try := d.clone()
				if m.apply(&try, kk, rng, g) {
					md, k, applied = try, kk, true
				}
			}
			if !applied {
				continue
			}
			r.applied++
			id := md.clauses[k].id
			caught := false
			for _, f := range relevant(ch.Check(md.siteFor(t, spec)).Findings) {
				if baseline[i][f.Fingerprint] {
					continue
				}
				onClause := f.Clause == id || (m.name == "swap two clauses" || m.name == "swap two clauses' texts") && k+1 < len(md.clauses) && f.Clause == md.clauses[k+1].id
				if onClause && contains(m.codes, f.Code) {
					caught = true
					r.codes[f.Code]++
				} else if !onClause {
					if f.Severity == align.Error {
						r.newErrorsElsewhere++
					} else if f.Severity == align.Warning {
						r.newWarningsElsewhere++
					}
				}
			}
			if caught {
				r.caught++
			} else if os.Getenv("CALIBRATION_MISSES") != "" {
				t.Logf("missed %s on %s:\n  EN %s\n  ZH %s\n  ORIG ZH %s", m.name, id, md.clauses[k].en, md.clauses[k].zh, d.clauses[k].zh)
			}
		}
		results = append(results, r)
	}
	return fp, len(ds), clauses, results, errs
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// TestCalibrationReport runs the mutation test and fails when a target of
// the issue is missed. Run with -v for the figures docs/aligncheck.md quotes.
func TestCalibrationReport(t *testing.T) {
	med, pooled, s2, n := lengthStats(loadCorpus(t))
	t.Logf("length model: %d paragraph pairs, en/zh ratio median %.3f (pooled %.3f), s² %.2f", n, med, pooled, s2)
	for _, size := range []int{10, 3} {
		fp, docs, clauses, results := runCalibration(t, size)
		basis := "document median"
		if size < align.DefaultModel.MinClausesForMedian {
			basis = "calibrated constant"
		}
		t.Logf("documents of %d clauses (%s): %d documents, %d clause pairs", size, basis, docs, clauses)
		var keys []string
		errors := 0
		for k, v := range fp {
			keys = append(keys, fmt.Sprintf("%s=%d", k, v))
			if strings.HasPrefix(k, "error") {
				errors += v
			}
		}
		sort.Strings(keys)
		t.Logf("  unmodified text: %d false error(s); all findings: %s", errors, strings.Join(keys, ", "))
		if errors > 0 {
			t.Errorf("  %d false error(s) on correct text; target 0", errors)
		}
		for _, r := range results {
			if r.applied == 0 {
				continue // not for this pair (glossary, untranslated)
			}
			recall := float64(r.caught) / math.Max(1, float64(r.applied))
			var codes []string
			for c, n := range r.codes {
				codes = append(codes, fmt.Sprintf("%s×%d", c, n))
			}
			sort.Strings(codes)
			t.Logf("  %-38s recall %5.1f%% (%d/%d) by %s; new findings on other clauses: %d error(s), %d warning(s)",
				r.name, 100*recall, r.caught, r.applied, strings.Join(codes, " "), r.newErrorsElsewhere, r.newWarningsElsewhere)
			if r.target > 0 && recall < r.target {
				t.Errorf("  %s: recall %.1f%% below target %.0f%%", r.name, 100*recall, 100*r.target)
			}
		}
	}
}
