package align

import (
	"fmt"

	"github.com/concord-initiative/concord/internal/checker/numerals"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// numberingChecks: the printed numbers agree in value across languages and
// do not repeat.
type numberingChecks struct{ noHooks }

func (numberingChecks) codes() []string {
	return []string{CodeNumbering}
}

func (numberingChecks) initiative(x *initiativeCtx) { x.numbering() }

func (x *initiativeCtx) numbering() {
	seen := map[string]map[int]string{}
	for _, id := range x.ids {
		versions := x.byID[id]
		ref := x.byID[id][x.clauseSource(id)]
		type num struct {
			c   *contentsite.Clause
			val int
			ok  bool
		}
		var nums []num
		for _, l := range x.site.Languages {
			c := versions[l.Key]
			if c == nil || !c.HasNumber {
				continue
			}
			v, ok := numerals.Ordinal(c.Number)
			if !ok {
				x.add(CodeNumbering, id, c.Lang, "", c.File, c.Line("number"), "unreadable", nil, msgNumberUnreadable, map[string]any{"Number": Quoted(c.Number), "Examples": numeralExamples})
				continue
			}
			if seen[c.Lang] == nil {
				seen[c.Lang] = map[int]string{}
			}
			if other, dup := seen[c.Lang][v]; dup {
				x.add(CodeNumbering, id, c.Lang, "", c.File, c.Line("number"), fmt.Sprintf("dup%d", v), nil, msgNumberReused, map[string]any{"Number": Quoted(c.Number), "Value": v, "Other": Code(other), "Lang": Lang(c.Lang)})
			}
			seen[c.Lang][v] = id
			nums = append(nums, num{c, v, ok})
		}
		if len(nums) == 0 {
			continue
		}
		refNum := nums[0]
		if ref != nil {
			for _, n := range nums {
				if n.c == ref {
					refNum = n
				}
			}
		}
		for _, n := range nums {
			if n.c != refNum.c && n.val != refNum.val {
				x.add(CodeNumbering, id, n.c.Lang, refNum.c.Lang, n.c.File, n.c.Line("number"), fmt.Sprint(n.val), map[string]any{"number": n.c.Number, "value": n.val, "otherNumber": refNum.c.Number, "otherValue": refNum.val},
					msgNumberDiffers, map[string]any{"Number": Quoted(n.c.Number), "Value": n.val, "OtherLang": Lang(refNum.c.Lang), "OtherNumber": Quoted(refNum.c.Number), "OtherValue": refNum.val})
			}
		}
		for _, l := range x.site.Languages {
			c := versions[l.Key]
			if c != nil && !c.HasNumber && len(nums) > 0 {
				x.add(CodeNumbering, id, c.Lang, nums[0].c.Lang, c.File, c.Line("title"), "unnumbered", nil, msgUnnumbered, map[string]any{"Number": Quoted(nums[0].c.Number), "OtherLang": Lang(nums[0].c.Lang), "Fix": Code("number = ...")})
			}
		}
	}
}
