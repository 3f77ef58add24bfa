package endorse

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/unicode/norm"

	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// entry is one signatory as the export writes it into
// data/signatories/<initiative>.toml.
type entry struct {
	ID           string
	Names        map[string]string
	OriginalLang string
	OriginalName string
	Category     string
	Signed       string
	Occasion     map[string]string
	Evidence     map[string]string
	EvidenceURL  string
	Website      string
	Verified     bool
	Status       string
	// Change is the withdrawn or suspended table, for those statuses.
	Change *signatories.Change
}

// TOML is the entry as a [[signatory]] table in the layout of the shipped
// files: one line a key, texts as inline tables in the site's language
// order. Appending this text keeps the file as the editors wrote it.
func (e *entry) TOML(langs []string) string {
	var b strings.Builder
	b.WriteString("\n[[signatory]]\n")
	fmt.Fprintf(&b, "id = %s\n", tomlString(e.ID))
	fmt.Fprintf(&b, "name = %s\n", tomlText(e.Names, langs))
	fmt.Fprintf(&b, "original = { lang = %s, name = %s }\n", tomlString(e.OriginalLang), tomlString(e.OriginalName))
	fmt.Fprintf(&b, "category = %s\n", tomlString(e.Category))
	fmt.Fprintf(&b, "signed = %s\n", tomlString(e.Signed))
	b.WriteString("method = \"form\"\n")
	fmt.Fprintf(&b, "occasion = %s\n", tomlText(e.Occasion, langs))
	fmt.Fprintf(&b, "evidence = %s\n", tomlText(e.Evidence, langs))
	if e.EvidenceURL != "" {
		fmt.Fprintf(&b, "evidenceURL = %s\n", tomlString(e.EvidenceURL))
	}
	if e.Website != "" {
		fmt.Fprintf(&b, "website = %s\n", tomlString(e.Website))
	}
	fmt.Fprintf(&b, "verified = %t\n", e.Verified)
	b.WriteString(e.statusLines(langs))
	return b.String()
}

// statusLines are the status key and, for a withdrawal or suspension, its
// table: the lines an export rewrites when the status changes.
func (e *entry) statusLines(langs []string) string {
	s := fmt.Sprintf("status = %s\n", tomlString(e.Status))
	if e.Change != nil {
		s += fmt.Sprintf("%s = { date = %s, reason = %s }\n", e.Status, tomlString(e.Change.Date), tomlText(e.Change.Reason, langs))
	}
	return s
}

// tomlText is an inline table of strings by language, in langs' order.
func tomlText(t map[string]string, langs []string) string {
	var parts []string
	for _, l := range langs {
		if v, ok := t[l]; ok {
			parts = append(parts, tomlKey(l)+" = "+tomlString(v))
		}
	}
	return "{ " + strings.Join(parts, ", ") + " }"
}

func tomlKey(k string) string {
	for _, r := range k {
		if !(r == '-' || r == '_' || r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r))) {
			return tomlString(k)
		}
	}
	return k
}

// tomlString is a TOML basic string: quotes, backslashes and control
// characters escaped, everything else as it is (TOML files are UTF-8).
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// slug is an ID for a name: its Latin letters and digits, accents
// dropped, joined by hyphens ("Café Müller & Co." is cafe-muller-co). ""
// when the name has none (a name in Han characters).
func slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(name) {
		r = unicode.ToLower(r)
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(r)
		case unicode.Is(unicode.Mn, r):
		default:
			hyphen = true
		}
	}
	s := b.String()
	if len(s) > 60 {
		s = strings.TrimRight(s[:60], "-")
	}
	return s
}

// newID picks the entry's ID: the slug of its English name, else of any
// name, else endorsement-<n>; -<n> is added when the file (taken) has it
// already, or when it would be one of the list page's own anchors.
func newID(names map[string]string, original string, n int64, taken func(string) bool) string {
	candidates := []string{names["en"], original}
	for _, k := range slices.Sorted(mapKeys(names)) {
		candidates = append(candidates, names[k])
	}
	id := ""
	for _, c := range candidates {
		if id = slug(c); id != "" {
			break
		}
	}
	if id == "" || id == "main" || strings.HasPrefix(id, signatories.ReservedIDPrefix) {
		id = "endorsement-" + strconv.FormatInt(n, 10)
	}
	if taken(id) {
		id += "-" + strconv.FormatInt(n, 10)
	}
	return id
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// texts renders a message in every site language.
func texts(cat *toolmessages.Catalog, langs []string, m *i18n.Message, data any) map[string]string {
	out := map[string]string{}
	for _, l := range langs {
		out[l] = cat.Localizer(l).Text(m, data)
	}
	return out
}

// signatoriesFile is the initiative's file, relative to the site, and its
// content ("" when it does not exist yet).
func signatoriesFile(siteDir, initiative string) (string, []byte, error) {
	rel := signatories.SignatoriesDir + "/" + initiative + ".toml"
	data, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(rel)))
	if os.IsNotExist(err) {
		return rel, nil, nil
	}
	return rel, data, err
}

// checkAppended runs the signatories validator on the file with text
// appended, as the export would write it, and returns the problems of the
// appended part that are errors, or warnings of a name that reads as code
// (Suspect), which an editor may keep in a file but a stranger's form may
// not send: one set of rules for the form, the export and
// `tools/signatories validate`.
func checkAppended(site *signatories.Site, rel string, existing []byte, text, today string) signatories.Problems {
	start := strings.Count(string(existing), "\n") + 1
	data := append(slices.Clip(existing), text...)
	f, ps := signatories.Parse(rel, data)
	ps = append(ps, signatories.Check(site, []*signatories.File{f}, today)...)
	var out signatories.Problems
	for _, p := range ps {
		if (!p.Warning || p.Suspect) && p.File == rel && p.Line >= start {
			out = append(out, p)
		}
	}
	return out
}

// fieldOfKey is the form field a validator key belongs to.
func fieldOfKey(key string) string {
	switch {
	case strings.HasPrefix(key, "name."):
		return fieldNamePrefix + strings.TrimPrefix(key, "name.")
	case key == "original.name":
		return fieldOriginalName
	case key == "original.lang":
		return fieldOriginalLang
	case key == "category":
		return fieldCategory
	case key == "website":
		return fieldWebsite
	case key == "evidenceURL":
		return fieldEvidence
	case key == "name":
		return fieldOriginalName
	}
	return ""
}
