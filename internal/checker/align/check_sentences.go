package align

import (
	"unicode/utf8"

	"github.com/concord-initiative/concord/internal/checker/galechurch"
	"github.com/concord-initiative/concord/internal/checker/script"
)

// sentenceChecks: every sentence has a counterpart (Gale-Church alignment).
type sentenceChecks struct{ noHooks }

func (sentenceChecks) codes() []string {
	return []string{CodeUnpaired}
}

func (sentenceChecks) pair(x *initiativeCtx, p pair, b basis) {
	x.sentences(p, b.params, b.fromMedian())
}

func head(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
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
