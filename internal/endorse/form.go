package endorse

import (
	"net/mail"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/net/idna"

	"github.com/concord-initiative/concord/internal/signatories"
)

// Submission is the form as sent: what the signatory typed, trimmed.
type Submission struct {
	Initiative   string
	Lang         string // the site language of the form
	OriginalName string
	OriginalLang string
	// Names by site language key, only those filled in.
	Names       map[string]string
	Category    string
	Website     string
	Email       string
	EvidenceURL string
	Authorised  bool
	// Honeypot is the field hidden from people; a bot fills it.
	Honeypot string
	// Token is the review page's signed timestamp, "" on the first post
	// from the site's page.
	Token string
}

// Field names of the form.
const (
	fieldInitiative   = "initiative"
	fieldLang         = "lang"
	fieldOriginalName = "original_name"
	fieldOriginalLang = "original_lang"
	fieldNamePrefix   = "name_"
	fieldCategory     = "category"
	fieldWebsite      = "website"
	fieldEmail        = "email"
	fieldEvidence     = "evidence_url"
	fieldAuthorised   = "authorised"
	fieldHoneypot     = "homepage"
	fieldToken        = "t"
)

// maxField is the longest value any field may hold, in bytes: longer than
// any text the validator accepts (2,000 characters of up to 4 bytes).
const maxField = 8192

// ParseSubmission reads the form's values. langs are the site's language
// keys; a name field for another key is ignored, and a form language that
// is not a site language becomes def. It never fails: what is wrong is for
// Validate to say, field by field.
func ParseSubmission(v url.Values, langs []string, def string) *Submission {
	get := func(k string) string {
		s := v.Get(k)
		if len(s) > maxField {
			s = s[:maxField]
		}
		// Browsers send CR LF in a text field; a name is one line.
		return strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	}
	s := &Submission{
		Initiative:   get(fieldInitiative),
		Lang:         get(fieldLang),
		OriginalName: get(fieldOriginalName),
		OriginalLang: get(fieldOriginalLang),
		Names:        map[string]string{},
		Category:     get(fieldCategory),
		Website:      get(fieldWebsite),
		Email:        get(fieldEmail),
		EvidenceURL:  get(fieldEvidence),
		Authorised:   get(fieldAuthorised) != "",
		Honeypot:     v.Get(fieldHoneypot),
		Token:        get(fieldToken),
	}
	if !slices.Contains(langs, s.Lang) {
		s.Lang = def
	}
	for _, l := range langs {
		if n := get(fieldNamePrefix + l); n != "" {
			s.Names[l] = n
		}
	}
	return s
}

// Values is the submission as form values again, for the review page.
func (s *Submission) Values() url.Values {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set(fieldInitiative, s.Initiative)
	set(fieldLang, s.Lang)
	set(fieldOriginalName, s.OriginalName)
	set(fieldOriginalLang, s.OriginalLang)
	for l, n := range s.Names {
		set(fieldNamePrefix+l, n)
	}
	set(fieldCategory, s.Category)
	set(fieldWebsite, s.Website)
	set(fieldEmail, s.Email)
	set(fieldEvidence, s.EvidenceURL)
	if s.Authorised {
		v.Set(fieldAuthorised, "1")
	}
	return v
}

// names are the entry's names: those given, and the original name in the
// site language it is written in when that one was left empty.
func (s *Submission) names(langs []string) map[string]string {
	out := map[string]string{}
	for l, n := range s.Names {
		out[l] = n
	}
	for _, l := range langs {
		if _, ok := out[l]; !ok && s.OriginalName != "" && strings.EqualFold(siteLangTag(l), s.OriginalLang) {
			out[l] = s.OriginalName
		}
	}
	return out
}

// siteLangTag is the BCP 47 spelling of a site language key: zh-hans is
// zh-Hans.
func siteLangTag(key string) string {
	parts := strings.Split(key, "-")
	for i := 1; i < len(parts); i++ {
		switch len(parts[i]) {
		case 4:
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		case 2:
			parts[i] = strings.ToUpper(parts[i])
		}
	}
	return strings.Join(parts, "-")
}

// isOrganisation: every category but a person signs for an organisation.
func isOrganisation(category string) bool { return category != "individual" }

// FieldErrors maps a field name ("" for the form as a whole) to what is
// wrong with it.
type FieldErrors map[string][]string

func (fe FieldErrors) add(field, msg string) { fe[field] = append(fe[field], msg) }

// checkFields is what the form itself requires, before the signatories
// validator sees the entry: the fields it needs, one email address, a
// known category, the organisation's authorisation.
func checkFields(s *Submission, t func(m *i18n.Message) string) FieldErrors {
	fe := FieldErrors{}
	for field, v := range map[string]string{fieldOriginalName: s.OriginalName, fieldOriginalLang: s.OriginalLang, fieldCategory: s.Category, fieldEmail: s.Email} {
		if v == "" {
			fe.add(field, t(msgRequired))
		}
	}
	for field, v := range map[string]string{fieldWebsite: s.Website, fieldEvidence: s.EvidenceURL, fieldEmail: s.Email} {
		if utf8.RuneCountInString(v) > 2000 {
			fe.add(field, t(msgTooLongField))
		}
	}
	if s.Email != "" && canonicalEmail(s.Email) == "" {
		fe.add(fieldEmail, t(msgBadEmail))
	}
	if s.Category != "" && !slices.Contains(signatories.Categories, s.Category) {
		fe.add(fieldCategory, t(msgBadCategory))
	}
	if slices.Contains(signatories.Categories, s.Category) && isOrganisation(s.Category) && !s.Authorised {
		fe.add(fieldAuthorised, t(msgNeedAuthor))
	}
	return fe
}

// Domains where the mailbox ignores dots in the local part, and those
// where a +suffix reaches the same mailbox: ana.b+x@gmail.com is
// anab@gmail.com. As alphagov/e-petitions does, only for providers known
// to do so; elsewhere a dot may be a different person.
var (
	dotsIgnored = []string{"gmail.com", "googlemail.com"}
	plusIgnored = []string{"gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "icloud.com", "me.com", "fastmail.com", "protonmail.com", "proton.me", "yandex.ru", "qq.com"}
)

// canonicalEmail is the address the de-duplication compares: lower case,
// the domain in ASCII (IDNA), dots and +suffix removed where the provider
// ignores them. "" when s is not one plain address (no display name, no
// list).
func canonicalEmail(s string) string {
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s || strings.ContainsAny(s, " \t\r\n<>\"") {
		return ""
	}
	at := strings.LastIndexByte(a.Address, '@')
	local, domain := strings.ToLower(a.Address[:at]), a.Address[at+1:]
	domain, err = idna.Lookup.ToASCII(domain)
	if err != nil || !strings.Contains(domain, ".") || local == "" {
		return ""
	}
	domain = strings.ToLower(domain)
	if domain == "googlemail.com" {
		domain = "gmail.com"
	}
	if slices.Contains(plusIgnored, domain) {
		if i := strings.IndexByte(local, '+'); i > 0 {
			local = local[:i]
		}
	}
	if slices.Contains(dotsIgnored, domain) {
		local = strings.ReplaceAll(local, ".", "")
	}
	return local + "@" + domain
}

// emailDomain is the domain of a canonical address.
func emailDomain(canonical string) string {
	return canonical[strings.LastIndexByte(canonical, '@')+1:]
}

// sameDomain reports whether the email's domain is the website's host or a
// parent or child of it (www.acme.example and acme.example): a hint for the
// moderator, not a proof.
func sameDomain(canonical, website string) bool {
	u, err := url.Parse(website)
	if err != nil || u.Hostname() == "" || canonical == "" {
		return false
	}
	host, err := idna.Lookup.ToASCII(u.Hostname())
	if err != nil {
		return false
	}
	host, domain := strings.ToLower(host), emailDomain(canonical)
	return host == domain || strings.HasSuffix(host, "."+domain) || strings.HasSuffix(domain, "."+host)
}
