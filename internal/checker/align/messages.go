package align

import (
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/concord-initiative/concord/internal/site/contentsite"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// Message arguments. A finding keeps its message as a go-i18n message and
// typed data, so that it can be said in any of the site's languages (the
// translations are keys in the site's i18n/<lang>.toml, the English below is
// the default) and marked up for the status page.
type (
	// Code is something an editor types or reads as is: a file path, a
	// command, a clause or language ID, a front-matter key or line. It is
	// never translated, and the status page shows it as code.
	Code string
	// Lang is a language key, said as the language's name (language_name_<key>
	// in the site's i18n files).
	Lang string
	// Quoted is text from a clause, quoted as it stands (<q> on the status
	// page).
	Quoted string
	// QuotedIn is Quoted text in a known language (a language key), so the
	// status page can mark it for fonts and screen readers.
	QuotedIn struct {
		Lang, Text string
	}
	// List joins its items with the separator of the message's language.
	List struct {
		Items []any
		Sep   *i18n.Message
	}
	// Part is a message inside another.
	Part struct {
		M    *i18n.Message
		Data map[string]any
	}
)

func msg(id, other string) *i18n.Message { return &i18n.Message{ID: id, Other: other} }

// Separators and pieces of other messages.
var (
	sepComma     = msg("aligncheck_list_comma", ", ")
	sepSemicolon = msg("aligncheck_list_semicolon", "; ")
	msgBasisMed  = msg("aligncheck_basis_median", "document median")
	msgBasisCal  = msg("aligncheck_basis_constant", "calibrated constant")
	msgDiffNone  = msg("aligncheck_stale_no_diff", "the earlier source text is not in the history, so no diff")
	msgDiffCount = msg("aligncheck_stale_diff", "{{.Count}} sentence(s) changed")
	msgNumOnly   = msg("aligncheck_numbers_only", "only {{.Lang}} has {{.Value}} ({{.Text}})")
	msgNumTimes  = msg("aligncheck_numbers_times", "{{.Value}}: {{.SourceCount}} in {{.Source}}, {{.Count}} in {{.Lang}}")
)

// The finding messages, by code.
var (
	msgSourceLangMissing      = msg("aligncheck_source_language_missing", "initiative {{.Initiative}} declares no sourceLanguage; assuming {{.Fallback}} (add {{.Fix}} to its {{.Index}} front matter)")
	msgSourceLangUnknown      = msg("aligncheck_source_language_unknown", "sourceLanguage {{.Value}} is not configured in {{.Config}}; assuming {{.Fallback}}")
	msgSourceLangInconsistent = msg("aligncheck_source_language_inconsistent", "sourceLanguage {{.Value}} differs from {{.Other}} declared in {{.OtherFile}}; make them the same")
	msgSecondIndex            = msg("aligncheck_second_index", "a second {{.Index}} for {{.Lang}} besides {{.Other}}; remove one")
	msgStrayLanguage          = msg("aligncheck_stray_language", "extra clause file: language {{.Value}} is not configured in {{.Config}}, so Hugo reads it as a clause {{.AsID}}, an ID the build refuses (configure the language or rename the file)")
	msgDuplicate              = msg("aligncheck_duplicate", "duplicate clause ID {{.Clause}} in {{.Lang}}: {{.File}} and {{.Other}}; keep one file")
	msgNoFrontMatter          = msg("aligncheck_no_front_matter", "no front matter; start the file with {{.Fence}}, title, weight and {{.Table}}, then {{.Fence}}")
	msgEmpty                  = msg("aligncheck_empty", "clause has no text after its front matter")
	msgNotInLanguage          = msg("aligncheck_not_in_language", "the initiative has no version in {{.Lang}} yet, so it is not published in that language; to publish it, add {{.Index}} and a file per clause")
	msgImplicitLang           = msg("aligncheck_implicit_language", "file name has no language code, so Hugo files it under {{.Lang}}; rename it to {{.Name}}")
	msgMissing                = msg("aligncheck_missing", "clause {{.Clause}} is missing in {{.Lang}} (present in {{.Present}}); add {{.File}}")
	msgNumberUnreadable       = msg("aligncheck_number_unreadable", "number {{.Number}} is not a numeral the checker can read ({{.Examples}})")
	msgNumberReused           = msg("aligncheck_number_reused", "number {{.Number}} ({{.Value}}) is also used by clause {{.Other}} in {{.Lang}}; renumber one")
	msgNumberDiffers          = msg("aligncheck_number_differs", "clause number {{.Number}} ({{.Value}}) differs from {{.OtherLang}} {{.OtherNumber}} ({{.OtherValue}})")
	msgUnnumbered             = msg("aligncheck_unnumbered", "clause has no number but is numbered {{.Number}} in {{.OtherLang}}; add {{.Fix}}")
	msgOrder                  = msg("aligncheck_order", "clause order differs from {{.OtherLang}}: {{.Lang}} has {{.Order}} where {{.OtherLang}} has {{.OtherOrder}}; fix the weights")
	msgNoCorrections          = msg("aligncheck_no_corrections", "status is corrected but no {{.Table}} are listed; add was, now and why for each change")
	msgCorrectionIncomplete   = msg("aligncheck_correction_incomplete", "correction {{.N}} has no {{.Missing}}; every correction says what was, what is now, and why")
	msgNoFrom                 = msg("aligncheck_no_from", "editors' translation does not say what it was translated from; add {{.Fix}} under {{.Table}}")
	msgFromSelf               = msg("aligncheck_from_self", "{{.From}} names the clause's own language")
	msgFromUnknown            = msg("aligncheck_from_unknown", "{{.From}} is not a language configured in {{.Config}}")
	msgFromAbsent             = msg("aligncheck_from_absent", "translated from {{.Source}}, but clause {{.Clause}} has no {{.Source}} version")
	msgFromLoop               = msg("aligncheck_from_loop", "translation chain loops back to {{.Lang}}; one version must be the original")
	msgNoStatus               = msg("aligncheck_no_status", "no provenance status; add {{.Fix}} (or {{.Others}}) under {{.Table}}")
	msgBadStatus              = msg("aligncheck_bad_status", "provenance status {{.Status}} is not one of {{.Allowed}}")
	msgHanInAlpha             = msg("aligncheck_han_in_alphabetic", "Han characters {{.Text}} in {{.Lang}} text")
	msgWidePunct              = msg("aligncheck_wide_punctuation", "{{.Count}} full-width or CJK punctuation mark(s) in {{.Lang}} text: {{.Marks}}; use {{.Lang}} punctuation")
	msgMissingSpace           = msg("aligncheck_missing_space", "{{.Count}} missing space(s) after punctuation, e.g. {{.Examples}}")
	msgLatinInHan             = msg("aligncheck_latin_in_han", "Latin text {{.Text}} in {{.Lang}}: untranslated?")
	msgTruncated              = msg("aligncheck_truncated", "truncated? {{.Lang}} has {{.Length}} letters where {{.Expected}} are expected from {{.Source}}'s {{.SourceLength}} ({{.Percent}}% of expected; ratio {{.Ratio}} vs {{.Basis}} {{.ExpectedRatio}})")
	msgPadded                 = msg("aligncheck_padded", "padded? {{.Lang}} has {{.Length}} letters where {{.Expected}} are expected from {{.Source}}'s {{.SourceLength}} ({{.Percent}}% of expected; ratio {{.Ratio}} vs {{.Basis}} {{.ExpectedRatio}})")
	msgCutOff                 = msg("aligncheck_cut_off", "clause ends mid-sentence ({{.Ending}}) where {{.Other}} ends its sentence, and is {{.Percent}}% of the expected length: cut off?")
	msgCutOffAlone            = msg("aligncheck_cut_off_alone", "clause ends mid-sentence ({{.Ending}}) and has no other language to compare with: cut off?")
	msgNoFinalStop            = msg("aligncheck_no_final_stop", "clause ends without a final stop ({{.Ending}}) where {{.Other}} has one")
	msgUnpaired               = msg("aligncheck_unpaired", "{{.Lang}} sentence {{.N}} has no counterpart in {{.Other}}: {{.Text}}")
	msgNumbersDiffer          = msg("aligncheck_numbers_differ", "numbers differ: {{.Items}}")
	msgNumberWordsDiffer      = msg("aligncheck_number_words_differ", "numbers in words differ: {{.Items}}")
	msgNumberCounts           = msg("aligncheck_number_counts", "numbers appear a different number of times: {{.Items}}")
	msgTitleUnknown           = msg("aligncheck_title_unknown", "《{{.Title}}》 is not in the glossary, so its {{.Other}} rendering cannot be checked; add a title entry")
	msgTitleUnmatched         = msg("aligncheck_title_unmatched", "《{{.Title}}》 has no counterpart in {{.Other}} (expected {{.Expected}})")
	msgTitleExtra             = msg("aligncheck_title_extra", "{{.Title}} has no counterpart in {{.Other}} (expected 《{{.Expected}}》)")
	msgForbiddenTerm          = msg("aligncheck_forbidden_term", "{{.Term}} is rendered {{.Rendering}}, which the glossary forbids; use {{.Allowed}}")
	msgTermMissing            = msg("aligncheck_term_missing", "{{.Other}} uses {{.Term}} but {{.Lang}} has none of {{.Allowed}}")
	msgNeverStamped           = msg("aligncheck_never_stamped", "never stamped: staleness cannot be tracked; after review run {{.Command}}")
	msgNotStamped             = msg("aligncheck_not_stamped", "compared with {{.Source}} but never stamped (status {{.Status}}): a change of the {{.Source}} text would go unreported; after review run {{.Command}}")
	msgUntranslated           = msg("aligncheck_untranslated", "sentence {{.N}} is in {{.Source}}, as in the source, not translated: {{.Text}}")
	msgBadFingerprint         = msg("aligncheck_bad_fingerprint", "sourceFingerprint {{.Value}} is not {{.Prefix}} followed by 64 lower-case hex digits; run {{.Command}}")
	msgStale                  = msg("aligncheck_stale", "stale: the {{.Source}} source changed since this translation was stamped ({{.Diff}}); update the translation, then run {{.Command}}")
)

// Messages lists every message aligncheck says, for the test that keeps the
// site's i18n files translating all of them.
func Messages() []*i18n.Message {
	return []*i18n.Message{
		sepComma, sepSemicolon, msgBasisMed, msgBasisCal, msgDiffNone, msgDiffCount, msgNumOnly, msgNumTimes,
		msgSourceLangMissing, msgSourceLangUnknown, msgSourceLangInconsistent, msgSecondIndex, msgStrayLanguage,
		msgDuplicate, msgNoFrontMatter, msgEmpty, msgImplicitLang, msgNotInLanguage, msgMissing, msgNumberUnreadable, msgNumberReused,
		msgNumberDiffers, msgUnnumbered, msgOrder, msgNoCorrections, msgCorrectionIncomplete, msgNoFrom, msgFromSelf,
		msgFromUnknown, msgFromAbsent, msgFromLoop, msgNoStatus, msgBadStatus, msgHanInAlpha, msgWidePunct,
		msgMissingSpace, msgLatinInHan, msgTruncated, msgPadded, msgCutOff, msgCutOffAlone, msgNoFinalStop,
		msgUnpaired, msgNumbersDiffer, msgNumberWordsDiffer, msgNumberCounts, msgTitleUnknown, msgTitleUnmatched,
		msgTitleExtra, msgForbiddenTerm, msgTermMissing, msgNeverStamped, msgNotStamped, msgUntranslated, msgBadFingerprint, msgStale, msgStaleVersion,
	}
}

// Speaker says findings in one language: its messages come from the site's
// i18n files through loc; a language is named as the site's templates name
// it (utils/language-name.html): by the names in its hugo.toml table, else
// language_name_<key>, else by its key.
type Speaker struct {
	loc  *toolmessages.Localizer
	lang string
	site *contentsite.Site
}

// ForSite lets the speaker name languages by the site's language tables.
func (s *Speaker) ForSite(site *contentsite.Site) *Speaker {
	s.site = site
	return s
}

// NewSpeaker speaks lang from cat; a nil catalog speaks the English defaults.
func NewSpeaker(cat *toolmessages.Catalog, lang string) *Speaker {
	if cat == nil {
		cat = toolmessages.Defaults()
	}
	return &Speaker{loc: cat.Localizer(lang), lang: lang}
}

var english = NewSpeaker(nil, "en")

// Text says f in plain text.
func (s *Speaker) Text(f *Finding) string { return s.render(f.msg, f.data, false) }

// HTML says f as an HTML fragment: every value escaped, file paths,
// commands and front-matter keys in <code>. The message templates come from
// the site's own i18n files and are escaped as well, so the fragment holds
// no markup but those <code> elements.
func (s *Speaker) HTML(f *Finding) string { return s.render(f.msg, f.data, true) }

// Say renders one of the report's own messages.
func (s *Speaker) Say(m *i18n.Message, data map[string]any) string { return s.render(m, data, false) }

// Localize says every finding's Message in s's language, and its Messages
// and MessagesHTML in each of langs.
func (r *Result) Localize(cat *toolmessages.Catalog, s *Speaker, langs []string) {
	all := make([]*Speaker, len(langs))
	for i, l := range langs {
		all[i] = NewSpeaker(cat, l).ForSite(s.site)
	}
	for i := range r.Findings {
		f := &r.Findings[i]
		if f.msg == nil {
			continue
		}
		f.Message = s.Text(f)
		f.Messages, f.MessagesHTML = map[string]string{}, map[string]string{}
		for j, l := range langs {
			f.Messages[l] = all[j].Text(f)
			f.MessagesHTML[l] = all[j].HTML(f)
		}
	}
}

// Placeholders for the values of an HTML rendering: private-use characters
// that no escaping touches, replaced after the template's text is escaped.
const phOpen, phClose = "\ue000", "\ue001"

func (s *Speaker) render(m *i18n.Message, data map[string]any, asHTML bool) string {
	if m == nil {
		return ""
	}
	vals := make(map[string]any, len(data))
	var subs []string
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v := s.value(data[k], asHTML)
		if asHTML {
			vals[k] = phOpen + strconv.Itoa(len(subs)) + phClose
			subs = append(subs, v)
		} else {
			vals[k] = v
		}
	}
	out := s.loc.Text(m, vals)
	if !asHTML {
		return out
	}
	out = html.EscapeString(out)
	for i, v := range subs {
		out = strings.ReplaceAll(out, phOpen+strconv.Itoa(i)+phClose, v)
	}
	return out
}

func (s *Speaker) value(v any, asHTML bool) string {
	esc := func(t string) string {
		if asHTML {
			return html.EscapeString(t)
		}
		return t
	}
	switch v := v.(type) {
	case Code:
		if asHTML {
			return "<code>" + html.EscapeString(string(v)) + "</code>"
		}
		return string(v)
	case QuotedIn:
		if asHTML {
			return `<q lang="` + html.EscapeString(v.Lang) + `">` + html.EscapeString(v.Text) + "</q>"
		}
		return strconv.Quote(v.Text)
	case Lang:
		if s.site != nil {
			if l := s.site.Language(string(v)); l != nil && l.Names[s.lang] != "" {
				return esc(l.Names[s.lang])
			}
		}
		return esc(s.loc.Text(msg("language_name_"+string(v), string(v)), nil))
	case Quoted:
		if asHTML {
			return "<q>" + html.EscapeString(string(v)) + "</q>"
		}
		return strconv.Quote(string(v))
	case List:
		items := make([]string, len(v.Items))
		for i, it := range v.Items {
			items[i] = s.value(it, asHTML)
		}
		sep := v.Sep
		if sep == nil {
			sep = sepComma
		}
		return strings.Join(items, esc(s.loc.Text(sep, nil)))
	case Part:
		return s.render(v.M, v.Data, asHTML)
	case *i18n.Message:
		return s.render(v, nil, asHTML)
	case string:
		return esc(v)
	case int:
		return strconv.Itoa(v)
	}
	return esc(fmt.Sprint(v))
}

func langs(keys []string) List {
	items := make([]any, len(keys))
	for i, k := range keys {
		items[i] = Lang(k)
	}
	return List{Items: items}
}

func quotedList(lang string, xs []string) List {
	items := make([]any, len(xs))
	for i, x := range xs {
		items[i] = QuotedIn{lang, x}
	}
	return List{Items: items}
}

// item is a part of a message that is also reported in English in details.
type item struct {
	text string
	part Part
}

type items []item

func (xs items) sort() { sort.SliceStable(xs, func(i, j int) bool { return xs[i].text < xs[j].text }) }

func (xs items) texts() []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.text
	}
	return out
}

func (xs items) list() List {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x.part
	}
	return List{Items: out, Sep: sepSemicolon}
}

// statuses are the values of provenance.status, as an editor writes them.
var statuses = List{Items: []any{Code(`"source"`), Code(`"corrected"`), Code(`"translation"`)}}

// numeralExamples are the kinds of clause number the checker reads.
var numeralExamples = List{Items: []any{Code("一"), Code("I"), Code("1"), Code("第十二条"), Code("Article 12")}}

func codes(xs []string) List {
	items := make([]any, len(xs))
	for i, x := range xs {
		items[i] = Code(x)
	}
	return List{Items: items}
}
