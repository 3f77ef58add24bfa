// Package galechurch aligns the sentences of two texts by length, after Gale
// and Church (1993), "A program for aligning sentences in bilingual corpora".
// Each bead pairs 0–2 source sentences with 0–2 target sentences; the cost of
// a bead is how unlikely its length ratio is under a normal model, plus how
// rare its shape is. Beads that pair a sentence with nothing point at a
// sentence that has no counterpart.
package galechurch

import "math"

// Params are the model constants. C and S2 are calibrated on real zh–en text
// (see the align package's calibration test); the bead priors are Gale and
// Church's.
type Params struct {
	// C is the expected number of target length units per source unit.
	C float64
	// S2 is the variance of target units per source unit.
	S2 float64
	// Prior probabilities of the bead shapes.
	P11, P10, P21, P22 float64
	// SkipCost is the length cost of a sentence left unpaired, in place of
	// δ, which has no meaning there.
	SkipCost float64
	// Band limits how far from the diagonal the search strays, so that cost
	// stays linear in the number of sentences. 0 means 50.
	Band int
}

// Default returns Gale and Church's priors with the given length model.
func Default(c, s2 float64) Params {
	return Params{C: c, S2: s2, P11: 0.89, P10: 0.0099, P21: 0.089, P22: 0.011, SkipCost: DefaultSkipCost}
}

// DefaultSkipCost was chosen on the zh–en calibration corpus (align
// package, TestCalibrationReport): between 0 and 8 it moves unpaired-sentence
// warnings on the unmodified corpus only from 11 to 5, and 2 keeps padded
// sentences standing alone in most clauses.
var DefaultSkipCost = 2.0

// Bead is one step of the alignment: Src[SrcStart:SrcStart+SrcLen] goes with
// Tgt[TgtStart:TgtStart+TgtLen].
type Bead struct {
	SrcStart, SrcLen int
	TgtStart, TgtLen int
	// Cost is the bead's negative log probability.
	Cost float64
}

// Unpaired reports a bead that leaves a sentence with no counterpart.
func (b Bead) Unpaired() bool { return b.SrcLen == 0 || b.TgtLen == 0 }

type shape struct{ s, t int }

var shapes = []shape{{1, 1}, {1, 0}, {0, 1}, {2, 1}, {1, 2}, {2, 2}}

// Align returns the cheapest sequence of beads covering both texts, given
// the length of each sentence.
func Align(src, tgt []int, p Params) []Bead {
	n, m := len(src), len(tgt)
	if n == 0 && m == 0 {
		return nil
	}
	band := p.Band
	if band <= 0 {
		band = 50
	}
	prior := map[shape]float64{
		{1, 1}: p.P11, {1, 0}: p.P10 / 2, {0, 1}: p.P10 / 2,
		{2, 1}: p.P21 / 2, {1, 2}: p.P21 / 2, {2, 2}: p.P22,
	}
	var penalty [6]float64
	for k, s := range shapes {
		pr := prior[s]
		if pr <= 0 {
			pr = 1e-9
		}
		penalty[k] = -math.Log(pr)
	}
	// Cells outside the band around the diagonal are never visited; the band
	// widens by the difference in sentence counts so the corner stays
	// reachable.
	w := band
	if d := n - m; d > 0 {
		w += d
	} else {
		w -= d
	}
	const inf = math.MaxFloat64
	cols := m + 1
	cost := make([]float64, (n+1)*cols)
	back := make([]int8, (n+1)*cols)
	for i := range cost {
		cost[i] = inf
	}
	cost[0] = 0
	for i := 0; i <= n; i++ {
		lo, hi := 0, m
		if n > 0 {
			diag := i * m / n
			lo, hi = max(0, diag-w), min(m, diag+w)
		}
		for j := lo; j <= hi; j++ {
			if i == 0 && j == 0 {
				continue
			}
			best, bestK := inf, int8(-1)
			for k, sh := range shapes {
				pi, pj := i-sh.s, j-sh.t
				if pi < 0 || pj < 0 {
					continue
				}
				prev := cost[pi*cols+pj]
				if prev == inf {
					continue
				}
				ls, lt := sum(src[pi:i]), sum(tgt[pj:j])
				c := prev + penalty[k] + matchCost(ls, lt, p)
				if c < best {
					best, bestK = c, int8(k)
				}
			}
			cost[i*cols+j] = best
			back[i*cols+j] = bestK
		}
	}
	var beads []Bead
	i, j := n, m
	for i > 0 || j > 0 {
		k := back[i*cols+j]
		if k < 0 {
			// Unreachable only if the band excluded the corner; fall back to
			// pairing what is left as one bead.
			beads = append(beads, Bead{SrcStart: 0, SrcLen: i, TgtStart: 0, TgtLen: j})
			break
		}
		sh := shapes[k]
		pi, pj := i-sh.s, j-sh.t
		beads = append(beads, Bead{SrcStart: pi, SrcLen: sh.s, TgtStart: pj, TgtLen: sh.t, Cost: cost[i*cols+j] - cost[pi*cols+pj]})
		i, j = pi, pj
	}
	for l, r := 0, len(beads)-1; l < r; l, r = l+1, r-1 {
		beads[l], beads[r] = beads[r], beads[l]
	}
	return beads
}

func sum(xs []int) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// matchCost is −log P(δ) for the two lengths, where δ is the normalised
// deviation of the target length from the expected C·source length.
func matchCost(ls, lt int, p Params) float64 {
	// A sentence with no counterpart has no ratio to judge; its bead's prior
	// is its whole cost. (Scoring it with δ, as for a pair, makes a 0-1 bead
	// so dear that an added sentence is always merged into a neighbour.)
	if ls == 0 || lt == 0 {
		return p.SkipCost
	}
	d := Delta(ls, lt, p)
	pd := 2 * (1 - Phi(math.Abs(d)))
	if pd < 1e-300 {
		pd = 1e-300
	}
	return -math.Log(pd)
}

// Delta is Gale and Church's δ: how many standard deviations the target
// length lies from what the source length predicts.
func Delta(ls, lt int, p Params) float64 {
	// The mean of the two lengths (in source units) keeps 1-0 and 0-1 beads
	// finite.
	mean := (float64(ls) + float64(lt)/p.C) / 2
	if mean <= 0 {
		mean = 1
	}
	return (float64(lt) - float64(ls)*p.C) / math.Sqrt(mean*p.S2)
}

// Phi is the standard normal distribution function.
func Phi(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
