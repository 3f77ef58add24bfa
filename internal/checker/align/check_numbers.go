package align

import (
	"fmt"
	"strings"

	"github.com/concord-initiative/concord/internal/checker/numerals"
)

// numberChecks: the same figures, as often, in both versions.
type numberChecks struct{ noHooks }

func (numberChecks) codes() []string {
	return []string{CodeNumberMissing, CodeNumberCount, CodeNumberWords}
}

func (numberChecks) pair(x *initiativeCtx, p pair, _ basis) { x.numbers(p) }

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
