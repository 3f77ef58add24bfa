package versions

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"

	"github.com/concord-initiative/concord/internal/site/contentsite"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// Messages of the downloads: the keys are in i18n/<lang>.toml, so a file
// reads in its own language.
var (
	msgVersionLine = &i18n.Message{ID: "versions_download_version", Other: "Version {{ .Version }}, {{ .Date }}"}
	msgPermanent   = &i18n.Message{ID: "versions_download_permanent", Other: "Permanent address: {{ .URL }}"}
	msgSource      = &i18n.Message{ID: "provenance_source", Other: "Source"}
	msgCorrected   = &i18n.Message{ID: "provenance_corrected_plain", Other: "Corrected"}
	msgTranslation = &i18n.Message{ID: "provenance_translation_plain", Other: "Editors' translation"}
	msgCorrection  = &i18n.Message{ID: "versions_download_correction", Other: "Correction: “{{ .Was }}” → “{{ .Now }}”: {{ .Why }}"}
)

// Messages lists the messages of this package, for the translation check.
var Messages = []*i18n.Message{msgVersionLine, msgPermanent, msgSource, msgCorrected, msgTranslation, msgCorrection}

// Publication is a site as the downloads need it: the origin their
// permanent addresses start with (hugo.toml's baseURL, without the final
// slash) and the messages that give each file its language.
type Publication struct {
	Site    *contentsite.Site
	BaseURL string
	Catalog *toolmessages.Catalog
}

// LangPrefix is the URL prefix of a language: none for the default one.
func LangPrefix(site *contentsite.Site, lang string) string {
	if lang == site.DefaultLanguage {
		return ""
	}
	return "/" + lang
}

// VersionPath is the permanent address of a version in a language.
func VersionPath(site *contentsite.Site, in *Initiative, vi int, lang string) string {
	return fmt.Sprintf("%s/initiatives/%s/v%s/", LangPrefix(site, lang), in.ID, in.Versions[vi].ID)
}

// Download is one file of a version in one language.
type Download struct {
	Format string `json:"format"`
	Path   string `json:"path"`
	Bytes  int    `json:"bytes"`
}

// File is a download with its content.
type File struct {
	Download
	Body []byte
}

// Formats of the downloads, in the order the pages list them.
var Formats = []string{"md", "txt", "json", "akn"}

func fileName(in *Initiative, vi int, lang, format string) string {
	ext := map[string]string{"md": ".md", "txt": ".txt", "json": ".json", "akn": ".akn.xml"}[format]
	return fmt.Sprintf("%s-v%s-%s%s", in.ID, in.Versions[vi].ID, lang, ext)
}

// Files makes the downloads of a version in a language.
func Files(p *Publication, in *Initiative, vi int, lang string) []File {
	var out []File
	for _, f := range Formats {
		var body []byte
		switch f {
		case "md":
			body = markdown(p, in, vi, lang)
		case "txt":
			body = plain(p, in, vi, lang)
		case "json":
			body = jsonText(p, in, vi, lang)
		case "akn":
			body = AkomaNtoso(p, in, vi, lang)
		}
		p := VersionPath(p.Site, in, vi, lang) + fileName(in, vi, lang, f)
		out = append(out, File{Download{f, p, len(body)}, body})
	}
	return out
}

// Downloads lists the files of a version in a language, without content.
func Downloads(p *Publication, in *Initiative, vi int, lang string) []Download {
	var out []Download
	for _, f := range Files(p, in, vi, lang) {
		out = append(out, f.Download)
	}
	return out
}

func provenanceLabel(l *toolmessages.Localizer, c ClauseText) string {
	switch c.Status {
	case contentsite.StatusCorrected:
		return l.Text(msgCorrected, nil)
	case contentsite.StatusTranslation:
		return l.Text(msgTranslation, nil)
	default:
		return l.Text(msgSource, nil)
	}
}

func heading(c ClauseText) string {
	if c.Number != "" {
		return c.Number + " " + c.Title
	}
	return c.Title
}

func header(p *Publication, in *Initiative, vi int, lang string, l *toolmessages.Localizer) (version, permanent string) {
	v := in.Versions[vi]
	return l.Text(msgVersionLine, map[string]any{"Version": v.ID, "Date": v.Date}),
		l.Text(msgPermanent, map[string]any{"URL": p.BaseURL + VersionPath(p.Site, in, vi, lang)})
}

// markdown is the version as one Markdown file: the clauses' own Markdown
// under a heading each, the provenance and corrections as a quoted line.
func markdown(p *Publication, in *Initiative, vi int, lang string) []byte {
	l := p.Catalog.Localizer(lang)
	var b bytes.Buffer
	ver, perm := header(p, in, vi, lang, l)
	fmt.Fprintf(&b, "# %s\n\n%s  \n%s\n", in.Title[lang], ver, perm)
	for _, c := range in.At(vi, lang) {
		fmt.Fprintf(&b, "\n## %s {#%s}\n\n> %s\n", heading(c), c.ID, provenanceLabel(l, c))
		for _, k := range c.Corrections {
			fmt.Fprintf(&b, "> \n> %s\n", l.Text(msgCorrection, map[string]any{"Was": k.Was, "Now": k.Now, "Why": k.Why}))
		}
		fmt.Fprintf(&b, "\n%s\n", c.Markdown)
	}
	return b.Bytes()
}

// plain is the version as plain text: headings underlined, paragraphs as
// the checker reads them (no Markdown).
func plain(p *Publication, in *Initiative, vi int, lang string) []byte {
	l := p.Catalog.Localizer(lang)
	var b bytes.Buffer
	ver, perm := header(p, in, vi, lang, l)
	fmt.Fprintf(&b, "%s\n\n%s\n%s\n", in.Title[lang], ver, perm)
	for _, c := range in.At(vi, lang) {
		fmt.Fprintf(&b, "\n\n%s\n[%s] (%s)\n\n%s\n", heading(c), c.ID, provenanceLabel(l, c), c.Text)
	}
	return b.Bytes()
}

// JSONText is the JSON download (docs/authoring.md, "Versions").
type JSONText struct {
	Initiative     string       `json:"initiative"`
	Title          string       `json:"title"`
	Version        string       `json:"version"`
	Date           string       `json:"date"`
	Until          string       `json:"until,omitempty"`
	Latest         string       `json:"latest"`
	Language       string       `json:"language"`
	SourceLanguage string       `json:"sourceLanguage"`
	URL            string       `json:"url"`
	Clauses        []JSONClause `json:"clauses"`
}

// JSONClause is one clause of the JSON download.
type JSONClause struct {
	ID         string         `json:"id"`
	Number     string         `json:"number,omitempty"`
	Title      string         `json:"title"`
	Text       string         `json:"text"`
	Markdown   string         `json:"markdown"`
	Since      string         `json:"since"`
	Changed    string         `json:"changed"`
	URL        string         `json:"url"`
	Provenance JSONProvenance `json:"provenance"`
}

// JSONProvenance is a clause's provenance in the JSON download.
type JSONProvenance struct {
	Status        string                   `json:"status"`
	From          string                   `json:"from,omitempty"`
	SourceVersion string                   `json:"sourceVersion,omitempty"`
	Note          string                   `json:"note,omitempty"`
	Corrections   []contentsite.Correction `json:"corrections"`
}

func jsonText(p *Publication, in *Initiative, vi int, lang string) []byte {
	v := in.Versions[vi]
	base := p.BaseURL + VersionPath(p.Site, in, vi, lang)
	j := JSONText{Initiative: in.ID, Title: in.Title[lang], Version: v.ID, Date: v.Date, Latest: in.Versions[in.Latest()].ID,
		Language: lang, SourceLanguage: in.SourceLanguage, URL: base, Clauses: []JSONClause{}}
	if vi < in.Latest() {
		j.Until = in.Versions[vi+1].Date
	}
	for _, c := range in.At(vi, lang) {
		corr := c.Corrections
		if corr == nil {
			corr = []contentsite.Correction{}
		}
		j.Clauses = append(j.Clauses, JSONClause{ID: c.ID, Number: c.Number, Title: c.Title, Text: c.Text, Markdown: c.Markdown,
			Since: c.Since, Changed: c.Changed, URL: base + c.ID + "/",
			Provenance: JSONProvenance{Status: c.Status, From: c.From, SourceVersion: c.SourceVersion, Note: c.Note, Corrections: corr}})
	}
	raw, _ := json.MarshalIndent(j, "", "  ")
	return append(raw, '\n')
}

// aknCountry stands where Akoma Ntoso IRIs name a jurisdiction: an
// initiative has none, and "xx" is a user-assigned ISO 3166 code.
const aknCountry = "xx"

// AknLanguage is the ISO 639-2 code Akoma Ntoso names languages by.
func AknLanguage(key string) string {
	tag, err := language.Parse(key)
	if err != nil {
		return key
	}
	base, _ := tag.Base()
	return base.ISO3()
}

func aknWork(in *Initiative) string {
	return fmt.Sprintf("/akn/%s/doc/initiative/%s/%s", aknCountry, in.Versions[0].Date, in.ID)
}

func aknExpression(in *Initiative, vi int, lang string) string {
	return fmt.Sprintf("%s/%s@%s", aknWork(in), AknLanguage(lang), in.Versions[vi].ID)
}

// AkomaNtoso is the version in one language as an Akoma Ntoso document: one
// expression of the initiative (the work); each clause an hcontainer whose
// eId is the site's clause ID, so a citation of …/v1.1/#2 and the XML's
// eId="2" name the same provision; corrections as notes.
func AkomaNtoso(p *Publication, in *Initiative, vi int, lang string) []byte {
	v := in.Versions[vi]
	var b bytes.Buffer
	w := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	esc := func(s string) string {
		var sb strings.Builder
		_ = xml.EscapeText(&sb, []byte(s))
		return sb.String()
	}
	work, expr := aknWork(in), aknExpression(in, vi, lang)
	clauses := in.At(vi, lang)
	translated := ""
	for _, c := range clauses {
		if c.Status == contentsite.StatusTranslation && c.From != "" {
			translated = c.From
			break
		}
	}
	w("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
	w("<akomaNtoso xmlns=\"http://docs.oasis-open.org/legaldocml/ns/akn/3.0\">\n")
	w("  <doc name=\"initiative\">\n    <meta>\n      <identification source=\"#editors\">\n")
	w("        <FRBRWork>\n          <FRBRthis value=\"%s/!main\"/>\n          <FRBRuri value=\"%s\"/>\n", work, work)
	w("          <FRBRdate date=\"%s\" name=\"issued\"/>\n          <FRBRauthor href=\"#editors\"/>\n          <FRBRcountry value=\"%s\"/>\n", in.Versions[0].Date, aknCountry)
	w("          <FRBRname value=\"%s\"/>\n        </FRBRWork>\n", esc(in.Title[in.SourceLanguage]))
	w("        <FRBRExpression>\n          <FRBRthis value=\"%s/!main\"/>\n          <FRBRuri value=\"%s\"/>\n", expr, expr)
	w("          <FRBRdate date=\"%s\" name=\"version\"/>\n          <FRBRauthor href=\"#editors\"/>\n", v.Date)
	w("          <FRBRversionNumber value=\"%s\"/>\n", v.ID)
	auth := "true"
	if lang != in.SourceLanguage {
		auth = "false"
	}
	w("          <FRBRauthoritative value=\"%s\"/>\n", auth)
	w("          <FRBRlanguage language=\"%s\"/>\n", AknLanguage(lang))
	if translated != "" {
		w("          <FRBRtranslation href=\"%s\" fromLanguage=\"%s\" by=\"#editors\" authoritative=\"false\"/>\n", aknExpression(in, vi, translated), AknLanguage(translated))
	}
	w("        </FRBRExpression>\n")
	w("        <FRBRManifestation>\n          <FRBRthis value=\"%s/!main.xml\"/>\n          <FRBRuri value=\"%s.akn\"/>\n", expr, expr)
	w("          <FRBRdate date=\"%s\" name=\"generation\"/>\n          <FRBRauthor href=\"#editors\"/>\n          <FRBRformat value=\"application/akn+xml\"/>\n        </FRBRManifestation>\n", v.Date)
	w("      </identification>\n")
	w("      <publication date=\"%s\" name=\"%s\" showAs=\"%s\"/>\n", v.Date, esc(p.BaseURL+VersionPath(p.Site, in, vi, lang)), esc(in.Title[lang]))
	w("      <references source=\"#editors\">\n        <TLCOrganization eId=\"editors\" href=\"/ontology/organization/concord.editors\" showAs=\"Concord editors\"/>\n      </references>\n")
	var notes bytes.Buffer
	for _, c := range clauses {
		for k, corr := range c.Corrections {
			fmt.Fprintf(&notes, "        <note eId=\"%s__note_%d\" class=\"correction\">\n          <p>%s</p>\n        </note>\n", c.ID, k+1,
				esc(p.Catalog.Localizer(lang).Text(msgCorrection, map[string]any{"Was": corr.Was, "Now": corr.Now, "Why": corr.Why})))
		}
	}
	if notes.Len() > 0 {
		w("      <notes source=\"#editors\">\n%s      </notes>\n", notes.String())
	}
	w("    </meta>\n    <mainBody>\n")
	for _, c := range clauses {
		w("      <hcontainer eId=\"%s\" name=\"clause\" class=\"%s\">\n", c.ID, esc(c.Status))
		if c.Number != "" {
			w("        <num>%s</num>\n", esc(c.Number))
		}
		w("        <heading>%s</heading>\n        <content>\n", esc(c.Title))
		for i, p := range strings.Split(c.Text, "\n\n") {
			w("          <p>%s", esc(p))
			if i == 0 {
				for k := range c.Corrections {
					w("<noteRef href=\"#%s__note_%d\"/>", c.ID, k+1)
				}
			}
			w("</p>\n")
		}
		w("        </content>\n      </hcontainer>\n")
	}
	w("    </mainBody>\n  </doc>\n</akomaNtoso>\n")
	return b.Bytes()
}
