package align

import (
	"fmt"
	"math"

	"github.com/concord-initiative/concord/internal/checker/galechurch"
)

// lengthChecks: a version is about as long as its source predicts.
type lengthChecks struct{ noHooks }

func (lengthChecks) codes() []string {
	return []string{CodeTruncated, CodePadded, CodeTruncatedUncalibrated}
}

func (lengthChecks) pair(x *initiativeCtx, p pair, b basis) { x.lengthCheck(p, b.c, b.from, b.params) }

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
