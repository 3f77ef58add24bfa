// Package endorse is the endorsement intake service: the form on every
// initiative's endorse page posts here; the signatory confirms by an
// emailed single-use link; moderators approve at /admin/; `endorse export`
// merges the approved entries into data/signatories/<initiative>.toml,
// which the next site build publishes. docs/endorsements.md describes it.
package endorse

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"log"
	"mime"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/pelletier/go-toml/v2"
	"golang.org/x/text/language"

	"github.com/concord-initiative/concord/internal/endorse/mail"
	"github.com/concord-initiative/concord/internal/endorse/store"
	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// SiteParts are the parts of a Hugo site the service reads: the languages
// and their texts, the initiatives' titles, and the signatories files it
// exports into. A copy of them is enough to run it.
var SiteParts = []string{"hugo.toml", "i18n", "content/initiatives", "data/signatories"}

// Config is what the service needs; tools/endorse fills it from its flags.
type Config struct {
	// SiteDir is the Hugo site; the service reads its SiteParts.
	SiteDir string
	// SiteURL is the published site's address, for the links back to it.
	SiteURL string
	// PublicURL is the service's own address as browsers reach it (behind
	// the proxy): the links in the emails. https:// makes cookies Secure.
	PublicURL string
	Store     store.Store
	Mail      mail.Sender
	MailFrom  string
	// MailDir, when set, is listed on the development outbox page.
	MailDir string
	// Key signs the review tokens and withdrawal links.
	Key []byte

	ConfirmTTL  time.Duration // default 72 h
	EraseAfter  time.Duration // default 90 days
	MinFillTime time.Duration // default 3 s
	MaxBody     int64         // default 64 KiB
	IPLimit     Limit
	DomainLimit Limit
	// TrustedProxies are the addresses whose X-Forwarded-For is believed.
	TrustedProxies []netip.Prefix
	Now            func() time.Time
	Log            *log.Logger
}

func (c *Config) defaults() {
	if c.ConfirmTTL == 0 {
		c.ConfirmTTL = 72 * time.Hour
	}
	if c.EraseAfter == 0 {
		c.EraseAfter = 90 * 24 * time.Hour
	}
	if c.MinFillTime == 0 {
		c.MinFillTime = 3 * time.Second
	}
	if c.MaxBody == 0 {
		c.MaxBody = 64 << 10
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = log.New(os.Stderr, "endorse: ", log.LstdFlags)
	}
	if c.MailFrom == "" {
		c.MailFrom = "endorse@localhost"
	}
	c.PublicURL = strings.TrimSuffix(c.PublicURL, "/")
	c.SiteURL = strings.TrimSuffix(c.SiteURL, "/")
}

// Server is the service's HTTP handler.
type Server struct {
	cfg      Config
	site     *signatories.Site
	info     siteInfo
	cat      *toolmessages.Catalog
	ipLim    *limiter
	domLim   *limiter
	secure   bool
	mux      *http.ServeMux
	pages    map[string]*template.Template
	matcher  language.Matcher
	matchFor []string
}

// siteInfo is what the pages need from hugo.toml.
type siteInfo struct {
	Default   string
	Languages map[string]struct {
		Label     string `toml:"label"`
		Locale    string `toml:"locale"`
		Title     string `toml:"title"`
		Direction string `toml:"languageDirection"`
	} `toml:"languages"`
	Title string `toml:"title"`
}

// New makes the service for the site in cfg.SiteDir.
func New(cfg Config) (*Server, error) {
	cfg.defaults()
	if len(cfg.Key) < 16 {
		return nil, errors.New("endorse: the signing key must be at least 16 bytes (--key-file)")
	}
	site, err := signatories.LoadSite(cfg.SiteDir)
	if err != nil {
		return nil, err
	}
	cat, err := toolmessages.Load(cfg.SiteDir)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(filepath.Join(cfg.SiteDir, "hugo.toml"))
	if err != nil {
		return nil, err
	}
	var info siteInfo
	var dcl struct {
		Default string `toml:"defaultContentLanguage"`
	}
	if err := toml.Unmarshal(data, &info); err != nil {
		return nil, err
	}
	toml.Unmarshal(data, &dcl)
	info.Default = dcl.Default
	if !slices.Contains(site.Languages, info.Default) {
		info.Default = site.Languages[0]
	}
	s := &Server{cfg: cfg, site: site, info: info, cat: cat,
		ipLim: newLimiter(cfg.IPLimit), domLim: newLimiter(cfg.DomainLimit),
		secure: strings.HasPrefix(cfg.PublicURL, "https://")}
	var tags []language.Tag
	for _, l := range site.Languages {
		tags = append(tags, language.Make(siteLangTag(l)))
		s.matchFor = append(s.matchFor, l)
	}
	s.matcher = language.NewMatcher(tags)
	if err := s.parsePages(); err != nil {
		return nil, err
	}
	s.routes()
	return s, nil
}

func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	// The service's pages load nothing but their stylesheet and post only
	// to themselves; tokens are in some addresses, so no Referer leaves.
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	if s.secure {
		h.Set("Strict-Transport-Security", "max-age=63072000")
	}
	s.mux.ServeHTTP(w, r)
}

func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("GET /endorse.css", s.css)
	m.HandleFunc("POST /submit", s.submit)
	m.HandleFunc("GET /sent", s.sent)
	m.HandleFunc("GET /confirm", s.confirmPage)
	m.HandleFunc("POST /confirm", s.confirm)
	m.HandleFunc("GET /withdraw", s.withdrawPage)
	m.HandleFunc("POST /withdraw", s.withdraw)
	m.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	s.adminRoutes(m)
	if s.cfg.MailDir != "" {
		m.HandleFunc("GET /dev/outbox/", s.outbox)
	}
	s.mux = m
}

//go:embed page.css pages/*.html
var files embed.FS

func (s *Server) css(w http.ResponseWriter, r *http.Request) {
	data, _ := files.ReadFile("page.css")
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	w.Write(data)
}

// loc is the localizer of a site language.
func (s *Server) loc(lang string) *toolmessages.Localizer { return s.cat.Localizer(lang) }

// text renders a message in lang.
func (s *Server) text(lang string, m *i18n.Message, data any) string {
	return s.loc(lang).Text(m, data)
}

// requestLang is the site language the browser prefers, for pages reached
// without a form (the admin, a bad request).
func (s *Server) requestLang(r *http.Request) string {
	if l := r.URL.Query().Get("lang"); slices.Contains(s.site.Languages, l) {
		return l
	}
	tags, _, _ := language.ParseAcceptLanguage(r.Header.Get("Accept-Language"))
	if len(tags) == 0 {
		return s.info.Default
	}
	_, i, conf := s.matcher.Match(tags...)
	if conf == language.No {
		return s.info.Default
	}
	return s.matchFor[i]
}

// sign is an HMAC of the parts with the service's key.
func (s *Server) sign(parts ...string) string {
	mac := hmac.New(sha256.New, s.cfg.Key)
	for _, p := range parts {
		mac.Write([]byte(p))
		mac.Write([]byte{0})
	}
	return hex.EncodeToString(mac.Sum(nil)[:16])
}

// formToken is the review page's token: when it was made, signed with the
// form's initiative and language.
func (s *Server) formToken(initiative, lang string, at time.Time) string {
	ts := strconv.FormatInt(at.UnixMilli(), 10)
	return ts + "." + s.sign("form", ts, initiative, lang)
}

// tokenAge is how long ago the token was made; ok is false for a token
// that is not one of ours or is more than a day old.
func (s *Server) tokenAge(tok, initiative, lang string, now time.Time) (time.Duration, bool) {
	ts, sig, found := strings.Cut(tok, ".")
	if !found || !hmac.Equal([]byte(sig), []byte(s.sign("form", ts, initiative, lang))) {
		return 0, false
	}
	ms, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return 0, false
	}
	age := now.Sub(time.UnixMilli(ms))
	return age, age >= 0 && age < 24*time.Hour
}

func newSecret() string {
	b := make([]byte, 32)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(tok string) []byte {
	h := sha256.Sum256([]byte(tok))
	return h[:]
}

func (s *Server) withdrawSig(id int64) string {
	return s.sign("withdraw", strconv.FormatInt(id, 10))
}

// submit takes the form. Nothing is stored unless every check passes.
func (s *Server) submit(w http.ResponseWriter, r *http.Request) {
	now := s.cfg.Now()
	lang := s.requestLang(r)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "application/x-www-form-urlencoded" {
		s.message(w, http.StatusUnsupportedMediaType, lang, msgBadRequest, msgBadRequest, nil)
		return
	}
	ip := clientIP(r, s.cfg.TrustedProxies)
	if ok, wait := s.ipLim.allow(ipKey(ip), now); !ok {
		s.tooMany(w, lang, wait)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, s.cfg.MaxBody)
	if err := r.ParseForm(); err != nil {
		status := http.StatusBadRequest
		if _, big := errors.AsType[*http.MaxBytesError](err); big {
			status = http.StatusRequestEntityTooLarge
		}
		s.message(w, status, lang, msgBadRequest, msgBadRequest, nil)
		return
	}
	sub := ParseSubmission(r.PostForm, s.site.Languages, lang)
	lang = sub.Lang
	if _, ok := s.site.Initiatives[sub.Initiative]; !ok {
		s.message(w, http.StatusBadRequest, lang, msgBadRequest, msgBadRequest, nil)
		return
	}
	if sub.Honeypot != "" {
		// A bot: it sees what a person would, and nothing is kept.
		http.Redirect(w, r, s.cfg.PublicURL+"/sent?lang="+url.QueryEscape(lang), http.StatusSeeOther)
		return
	}
	fe, e, err := s.validate(sub, now)
	if err != nil {
		s.serverError(w, lang, err)
		return
	}
	if len(fe) > 0 {
		s.form(w, http.StatusUnprocessableEntity, sub, fe, msgFixTitle, now)
		return
	}
	age, valid := s.tokenAge(sub.Token, sub.Initiative, lang, now)
	if !valid {
		s.form(w, http.StatusOK, sub, nil, msgReviewTitle, now)
		return
	}
	if age < s.cfg.MinFillTime {
		s.form(w, http.StatusUnprocessableEntity, sub, FieldErrors{"": {s.text(lang, msgTooFast, nil)}}, msgReviewTitle, now)
		return
	}
	canonical := canonicalEmail(sub.Email)
	if ok, wait := s.domLim.allow(emailDomain(canonical), now); !ok {
		s.tooMany(w, lang, wait)
		return
	}
	e.Email, e.EmailCanonical, e.IP, e.Created = sub.Email, canonical, ip, now
	tok := newSecret()
	id, err := s.cfg.Store.Create(r.Context(), e, hashToken(tok), now.Add(s.cfg.ConfirmTTL))
	if errors.Is(err, store.ErrDuplicate) {
		s.form(w, http.StatusUnprocessableEntity, sub, FieldErrors{fieldEmail: {s.text(lang, msgDuplicate, nil)}}, msgFixTitle, now)
		return
	}
	if err != nil {
		s.serverError(w, lang, err)
		return
	}
	if err := s.sendConfirmation(r.Context(), id, e, tok); err != nil {
		// Without the email the entry can never be confirmed: remove it,
		// so the signatory can send the form again.
		s.cfg.Store.Delete(context.WithoutCancel(r.Context()), id)
		s.serverError(w, lang, err)
		return
	}
	http.Redirect(w, r, s.cfg.PublicURL+"/sent?lang="+url.QueryEscape(lang), http.StatusSeeOther)
}

// validate checks the submission with the form's own rules and then, as
// the entry the export would write, with the signatories validator.
func (s *Server) validate(sub *Submission, now time.Time) (FieldErrors, *store.Endorsement, error) {
	t := func(m *i18n.Message) string { return s.text(sub.Lang, m, nil) }
	fe := checkFields(sub, t)
	e := &store.Endorsement{
		Initiative: sub.Initiative, Lang: sub.Lang, Names: sub.names(s.site.Languages),
		OriginalLang: sub.OriginalLang, OriginalName: sub.OriginalName, Category: sub.Category,
		Website: sub.Website, EvidenceURL: sub.EvidenceURL, Authorised: sub.Authorised,
	}
	if len(e.Names) == 0 {
		// The list shows a name in each site language, or the original
		// in its place when that language has none; one is needed.
		fe.add(fieldNamePrefix+sub.Lang, t(msgNeedSiteName))
	}
	if len(fe) > 0 {
		return fe, e, nil
	}
	rel, existing, err := signatoriesFile(s.cfg.SiteDir, sub.Initiative)
	if err != nil {
		return nil, nil, err
	}
	en := entryOf(s.cat, s.site.Languages, e, now, "endorsement-new")
	for _, p := range checkAppended(s.site, rel, existing, en.TOML(s.site.Languages), signatories.Today()) {
		field := fieldOfKey(p.Key)
		if l, ok := strings.CutPrefix(p.Key, "name."); ok && sub.Names[l] == "" {
			// That name is the original one, standing in for the language.
			field = fieldOriginalName
		}
		// The form's field says which entry and key; the message alone
		// says what is wrong.
		p.Entry = ""
		fe.add(field, p.Message(s.loc(sub.Lang)))
	}
	return fe, e, nil
}

// entryOf is the endorsement as the export writes it.
func entryOf(cat *toolmessages.Catalog, langs []string, e *store.Endorsement, now time.Time, id string) *entry {
	signed := e.Confirmed
	if signed.IsZero() {
		signed = now
	}
	date := signed.UTC().Format(time.DateOnly)
	en := &entry{
		ID: id, Names: e.Names, OriginalLang: e.OriginalLang, OriginalName: e.OriginalName,
		Category: e.Category, Signed: date,
		Occasion:    texts(cat, langs, msgOccasion, nil),
		Evidence:    texts(cat, langs, msgEvidence, map[string]any{"Date": date}),
		EvidenceURL: e.EvidenceURL, Website: e.Website, Verified: e.Verified, Status: "active",
	}
	return en
}

func (s *Server) sendConfirmation(ctx context.Context, id int64, e *store.Endorsement, tok string) error {
	title := s.initiativeTitle(e.Initiative, e.Lang)
	name := e.Names[e.Lang]
	if name == "" {
		name = e.OriginalName
	}
	data := map[string]any{
		"Initiative": title, "Name": name, "Site": s.cfg.SiteURL,
		"Hours":       int(s.cfg.ConfirmTTL.Hours()),
		"ConfirmURL":  s.cfg.PublicURL + "/confirm?lang=" + url.QueryEscape(e.Lang) + "&t=" + tok,
		"WithdrawURL": s.cfg.PublicURL + "/withdraw?id=" + strconv.FormatInt(id, 10) + "&s=" + s.withdrawSig(id),
	}
	return s.cfg.Mail.Send(ctx, mail.Message{
		From: s.cfg.MailFrom, To: e.Email, Lang: siteLangTag(e.Lang),
		Subject: s.text(e.Lang, msgMailSubject, data), Text: s.text(e.Lang, msgMailText, data),
	})
}

// initiativeTitle is the initiative's title in lang, from its _index file's
// front matter, or its ID.
func (s *Server) initiativeTitle(id, lang string) string {
	for _, l := range []string{lang, s.info.Default} {
		data, err := os.ReadFile(filepath.Join(s.cfg.SiteDir, "content", "initiatives", id, "_index."+l+".md"))
		if err != nil || !strings.HasPrefix(string(data), "+++") {
			continue
		}
		fm, _, _ := strings.Cut(string(data)[3:], "\n+++")
		var v struct {
			Title string `toml:"title"`
		}
		if toml.Unmarshal([]byte(fm), &v) == nil && v.Title != "" {
			return v.Title
		}
	}
	return id
}

func (s *Server) sent(w http.ResponseWriter, r *http.Request) {
	lang := s.requestLang(r)
	s.message(w, http.StatusOK, lang, msgSentTitle, msgSentText, map[string]any{"Hours": int(s.cfg.ConfirmTTL.Hours())})
}

// confirmPage asks for a click: mail scanners open links, and a GET that
// confirmed would confirm for them.
func (s *Server) confirmPage(w http.ResponseWriter, r *http.Request) {
	lang := s.requestLang(r)
	s.render(w, http.StatusOK, "button", s.page(lang, msgConfirmTitle, map[string]any{
		"Action": "/confirm", "Button": s.text(lang, msgConfirmButton, nil),
		"Hidden": map[string]string{"t": r.URL.Query().Get("t"), "lang": lang},
	}))
}

func (s *Server) confirm(w http.ResponseWriter, r *http.Request) {
	lang := s.requestLang(r)
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		s.message(w, http.StatusBadRequest, lang, msgBadRequest, msgBadRequest, nil)
		return
	}
	if l := r.PostForm.Get("lang"); slices.Contains(s.site.Languages, l) {
		lang = l
	}
	e, err := s.cfg.Store.Confirm(r.Context(), hashToken(r.PostForm.Get("t")), s.cfg.Now())
	switch {
	case errors.Is(err, store.ErrToken):
		s.message(w, http.StatusGone, lang, msgConfirmTitle, msgBadToken, nil)
	case errors.Is(err, store.ErrExpired):
		s.message(w, http.StatusGone, lang, msgConfirmTitle, msgExpiredToken, nil)
	case err != nil:
		s.serverError(w, lang, err)
	default:
		s.message(w, http.StatusOK, e.Lang, msgConfirmedTitle, msgConfirmedText, map[string]any{"Initiative": e.Initiative})
	}
}

func (s *Server) withdrawPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	id, _ := strconv.ParseInt(q.Get("id"), 10, 64)
	lang := s.requestLang(r)
	if !hmac.Equal([]byte(q.Get("s")), []byte(s.withdrawSig(id))) {
		s.message(w, http.StatusForbidden, lang, msgWithdrawTitle, msgBadLink, nil)
		return
	}
	if e, err := s.cfg.Store.Get(r.Context(), id); err == nil {
		lang = e.Lang
	}
	s.render(w, http.StatusOK, "button", s.page(lang, msgWithdrawTitle, map[string]any{
		"Action": "/withdraw", "Button": s.text(lang, msgWithdrawButton, nil),
		"Hidden": map[string]string{"id": q.Get("id"), "s": q.Get("s")},
	}))
}

func (s *Server) withdraw(w http.ResponseWriter, r *http.Request) {
	lang := s.requestLang(r)
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		s.message(w, http.StatusBadRequest, lang, msgBadRequest, msgBadRequest, nil)
		return
	}
	id, _ := strconv.ParseInt(r.PostForm.Get("id"), 10, 64)
	if !hmac.Equal([]byte(r.PostForm.Get("s")), []byte(s.withdrawSig(id))) {
		s.message(w, http.StatusForbidden, lang, msgWithdrawTitle, msgBadLink, nil)
		return
	}
	e, err := s.cfg.Store.Transition(r.Context(), id, []store.State{store.Pending, store.Confirmed, store.Approved, store.Suspended}, store.Withdrawn, false,
		store.Action{At: s.cfg.Now(), User: SignatoryUser, Action: "withdraw", Reason: "withdrawal link"})
	if e != nil {
		lang = e.Lang
	}
	switch {
	case errors.Is(err, store.ErrState) && e.State == store.Withdrawn, err == nil:
		s.message(w, http.StatusOK, lang, msgWithdrawnTitle, msgWithdrawnText, nil)
	case errors.Is(err, store.ErrNotFound), errors.Is(err, store.ErrState):
		s.message(w, http.StatusGone, lang, msgWithdrawTitle, msgBadLink, nil)
	default:
		s.serverError(w, lang, err)
	}
}

// SignatoryUser is the audit log's name for the signatory's own actions.
const SignatoryUser = "signatory"

func (s *Server) tooMany(w http.ResponseWriter, lang string, wait time.Duration) {
	secs := retryAfter(wait)
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	s.message(w, http.StatusTooManyRequests, lang, msgTooMany, msgTooMany, map[string]any{"Minutes": (secs + 59) / 60})
}

func (s *Server) serverError(w http.ResponseWriter, lang string, err error) {
	s.cfg.Log.Print(err)
	s.message(w, http.StatusServiceUnavailable, lang, msgServerError, msgServerError, nil)
}
