package signatories

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// idPattern: lower-case ASCII words joined by single hyphens. The ID is the
// entry's anchor on the list page and its key in the exports, so it must
// stay the same for ever and read well in a URL.
var idPattern = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ReservedIDPrefix marks the list page's own anchors (signatories-withdrawn,
// signatories-how-to-endorse, ...). An entry ID may not start with it, nor be
// "main" (the skip link's target), so no signatory's anchor can collide
// with the page's.
const ReservedIDPrefix = "signatories-"

// Lengths beyond which a value is surely a paste gone wrong.
const (
	maxNameRunes = 200
	maxTextRunes = 2000
)

// Today is the latest calendar date anywhere on Earth (UTC+14): a signature
// dated today in Kiribati is not in the future.
func Today() string {
	return time.Now().UTC().Add(14 * time.Hour).Format(time.DateOnly)
}

// Check reports everything wrong with the parsed files of a site: missing
// or unknown fields, names missing in a language, unknown categories,
// impossible dates, withdrawals before signing, and the same organisation
// entered twice. today is the latest date a signature may carry
// (YYYY-MM-DD, see Today).
func Check(site *Site, files []*File, today string) Problems {
	var ps Problems
	site.checkCSVLanguages(&ps)
	for _, f := range files {
		c := &checker{site: site, file: f, today: today, ps: &ps}
		c.checkFile()
	}
	return ps.Sorted()
}

type checker struct {
	site  *Site
	file  *File
	today string
	ps    *Problems
	// source is the initiative's sourceLanguage ("" if unknown or not a
	// site language).
	source string
	// untranslated lists, per site language, the keys of the entry being
	// checked that have no text in it.
	untranslated map[string][]string
}

func (c *checker) problem(e *Entry, key string, m *i18n.Message, data d) {
	c.ps.addIn(c.file.Path, e.LineOf(key), e.label(), key, m, data)
}

var msgCSVUnlisted = message("signatories_check_csv_unlisted",
	"params.signatories.csvLanguages lacks {{ .Languages }}: their name_<key> columns now come last in signatories.csv, where a language added later with a lower weight would push them along; append {{ .Languages }} to the list so they stay put")

// checkCSVLanguages warns of site languages missing from csvLanguages: the
// CSV still has their column, but only the list keeps it from moving.
func (s *Site) checkCSVLanguages(ps *Problems) {
	var missing []string
	for _, lang := range s.Languages {
		if !slices.Contains(s.CSVLanguages, lang) {
			missing = append(missing, q(lang))
		}
	}
	if len(missing) > 0 {
		ps.warnIn("hugo.toml", 0, "", msgCSVUnlisted, d{"Languages": strings.Join(missing, ", ")})
	}
}

var msgNoInitiative = message("signatories_check_no_initiative",
	"no initiative {{ .ID }} in content/initiatives/: name the file after the initiative's folder (<initiative-id>.toml)")

var msgDuplicateID = message("signatories_check_duplicate_id",
	"the ID is already used on line {{ .Line }}: IDs are anchors and must be unique, choose another")

func (c *checker) checkFile() {
	id := strings.TrimSuffix(path.Base(filepath.ToSlash(c.file.Path)), ".toml")
	launch, known := c.site.Initiatives[id]
	c.source = c.site.Sources[id]
	if !known {
		c.ps.add(c.file.Path, 0, msgNoInitiative, d{"ID": q(id)})
	}
	seenID := map[string]*Entry{}
	for _, e := range c.file.Entries {
		c.checkEntry(e, launch)
		if e.ID == "" {
			continue
		}
		if first, dup := seenID[e.ID]; dup {
			c.problem(e, "id", msgDuplicateID, d{"Line": first.Line})
			continue
		}
		seenID[e.ID] = e
	}
	c.checkDuplicates()
}

var (
	msgIDMissing = message("signatories_check_id_missing",
		"id is missing: add id = \"…\" (lower-case letters, digits and hyphens; it never changes once published)")
	msgIDPattern = message("signatories_check_id_pattern",
		"id {{ .ID }} is not lower-case ASCII letters and digits joined by single hyphens (for example \"jd-com\")")
	msgIDReserved = message("signatories_check_id_reserved",
		"id {{ .ID }} collides with the list page's own anchors: IDs may not be \"main\" or start with {{ .Prefix }}")
	msgOriginalMissing = message("signatories_check_original_missing",
		"original is missing: add original = { lang = \"zh-Hans\", name = \"…\" }, the name as the signatory writes it")
	msgOriginalLang = message("signatories_check_original_lang",
		"original.lang {{ .Lang }} is not a BCP 47 language tag: write for example \"zh-Hans\", \"zh-Hant\", \"en\", \"ja\"")
	msgVerifiedMissing = message("signatories_check_verified_missing",
		"verified is missing: add verified = true only once an editor has checked the evidence, else verified = false")
	msgBeforeLaunch = message("signatories_check_before_launch",
		"signed {{ .Date }} is before the initiative was launched ({{ .Launch }}): check the date")
)

func (c *checker) checkEntry(e *Entry, launch string) {
	c.untranslated = map[string][]string{}
	defer c.reportUntranslated(e)
	switch {
	case e.ID == "":
		c.problem(e, "id", msgIDMissing, nil)
	case !idPattern.MatchString(e.ID):
		c.problem(e, "id", msgIDPattern, d{"ID": q(e.ID)})
	case strings.HasPrefix(e.ID, ReservedIDPrefix) || e.ID == "main":
		c.problem(e, "id", msgIDReserved, d{"ID": q(e.ID), "Prefix": q(ReservedIDPrefix)})
	}

	c.checkText(e, "name", e.Name, true, false)
	switch o := e.Original; {
	case o == nil:
		c.problem(e, "original", msgOriginalMissing, nil)
	default:
		if _, err := language.Parse(o.Lang); o.Lang == "" || err != nil {
			c.problem(e, "original.lang", msgOriginalLang, d{"Lang": q(o.Lang)})
		}
		c.checkString(e, "original.name", o.Name, true, false)
	}

	c.checkEnum(e, "category", e.Category, Categories)
	c.checkEnum(e, "method", e.Method, Methods)
	c.checkText(e, "occasion", e.Occasion, true, true)
	c.checkText(e, "evidence", e.Evidence, true, true)
	c.checkURL(e, "evidenceURL", e.EvidenceURL)
	c.checkURL(e, "website", e.Website)
	if e.Note != nil {
		c.checkText(e, "note", e.Note, true, true)
	}
	if e.Verified == nil {
		c.problem(e, "verified", msgVerifiedMissing, nil)
	}
	c.checkLogo(e)

	signedOK := c.checkDate(e, "signed", e.Signed)
	if signedOK && launch != "" && e.Signed < launch {
		c.problem(e, "signed", msgBeforeLaunch, d{"Date": e.Signed, "Launch": launch})
	}
	c.checkEnum(e, "status", e.Status, Statuses)
	c.checkChange(e, "withdrawn", e.Withdrawn, signedOK)
	c.checkChange(e, "suspended", e.Suspended, signedOK)
}

var (
	msgEnumMissing = message("signatories_check_enum_missing",
		"{{ .Key }} is missing: add {{ .Key }} = \"…\", one of {{ .Allowed }}")
	msgEnumUnknown = message("signatories_check_enum_unknown",
		"unknown {{ .Key }} {{ .Value }}: use one of {{ .Allowed }} (docs/authoring.md, \"Signatories\", says what each means)")
)

func (c *checker) checkEnum(e *Entry, key, v string, allowed []string) {
	if v == "" {
		c.problem(e, key, msgEnumMissing, d{"Key": key, "Allowed": strings.Join(allowed, ", ")})
		return
	}
	if !slices.Contains(allowed, v) {
		c.problem(e, key, msgEnumUnknown, d{"Key": key, "Value": q(v), "Allowed": strings.Join(allowed, ", ")})
	}
}

var (
	msgDateMissing = message("signatories_check_date_missing",
		"{{ .Key }} is missing: add {{ .Key }} = \"YYYY-MM-DD\"")
	msgDateInvalid = message("signatories_check_date_invalid",
		"{{ .Key }} {{ .Value }} is not a real date in the form YYYY-MM-DD: correct it")
	msgDateFuture = message("signatories_check_date_future",
		"{{ .Key }} {{ .Value }} is in the future: record an endorsement once it has been given")
)

// checkDate reports a missing, malformed, impossible or future date.
func (c *checker) checkDate(e *Entry, key, v string) bool {
	if v == "" {
		c.problem(e, key, msgDateMissing, d{"Key": key})
		return false
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		c.problem(e, key, msgDateInvalid, d{"Key": key, "Value": q(v)})
		return false
	}
	if v > c.today {
		c.problem(e, key, msgDateFuture, d{"Key": key, "Value": v})
		return false
	}
	return true
}

var (
	msgChangeMissing = message("signatories_check_change_missing",
		"status is \"{{ .Key }}\" but there is no {{ .Key }} table: add {{ .Key }} = { date = \"YYYY-MM-DD\", reason = { … } } saying when and why")
	msgChangeStatus = message("signatories_check_change_status",
		"there is a {{ .Key }} table but status is {{ .Status }}: set status = \"{{ .Key }}\", or remove the table if the entry is {{ .Status }} again")
	msgChangeBeforeSigning = message("signatories_check_change_before_signing",
		"{{ .Key }} on {{ .Date }}, before signing on {{ .Signed }}: check both dates")
)

// checkChange checks a withdrawal or suspension against the status: the
// table is there exactly when the status says so, dated after signing.
func (c *checker) checkChange(e *Entry, key string, ch *Change, signedOK bool) {
	if ch == nil {
		if e.Status == key {
			c.problem(e, "status", msgChangeMissing, d{"Key": key})
		}
		return
	}
	if e.Status != key {
		c.problem(e, key, msgChangeStatus, d{"Key": key, "Status": q(e.Status)})
	}
	if c.checkDate(e, key+".date", ch.Date) && signedOK && ch.Date < e.Signed {
		c.problem(e, key+".date", msgChangeBeforeSigning, d{"Key": key, "Date": ch.Date, "Signed": e.Signed})
	}
	c.checkText(e, key+".reason", ch.Reason, true, true)
}

var (
	msgTextMissing = message("signatories_check_text_missing",
		"{{ .Key }} is missing: add {{ .Key }} = { {{ .Example }} }")
	msgTextNoSource = message("signatories_check_text_no_source",
		"{{ .Key }} has no {{ .Lang }}, the initiative's source language (sourceLanguage): add {{ .Lang }} = \"…\" to it; the pages of every language without a translation show this text")
	msgTextUnknownLang = message("signatories_check_text_unknown_lang",
		"{{ .Key }}.{{ .Lang }}: \"{{ .Lang }}\" is not a language of this site (hugo.toml has {{ .Languages }}): correct the key")
	msgUntranslated = message("signatories_check_untranslated",
		"not yet translated into {{ .Lang }}: {{ .Keys }}. The {{ .Lang }} pages show in their place the original name or the text in the initiative's source language, marked as not yet translated; add {{ .Lang }} = \"…\" to each once it is translated")
)

// checkText checks a string per language: no keys but site languages, each
// value sound. A text need not be in every language: where a translation
// is missing the pages show the original name (for a name) or the text in
// the initiative's source language, marked, and the check warns
// (reportUntranslated). So a text must be in the source language; a name
// need not, the original name standing in for it.
func (c *checker) checkText(e *Entry, key string, t Text, required, long bool) {
	if len(t) == 0 {
		if required || t != nil {
			c.problem(e, key, msgTextMissing, d{"Key": key, "Example": c.example()})
		}
		return
	}
	for _, lang := range c.site.Languages {
		if _, ok := t[lang]; ok {
			continue
		}
		if lang == c.source && key != "name" {
			c.problem(e, key, msgTextNoSource, d{"Key": key, "Lang": lang})
			continue
		}
		c.untranslated[lang] = append(c.untranslated[lang], key)
	}
	for _, lang := range sortedKeys(t) {
		if !slices.Contains(c.site.Languages, lang) {
			c.problem(e, key+"."+lang, msgTextUnknownLang, d{"Key": key, "Lang": lang, "Languages": strings.Join(c.site.Languages, ", ")})
			continue
		}
		c.checkString(e, key+"."+lang, t[lang], long, long)
	}
}

// reportUntranslated warns once per language of what an entry lacks in it,
// on the entry's first line: a new language starts with every entry
// untranslated, and one line per entry says all there is to do.
func (c *checker) reportUntranslated(e *Entry) {
	for _, lang := range c.site.Languages {
		if keys := c.untranslated[lang]; len(keys) > 0 {
			c.ps.warnIn(c.file.Path, e.Line, e.label(), msgUntranslated, d{"Lang": lang, "Keys": strings.Join(keys, ", ")})
		}
	}
}

func (c *checker) example() string {
	parts := make([]string, len(c.site.Languages))
	for i, l := range c.site.Languages {
		parts[i] = l + " = \"…\""
	}
	return strings.Join(parts, ", ")
}

var (
	msgEmpty = message("signatories_check_empty",
		"{{ .Key }} is empty: write it, or remove the key if it is optional")
	msgOnlyInvisible = message("signatories_check_only_invisible",
		"{{ .Key }} {{ .Value }} has no visible character, only invisible or format characters ({{ .Chars }}): write the name itself")
	msgSpaces = message("signatories_check_spaces",
		"{{ .Key }} starts or ends with spaces: remove them")
	msgTooLong = message("signatories_check_too_long",
		"{{ .Key }} is {{ .Count }} characters long, more than {{ .Limit }}: shorten it")
	msgForbiddenChar = message("signatories_check_forbidden_char",
		"{{ .Key }} contains the invisible character {{ .Char }}: remove it (control and text-direction characters can make a name look like another)")
)

// A name that reads as code, by the first sign found. The pages show it as
// plain text either way; the message asks the editor to check it.
var (
	msgCodeMarkup = message("signatories_check_name_markup",
		"{{ .Key }} {{ .Value }} holds markup, not a name: check that it is the signatory's name as written (the pages show it as plain text either way)")
	msgCodeTemplate = message("signatories_check_name_template",
		"{{ .Key }} {{ .Value }} holds a template's {{ .Sign }}, not a name: check that it is the signatory's name as written (the pages show it as plain text either way)")
	msgCodeFormula = message("signatories_check_name_formula",
		"{{ .Key }} {{ .Value }} starts as a spreadsheet formula does ({{ .Sign }}), not as a name: check that it is the signatory's name as written (signatories.csv writes it as text either way)")
)

// looksLikeCode says what a name reads as when it reads as code: a tag
// (a "<" before a letter, "/" or "!"), a template's "{{", or a leading
// "=", "+" or "@", which a spreadsheet opening the CSV would run as a
// formula. Names do not start so, and no name holds a tag; a "-" alone
// is left, as it begins real names ("-ism Studio").
func looksLikeCode(v string) *i18n.Message {
	for i := 0; i+1 < len(v); i++ {
		if v[i] == '<' {
			if c := v[i+1]; c == '/' || c == '!' || ('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') {
				return msgCodeMarkup
			}
		}
	}
	if strings.Contains(v, "{{") {
		return msgCodeTemplate
	}
	if t := strings.TrimSpace(v); t != "" && strings.ContainsRune("=+@", rune(t[0])) {
		return msgCodeFormula
	}
	return nil
}

// checkString rejects empty values, overlong values, values made only of
// characters that show nothing (a Hangul filler, a zero-width space: an
// entry that looks nameless, or a second one that seems new), and
// characters that would let a name pass for another on the page: control
// characters and bidirectional overrides (a name that reads one way and
// sorts another).
func (c *checker) checkString(e *Entry, key, v string, long, newlines bool) {
	if strings.TrimSpace(v) == "" {
		c.problem(e, key, msgEmpty, d{"Key": key})
		return
	}
	if !hasVisible(v) {
		var chars []string
		for _, r := range v {
			if u := fmt.Sprintf("%U", r); !slices.Contains(chars, u) {
				chars = append(chars, u)
			}
		}
		c.problem(e, key, msgOnlyInvisible, d{"Key": key, "Value": q(v), "Chars": strings.Join(chars, " ")})
		return
	}
	if v != strings.TrimSpace(v) {
		c.problem(e, key, msgSpaces, d{"Key": key})
	}
	limit := maxNameRunes
	if long {
		limit = maxTextRunes
	}
	if n := utf8.RuneCountInString(v); n > limit {
		c.problem(e, key, msgTooLong, d{"Key": key, "Count": n, "Limit": limit})
	}
	for _, r := range v {
		if r == '\n' && newlines {
			continue
		}
		if forbiddenRune(r) {
			c.problem(e, key, msgForbiddenChar, d{"Key": key, "Char": fmt.Sprintf("%U", r)})
			return
		}
	}
	if key == "original.name" || strings.HasPrefix(key, "name.") {
		if what := looksLikeCode(v); what != nil {
			sign := "{{"
			if what == msgCodeFormula {
				sign = strings.TrimSpace(v)[:1]
			}
			c.ps.suspectIn(c.file.Path, e.LineOf(key), e.label(), key, what, d{"Key": key, "Value": q(v), "Sign": sign})
		}
	}
}

// hasVisible: at least one character that is neither white space nor
// invisible (Invisible).
func hasVisible(v string) bool {
	for _, r := range v {
		if !unicode.IsSpace(r) && !unicode.IsControl(r) && !Invisible(r) {
			return true
		}
	}
	return false
}

func forbiddenRune(r rune) bool {
	switch {
	case unicode.IsControl(r):
		return true
	case r >= 0x202A && r <= 0x202E, r >= 0x2066 && r <= 0x2069: // bidi embeddings, overrides, isolates
		return true
	case r == 0x2028 || r == 0x2029 || r == 0xFEFF:
		return true
	}
	return false
}

var (
	msgURLEmpty = message("signatories_check_url_empty",
		"{{ .Key }} is empty: give the address or remove the key")
	msgURLInvalid = message("signatories_check_url_invalid",
		"{{ .Key }} {{ .Value }} is not a full web address: write it as https://…")
	msgURLInvisible = message("signatories_check_url_invisible",
		"{{ .Key }} contains the invisible character {{ .Char }}: retype the address (a text-direction or format character can make a link read as another site's)")
)

// checkURL: an http(s) address, with no character that shows nothing or
// turns text around (U+202E in a link makes it read as another address;
// Go's url.Parse accepts it in a path).
func (c *checker) checkURL(e *Entry, key, v string) {
	if v == "" {
		if _, written := e.lines[key]; written {
			c.problem(e, key, msgURLEmpty, d{"Key": key})
		}
		return
	}
	for _, r := range v {
		if unicode.Is(unicode.Bidi_Control, r) || Invisible(r) {
			c.problem(e, key, msgURLInvisible, d{"Key": key, "Char": fmt.Sprintf("%U", r)})
			return
		}
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(v, " \t\n\"'<>") || strings.ContainsFunc(v, unicode.IsSpace) {
		c.problem(e, key, msgURLInvalid, d{"Key": key, "Value": q(v)})
	}
}

var logoExtensions = []string{".png", ".jpg", ".jpeg", ".webp", ".gif"}

var (
	msgLogoEmpty = message("signatories_check_logo_empty",
		"logo is empty: give the file's path or remove the key")
	msgLogoPath = message("signatories_check_logo_path",
		"logo {{ .Logo }} must be a path under static/ starting with / (for example \"/signatories/{{ .ID }}.png\")")
	msgLogoType = message("signatories_check_logo_type",
		"logo {{ .Logo }}: use a PNG, JPEG, WebP or GIF file")
	msgLogoMissing = message("signatories_check_logo_missing",
		"logo {{ .Logo }}: there is no static{{ .Path }}: add the file or correct the path")
)

// checkLogo: a logo is a local file, so the page loads nothing from another
// site; raster only, since an SVG can carry script.
func (c *checker) checkLogo(e *Entry) {
	if e.Logo == "" {
		if _, written := e.lines["logo"]; written {
			c.problem(e, "logo", msgLogoEmpty, nil)
		}
		return
	}
	clean := path.Clean(e.Logo)
	if !strings.HasPrefix(e.Logo, "/") || clean != e.Logo || strings.Contains(e.Logo, "..") {
		c.problem(e, "logo", msgLogoPath, d{"Logo": q(e.Logo), "ID": e.ID})
		return
	}
	if !slices.Contains(logoExtensions, strings.ToLower(path.Ext(e.Logo))) {
		c.problem(e, "logo", msgLogoType, d{"Logo": q(e.Logo)})
		return
	}
	if _, err := os.Stat(filepath.Join(c.site.Root, "static", filepath.FromSlash(e.Logo))); err != nil {
		c.problem(e, "logo", msgLogoMissing, d{"Logo": q(e.Logo), "Path": e.Logo})
	}
}

var (
	msgDuplicateName = message("signatories_check_duplicate_name",
		"{{ .Key }} {{ .Name }} is the same name as {{ .First }} of {{ .FirstID }} on line {{ .Line }} once width, case, punctuation and traditional/simplified characters are folded: if it is the same organisation keep one entry (change its status instead of adding another); if not, tell them apart in the name")
	msgLookAlikeName = message("signatories_check_look_alike_name",
		"{{ .Key }} {{ .Name }} looks the same as {{ .First }} of {{ .FirstID }} on line {{ .Line }}: letters from different scripts that look alike (Cyrillic А and Latin A, Greek Ο and Latin O) make two names read the same. If it is the same organisation keep one entry; if not, type the name in its own script")
)

// scripts are the Unicode scripts of a name's letters, sorted, leaving out
// Common and Inherited (digits, punctuation, combining marks).
func scripts(name string) []string {
	var out []string
	for _, r := range name {
		if !unicode.IsLetter(r) {
			continue
		}
		for script, table := range unicode.Scripts {
			if script != "Common" && script != "Inherited" && unicode.Is(table, r) && !slices.Contains(out, script) {
				out = append(out, script)
			}
		}
	}
	slices.Sort(out)
	return out
}

// checkDuplicates reports two entries whose names, in any language or the
// original script, fold to the same string (Fold), or, written in different
// scripts, look the same once confusable letters are mapped to one
// (LookAlike).
func (c *checker) checkDuplicates() {
	type seen struct {
		e    *Entry
		key  string
		name string
	}
	byFold := map[string]seen{}
	byLook := map[string]seen{}
	for _, e := range c.file.Entries {
		names := map[string]string{}
		for lang, n := range e.Name {
			names["name."+lang] = n
		}
		if e.Original != nil {
			names["original.name"] = e.Original.Name
		}
		keys := make([]string, 0, len(names))
		for k := range names {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		reported := false
		// Every name is recorded before any is compared, so a look-alike
		// match within one entry's own names never counts.
		type folded struct{ k, fold, look string }
		var fs []folded
		for _, k := range keys {
			if f := Fold(names[k]); f != "" {
				fs = append(fs, folded{k, f, LookAlike(names[k])})
			}
		}
		for _, f := range fs {
			if reported {
				break
			}
			first, ok := byFold[f.fold]
			msg := msgDuplicateName
			if !ok || first.e == e {
				first, ok = byLook[f.look]
				msg = msgLookAlikeName
				// Within one script, look-alikes are most often two real
				// names (Modern and Modem, 士林 and 土林): only letters
				// borrowed from another script make a spoof.
				ok = ok && !slices.Equal(scripts(first.name), scripts(names[f.k]))
			}
			if !ok || first.e == e {
				continue
			}
			reported = true
			c.problem(e, f.k, msg, d{"Key": f.k, "Name": q(names[f.k]), "First": q(first.name), "FirstID": q(first.e.ID), "Line": first.e.Line})
		}
		for _, f := range fs {
			if _, ok := byFold[f.fold]; !ok {
				byFold[f.fold] = seen{e, f.k, names[f.k]}
			}
			if _, ok := byLook[f.look]; !ok {
				byLook[f.look] = seen{e, f.k, names[f.k]}
			}
		}
	}
}
