package endorse

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"

	"github.com/concord-initiative/concord/internal/endorse/mail"
	"github.com/concord-initiative/concord/internal/endorse/store"
	"github.com/concord-initiative/concord/internal/signatories"
)

// Argon2id parameters (RFC 9106's second recommendation, 64 MiB).
const (
	argonTime    = 3
	argonMemory  = 64 << 10
	argonThreads = 2
	argonKeyLen  = 32
)

// HashPassword is the argon2id hash of a password in the PHC string
// format, with a random salt.
func HashPassword(password string) []byte {
	salt := make([]byte, 16)
	rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	return fmt.Appendf(nil, "$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// checkPassword compares in constant time, with the parameters the hash
// was made with.
func checkPassword(hash []byte, password string) bool {
	parts := strings.Split(string(hash), "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash makes a login with an unknown user name cost what a wrong
// password costs, so timing does not tell which names exist.
var dummyHash = HashPassword("no such user")

const sessionTTL = 12 * time.Hour

// cookie names: __Host- (Secure, no Domain, Path=/) when served over TLS.
func (s *Server) cookieName(base string) string {
	if s.secure {
		return "__Host-" + base
	}
	return base
}

func (s *Server) setCookie(w http.ResponseWriter, name, value string, ttl time.Duration) {
	c := &http.Cookie{Name: s.cookieName(name), Value: value, Path: "/", HttpOnly: true, Secure: s.secure, SameSite: http.SameSiteStrictMode}
	if ttl > 0 {
		c.MaxAge = int(ttl.Seconds())
	} else {
		c.MaxAge = -1
	}
	http.SetCookie(w, c)
}

func (s *Server) cookie(r *http.Request, name string) string {
	c, err := r.Cookie(s.cookieName(name))
	if err != nil {
		return ""
	}
	return c.Value
}

func (s *Server) adminRoutes(m *http.ServeMux) {
	m.HandleFunc("GET /admin/login", s.loginPage)
	m.HandleFunc("POST /admin/login", s.login)
	m.HandleFunc("POST /admin/logout", s.authed(s.logout))
	m.HandleFunc("GET /admin/{$}", s.authed(s.queue))
	m.HandleFunc("POST /admin/act", s.authed(s.act))
	m.HandleFunc("GET /admin/audit", s.authed(s.audit))
}

type authedHandler func(w http.ResponseWriter, r *http.Request, ses *store.Session)

// authed lets a request through with a live session, and a POST only with
// the session's CSRF token.
func (s *Server) authed(h authedHandler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok := s.cookie(r, "endorse_session")
		var ses *store.Session
		var err error
		if tok != "" {
			ses, err = s.cfg.Store.Session(r.Context(), hashToken(tok), s.cfg.Now())
		}
		if tok == "" || errors.Is(err, store.ErrNotFound) {
			http.Redirect(w, r, s.cfg.PublicURL+"/admin/login", http.StatusSeeOther)
			return
		}
		if err != nil {
			s.serverError(w, s.requestLang(r), err)
			return
		}
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
			if err := r.ParseForm(); err != nil || subtle.ConstantTimeCompare([]byte(r.PostForm.Get("csrf")), []byte(ses.CSRF)) != 1 {
				s.message(w, http.StatusForbidden, s.requestLang(r), msgAdminTitle, msgAdminCSRF, nil)
				return
			}
		}
		h(w, r, ses)
	}
}

func (s *Server) loginPage(w http.ResponseWriter, r *http.Request) {
	s.renderLogin(w, r, http.StatusOK, "")
}

// renderLogin shows the form with a fresh login CSRF token, kept in a
// cookie too (double submit: another site can post the form but cannot
// read or set the cookie).
func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, errText string) {
	lang := s.requestLang(r)
	tok := newSecret()
	s.setCookie(w, "endorse_login", tok, 30*time.Minute)
	p := s.page(lang, msgAdminLogin, map[string]any{"CSRF": tok, "Error": errText})
	s.render(w, status, "login", p)
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	lang := s.requestLang(r)
	now := s.cfg.Now()
	if ok, wait := s.ipLim.allow("login "+ipKey(clientIP(r, s.cfg.TrustedProxies)), now); !ok {
		s.tooMany(w, lang, wait)
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, 4096)
	if err := r.ParseForm(); err != nil {
		s.message(w, http.StatusBadRequest, lang, msgAdminLogin, msgBadRequest, nil)
		return
	}
	want := s.cookie(r, "endorse_login")
	if want == "" || subtle.ConstantTimeCompare([]byte(r.PostForm.Get("csrf")), []byte(want)) != 1 {
		s.renderLogin(w, r, http.StatusForbidden, s.text(lang, msgAdminCSRF, nil))
		return
	}
	user := r.PostForm.Get("user")
	hash, err := s.cfg.Store.UserHash(r.Context(), user)
	if errors.Is(err, store.ErrNotFound) {
		checkPassword(dummyHash, r.PostForm.Get("password"))
		s.renderLogin(w, r, http.StatusUnauthorized, s.text(lang, msgAdminBadLogin, nil))
		return
	}
	if err != nil {
		s.serverError(w, lang, err)
		return
	}
	if !checkPassword(hash, r.PostForm.Get("password")) {
		s.renderLogin(w, r, http.StatusUnauthorized, s.text(lang, msgAdminBadLogin, nil))
		return
	}
	// A new session every login, whatever cookie came with the request: a
	// session ID planted before login (fixation) is never the one that
	// logs in.
	if old := s.cookie(r, "endorse_session"); old != "" {
		s.cfg.Store.DeleteSession(r.Context(), hashToken(old))
	}
	tok := newSecret()
	if err := s.cfg.Store.CreateSession(r.Context(), hashToken(tok), store.Session{User: user, CSRF: newSecret(), Expires: now.Add(sessionTTL)}); err != nil {
		s.serverError(w, lang, err)
		return
	}
	s.setCookie(w, "endorse_login", "", 0)
	s.setCookie(w, "endorse_session", tok, sessionTTL)
	http.Redirect(w, r, s.cfg.PublicURL+"/admin/", http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, ses *store.Session) {
	s.cfg.Store.DeleteSession(r.Context(), hashToken(s.cookie(r, "endorse_session")))
	s.setCookie(w, "endorse_session", "", 0)
	http.Redirect(w, r, s.cfg.PublicURL+"/admin/login", http.StatusSeeOther)
}

// queueItem is one endorsement on the moderators' page, with the checks'
// results.
type queueItem struct {
	E       *store.Endorsement
	Checks  []string
	Actions []string
}

// actions: what a moderator may do in each state. "reject" only before
// publication; once published an entry is suspended or withdrawn, never
// deleted.
var actions = map[string]struct {
	from     []store.State
	to       store.State
	verified func(*store.Endorsement) bool
	reason   bool
}{
	"approve":   {[]store.State{store.Confirmed, store.Rejected}, store.Approved, keepVerified, false},
	"reject":    {[]store.State{store.Confirmed, store.Approved}, store.Rejected, keepVerified, true},
	"verify":    {[]store.State{store.Approved, store.Suspended}, "", func(*store.Endorsement) bool { return true }, false},
	"suspend":   {[]store.State{store.Approved}, store.Suspended, keepVerified, true},
	"reinstate": {[]store.State{store.Suspended}, store.Approved, keepVerified, true},
	"withdraw":  {[]store.State{store.Confirmed, store.Approved, store.Suspended}, store.Withdrawn, keepVerified, true},
}

var actionOrder = []string{"approve", "verify", "reinstate", "suspend", "reject", "withdraw"}

func keepVerified(e *store.Endorsement) bool { return e.Verified }

func (s *Server) queue(w http.ResponseWriter, r *http.Request, ses *store.Session) {
	lang := s.requestLang(r)
	all, err := s.cfg.Store.List(r.Context(), "", store.Confirmed, store.Approved, store.Suspended)
	if err != nil {
		s.serverError(w, lang, err)
		return
	}
	loc := s.loc(lang)
	folded := map[string]*store.Endorsement{}
	var items []queueItem
	for _, e := range all {
		it := queueItem{E: e}
		if isOrganisation(e.Category) && e.Website != "" && e.EmailCanonical != "" {
			if sameDomain(e.EmailCanonical, e.Website) {
				it.Checks = append(it.Checks, loc.Text(msgAdminDomainOK, nil))
			} else {
				it.Checks = append(it.Checks, loc.Text(msgAdminDomainNo, map[string]any{"Email": emailDomain(e.EmailCanonical), "Website": e.Website}))
			}
		}
		names := []string{e.OriginalName}
		for _, n := range e.Names {
			names = append(names, n)
		}
		for _, n := range names {
			key := e.Initiative + "\x00" + signatories.Fold(n)
			if first, ok := folded[key]; ok && first.ID != e.ID {
				it.Checks = append(it.Checks, loc.Text(msgAdminNameDup, map[string]any{"ID": first.ID, "Name": first.OriginalName}))
				break
			}
			folded[key] = e
		}
		if e.Exported == "" {
			// What the validator would say of it against the file as it is.
			rel, existing, err := signatoriesFile(s.cfg.SiteDir, e.Initiative)
			if err == nil {
				for _, p := range checkAppended(s.site, rel, existing, entryOf(s.cat, s.site.Languages, e, s.cfg.Now(), "endorsement-new").TOML(s.site.Languages), signatories.Today()) {
					it.Checks = append(it.Checks, p.Message(loc))
				}
			}
		}
		for _, a := range actionOrder {
			act := actions[a]
			if slices.Contains(act.from, e.State) && !(a == "reject" && e.Exported != "") && !(a == "verify" && e.Verified) {
				it.Actions = append(it.Actions, a)
			}
		}
		items = append(items, it)
	}
	s.render(w, http.StatusOK, "admin", s.page(lang, msgAdminTitle, map[string]any{"Items": items, "CSRF": ses.CSRF, "User": ses.User, "Outbox": s.cfg.MailDir != ""}))
}

func (s *Server) act(w http.ResponseWriter, r *http.Request, ses *store.Session) {
	lang := s.requestLang(r)
	name := r.PostForm.Get("action")
	act, ok := actions[name]
	id, err := strconv.ParseInt(r.PostForm.Get("id"), 10, 64)
	reason := strings.TrimSpace(r.PostForm.Get("reason"))
	if !ok || err != nil || (act.reason && reason == "") || len(reason) > 2000 {
		s.message(w, http.StatusBadRequest, lang, msgAdminTitle, msgBadRequest, nil)
		return
	}
	e, err := s.cfg.Store.Get(r.Context(), id)
	if err != nil {
		s.message(w, http.StatusNotFound, lang, msgAdminTitle, msgAdminNotAllowed, nil)
		return
	}
	to := act.to
	if to == "" {
		to = e.State
	}
	if name == "reject" && e.Exported != "" {
		s.message(w, http.StatusConflict, lang, msgAdminTitle, msgAdminNotAllowed, nil)
		return
	}
	_, err = s.cfg.Store.Transition(r.Context(), id, act.from, to, act.verified(e), store.Action{At: s.cfg.Now(), User: ses.User, Action: name, Reason: reason})
	switch {
	case errors.Is(err, store.ErrState):
		s.message(w, http.StatusConflict, lang, msgAdminTitle, msgAdminNotAllowed, nil)
	case err != nil:
		s.serverError(w, lang, err)
	default:
		http.Redirect(w, r, s.cfg.PublicURL+"/admin/", http.StatusSeeOther)
	}
}

func (s *Server) audit(w http.ResponseWriter, r *http.Request, ses *store.Session) {
	lang := s.requestLang(r)
	log, err := s.cfg.Store.Audit(r.Context(), 0)
	if err != nil {
		s.serverError(w, lang, err)
		return
	}
	s.render(w, http.StatusOK, "audit", s.page(lang, msgAdminAudit, map[string]any{"Log": log}))
}

// outbox lists the .eml files of --mail-dir, newest first, and shows one:
// development only (serve without SMTP).
func (s *Server) outbox(w http.ResponseWriter, r *http.Request) {
	lang := s.requestLang(r)
	// The outbox holds every confirmation link: a browser on the machine
	// itself may read it, nobody else.
	if host, _, _ := net.SplitHostPort(r.RemoteAddr); !isLoopback(host) || r.Header.Get("X-Forwarded-For") != "" {
		s.message(w, http.StatusForbidden, lang, msgAdminOutbox, msgBadRequest, nil)
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/dev/outbox/")
	type item struct {
		Name string
		Msg  mail.Message
	}
	var items []item
	files, _ := filepath.Glob(filepath.Join(s.cfg.MailDir, "*.eml"))
	slices.Reverse(files)
	for _, f := range files {
		if name != "" && filepath.Base(f) != name {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		m, err := mail.Read(data)
		if err != nil {
			continue
		}
		items = append(items, item{filepath.Base(f), m})
	}
	s.render(w, http.StatusOK, "outbox", s.page(lang, msgAdminOutbox, map[string]any{"Items": items, "One": name != ""}))
}

func isLoopback(host string) bool {
	a, err := netip.ParseAddr(host)
	return err == nil && a.Unmap().IsLoopback()
}
