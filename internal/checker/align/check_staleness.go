package align

import (
	"fmt"

	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// stalenessChecks: a compared version records the fingerprint of the source
// it was made from, and the source has not changed since.
type stalenessChecks struct{ noHooks }

func (stalenessChecks) codes() []string {
	return []string{CodeStale, CodeNeverStamped, CodeBadFingerprint, CodeNotStamped}
}

func (stalenessChecks) version(x *initiativeCtx, v version) {
	if v.cmp != nil {
		x.staleness(v.c, v.cmp)
	}
}

func (x *initiativeCtx) staleness(c, src *contentsite.Clause) {
	fp := c.Provenance.SourceFingerprint
	line := c.Line("provenance.sourceFingerprint")
	cmd := Code(fmt.Sprintf("aligncheck stamp %s %s %s", x.in.ID, c.ID, c.Lang))
	switch {
	case fp == "":
		if c.Provenance.Status == contentsite.StatusTranslation {
			x.add(CodeNeverStamped, c.ID, c.Lang, src.Lang, c.File, c.Line("provenance"), "", nil, msgNeverStamped, map[string]any{"Command": cmd})
		} else {
			x.add(CodeNotStamped, c.ID, c.Lang, src.Lang, c.File, c.Line("provenance"), "", nil, msgNotStamped,
				map[string]any{"Source": Lang(src.Lang), "Status": Code(c.Provenance.Status), "Command": cmd})
		}
	case !ValidFingerprint(fp):
		x.add(CodeBadFingerprint, c.ID, c.Lang, src.Lang, c.File, line, fp, nil, msgBadFingerprint, map[string]any{"Value": Code(fmt.Sprintf("%q", fp)), "Prefix": Code("sha256:"), "Command": cmd})
	default:
		cur := Fingerprint(src)
		if cur == fp {
			return
		}
		details := map[string]any{"stamped": fp, "current": cur}
		diffNote := Part{M: msgDiffNone}
		old := x.findStamped(src, fp)
		if old == nil {
			old = x.archivedStamped(src, fp)
		}
		if old != nil {
			d := sentenceDiff(old.Text(), src.Text())
			details["sourceDiff"] = d
			diffNote = Part{msgDiffCount, map[string]any{"Count": len(d)}}
		}
		m, data := x.staleMessage(c, src, details, map[string]any{"Source": Lang(src.Lang), "Diff": diffNote, "Command": cmd})
		x.add(CodeStale, c.ID, c.Lang, src.Lang, c.File, line, fp+cur, details, m, data)
	}
}

// findStamped looks through the source file's history for the version whose
// fingerprint the translation recorded.
func (x *initiativeCtx) findStamped(src *contentsite.Clause, fp string) *contentsite.Clause {
	if x.ch.History == nil {
		return nil
	}
	versions, err := x.ch.History.Versions(src.File)
	if err != nil {
		return nil
	}
	for _, v := range versions {
		c, err := contentsite.ParseClause(src.File, v)
		if err != nil {
			continue
		}
		if Fingerprint(c) == fp {
			return c
		}
	}
	return nil
}
