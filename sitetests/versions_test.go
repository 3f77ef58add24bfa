package sitetests

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/checker/aligncli"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
	"github.com/concord-initiative/concord/internal/versions"
)

// The versions fixture (testdata/versions): an initiative in English (its
// source) and Chinese with three versions: 1.1 rewords clause 1 and adds
// clause 4, 2.0 rewords clause 2 and removes clause 3; the Chinese clause 2
// still follows 1.1.
const vInit = "initiatives/community-code/"

var (
	versionsOnce sync.Once
	versionsOut  string
	versionsSite string
	versionsErr  error
)

// versionsBuild builds the shipped site plus the fixture, after running
// tools/versions on it as make does; once per test binary, only for the
// tests that need it.
func versionsBuild(t *testing.T) string {
	t.Helper()
	versionsOnce.Do(func() {
		tmp, err := os.MkdirTemp("", "concord-versions-")
		if err != nil {
			versionsErr = err
			return
		}
		versionsSite = filepath.Join(tmp, "site")
		for _, src := range []string{repoRoot, filepath.Join(repoRoot, "sitetests", "testdata", "versions")} {
			if err := sitefixture.Copy(versionsSite, src); err != nil {
				versionsErr = err
				return
			}
		}
		if err := versions.Run(versionsSite, filepath.Join(versionsSite, "build/data/versions"), filepath.Join(versionsSite, "build/versions")); err != nil {
			versionsErr = err
			return
		}
		// The status page, as make writes it before Hugo runs.
		var stderr bytes.Buffer
		status := filepath.Join(versionsSite, "build", "data", "translation", "status.json")
		if code := aligncli.Main([]string{"--format", "json", "--fail-on", "none", "--no-history", "-o", status, versionsSite}, io.Discard, &stderr); code != 0 {
			versionsErr = fmt.Errorf("aligncheck exited %d: %s", code, stderr.String())
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		versionsOut = filepath.Join(tmp, "public")
		versionsErr = hugobuild.Build(ctx, versionsSite, versionsOut)
	})
	if versionsErr != nil {
		t.Fatal(versionsErr)
	}
	return versionsOut
}

var vLangs = map[string]string{"zh-hans": "", "en": "en/"}

// vClauses are the clause IDs of each version, in reading order.
var vClauses = map[string][]string{
	"1.0": {"preamble", "1", "2", "3"},
	"1.1": {"preamble", "1", "2", "3", "4"},
	"2.0": {"preamble", "1", "2", "4"},
}

func text(s *goquery.Selection) string { return words(s.Text()) }

func TestEveryVersionHasPermanentPagesInEveryLanguageDownToTheClause(t *testing.T) {
	out := versionsBuild(t)
	for _, prefix := range vLangs {
		for _, f := range []string{"versions/index.html", "changelog/index.html", "changelog/changelog.atom", "as-of/index.html"} {
			if _, err := os.Stat(filepath.Join(out, prefix+vInit+f)); err != nil {
				t.Errorf("%s%s%s was not built", prefix, vInit, f)
			}
		}
		list := page(t, out, prefix+vInit+"versions/index.html")
		for v, ids := range vClauses {
			base := prefix + vInit + "v" + v + "/"
			if list.Find(`a[href="/`+base+`"]`).Length() == 0 {
				t.Errorf("%sversions/ does not link version %s (/%s)", prefix+vInit, v, base)
			}
			doc := page(t, out, base+"index.html")
			if got := attrs(doc, "section.version-clause", "id"); !slices.Equal(got, ids) {
				t.Errorf("%s shows clauses %v, want %v", base, got, ids)
			}
			for _, id := range ids {
				c := page(t, out, base+id+"/index.html")
				if c.Find("link[rel=cite-as]").AttrOr("href", "") != "https://concord.example.org/"+base+id+"/" {
					t.Errorf("%s%s/: cite-as %q", base, id, c.Find("link[rel=cite-as]").AttrOr("href", ""))
				}
			}
		}
	}
	// Today's pages are the latest version: unchanged addresses, and the
	// archived older texts are not pages of their own.
	for _, gone := range []string{vInit + "3/index.html", vInit + "versions/1.1/3/index.html", "en/" + vInit + "versions/1.0/1/index.html"} {
		if _, err := os.Stat(filepath.Join(out, gone)); err == nil {
			t.Errorf("%s was built: an archived text must only appear in its version", gone)
		}
	}
	line := page(t, out, "en/"+vInit+"index.html").Find(".version-line")
	if !strings.Contains(text(line), "version 2.0") || line.Find(`a[href="/en/`+vInit+`versions/"]`).Length() == 0 {
		t.Errorf("the English initiative page does not say it is version 2.0 and link the versions: %q", text(line))
	}
}

func TestAnOlderVersionSaysANewerExistsAndLinksIt(t *testing.T) {
	out := versionsBuild(t)
	for _, rel := range []string{"en/" + vInit + "v1.0/index.html", "en/" + vInit + "v1.1/2/index.html", vInit + "v1.0/index.html"} {
		n := page(t, out, rel).Find(".version-notice")
		if n.Length() == 0 || !strings.Contains(text(n), "2.0") {
			t.Errorf("%s does not say that version 2.0 exists: %q", rel, text(n))
			continue
		}
		if n.Find(`a[href$="`+vInit+`"]`).Length() == 0 {
			t.Errorf("%s does not link the latest text", rel)
		}
	}
	if n := page(t, out, "en/"+vInit+"v2.0/index.html").Find(".version-notice"); n.Length() != 0 {
		t.Errorf("the latest version says a newer one exists: %q", text(n))
	}
}

func TestDifferencesMarkInsertedAndDeletedWordsClauseByClause(t *testing.T) {
	out := versionsBuild(t)
	doc := page(t, out, "en/"+vInit+"v2.0/changes/index.html")
	c2 := doc.Find("section#2")
	if got := text(c2.Find("ins")); got != "inserted: and protect the privacy of others" {
		t.Errorf("2.0 changes, clause 2: inserted %q, want the words added, announced as inserted", got)
	}
	if !strings.Contains(text(c2.Find(".change-label")), "changed") {
		t.Errorf("2.0 changes, clause 2 is not labelled changed in words: %q", text(c2))
	}
	c3 := doc.Find("section#3")
	if !strings.Contains(text(c3.Find(".change-label")), "removed") || !strings.Contains(text(c3.Find("del")), "Members protect the privacy of others.") {
		t.Errorf("2.0 changes: clause 3 is not shown removed, its text deleted: %q", text(c3))
	}
	if !strings.Contains(text(doc.Find("section#preamble .change-label")), "unchanged") {
		t.Errorf("2.0 changes: the preamble is not said to be unchanged")
	}
	// Han: character by character.
	zh := page(t, out, vInit+"v1.1/changes/index.html")
	if got := text(zh.Find("section#1 ins")); got != "插入：，在每一次讨论中都以善意相待" {
		t.Errorf("1.1 changes, Chinese clause 1: inserted %q", got)
	}
	if got := text(zh.Find("section#4 .change-label")); got != "（新增）" {
		t.Errorf("1.1 changes, Chinese clause 4 is labelled %q, want （新增）", got)
	}
	// Each version against the latest: 1.0 → 2.0 has every change at once.
	all := page(t, out, "en/"+vInit+"v1.0/to-latest/index.html")
	for id, want := range map[string]string{"1": "changed", "2": "changed", "3": "removed", "4": "added"} {
		if got := text(all.Find("section#" + id + " .change-label")); !strings.Contains(got, want) {
			t.Errorf("1.0 to latest, clause %s: %q, want %s", id, got, want)
		}
	}
	// Linear, not quadratic: no page compares two older versions.
	if _, err := os.Stat(filepath.Join(out, "en/"+vInit+"v1.0/changes/index.html")); err == nil {
		t.Errorf("the first version has a changes page")
	}
}

func TestClausePagesGiveLastChangeOtherVersionsAndCitation(t *testing.T) {
	out := versionsBuild(t)
	doc := page(t, out, "en/"+vInit+"v1.1/1/index.html")
	if got := text(doc.Find(".provenance")); !strings.Contains(got, "last changed in version 1.1") {
		t.Errorf("v1.1 clause 1: %q, want last changed in version 1.1", got)
	}
	links := attrs(doc, ".clause-versions a", "href")
	want := []string{"/en/" + vInit + "v1.0/1/", "/en/" + vInit + "v1.1/1/", "/en/" + vInit + "v2.0/1/"}
	if !slices.Equal(links, want) {
		t.Errorf("v1.1 clause 1 links %v, want %v", links, want)
	}
	if doc.Find(`.clause-versions a[aria-current=page]`).AttrOr("href", "") != want[1] {
		t.Errorf("v1.1 clause 1 does not mark itself current among the versions")
	}
	cite := text(doc.Find(".citation"))
	if cite != "Cite as: Community Code of Conduct, version 1.1, clause 1, https://concord.example.org/en/"+vInit+"v1.1/1/" {
		t.Errorf("citation line %q", cite)
	}
	var ld map[string]any
	if err := json.Unmarshal([]byte(doc.Find(`script[type="application/ld+json"]`).Text()), &ld); err != nil {
		t.Fatalf("JSON-LD: %v", err)
	}
	if ld["version"] != "1.1" || ld["url"] != "https://concord.example.org/en/"+vInit+"v1.1/1/" || ld["legislationIdentifier"] != "1" {
		t.Errorf("JSON-LD %v", ld)
	}
	// The document title names the clause, numbered or not.
	for rel, want := range map[string]string{
		"en/" + vInit + "v1.1/1/index.html": "Clause 1 · Community Code of Conduct, version 1.1 · Concord initiative texts",
		vInit + "v1.1/preamble/index.html":  "序言 · 社区行为准则，第 1.1 版 · Concord 倡议文本",
		vInit + "v1.1/2/index.html":         "第二条 · 社区行为准则，第 1.1 版 · Concord 倡议文本",
	} {
		if got := page(t, out, rel).Find("title").Text(); got != want {
			t.Errorf("%s: title %q, want %q", rel, got, want)
		}
	}
	// Clause 4 did not exist in 1.0: said so, not linked.
	c4 := page(t, out, "en/"+vInit+"v2.0/4/index.html")
	if got := text(c4.Find(".clause-versions li").First()); !strings.Contains(got, "not in this version") {
		t.Errorf("v2.0 clause 4 lists 1.0 as %q", got)
	}
	// Today's clause page cites the latest version's permanent address.
	live := page(t, out, "en/"+vInit+"2/index.html")
	if live.Find("link[rel=cite-as]").AttrOr("href", "") != "https://concord.example.org/en/"+vInit+"v2.0/2/" {
		t.Errorf("today's clause 2: cite-as %q", live.Find("link[rel=cite-as]").AttrOr("href", ""))
	}
	if got := text(live.Find(".citation")); !strings.Contains(got, "version 2.0, clause 2") {
		t.Errorf("today's clause 2: citation %q", got)
	}
	// The lagging translation says which source version it was made from.
	zh := page(t, out, vInit+"v2.0/2/index.html")
	if got := text(zh.Find(".provenance")); !strings.Contains(got, "据原文第 1.1 版译出") {
		t.Errorf("Chinese clause 2 in 2.0 does not say it follows version 1.1 of the source: %q", got)
	}
}

// akn is the part of an Akoma Ntoso document the test reads.
type akn struct {
	XMLName xml.Name `xml:"http://docs.oasis-open.org/legaldocml/ns/akn/3.0 akomaNtoso"`
	Doc     struct {
		Meta struct {
			Identification struct {
				Work struct {
					This struct {
						Value string `xml:"value,attr"`
					} `xml:"FRBRthis"`
				} `xml:"FRBRWork"`
				Expression struct {
					This struct {
						Value string `xml:"value,attr"`
					} `xml:"FRBRthis"`
					Version struct {
						Value string `xml:"value,attr"`
					} `xml:"FRBRversionNumber"`
					Language struct {
						Language string `xml:"language,attr"`
					} `xml:"FRBRlanguage"`
					Translation []struct {
						FromLanguage string `xml:"fromLanguage,attr"`
					} `xml:"FRBRtranslation"`
				} `xml:"FRBRExpression"`
				Manifestation struct {
					This struct {
						Value string `xml:"value,attr"`
					} `xml:"FRBRthis"`
				} `xml:"FRBRManifestation"`
			} `xml:"identification"`
			Notes []struct {
				EID  string `xml:"eId,attr"`
				Text string `xml:"p"`
			} `xml:"notes>note"`
		} `xml:"meta"`
		Clauses []struct {
			EID     string   `xml:"eId,attr"`
			Heading string   `xml:"heading"`
			Paras   []string `xml:"content>p"`
		} `xml:"mainBody>hcontainer"`
	} `xml:"doc"`
}

func TestDownloadsOfEveryVersionAndLanguage(t *testing.T) {
	out := versionsBuild(t)
	for lang, prefix := range vLangs {
		for v, ids := range vClauses {
			base := prefix + vInit + "v" + v + "/"
			doc := page(t, out, base+"index.html")
			hrefs := attrs(doc, ".version-downloads a", "href")
			if len(hrefs) != 4 {
				t.Fatalf("%s links %d downloads, want 4 (Markdown, text, JSON, Akoma Ntoso): %v", base, len(hrefs), hrefs)
			}
			files := map[string][]byte{}
			for _, h := range hrefs {
				raw, err := os.ReadFile(builtFile(out, h))
				if err != nil {
					t.Fatalf("%s links %s, which was not built", base, h)
				}
				files[filepath.Ext(h)] = raw
			}
			name := "community-code-v" + v + "-" + lang
			if !strings.Contains(string(files[".md"]), "## ") || !strings.Contains(string(files[".txt"]), "https://concord.example.org/"+base) {
				t.Errorf("%s: the Markdown or text download lacks headings or the permanent address", name)
			}
			var j versions.JSONText
			if err := json.Unmarshal(files[".json"], &j); err != nil {
				t.Fatalf("%s.json: %v", name, err)
			}
			var jids []string
			for _, c := range j.Clauses {
				jids = append(jids, c.ID)
				if c.Provenance.Status == "" || c.Provenance.Corrections == nil {
					t.Errorf("%s.json clause %s has no provenance status or corrections list", name, c.ID)
				}
			}
			if j.Version != v || j.Language != lang || !slices.Equal(jids, ids) {
				t.Errorf("%s.json: version %s, language %s, clauses %v", name, j.Version, j.Language, jids)
			}
			var a akn
			if err := xml.Unmarshal(files[".xml"], &a); err != nil {
				t.Fatalf("%s.akn.xml is not well-formed Akoma Ntoso: %v", name, err)
			}
			id := a.Doc.Meta.Identification
			var eids []string
			for _, c := range a.Doc.Clauses {
				eids = append(eids, c.EID)
			}
			// One eId per clause, the site's clause IDs, as on the version page.
			if !slices.Equal(eids, attrs(doc, "section.version-clause", "id")) {
				t.Errorf("%s.akn.xml eIds %v, the page's clauses %v", name, eids, attrs(doc, "section.version-clause", "id"))
			}
			if id.Work.This.Value == "" || id.Manifestation.This.Value == "" || id.Expression.Version.Value != v || id.Expression.Language.Language != versions.AknLanguage(lang) {
				t.Errorf("%s.akn.xml FRBR: %+v", name, id)
			}
			if !strings.HasPrefix(id.Expression.This.Value, strings.TrimSuffix(id.Work.This.Value, "/!main")) {
				t.Errorf("%s.akn.xml: expression %s is not of work %s", name, id.Expression.This.Value, id.Work.This.Value)
			}
			translated := len(id.Expression.Translation) == 1 && id.Expression.Translation[0].FromLanguage == "eng"
			if translated != (lang == "zh-hans") {
				t.Errorf("%s.akn.xml: FRBRtranslation %+v; the editors' Chinese is a translation from English, the English is not", name, id.Expression.Translation)
			}
		}
	}
	// Corrections are notes.
	var a akn
	raw, _ := os.ReadFile(filepath.Join(out, "en/"+vInit+"v1.0/community-code-v1.0-en.akn.xml"))
	if err := xml.Unmarshal(raw, &a); err != nil {
		t.Fatal(err)
	}
	if len(a.Doc.Meta.Notes) != 1 || a.Doc.Meta.Notes[0].EID != "1__note_1" || !strings.Contains(a.Doc.Meta.Notes[0].Text, "Members treats one another") {
		t.Errorf("v1.0 English: the correction of clause 1 is not a note: %+v", a.Doc.Meta.Notes)
	}
}

func TestChangelogAndAtomFeedOfVersions(t *testing.T) {
	out := versionsBuild(t)
	for lang, prefix := range vLangs {
		raw, err := os.ReadFile(filepath.Join(out, prefix+vInit+"changelog/changelog.atom"))
		if err != nil {
			t.Fatal(err)
		}
		var feed struct {
			Lang    string `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
			Entries []struct {
				Title   string `xml:"title"`
				Updated string `xml:"updated"`
				Link    struct {
					Href string `xml:"href,attr"`
				} `xml:"link"`
				Summary string `xml:"summary"`
			} `xml:"entry"`
		}
		if err := xml.Unmarshal(raw, &feed); err != nil {
			t.Fatalf("%s changelog.atom: %v", lang, err)
		}
		if len(feed.Entries) != 3 || !strings.HasPrefix(feed.Entries[0].Updated, "2023-06-15") {
			t.Fatalf("%s feed: %d entries, first %+v; want 3, newest first", lang, len(feed.Entries), feed.Entries)
		}
		for _, e := range feed.Entries {
			if e.Summary == "" {
				t.Errorf("%s feed entry %s has no summary", lang, e.Title)
			}
			if _, err := os.Stat(builtFile(out, e.Link.Href)); err != nil {
				t.Errorf("%s feed links %s, which was not built", lang, e.Link.Href)
			}
		}
		doc := page(t, out, prefix+vInit+"changelog/index.html")
		if got := attrs(doc, "article.changelog section", "id"); !slices.Equal(got, []string{"v2.0", "v1.1", "v1.0"}) {
			t.Errorf("%s changelog sections %v", lang, got)
		}
	}
	if got := text(page(t, out, vInit+"changelog/index.html").Find("section[id=\"v1.1\"] p").First()); got != "改写第一条；增加关于举报的第四条。" {
		t.Errorf("the Chinese changelog gives 1.1 as %q, want its Chinese summary", got)
	}
}

func TestTheTextOnADateListsWhenEachVersionWasInForce(t *testing.T) {
	out := versionsBuild(t)
	doc := page(t, out, "en/"+vInit+"as-of/index.html")
	var ranges []string
	doc.Find(".as-of-ranges li").Each(func(_ int, s *goquery.Selection) {
		ranges = append(ranges, s.AttrOr("data-from", "")+"/"+s.AttrOr("data-until", ""))
	})
	if !slices.Equal(ranges, []string{"2021-01-10/2022-03-01", "2022-03-01/2023-06-15", "2023-06-15/"}) {
		t.Errorf("as-of ranges %v", ranges)
	}
	if got := text(doc.Find(".as-of-ranges li").Eq(1)); got != "version 1.1: In force from 1 March 2022 until 15 June 2023" {
		t.Errorf("as-of, without script: %q", got)
	}
}

// The status page shows the lagging translation stale, in the reader's
// language, naming the source version it was made from and the latest.
func TestStatusPageNamesTheSourceVersionOfAStaleTranslation(t *testing.T) {
	out := versionsBuild(t)
	for prefix, want := range map[string][]string{
		"en/": {"made from version 1.1", "now at version 2.0"},
		"":    {"第 1.1 版", "第 2.0 版"},
	} {
		doc := page(t, out, prefix+vInit+"status.html")
		cell := doc.Find(".status-table .status-stale")
		if cell.Length() != 1 || !strings.Contains(text(cell), "community-code/2.zh-hans.md") {
			t.Errorf("%sstatus.html: stale cells %q, want the Chinese clause 2 alone", prefix+vInit, text(cell))
			continue
		}
		for _, w := range want {
			if !strings.Contains(text(cell), w) {
				t.Errorf("%sstatus.html: the stale cell %q does not say %q", prefix+vInit, text(cell), w)
			}
		}
	}
}

// The status page's last row says, per language, which source version its
// clauses match, oldest first: the source is the latest; the lagging Chinese clause was
// made from 1.1, the others match 2.0. A site without versions has no such
// row (TestStatusPageHasNoVersionRowWithoutVersions).
func TestStatusPageShowsEachLanguagesSourceVersion(t *testing.T) {
	out := versionsBuild(t)
	for prefix, want := range map[string]map[string][]string{
		"en/": {"English": {"version 2.0: 4 clauses"}, "Chinese": {"version 1.1: 1 clause", "version 2.0: 3 clauses"}},
		"":    {"英文": {"第 2.0 版：4 条"}, "中文": {"第 1.1 版：1 条", "第 2.0 版：3 条"}},
	} {
		got := statusVersionRow(t, page(t, out, prefix+vInit+"status.html"), prefix+vInit)
		for lang, items := range want {
			if !slices.Equal(got[lang], items) {
				t.Errorf("%sstatus.html: %s versions %q, want %q (row %v)", prefix+vInit, lang, got[lang], items, got)
			}
		}
	}
}

// statusVersionRow reads the status page's source-version row: each
// language's name, as the page gives it, to its lines, oldest version first.
func statusVersionRow(t *testing.T, doc *goquery.Document, where string) map[string][]string {
	t.Helper()
	row := doc.Find(".status-table tfoot tr.status-versions")
	if row.Length() != 1 {
		t.Fatalf("%sstatus.html: no source-version row", where)
	}
	got := map[string][]string{}
	row.Find("td").Each(func(_ int, td *goquery.Selection) {
		lang := text(td.Find(".status-lang"))
		td.Find("li").Each(func(_ int, li *goquery.Selection) { got[lang] = append(got[lang], text(li)) })
	})
	return got
}

func TestStatusPageHasNoVersionRowWithoutVersions(t *testing.T) {
	for _, prefix := range []string{"", "en/"} {
		if n := page(t, public, prefix+initiative+"status.html").Find("tr.status-versions").Length(); n != 0 {
			t.Errorf("%sstatus.html of an initiative without versions has %d version rows", prefix+initiative, n)
		}
	}
}
