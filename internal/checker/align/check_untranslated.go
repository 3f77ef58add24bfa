package align

import (
	"github.com/concord-initiative/concord/internal/checker/langid"
	"github.com/concord-initiative/concord/internal/checker/script"
)

// untranslatedChecks: no sentence of the source language left in a
// translation.
type untranslatedChecks struct{ noHooks }

func (untranslatedChecks) codes() []string {
	return []string{CodeUntranslated}
}

func (untranslatedChecks) pair(x *initiativeCtx, p pair, _ basis) { x.untranslated(p) }

// untranslated reports sentences of the source language left in an
// alphabetic translation (English inside French). Han translations have
// AC031 for Latin runs, which a Chinese text keeps for names more often.
func (x *initiativeCtx) untranslated(p pair) {
	if classOf(x.site, p.tgt.Lang) != script.Alphabetic {
		return
	}
	tt := x.text(p.tgt)
	texts := make([]string, len(tt.sentences))
	for i, s := range tt.sentences {
		texts[i] = s.text
	}
	srcLocale := localeOf(x.site, p.src.Lang)
	for n, i := range langid.Untranslated(x.text(p.src).full, texts, srcLocale, localeOf(x.site, p.tgt.Lang)) {
		if n == 3 {
			break
		}
		s := tt.sentences[i]
		x.add(CodeUntranslated, p.tgt.ID, p.tgt.Lang, p.src.Lang, p.tgt.File, s.line, "u"+s.text, map[string]any{"sentence": i + 1, "text": s.text, "identifiedAs": srcLocale},
			msgUntranslated, map[string]any{"N": i + 1, "Source": Lang(p.src.Lang), "Text": QuotedIn{p.tgt.Lang, head(s.text, 60)}})
	}
}
