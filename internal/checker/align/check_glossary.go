package align

import (
	"strings"

	"github.com/concord-initiative/concord/internal/checker/glossary"
	"github.com/concord-initiative/concord/internal/checker/script"
)

// glossaryChecks: titles and terms rendered as the glossary says.
type glossaryChecks struct{ noHooks }

func (glossaryChecks) codes() []string {
	return []string{CodeTitleUnmatched, CodeTitleExtra, CodeTitleUnknown, CodeForbiddenTerm, CodeTermMissing}
}

func (glossaryChecks) pair(x *initiativeCtx, p pair, _ basis) { x.glossaryChecks(p) }

// glossaryChecks compare titles and terms between a Han-script and an
// alphabetic version, whichever of the two is the source.
func (x *initiativeCtx) glossaryChecks(p pair) {
	if x.ch.Glossary == nil {
		return
	}
	han, alpha := p.src, p.tgt
	if classOf(x.site, han.Lang) != script.Han {
		han, alpha = alpha, han
	}
	if classOf(x.site, han.Lang) != script.Han || classOf(x.site, alpha.Lang) != script.Alphabetic {
		return
	}
	gs := x.ch.Glossary.For(han.Lang, alpha.Lang)
	if len(gs) == 0 {
		return
	}
	hanText, alphaText := x.text(han).full, x.text(alpha).full
	lineOfHan := func(s string) int {
		for _, b := range han.Blocks {
			if strings.Contains(b.Text, s) {
				return b.Line
			}
		}
		return han.BodyLine
	}
	lineOfAlpha := func(s string) int {
		for _, b := range alpha.Blocks {
			if glossary.Contains(b.Text, s) {
				return b.Line
			}
		}
		return alpha.BodyLine
	}
	titles := Titles(hanText)
	for _, t := range titles {
		var entry *glossary.Entry
		for _, g := range gs {
			if e := g.Title(t); e != nil {
				entry = e
				break
			}
		}
		if entry == nil {
			x.add(CodeTitleUnknown, han.ID, han.Lang, alpha.Lang, han.File, lineOfHan("《"+t+"》"), t, map[string]any{"title": t},
				msgTitleUnknown, map[string]any{"Title": t, "Other": Lang(alpha.Lang)})
			continue
		}
		found := false
		for _, r := range entry.Allowed {
			if glossary.Contains(alphaText, r) {
				found = true
			}
		}
		if !found {
			x.add(CodeTitleUnmatched, han.ID, han.Lang, alpha.Lang, han.File, lineOfHan("《"+t+"》"), t, map[string]any{"title": t, "expected": entry.Allowed},
				msgTitleUnmatched, map[string]any{"Title": t, "Other": Lang(alpha.Lang), "Expected": quotedList(alpha.Lang, entry.Allowed)})
		}
	}
	inHan := map[string]bool{}
	for _, t := range titles {
		inHan[t] = true
	}
	// Terms inside a title (直播电商 in 《直播电商行业自律倡议书》) are the
	// title rules' business.
	termText := withoutTitles(hanText)
	for _, g := range gs {
		for _, e := range g.Entries {
			if e.Kind != glossary.KindTitle || inHan[e.Term] {
				continue
			}
			for _, r := range e.Allowed {
				if glossary.Contains(alphaText, r) {
					x.add(CodeTitleExtra, alpha.ID, alpha.Lang, han.Lang, alpha.File, lineOfAlpha(r), e.Term, map[string]any{"title": r, "expected": "《" + e.Term + "》"},
						msgTitleExtra, map[string]any{"Title": QuotedIn{alpha.Lang, r}, "Other": Lang(han.Lang), "Expected": e.Term})
					break
				}
			}
		}
		for _, e := range g.Entries {
			if e.Kind != glossary.KindTerm || !strings.Contains(termText, e.Term) {
				continue
			}
			for _, f := range e.Forbidden {
				if glossary.Contains(alphaText, f) {
					x.add(CodeForbiddenTerm, alpha.ID, alpha.Lang, han.Lang, alpha.File, lineOfAlpha(f), e.Term+"/"+f, map[string]any{"term": e.Term, "rendering": f, "allowed": e.Allowed},
						msgForbiddenTerm, map[string]any{"Term": e.Term, "Rendering": QuotedIn{alpha.Lang, f}, "Allowed": quotedList(alpha.Lang, e.Allowed)})
				}
			}
			found := false
			for _, r := range e.Allowed {
				if glossary.Contains(alphaText, r) {
					found = true
					break
				}
			}
			if !found {
				x.add(CodeTermMissing, alpha.ID, alpha.Lang, han.Lang, alpha.File, alpha.BodyLine, e.Term, map[string]any{"term": e.Term, "allowed": e.Allowed},
					msgTermMissing, map[string]any{"Other": Lang(han.Lang), "Term": e.Term, "Lang": Lang(alpha.Lang), "Allowed": quotedList(alpha.Lang, e.Allowed)})
			}
		}
	}
}

func withoutTitles(s string) string {
	var b strings.Builder
	depth := 0
	for _, r := range s {
		switch {
		case r == '《':
			depth++
		case r == '》' && depth > 0:
			depth--
			b.WriteRune(' ')
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Titles returns the text of every 《…》 in s, outermost brackets only.
func Titles(s string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '《':
			if depth == 0 {
				start = i + len("《")
			}
			depth++
		case '》':
			if depth > 0 {
				depth--
				if depth == 0 {
					if t := strings.TrimSpace(s[start:i]); t != "" {
						out = append(out, t)
					}
				}
			}
		}
	}
	return out
}
