package align

import (
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/concord-initiative/concord/internal/checker/script"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// cutOffChecks: a version does not stop mid-sentence where its counterpart
// ends one.
type cutOffChecks struct{ noHooks }

func (cutOffChecks) codes() []string {
	return []string{CodeCutOff, CodeNoFinalStop, CodeCutOffUncalibrated}
}

func (cutOffChecks) version(x *initiativeCtx, v version) {
	if v.cmp == nil && v.alone {
		x.cutOffAlone(v.c)
	}
}

func (cutOffChecks) pair(x *initiativeCtx, p pair, b basis) { x.cutOffPair(p, b.c) }

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

func (x *initiativeCtx) cutOffAlone(c *contentsite.Clause) {
	if ok, t := lastParagraphEnds(c); !ok {
		x.add(CodeCutOff, c.ID, c.Lang, "", c.File, lastBlockLine(c), "", map[string]any{"ending": t}, msgCutOffAlone, map[string]any{"Ending": QuotedIn{c.Lang, t}})
	}
}

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
