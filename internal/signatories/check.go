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
}

func (c *checker) fileProblem(format string, args ...any) {
	c.ps.add(c.file.Path, 0, format, args...)
}

func (c *checker) problem(e *Entry, key string, format string, args ...any) {
	label := "signatory"
	if e.ID != "" {
		label = fmt.Sprintf("signatory %q", e.ID)
	}
	c.ps.add(c.file.Path, e.LineOf(key), label+": "+format, args...)
}

func (c *checker) checkFile() {
	id := strings.TrimSuffix(path.Base(filepath.ToSlash(c.file.Path)), ".toml")
	launch, known := c.site.Initiatives[id]
	if !known {
		c.fileProblem("no initiative %q in content/initiatives/: name the file after the initiative's folder (<initiative-id>.toml)", id)
	}
	seenID := map[string]*Entry{}
	for _, e := range c.file.Entries {
		c.checkEntry(e, launch)
		if e.ID == "" {
			continue
		}
		if first, dup := seenID[e.ID]; dup {
			c.problem(e, "id", "the ID is already used on line %d: IDs are anchors and must be unique, choose another", first.Line)
			continue
		}
		seenID[e.ID] = e
	}
	c.checkDuplicates()
}

func (c *checker) checkEntry(e *Entry, launch string) {
	switch {
	case e.ID == "":
		c.problem(e, "id", "id is missing: add id = \"…\" (lower-case letters, digits and hyphens; it never changes once published)")
	case !idPattern.MatchString(e.ID):
		c.problem(e, "id", "id %q is not lower-case ASCII letters and digits joined by single hyphens (for example \"jd-com\")", e.ID)
	case strings.HasPrefix(e.ID, ReservedIDPrefix) || e.ID == "main":
		c.problem(e, "id", "id %q collides with the list page's own anchors: IDs may not be \"main\" or start with %q", e.ID, ReservedIDPrefix)
	}

	c.checkText(e, "name", e.Name, true, false)
	switch o := e.Original; {
	case o == nil:
		c.problem(e, "original", "original is missing: add original = { lang = \"zh-Hans\", name = \"…\" }, the name as the signatory writes it")
	default:
		if _, err := language.Parse(o.Lang); o.Lang == "" || err != nil {
			c.problem(e, "original.lang", "original.lang %q is not a BCP 47 language tag: write for example \"zh-Hans\", \"zh-Hant\", \"en\", \"ja\"", o.Lang)
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
		c.problem(e, "verified", "verified is missing: add verified = true only once an editor has checked the evidence, else verified = false")
	}
	c.checkLogo(e)

	signedOK := c.checkDate(e, "signed", e.Signed)
	if signedOK && launch != "" && e.Signed < launch {
		c.problem(e, "signed", "signed %s is before the initiative was launched (%s): check the date", e.Signed, launch)
	}
	c.checkEnum(e, "status", e.Status, Statuses)
	c.checkChange(e, "withdrawn", e.Withdrawn, signedOK)
	c.checkChange(e, "suspended", e.Suspended, signedOK)
}

func (c *checker) checkEnum(e *Entry, key, v string, allowed []string) {
	if v == "" {
		c.problem(e, key, "%s is missing: add %s = \"…\", one of %s", key, key, strings.Join(allowed, ", "))
		return
	}
	if !slices.Contains(allowed, v) {
		c.problem(e, key, "unknown %s %q: use one of %s (docs/authoring.md, \"Signatories\", says what each means)", key, v, strings.Join(allowed, ", "))
	}
}

// checkDate reports a missing, malformed, impossible or future date.
func (c *checker) checkDate(e *Entry, key, v string) bool {
	if v == "" {
		c.problem(e, key, "%s is missing: add %s = \"YYYY-MM-DD\"", key, key)
		return false
	}
	if _, err := time.Parse(time.DateOnly, v); err != nil {
		c.problem(e, key, "%s %q is not a real date in the form YYYY-MM-DD: correct it", key, v)
		return false
	}
	if v > c.today {
		c.problem(e, key, "%s %s is in the future: record an endorsement once it has been given", key, v)
		return false
	}
	return true
}

// checkChange checks a withdrawal or suspension against the status: the
// table is there exactly when the status says so, dated after signing.
func (c *checker) checkChange(e *Entry, key string, ch *Change, signedOK bool) {
	if ch == nil {
		if e.Status == key {
			c.problem(e, "status", "status is %q but there is no %s table: add %s = { date = \"YYYY-MM-DD\", reason = { … } } saying when and why", key, key, key)
		}
		return
	}
	if e.Status != key {
		c.problem(e, key, "there is a %s table but status is %q: set status = %q, or remove the table if the entry is %s again", key, e.Status, key, e.Status)
	}
	if c.checkDate(e, key+".date", ch.Date) && signedOK && ch.Date < e.Signed {
		c.problem(e, key+".date", "%s on %s, before signing on %s: check both dates", key, ch.Date, e.Signed)
	}
	c.checkText(e, key+".reason", ch.Reason, true, true)
}

// checkText checks a string per language: every site language present (if
// required), no other keys, each value sound.
func (c *checker) checkText(e *Entry, key string, t Text, required, long bool) {
	if t == nil {
		if required {
			c.problem(e, key, "%s is missing: add %s = { %s }", key, key, c.example())
		}
		return
	}
	for _, lang := range c.site.Languages {
		if _, ok := t[lang]; !ok && required {
			c.problem(e, key, "%s has no %s: add %s = \"…\" to it (every site language is needed)", key, lang, lang)
		}
	}
	for _, lang := range sortedKeys(t) {
		if !slices.Contains(c.site.Languages, lang) {
			c.problem(e, key+"."+lang, "%s.%s: %q is not a language of this site (hugo.toml has %s): correct the key", key, lang, lang, strings.Join(c.site.Languages, ", "))
			continue
		}
		c.checkString(e, key+"."+lang, t[lang], long, long)
	}
}

func (c *checker) example() string {
	parts := make([]string, len(c.site.Languages))
	for i, l := range c.site.Languages {
		parts[i] = l + " = \"…\""
	}
	return strings.Join(parts, ", ")
}

// checkString rejects empty values, overlong values and characters that
// would let a name pass for another on the page: control characters and
// bidirectional overrides (a name that reads one way and sorts another).
func (c *checker) checkString(e *Entry, key, v string, long, newlines bool) {
	if strings.TrimSpace(v) == "" {
		c.problem(e, key, "%s is empty: write it, or remove the key if it is optional", key)
		return
	}
	if v != strings.TrimSpace(v) {
		c.problem(e, key, "%s starts or ends with spaces: remove them", key)
	}
	limit := maxNameRunes
	if long {
		limit = maxTextRunes
	}
	if n := utf8.RuneCountInString(v); n > limit {
		c.problem(e, key, "%s is %d characters long, more than %d: shorten it", key, n, limit)
	}
	for _, r := range v {
		if r == '\n' && newlines {
			continue
		}
		if forbiddenRune(r) {
			c.problem(e, key, "%s contains the invisible character %U: remove it (control and text-direction characters can make a name look like another)", key, r)
			return
		}
	}
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

func (c *checker) checkURL(e *Entry, key, v string) {
	if v == "" {
		if _, written := e.lines[key]; written {
			c.problem(e, key, "%s is empty: give the address or remove the key", key)
		}
		return
	}
	u, err := url.Parse(v)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || strings.ContainsAny(v, " \t\n\"'<>") {
		c.problem(e, key, "%s %q is not a full web address: write it as https://…", key, v)
	}
}

var logoExtensions = []string{".png", ".jpg", ".jpeg", ".webp", ".gif"}

// checkLogo: a logo is a local file, so the page loads nothing from another
// site; raster only, since an SVG can carry script.
func (c *checker) checkLogo(e *Entry) {
	if e.Logo == "" {
		if _, written := e.lines["logo"]; written {
			c.problem(e, "logo", "logo is empty: give the file's path or remove the key")
		}
		return
	}
	clean := path.Clean(e.Logo)
	if !strings.HasPrefix(e.Logo, "/") || clean != e.Logo || strings.Contains(e.Logo, "..") {
		c.problem(e, "logo", "logo %q must be a path under static/ starting with / (for example \"/signatories/%s.png\")", e.Logo, e.ID)
		return
	}
	if !slices.Contains(logoExtensions, strings.ToLower(path.Ext(e.Logo))) {
		c.problem(e, "logo", "logo %q: use a PNG, JPEG, WebP or GIF file", e.Logo)
		return
	}
	if _, err := os.Stat(filepath.Join(c.site.Root, "static", filepath.FromSlash(e.Logo))); err != nil {
		c.problem(e, "logo", "logo %q: there is no static%s: add the file or correct the path", e.Logo, e.Logo)
	}
}

// checkDuplicates reports two entries whose names, in any language or the
// original script, fold to the same string (see Fold).
func (c *checker) checkDuplicates() {
	type seen struct {
		e    *Entry
		key  string
		name string
	}
	byFold := map[string]seen{}
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
		for _, k := range keys {
			f := Fold(names[k])
			if f == "" {
				continue
			}
			first, ok := byFold[f]
			if !ok {
				byFold[f] = seen{e, k, names[k]}
				continue
			}
			if first.e == e || reported {
				continue
			}
			reported = true
			c.problem(e, k, "%s %q is the same name as %q of %q on line %d once width, case, punctuation and traditional/simplified characters are folded: if it is the same organisation keep one entry (change its status instead of adding another); if not, tell them apart in the name",
				k, names[k], first.name, first.e.ID, first.e.Line)
		}
	}
}
