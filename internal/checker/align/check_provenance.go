package align

import (
	"fmt"
	"strings"

	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// provenanceChecks: every version says where it comes from, consistently.
type provenanceChecks struct{ noHooks }

func (provenanceChecks) codes() []string {
	return []string{CodeNoFrom, CodeNoCorrections, CodeBadStatus, CodeBadFrom}
}

func (provenanceChecks) version(x *initiativeCtx, v version) { x.provenance(v.c) }

func (x *initiativeCtx) provenance(c *contentsite.Clause) {
	p := c.Provenance
	switch p.Status {
	case contentsite.StatusSource:
	case contentsite.StatusCorrected:
		if len(p.Corrections) == 0 {
			x.add(CodeNoCorrections, c.ID, c.Lang, "", c.File, c.Line("provenance.status"), "none", nil, msgNoCorrections, map[string]any{"Table": Code("[[provenance.corrections]]")})
		}
		for i, cr := range p.Corrections {
			var missing []any
			if strings.TrimSpace(cr.Was) == "" {
				missing = append(missing, Code("was"))
			}
			if strings.TrimSpace(cr.Now) == "" {
				missing = append(missing, Code("now"))
			}
			if strings.TrimSpace(cr.Why) == "" {
				missing = append(missing, Code("why"))
			}
			if len(missing) > 0 {
				x.add(CodeNoCorrections, c.ID, c.Lang, "", c.File, c.Line("provenance.corrections"), fmt.Sprint(i), nil, msgCorrectionIncomplete, map[string]any{"N": i + 1, "Missing": List{Items: missing}})
			}
		}
	case contentsite.StatusTranslation:
		switch {
		case p.From == "":
			x.add(CodeNoFrom, c.ID, c.Lang, "", c.File, c.Line("provenance.status"), "", nil, msgNoFrom, map[string]any{"Fix": Code(fmt.Sprintf("from = %q", x.likelyFrom(c))), "Table": Code("[provenance]")})
		case p.From == c.Lang:
			x.add(CodeBadFrom, c.ID, c.Lang, "", c.File, c.Line("provenance.from"), "self", nil, msgFromSelf, map[string]any{"From": Code(fmt.Sprintf("from = %q", p.From))})
		case x.site.Language(p.From) == nil:
			x.add(CodeBadFrom, c.ID, c.Lang, "", c.File, c.Line("provenance.from"), "unknown", nil, msgFromUnknown, map[string]any{"From": Code(fmt.Sprintf("from = %q", p.From)), "Config": Code("hugo.toml")})
		case x.byID[c.ID][p.From] == nil:
			x.add(CodeBadFrom, c.ID, c.Lang, "", c.File, c.Line("provenance.from"), "absent", nil, msgFromAbsent, map[string]any{"Source": Lang(p.From), "Clause": Code(c.ID)})
		default:
			// A loop (zh from en, en from zh) leaves no original to compare with.
			seen := map[string]bool{c.Lang: true}
			cur := x.byID[c.ID][p.From]
			for cur != nil && cur.Provenance.Status == contentsite.StatusTranslation {
				if seen[cur.Lang] {
					x.add(CodeBadFrom, c.ID, c.Lang, "", c.File, c.Line("provenance.from"), "loop", nil, msgFromLoop, map[string]any{"Lang": Lang(cur.Lang)})
					break
				}
				seen[cur.Lang] = true
				cur = x.byID[c.ID][cur.Provenance.From]
			}
		}
	case "":
		x.add(CodeBadStatus, c.ID, c.Lang, "", c.File, c.Line("provenance"), "missing", nil, msgNoStatus, map[string]any{"Fix": Code(`status = "source"`), "Others": List{Items: statuses.Items[1:]}, "Table": Code("[provenance]")})
	default:
		x.add(CodeBadStatus, c.ID, c.Lang, "", c.File, c.Line("provenance.status"), "invalid", nil, msgBadStatus, map[string]any{"Status": Code(fmt.Sprintf("%q", p.Status)), "Allowed": statuses})
	}
}

// likelyFrom is the language to suggest as a translation's from: the
// initiative's source, or for a version in that language the first other.
func (x *initiativeCtx) likelyFrom(c *contentsite.Clause) string {
	if c.Lang != x.srcLang {
		return x.srcLang
	}
	for _, l := range x.site.Languages {
		if l.Key != c.Lang {
			return l.Key
		}
	}
	return x.srcLang
}
