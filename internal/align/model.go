package align

import (
	"github.com/concord-initiative/concord/internal/contentsite"
	"github.com/concord-initiative/concord/internal/galechurch"
	"github.com/concord-initiative/concord/internal/script"
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
