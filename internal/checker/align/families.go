package align

import (
	"github.com/concord-initiative/concord/internal/checker/galechurch"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// family is one group of checks, in its own file (check_<family>.go) with
// its test beside it, as Weblate keeps its checks/. A family implements the
// hooks it needs and embeds noHooks for the others; adding a check is adding
// a file and a line to families.
type family interface {
	// codes are the finding codes the family emits; each code of Rules
	// belongs to exactly one family (TestEveryCodeHasOneFamily).
	codes() []string
	// initiative runs once per initiative, after the clauses are grouped.
	initiative(x *initiativeCtx)
	// version runs on every version of every clause.
	version(x *initiativeCtx, v version)
	// pair runs on every version against the one it is compared with.
	pair(x *initiativeCtx, p pair, b basis)
}

// version is one clause version and the version it is compared with (nil
// for the clause's own source); alone says it is the clause's only version.
type version struct {
	c, cmp *contentsite.Clause
	alone  bool
}

// basis is what a language pair's length is judged by: the expected ratio
// c, where it came from, and the sentence aligner's parameters for it.
type basis struct {
	c      float64
	from   string
	params galechurch.Params
}

func (b basis) fromMedian() bool { return b.from == "document median" }

type noHooks struct{}

func (noHooks) initiative(*initiativeCtx)        {}
func (noHooks) version(*initiativeCtx, version)  {}
func (noHooks) pair(*initiativeCtx, pair, basis) {}

// families run in this order; within one file and line, findings keep it.
// structure comes first: it groups the clauses the others read.
var families = []family{
	structureChecks{},
	numberingChecks{},
	orderChecks{},
	provenanceChecks{},
	scriptChecks{},
	stalenessChecks{},
	lengthChecks{},
	cutOffChecks{},
	sentenceChecks{},
	numberChecks{},
	untranslatedChecks{},
	glossaryChecks{},
}
