package endorse

import (
	"bytes"
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// page is what every template gets.
type page struct {
	Lang, Locale, Dir string
	Title             string
	SiteTitle         string
	SiteHome          string
	Base              string
	Extra             map[string]any

	// The form.
	Values     url.Values
	Errors     FieldErrors
	Token      string
	Langs      []langLabel
	Categories []langLabel
	Days       int
	Hours      int

	// A message page.
	Text string
	Back string

	loc *toolmessages.Localizer
}

type langLabel struct{ Key, Label, Locale string }

// T is a message in the page's language: the message's ID, then names and
// values of its template data.
func (p *page) T(id string, kv ...any) string {
	m := byID[id]
	if m == nil {
		m = &i18n.Message{ID: id, Other: id}
	}
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		if k, ok := kv[i].(string); ok {
			data[k] = kv[i+1]
		}
	}
	return p.loc.Text(m, data)
}

// X is one of the page's extra values.
func (p *page) X(k string) any { return p.Extra[k] }

func (s *Server) parsePages() error {
	s.pages = map[string]*template.Template{}
	for _, name := range []string{"message", "button", "form", "login", "admin", "audit", "outbox"} {
		t, err := template.ParseFS(files, "pages/layout.html", "pages/"+name+".html")
		if err != nil {
			return err
		}
		s.pages[name] = t
	}
	return nil
}

func (s *Server) page(lang string, title *i18n.Message, extra map[string]any) *page {
	info := s.info.Languages[lang]
	dir := info.Direction
	if dir == "" {
		dir = "ltr"
	}
	locale := info.Locale
	if locale == "" {
		locale = siteLangTag(lang)
	}
	siteTitle := info.Title
	if siteTitle == "" {
		siteTitle = s.info.Title
	}
	home := s.cfg.SiteURL + "/"
	if lang != s.info.Default {
		home += lang + "/"
	}
	p := &page{Lang: lang, Locale: locale, Dir: dir, SiteTitle: siteTitle, SiteHome: home, Base: s.cfg.PublicURL,
		Extra: extra, loc: s.loc(lang), Days: int(s.cfg.EraseAfter.Hours() / 24), Hours: int(s.cfg.ConfirmTTL.Hours())}
	p.Title = p.loc.Text(title, nil)
	return p
}

func (s *Server) render(w http.ResponseWriter, status int, name string, p *page) {
	var b bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&b, "layout", p); err != nil {
		s.cfg.Log.Printf("page %s: %v", name, err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", p.Locale)
	w.WriteHeader(status)
	w.Write(b.Bytes())
}

// message is a page of one sentence.
func (s *Server) message(w http.ResponseWriter, status int, lang string, title, text *i18n.Message, data map[string]any) {
	p := s.page(lang, title, nil)
	p.Text = p.loc.Text(text, data)
	p.Back = s.cfg.SiteURL + "/"
	s.render(w, status, "message", p)
}

// form is the service's copy of the site's form: to review before
// sending, or to correct.
func (s *Server) form(w http.ResponseWriter, status int, sub *Submission, fe FieldErrors, title *i18n.Message, now time.Time) {
	p := s.page(sub.Lang, title, nil)
	p.Values = sub.Values()
	p.Values.Set(fieldInitiative, sub.Initiative)
	p.Errors = fe
	if p.Errors == nil {
		p.Errors = FieldErrors{}
	}
	p.Token = s.formToken(sub.Initiative, sub.Lang, now)
	for _, l := range s.site.Languages {
		info := s.info.Languages[l]
		p.Langs = append(p.Langs, langLabel{Key: l, Label: info.Label, Locale: info.Locale})
	}
	for _, c := range signatories.Categories {
		p.Categories = append(p.Categories, langLabel{Key: c, Label: p.loc.Text(&i18n.Message{ID: "signatory_category_" + c, Other: c}, nil)})
	}
	s.render(w, status, "form", p)
}
