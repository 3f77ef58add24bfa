package align_test

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/langid"
	"github.com/concord-initiative/concord/internal/checker/script"
)

// pairStats measures the length model of an alphabetic pair in one
// direction: the median ratio of target to source length units and Gale
// and Church's variance per source unit, robustly (MAD), as lengthStats
// does for zh–en.
func pairStats(pairs []corpusPair, reverse bool) (median, s2 float64, n int) {
	type l struct{ src, tgt float64 }
	var ls []l
	var ratios []float64
	for _, p := range pairs {
		a, b := float64(script.Length(p.en)), float64(script.Length(p.zh))
		if reverse {
			a, b = b, a
		}
		if a == 0 || b == 0 {
			continue
		}
		ls = append(ls, l{a, b})
		ratios = append(ratios, b/a)
	}
	sort.Float64s(ratios)
	median = ratios[len(ratios)/2]
	var devs []float64
	for _, x := range ls {
		devs = append(devs, math.Abs((x.tgt-median*x.src)/math.Sqrt(x.src)))
	}
	sort.Float64s(devs)
	sigma := devs[len(devs)/2] * 1.4826
	return median, sigma * sigma, len(ls)
}

// TestPairCalibration keeps DefaultModel.Pairs what the manuals' corpora
// measure: formal prose, nearer legal text than the message catalogues.
func TestPairCalibration(t *testing.T) {
	for _, spec := range append(append([]corpusSpec(nil), docCorpora...), pairCorpora...) {
		pairs := loadCorpusFile(t, spec.file)
		for _, reverse := range []bool{false, true} {
			key := "en>" + spec.lang
			if reverse {
				key = spec.lang + ">en"
			}
			med, s2, n := pairStats(pairs, reverse)
			t.Logf("%s (%s): %d pairs, ratio median %.3f, s² %.2f", key, spec.file, n, med, s2)
			if !slices.Contains(docCorpora, spec) {
				continue // the messages are measured for the record; the model is the manuals'
			}
			m, ok := align.DefaultModel.Pairs[key]
			if !ok {
				t.Errorf("DefaultModel.Pairs has no %s", key)
				continue
			}
			if math.Abs(m.Ratio-med)/med > 0.02 || math.Abs(m.S2-s2)/s2 > 0.05 {
				t.Errorf("DefaultModel.Pairs[%q] = %+v, corpus ratio %.3f s² %.2f: recalibrate", key, m, med, s2)
			}
		}
	}
}

// reviewed reads testdata/calibration/reviewed.tsv: "language<TAB>code<TAB>
// entry" → verdict.
func loadReviewed(t testing.TB) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "calibration", "reviewed.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, l := range strings.Split(string(raw), "\n") {
		f := strings.Split(l, "\t")
		if strings.HasPrefix(l, "#") || len(f) < 4 {
			continue
		}
		m[f[0]+"\t"+f[1]+"\t"+f[2]] = f[3]
	}
	return m
}

// TestPairCalibrationReport runs the mutation test on every alphabetic
// pair's corpus and fails on a false error or a missed target. Run with -v
// for the per-pair table of docs/aligncheck.md.
func TestPairCalibrationReport(t *testing.T) {
	if testing.Short() {
		t.Skip("calibration report in -short mode")
	}
	reviewed := loadReviewed(t)
	for _, spec := range append(append([]corpusSpec(nil), docCorpora...), pairCorpora...) {
		for _, size := range []int{10, 3} {
			fp, docs, clauses, results, errs := runCorpus(t, spec, size)
			basis := "document median"
			if size < align.DefaultModel.MinClausesForMedian {
				basis = "calibrated constant"
			}
			var keys []string
			errors, warnings := 0, 0
			for k, v := range fp {
				keys = append(keys, fmt.Sprintf("%s=%d", k, v))
				switch {
				case strings.HasPrefix(k, "error"):
					errors += v
				case strings.HasPrefix(k, "warning"):
					warnings += v
				}
			}
			sort.Strings(keys)
			t.Logf("en>%s, documents of %d clauses (%s): %d documents, %d clause pairs; unmodified: %d error(s) (%.2f%%), %d warning(s); %s",
				spec.lang, size, basis, docs, clauses, errors, 100*float64(errors)/float64(clauses), warnings, strings.Join(keys, ", "))
			falseErrs := 0
			for _, e := range errs {
				v, ok := reviewed[spec.lang+"\t"+e]
				switch {
				case !ok:
					t.Errorf("en>%s: error on unmodified text not in testdata/calibration/reviewed.tsv: %s (read it and add a verdict)", spec.lang, e)
				case v == "false":
					falseErrs++
				}
			}
			t.Logf("  en>%s: %d error(s) on unmodified text, %d genuine differences, %d false: false-positive rate %.2f%% of clause pairs",
				spec.lang, errors, errors-falseErrs, falseErrs, 100*float64(falseErrs)/float64(clauses))
			if float64(falseErrs) > 0.01*float64(clauses) {
				t.Errorf("en>%s: false-positive rate above 1%%", spec.lang)
			}
			for _, r := range results {
				if r.applied == 0 {
					continue
				}
				recall := float64(r.caught) / float64(r.applied)
				t.Logf("  en>%s %-38s recall %5.1f%% (%d/%d); elsewhere %d error(s), %d warning(s)", spec.lang, r.name, 100*recall, r.caught, r.applied, r.newErrorsElsewhere, r.newWarningsElsewhere)
				if r.target > 0 && recall < r.target {
					t.Errorf("en>%s %s: recall %.1f%% below target %.0f%%", spec.lang, r.name, 100*recall, 100*r.target)
				}
			}
		}
	}
}

// TestLanguageIdentification measures langid on the corpora: each English
// paragraph and each translation, told apart between the two languages.
// Precision here is for "identified as English".
func TestLanguageIdentification(t *testing.T) {
	for _, spec := range append(append([]corpusSpec(nil), docCorpora...), pairCorpora...) {
		pairs := loadCorpusFile(t, spec.file)
		tp, fp, fn, tooShort, leftInEnglish := 0, 0, 0, 0, 0
		for _, p := range pairs {
			// A "translation" whose words are mostly the English paragraph's
			// is English left in place (the manuals have some): it is not a
			// sample of the other language.
			if sharedWords(p.zh, p.en) >= 0.5 {
				leftInEnglish++
				continue
			}
			for _, c := range []struct {
				text    string
				english bool
			}{{p.en, true}, {p.zh, false}} {
				lang, conf := langid.Identify(c.text, "en", spec.locale)
				if lang == "" {
					tooShort++
					continue
				}
				said := lang == "en" && conf >= langid.MinConfidence
				switch {
				case said && c.english:
					tp++
				case said && !c.english:
					fp++
				case !said && c.english:
					fn++
				}
			}
		}
		precision := float64(tp) / math.Max(1, float64(tp+fp))
		recall := float64(tp) / math.Max(1, float64(tp+fn))
		t.Logf("en vs %s (%s): %d paragraphs identified (%d too short, %d pairs left out as English left in the translation); English precision %.1f%%, recall %.1f%%",
			spec.lang, spec.file, 2*(len(pairs)-leftInEnglish)-tooShort, tooShort, leftInEnglish, 100*precision, 100*recall)
		if precision < 0.98 {
			t.Errorf("en vs %s: precision %.1f%% below 98%%", spec.lang, 100*precision)
		}
	}
}

// sharedWords is the share of a's words (lower case) that occur in b.
func sharedWords(a, b string) float64 {
	split := func(s string) []string {
		return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) })
	}
	in := map[string]bool{}
	for _, w := range split(b) {
		in[w] = true
	}
	ws := split(a)
	n := 0
	for _, w := range ws {
		if in[w] {
			n++
		}
	}
	return float64(n) / math.Max(1, float64(len(ws)))
}
