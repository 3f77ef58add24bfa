package align

import (
	"sort"
	"strings"
)

// orderChecks: clauses come in the same order (by weight) in every language.
type orderChecks struct{ noHooks }

func (orderChecks) codes() []string {
	return []string{CodeOrder}
}

func (orderChecks) initiative(x *initiativeCtx) { x.order() }

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
