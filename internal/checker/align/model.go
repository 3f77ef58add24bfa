package align

import (
	"strings"

	"github.com/concord-initiative/concord/internal/checker/galechurch"
	"github.com/concord-initiative/concord/internal/checker/script"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// localeOf is the BCP 47 locale a language's text is read in: its
// configured locale, else its key.
func localeOf(site *contentsite.Site, lang string) string {
	if l := site.Language(lang); l != nil && l.Locale != "" {
		return l.Locale
	}
	return lang
}

// Model holds the calibrated constants. The values are measured on the
// Debian zh_CN message catalogues in testdata/calibration by
// TestCalibrationReport; docs/aligncheck.md records the figures.
type Model struct {
	// HanToAlpha is the fallback ratio of alphabetic length units (letters
	// and digits) per Han character, used when an initiative has too few
	// clauses for its own median.
	HanToAlpha float64
	// S2 is the variance of the length model per source unit, in target
	// units, for a Han→alphabetic pair; other pairs scale it by their ratio.
	S2 float64
	// FallbackSlack widens the length thresholds when the constant stands in
	// for a document's own median: the constant comes from software
	// messages, and the shipped legal text runs at a median of 4.5, a genre
	// factor of 1.57 that no single constant can cover.
	FallbackSlack float64
	// MinClausesForMedian is how many clause pairs a document needs before
	// its own median ratio replaces HanToAlpha.
	MinClausesForMedian int
	// TruncateZ and TruncateRatio: a clause is truncated when its length lies
	// more than TruncateZ deviations below the prediction and below
	// TruncateRatio of it. The ratio guard keeps long clauses, whose δ grows
	// with length, from being flagged for small differences.
	TruncateZ, TruncateRatio float64
	// PadZ and PadRatio mirror them for padding.
	PadZ, PadRatio float64
	// CutOffRatio: a clause that ends mid-sentence where its counterpart
	// does not is reported as cut off when it is also below this share of
	// its expected length, and as a missing final stop otherwise.
	CutOffRatio float64
	// Pairs are the calibrated models of alphabetic language pairs, keyed
	// "source>target" by primary language subtag ("en>fr"). Han/alphabetic
	// pairs use HanToAlpha and S2, calibrated for zh and en.
	Pairs map[string]PairModel
}

// PairModel is the length model of one pair in one direction, measured by
// TestPairCalibration on the formal prose of Debian's manuals in
// testdata/calibration (docs-*.tsv).
type PairModel struct {
	// Ratio is the median of target length units per source unit.
	Ratio float64
	// S2 is Gale and Church's variance per source unit, in target units
	// (robust: MAD-based).
	S2 float64
}

// DefaultModel is the calibrated model.
var DefaultModel = Model{
	HanToAlpha:          2.87,
	S2:                  7.31,
	MinClausesForMedian: 4,
	FallbackSlack:       1.6,
	TruncateZ:           2.5,
	TruncateRatio:       0.6,
	PadZ:                2.5,
	PadRatio:            1.38,
	CutOffRatio:         0.7,
	Pairs: map[string]PairModel{
		"en>fr": {Ratio: 1.151, S2: 2.49}, "fr>en": {Ratio: 0.869, S2: 1.61},
		"en>de": {Ratio: 1.208, S2: 2.21}, "de>en": {Ratio: 0.828, S2: 1.27},
		"en>es": {Ratio: 1.161, S2: 3.84}, "es>en": {Ratio: 0.861, S2: 2.29},
		"en>ru": {Ratio: 1.128, S2: 3.89}, "ru>en": {Ratio: 0.887, S2: 2.73},
	},
}

// calibratedHan are the primary languages the Han/alphabetic constants were
// measured on (zh_CN and English).
var calibratedHan = map[string]bool{"zh>en": true, "en>zh": true}

// primaryOf is a locale's language subtag, lower case: "zh" for "zh-Hans".
func primaryOf(locale string) string {
	p, _, _ := strings.Cut(strings.ToLower(locale), "-")
	p, _, _ = strings.Cut(p, "_")
	return p
}

// pair returns the expected ratio of target to source length and the
// relative variance k per source unit (the variance is k·c²·length for a
// ratio c) for a pair of locales, and whether the pair is calibrated. An
// uncalibrated pair gets the default of its script classes: the Han
// constant, or 1 between two alphabetic languages, with the widest relative
// variance measured for such pairs, and reports only warnings.
func (m Model) pair(srcLocale, tgtLocale string, src, tgt script.Class) (c, k float64, calibrated bool) {
	key := primaryOf(srcLocale) + ">" + primaryOf(tgtLocale)
	if src != tgt {
		c = m.ratio(src, tgt)
		k = m.params(c, src, tgt).S2 / (c * c)
		return c, k, calibratedHan[key]
	}
	if pm, ok := m.Pairs[key]; ok {
		return pm.Ratio, pm.S2 / (pm.Ratio * pm.Ratio), true
	}
	if src == script.Han {
		// Chinese and Japanese with each other: nothing measured; the
		// alphabetic default below is wider than any Han pair would need.
		src = script.Alphabetic
	}
	for _, pm := range m.Pairs {
		k = max(k, pm.S2/(pm.Ratio*pm.Ratio))
	}
	if k == 0 {
		k = m.S2 / (m.HanToAlpha * m.HanToAlpha)
	}
	return 1, k, false
}

// calibrated reports whether the pair of p has a calibrated length model.
func (x *initiativeCtx) calibrated(p pair) bool {
	_, _, ok := x.ch.Model.pair(localeOf(x.site, p.src.Lang), localeOf(x.site, p.tgt.Lang), classOf(x.site, p.src.Lang), classOf(x.site, p.tgt.Lang))
	return ok
}

// truncationCode and cutOffCode are the codes of a short clause: errors
// where the pair is calibrated, warnings where the model is a default.
func (x *initiativeCtx) truncationCode(p pair) string {
	if x.calibrated(p) {
		return CodeTruncated
	}
	return CodeTruncatedUncalibrated
}

func (x *initiativeCtx) cutOffCode(p pair) string {
	if x.calibrated(p) {
		return CodeCutOff
	}
	return CodeCutOffUncalibrated
}

// ratio is the fallback expected ratio of target to source length.
func (m Model) ratio(src, tgt script.Class) float64 {
	switch {
	case src == script.Han && tgt == script.Alphabetic:
		return m.HanToAlpha
	case src == script.Alphabetic && tgt == script.Han:
		return 1 / m.HanToAlpha
	}
	return 1
}

// params returns the sentence aligner's parameters for a document whose
// ratio of target to source units is c. The corpus gives the variance for
// Han source units; as a relative variance (S2/H²) it is the same whichever
// way the pair is read, and an alphabetic unit carries 1/H of a Han unit's
// information, so per alphabetic source unit the relative variance is H
// times larger. Scaled back by c² it is in target units again.
func (m Model) params(c float64, src, tgt script.Class) galechurch.Params {
	k := m.S2 / (m.HanToAlpha * m.HanToAlpha)
	if src == script.Alphabetic && tgt == script.Han {
		k *= m.HanToAlpha
	}
	return galechurch.Default(c, k*c*c)
}
