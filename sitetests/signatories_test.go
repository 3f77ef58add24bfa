package sitetests

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"
	"github.com/pelletier/go-toml/v2"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/testharness/browsertest"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// The shipped list: the twelve initiating companies, grouped by category and
// sorted by pinyin (Chinese pages) or alphabetically (English pages).
var shippedOrder = map[string][][]string{
	"zh-hans": {
		{"阿里巴巴", "京东", "快手", "美团", "拼多多", "寺库", "唯品会", "小红书"},
		{"孩子王", "苏宁易购", "途牛旅游网", "网易"},
	},
	"en": {
		{"Alibaba", "JD.com", "Kuaishou", "Meituan", "Pinduoduo", "Secoo", "Vipshop", "Xiaohongshu (RED)"},
		{"Kidswant", "NetEase", "Suning.com", "Tuniu"},
	},
}

const signatoriesPage = initiative + "signatories.html"

func TestSignatoriesAreGroupedByCategoryAndSortedByName(t *testing.T) {
	for lang, prefix := range uiPrefix {
		t.Run(lang, func(t *testing.T) {
			doc := page(t, public, prefix+signatoriesPage)
			var groups [][]string
			doc.Find(".signatory-group").Each(func(_ int, g *goquery.Selection) {
				var names []string
				g.Find(".signatory-name a").Each(func(_ int, a *goquery.Selection) {
					names = append(names, a.Text())
				})
				groups = append(groups, names)
			})
			if fmt.Sprint(groups) != fmt.Sprint(shippedOrder[lang]) {
				t.Errorf("groups and order:\n got %v\nwant %v", groups, shippedOrder[lang])
			}
			if got := attrs(doc, ".signatory-group", "id"); !slices.Equal(got, []string{"signatories-category-platform", "signatories-category-company"}) {
				t.Errorf("group anchors %v", got)
			}
			summary := words(doc.Find(".signatories-summary").Text())
			if !strings.Contains(summary, "12") {
				t.Errorf("summary %q does not give the count 12", summary)
			}
			nav := words(doc.Find(".signatory-groups").Text())
			for _, want := range []string{"8", "4"} {
				if !strings.Contains(nav, want) {
					t.Errorf("group navigation %q lacks the per-category count %s", nav, want)
				}
			}
		})
	}
}

// Every entry of the data file is on the page with its anchor, its name in
// both languages (each marked with its language), its date, its
// verification badge and its evidence; the editors' notes say where a name
// in the source was garbled.
func TestEverySignatoryShowsNamesDateEvidenceAndBadge(t *testing.T) {
	_, files, ps, err := signatories.Load(repoRoot, signatories.Today())
	if err != nil || len(ps) > 0 {
		t.Fatalf("shipped data: %v %v", err, ps)
	}
	entries := files[0].Entries
	if len(entries) != 12 {
		t.Fatalf("%d shipped signatories, want the 12 initiating companies", len(entries))
	}
	for lang, prefix := range uiPrefix {
		doc := page(t, public, prefix+signatoriesPage)
		other := map[string]string{"zh-hans": "en", "en": "zh-hans"}[lang]
		for _, e := range entries {
			li := doc.Find("li.signatory#" + cssID(e.ID))
			if li.Length() != 1 {
				t.Errorf("%s: no entry with anchor #%s", lang, e.ID)
				continue
			}
			if got := li.Find(".signatory-name a").AttrOr("href", ""); got != "#"+e.ID {
				t.Errorf("%s #%s: name links to %q", lang, e.ID, got)
			}
			if got := li.Find(".signatory-name a").Text(); got != e.Name[lang] {
				t.Errorf("%s #%s: name %q, want %q", lang, e.ID, got, e.Name[lang])
			}
			otherName := li.Find(".signatory-other-names span").First()
			if otherName.Text() != e.Name[other] || otherName.AttrOr("lang", "") == "" {
				t.Errorf("%s #%s: other name %q (lang %q), want %q with its lang", lang, e.ID, otherName.Text(), otherName.AttrOr("lang", ""), e.Name[other])
			}
			if got := li.Find("time").AttrOr("datetime", ""); got != e.Signed {
				t.Errorf("%s #%s: date %q, want %s", lang, e.ID, got, e.Signed)
			}
			if li.Find(".badge-unverified").Length() != 1 {
				t.Errorf("%s #%s: no \"not yet verified\" badge (the shipped entries are unverified)", lang, e.ID)
			}
			if !strings.Contains(li.Text(), e.Evidence[lang]) {
				t.Errorf("%s #%s: evidence missing", lang, e.ID)
			}
			if e.Note != nil && !strings.Contains(li.Text(), e.Note[lang]) {
				t.Errorf("%s #%s: editors' note missing", lang, e.ID)
			}
		}
		for id, garbled := range map[string]string{"kidswant": "胡同王", "xiaohongshu": "宏绪", "secoo": "思宇旅游网", "tuniu": "思宇旅游网", "suning-com": "苏宁"} {
			if !strings.Contains(doc.Find("#"+id).Text(), garbled) {
				t.Errorf("%s #%s: the note does not say the source page has %q", lang, id, garbled)
			}
		}
	}
}

func TestInitiativeAndHomePagesShowTheCountAndLinkToTheList(t *testing.T) {
	for lang, prefix := range uiPrefix {
		for _, file := range []string{prefix + initiative + "index.html", prefix + "index.html"} {
			doc := page(t, public, file)
			link := doc.Find(".signatory-count a")
			if link.Length() != 1 || !strings.Contains(link.Text(), "12") {
				t.Errorf("%s %s: signatory count %q", lang, file, link.Text())
				continue
			}
			href := link.AttrOr("href", "")
			if href != "/"+prefix+signatoriesPage {
				t.Errorf("%s: count links to %q, want /%s", file, href, prefix+signatoriesPage)
			}
		}
	}
}

func TestHowToEndorseIsOnTheListInBothLanguages(t *testing.T) {
	want := map[string][]string{
		"zh-hans": {"如何签署", "联系谁", "需要提供什么", "如何核实", "如何退出"},
		"en":      {"How to endorse", "Who to contact", "What to send", "How entries are verified", "How to withdraw"},
	}
	for lang, prefix := range uiPrefix {
		doc := page(t, public, prefix+signatoriesPage)
		section := doc.Find("#signatories-how-to-endorse")
		for _, w := range want[lang] {
			if !strings.Contains(section.Text(), w) {
				t.Errorf("%s: How to endorse lacks %q", lang, w)
			}
		}
		if section.Closest("[lang]").AttrOr("lang", "") == "" {
			t.Errorf("%s: How to endorse has no language", lang)
		}
	}
	if _, err := os.Stat(filepath.Join(public, "endorse")); err == nil {
		t.Error("content/endorse is published as a page of its own; it is meant to appear only on the lists")
	}
}

func TestSignatoriesPageNamesItselfInTheHead(t *testing.T) {
	for lang, prefix := range uiPrefix {
		doc := page(t, public, prefix+signatoriesPage)
		want := "https://concord.example.org/" + prefix + signatoriesPage
		if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != want {
			t.Errorf("%s canonical %q, want %q", lang, got, want)
		}
		for other, otherPrefix := range uiPrefix {
			locale := map[string]string{"zh-hans": "zh-Hans", "en": "en"}[other]
			if got := doc.Find(`link[rel=alternate][hreflang="`+locale+`"]`).AttrOr("href", ""); got != "https://concord.example.org/"+otherPrefix+signatoriesPage {
				t.Errorf("%s hreflang %s → %q", lang, locale, got)
			}
		}
		title := doc.Find("title").Text()
		if !strings.Contains(title, map[string]string{"zh-hans": "签署方", "en": "Signatories"}[lang]) {
			t.Errorf("%s title %q does not say this is the signatories list", lang, title)
		}
		if feed := doc.Find(`link[rel=alternate][type="application/atom+xml"]`).AttrOr("href", ""); !strings.HasSuffix(feed, "signatories.atom") {
			t.Errorf("%s: no feed link in the head (%q)", lang, feed)
		}
	}
}

// The category list lives in four places: the validator, the JSON Schema,
// the templates' partial and the i18n files. They must agree.
func TestCategoriesAgreeEverywhere(t *testing.T) {
	schema := readSchema(t)
	var enum []string
	for _, v := range schema["$defs"].(map[string]any)["category"].(map[string]any)["enum"].([]any) {
		enum = append(enum, v.(string))
	}
	if !slices.Equal(enum, signatories.Categories) {
		t.Errorf("schema categories %v, validator %v", enum, signatories.Categories)
	}
	partial, err := os.ReadFile(filepath.Join(repoRoot, "layouts/_partials/signatories/categories.html"))
	if err != nil {
		t.Fatal(err)
	}
	var inPartial []string
	for _, m := range regexp.MustCompile(`"([a-z-]+)"`).FindAllStringSubmatch(string(partial[bytes.Index(partial, []byte("return")):]), -1) {
		inPartial = append(inPartial, m[1])
	}
	if !slices.Equal(inPartial, signatories.Categories) {
		t.Errorf("layouts/_partials/signatories/categories.html has %v, validator %v", inPartial, signatories.Categories)
	}
	for _, lang := range siteLanguages(t) {
		data, err := os.ReadFile(filepath.Join(repoRoot, "i18n", lang+".toml"))
		if err != nil {
			t.Fatal(err)
		}
		var keys map[string]any
		if err := toml.Unmarshal(data, &keys); err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, c := range signatories.Categories {
			want = append(want, "signatory_category_"+c, "signatory_categories_"+c)
		}
		for _, m := range signatories.Methods {
			want = append(want, "signatory_method_"+m)
		}
		for _, s := range signatories.Statuses {
			want = append(want, "signatories_status_"+s)
		}
		for _, s := range []string{"suspended", "withdrawn"} {
			want = append(want, "signatories_heading_"+s, "signatories_explain_"+s, "signatories_feed_"+s)
		}
		for _, k := range want {
			if _, ok := keys[k]; !ok {
				t.Errorf("i18n/%s.toml lacks %s (the signatories templates build this key)", lang, k)
			}
		}
	}
}

// The script keeps no table of its own: the list page points it to the
// published copy of assets/hant/hant.json, the file internal/signatories
// embeds, with its integrity hash.
func TestScriptFoldsWithTheValidatorsTable(t *testing.T) {
	js, err := os.ReadFile(filepath.Join(repoRoot, "assets/js/signatories.js"))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(regexp.MustCompile(`\p{Han}`).FindAll(js, -1)); n > 20 {
		t.Errorf("assets/js/signatories.js holds %d Han characters: a table of its own? It must fold with assets/hant/hant.json", n)
	}
	table, err := os.ReadFile(filepath.Join(repoRoot, "assets/hant/hant.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, prefix := range uiPrefix {
		doc := page(t, public, prefix+signatoriesPage)
		form := doc.Find("form.signatory-filters")
		href := form.AttrOr("data-hant", "")
		published, err := os.ReadFile(builtFile(public, href))
		if err != nil {
			t.Fatalf("%s: data-hant %q: %v", prefix+signatoriesPage, href, err)
		}
		if !bytes.Equal(published, table) {
			t.Errorf("%s: %s is not assets/hant/hant.json", prefix+signatoriesPage, href)
		}
		if !strings.HasPrefix(form.AttrOr("data-hant-integrity", ""), "sha256-") {
			t.Errorf("%s: the table is fetched without an integrity hash", prefix+signatoriesPage)
		}
	}
}

// traditionalSpelling writes s with, for each Han character, a traditional
// form that OpenCC's table folds to it (the last in code point order, so
// mostly rarer forms that no hand-made table had: 糰 for 团, 甦 for 苏).
func traditionalSpelling(s string) string {
	back := map[rune]rune{}
	for _, r := range s {
		back[r] = r
	}
	for tr := rune(0x3400); tr < 0x30000; tr++ {
		folded := []rune(signatories.Fold(string(tr)))
		if len(folded) == 1 && folded[0] != tr {
			if _, wanted := back[folded[0]]; wanted {
				back[folded[0]] = tr
			}
		}
	}
	return strings.Map(func(r rune) rune { return back[r] }, s)
}

func readSchema(t *testing.T) map[string]any {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot, "static/schema/signatories.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	var schema map[string]any
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	return schema
}

func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(filepath.Join(repoRoot, "static/schema/signatories.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	const url = "https://concord.example.org/schema/signatories.schema.json"
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(url)
	if err != nil {
		t.Fatalf("the schema does not compile: %v", err)
	}
	return schema
}

// exportJSON is the part of signatories.json the tests read.
type exportJSON struct {
	Language string
	List     string
	Counts   struct{ Total, Active, Suspended, Withdrawn int }
	Entries  []struct {
		ID       string
		Name     map[string]string
		Status   string
		Note     map[string]string
		Evidence map[string]string
		URL      string
	} `json:"signatories"`
}

// checkJSON validates a signatories.json against the schema and checks that
// every entry's url leads to a built page holding that entry.
func checkJSON(t *testing.T, schema *jsonschema.Schema, dir, file string) exportJSON {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s is not JSON: %v", file, err)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("%s does not match static/schema/signatories.schema.json: %v", file, err)
	}
	var out exportJSON
	if err := json.Unmarshal(data, &out); err != nil {
		t.Fatal(err)
	}
	for _, e := range out.Entries {
		checkEntryLink(t, dir, file, e.ID, e.URL)
	}
	return out
}

// checkEntryLink: a link to an entry leads to a built list page on which an
// element has the entry's ID.
func checkEntryLink(t *testing.T, dir, from, id, url string) {
	t.Helper()
	if !strings.HasSuffix(url, "#"+id) {
		t.Errorf("%s: link to %s is %q, without #%s", from, id, url, id)
		return
	}
	target := builtFile(dir, url)
	rel, _ := filepath.Rel(dir, target)
	doc := page(t, dir, filepath.ToSlash(rel))
	if doc.Find("li.signatory#"+cssID(id)).Length() != 1 {
		t.Errorf("%s: %s leads to %s, which does not hold #%s", from, url, rel, id)
	}
}

func TestJSONExportMatchesItsSchemaAndLinksEveryEntry(t *testing.T) {
	schema := compileSchema(t)
	for lang, prefix := range uiPrefix {
		out := checkJSON(t, schema, public, prefix+initiative+"signatories.json")
		if len(out.Entries) != 12 || out.Counts.Total != 12 || out.Counts.Active != 12 || out.Language != lang {
			t.Errorf("%s JSON: %d entries, counts %+v, language %q", lang, len(out.Entries), out.Counts, out.Language)
		}
	}
}

// csvColumns is the documented column order of signatories.csv for the
// shipped languages: the fixed columns, then name_<key> for each language of
// params.signatories.csvLanguages. Columns may be added at the end, never
// moved or removed (TestCSVColumnsStayPutWhenLanguagesAreAdded).
var csvColumns = []string{"id", "status", "category", "signed",
	"original_name", "original_lang", "method", "occasion", "evidence", "evidence_url", "verified",
	"withdrawn_date", "withdrawn_reason", "suspended_date", "suspended_reason", "note", "website", "url",
	"name_zh-hans", "name_en"}

func readCSV(t *testing.T, dir, file string) []map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Errorf("%s: records do not end in CRLF (RFC 4180)", file)
	}
	// Excel reads a CSV without the UTF-8 byte order mark in the legacy code
	// page, and the Chinese turns to mojibake.
	data, bom := bytes.CutPrefix(data, []byte("\ufeff"))
	if !bom {
		t.Errorf("%s does not start with the UTF-8 byte order mark Excel needs", file)
	}
	records, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if !slices.Equal(records[0], csvColumns) {
		t.Fatalf("%s columns:\n got %v\nwant %v", file, records[0], csvColumns)
	}
	var rows []map[string]string
	for _, r := range records[1:] {
		row := map[string]string{}
		for i, c := range csvColumns {
			row[c] = r[i]
		}
		rows = append(rows, row)
	}
	return rows
}

func TestCSVExportHasTheDocumentedColumnsAndEveryEntry(t *testing.T) {
	for lang, prefix := range uiPrefix {
		file := prefix + initiative + "signatories.csv"
		rows := readCSV(t, public, file)
		if len(rows) != 12 {
			t.Errorf("%s: %d rows, want 12", file, len(rows))
		}
		for _, r := range rows {
			checkEntryLink(t, public, file, r["id"], r["url"])
			if r["name_zh-hans"] == "" || r["name_en"] == "" || r["signed"] != "2020-09-05" || r["verified"] != "false" {
				t.Errorf("%s %s: %v", file, r["id"], r)
			}
			if r["evidence"] == "" || (lang == "en") != strings.HasPrefix(r["evidence"], "News reports") {
				t.Errorf("%s %s: evidence %q is not in the file's language", file, r["id"], r["evidence"])
			}
		}
	}
}

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

func readFeed(t *testing.T, dir, file string) atomFeed {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	var feed atomFeed
	if err := xml.Unmarshal(data, &feed); err != nil {
		t.Fatalf("%s is not Atom XML: %v", file, err)
	}
	if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil || feed.ID == "" || feed.Title == "" {
		t.Errorf("%s: feed id %q, title %q, updated %q", file, feed.ID, feed.Title, feed.Updated)
	}
	seen := map[string]bool{}
	for _, e := range feed.Entries {
		if !strings.HasPrefix(e.ID, "tag:concord.example.org,") || seen[e.ID] {
			t.Errorf("%s: entry id %q is not a unique tag URI", file, e.ID)
		}
		seen[e.ID] = true
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("%s: entry %s updated %q", file, e.ID, e.Updated)
		}
		id := e.Link.Href[strings.LastIndex(e.Link.Href, "#")+1:]
		checkEntryLink(t, dir, file, id, e.Link.Href)
	}
	return feed
}

func TestAtomFeedHasEveryJoin(t *testing.T) {
	for _, prefix := range uiPrefix {
		feed := readFeed(t, public, prefix+initiative+"signatories.atom")
		if len(feed.Entries) != 12 {
			t.Errorf("%s feed: %d entries, want 12 joins", prefix, len(feed.Entries))
		}
	}
}

// An initiative without a signatories file gets a clear page and empty but
// valid exports, not broken ones: the fixture initiative has none.
func TestInitiativeWithoutSignatoriesSaysSo(t *testing.T) {
	const fixture = "initiatives/tea-house-pledge/"
	schema := compileSchema(t)
	for lang, prefix := range uiPrefix {
		doc := page(t, fixtureOut, prefix+fixture+"signatories.html")
		if doc.Find(".signatories-none").Length() != 1 || doc.Find("li.signatory").Length() != 0 {
			t.Errorf("%s: the page does not say no signatories are recorded", lang)
		}
		if doc.Find("#signatories-how-to-endorse").Length() != 1 {
			t.Errorf("%s: no How to endorse on the empty list", lang)
		}
		out := checkJSON(t, schema, fixtureOut, prefix+fixture+"signatories.json")
		if len(out.Entries) != 0 {
			t.Errorf("%s: %d entries in an empty export", lang, len(out.Entries))
		}
		if rows := readCSV(t, fixtureOut, prefix+fixture+"signatories.csv"); len(rows) != 0 {
			t.Errorf("%s: %d CSV rows", lang, len(rows))
		}
		readFeed(t, fixtureOut, prefix+fixture+"signatories.atom")
		count := page(t, fixtureOut, prefix+fixture+"index.html").Find(".signatory-count a")
		if count.Length() != 1 || strings.ContainsAny(count.Text(), "0123456789") {
			t.Errorf("%s: initiative page count %q should say none are recorded", lang, count.Text())
		}
	}
}

// payloads are names and texts that would be markup, a broken attribute,
// a template, or a spreadsheet formula if they were not treated as data.
var payloads = []string{
	`<script>alert(1)</script>`,
	`" onmouseover="alert(1)`,
	`'><img src=x onerror=alert(1)>`,
	`</title><script>alert(2)</script>`,
	`]]><x>`,
	`{{ .Site.Title }}`,
	`&lt;b&gt;escaped&lt;/b&gt;`,
	`=HYPERLINK("http://evil.example","click")`,
	`+1+1`,
	`-2+3`,
	`@SUM(A1:A2)`,
}

// buildPayloadSite builds the shipped site with a signatories file made of
// payloads (valid data: the validator accepts every one of them), a
// withdrawn and a suspended entry, and four entries a page so the list runs
// over three pages.
func buildPayloadSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := sitefixture.Copy(site, repoRoot); err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(site, "hugo.toml"))
	if err != nil {
		t.Fatal(err)
	}
	cfg = bytes.Replace(cfg, []byte("perPage = 500"), []byte("perPage = 4"), 1)
	if err := os.WriteFile(filepath.Join(site, "hugo.toml"), cfg, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "data/signatories/live-streaming-2020.toml"), payloadData(), 0o644); err != nil {
		t.Fatal(err)
	}
	// The logo of entry plain-0: a 1×1 PNG.
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
	if err := os.MkdirAll(filepath.Join(site, "static/signatories"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(site, "static/signatories/plain-0.png"), png, 0o644); err != nil {
		t.Fatal(err)
	}
	// Valid data, so the build publishes it: names that read as code are
	// warnings (the form refuses them; a file may hold them), nothing else.
	_, _, ps, err := signatories.Load(site, signatories.Today())
	if err == nil && len(ps.Errors()) == 0 && !slices.ContainsFunc(ps, func(p signatories.Problem) bool { return !p.Suspect }) {
		ps = nil
	}
	if err != nil || len(ps) > 0 {
		t.Fatalf("the payload file is not valid data, so it would not prove the escaping: %v %v", err, ps)
	}
	out := filepath.Join(dir, "public")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if err := hugobuild.Build(ctx, site, out); err != nil {
		t.Fatal(err)
	}
	return out
}

// One build serves every check of the payload site.
func TestSignatoriesWithPayloadsStatusesAndPages(t *testing.T) {
	out := buildPayloadSite(t)
	t.Run("payloads stay text in HTML", func(t *testing.T) { payloadsStayTextInHTML(t, out) })
	t.Run("payloads stay data in JSON, CSV and feed", func(t *testing.T) { payloadsStayDataInExports(t, out) })
	t.Run("withdrawn and suspended stay listed", func(t *testing.T) { withdrawnAndSuspendedStayListed(t, out) })
	t.Run("long list is paginated", func(t *testing.T) { longListIsPaginated(t, out) })
	t.Run("script searches every page", func(t *testing.T) { scriptSearchesEveryPage(t, out) })
	t.Run("logo, website and evidence link", func(t *testing.T) { optionalFieldsAreShown(t, out) })
}

// A local logo, the website and the evidence link of an entry reach the
// page, and the export gives the logo as a full URL.
func optionalFieldsAreShown(t *testing.T, out string) {
	for lang, prefix := range uiPrefix {
		var li *goquery.Selection
		for _, file := range listPages(t, out, prefix) {
			if s := page(t, out, file).Find("#plain-0"); s.Length() == 1 {
				li = s
			}
		}
		if li == nil {
			t.Fatalf("%s: no #plain-0 on any page", lang)
		}
		if src := li.Find("img.signatory-logo").AttrOr("src", ""); src != "/signatories/plain-0.png" {
			t.Errorf("%s: logo src %q", lang, src)
		}
		var hrefs []string
		li.Find("a").Each(func(_ int, a *goquery.Selection) { hrefs = append(hrefs, a.AttrOr("href", "")) })
		for _, want := range []string{"https://example.org/plain-0", "https://example.org/letters/plain-0"} {
			if !slices.Contains(hrefs, want) {
				t.Errorf("%s: #plain-0 links %v, not %s", lang, hrefs, want)
			}
		}
		raw, _ := os.ReadFile(filepath.Join(out, prefix+initiative+"signatories.json"))
		if !bytes.Contains(raw, []byte(`"logo":"https://concord.example.org/signatories/plain-0.png"`)) {
			t.Errorf("%s JSON: the logo is not given as a full URL", lang)
		}
	}
}

func payloadData() []byte {
	var b strings.Builder
	q := func(s string) string { return fmt.Sprintf("%q", s) }
	entry := func(id, zh, en, extra string) {
		fmt.Fprintf(&b, "\n[[signatory]]\nid = %q\nname = { zh-hans = %s, en = %s }\noriginal = { lang = \"zh-Hans\", name = %s }\n", id, q(zh), q(en), q(zh))
		fmt.Fprintf(&b, "category = \"company\"\nsigned = \"2021-03-01\"\nmethod = \"letter\"\n")
		fmt.Fprintf(&b, "occasion = { zh-hans = %s, en = %s }\nevidence = { zh-hans = %s, en = %s }\nverified = true\n", q(en), q(zh), q(zh), q(en))
		b.WriteString(extra)
	}
	for i := 0; i+1 < len(payloads); i += 2 {
		entry(fmt.Sprintf("payload-%d", i), payloads[i], payloads[i+1],
			fmt.Sprintf("status = \"active\"\nnote = { zh-hans = %s, en = %s }\n", q(payloads[i+1]), q(payloads[i])))
	}
	last := payloads[len(payloads)-1]
	entry("payload-last", last, "Last "+last, "status = \"active\"\n")
	entry("left", "退出的公司", "Company that left",
		fmt.Sprintf("status = \"withdrawn\"\nwithdrawn = { date = \"2022-01-10\", reason = { zh-hans = %s, en = %s } }\n", q(payloads[0]), q(payloads[7])))
	entry("paused", "暂停的公司", "Company under review",
		"status = \"suspended\"\nsuspended = { date = \"2022-02-01\", reason = { zh-hans = \"核实中\", en = \"Evidence under review\" } }\n")
	for i, n := range []string{"甲公司", "乙公司", "丙公司", "丁公司"} {
		extra := "status = \"active\"\n"
		if i == 0 {
			extra += "logo = \"/signatories/plain-0.png\"\nwebsite = \"https://example.org/plain-0\"\nevidenceURL = \"https://example.org/letters/plain-0\"\n"
		}
		if i == 1 {
			extra += fmt.Sprintf("note = { zh-hans = %s, en = %s }\n", q(replacementNote["zh-hans"]), q(replacementNote["en"]))
		}
		entry(fmt.Sprintf("plain-%d", i), n, fmt.Sprintf("Plain company %d", i), extra)
	}
	return []byte(b.String())
}

// replacementNote is the note of entry plain-1: a real U+FFFD before an
// equals sign, which the CSV's formula guard (working on the byte 0xFF, which
// Go's regexp reads as U+FFFD too) must leave alone.
var replacementNote = map[string]string{"zh-hans": "替换字符\uFFFD=号", "en": "Replacement \uFFFD=sign"}

// listPages is every page of a list: signatories.html, page/2/…, ….
func listPages(t *testing.T, dir, prefix string) []string {
	t.Helper()
	pages := []string{prefix + signatoriesPage}
	more, _ := filepath.Glob(filepath.Join(dir, prefix+initiative, "page", "*", "signatories.html"))
	slices.Sort(more)
	for _, m := range more {
		rel, _ := filepath.Rel(dir, m)
		pages = append(pages, filepath.ToSlash(rel))
	}
	return pages
}

func payloadsStayTextInHTML(t *testing.T, out string) {
	for lang, prefix := range uiPrefix {
		texts := ""
		for _, file := range listPages(t, out, prefix) {
			doc := page(t, out, file)
			doc.Find("script").Each(func(_ int, s *goquery.Selection) {
				if _, ok := s.Attr("src"); !ok || strings.Contains(s.Text(), "alert") {
					t.Errorf("%s: a script element that is not the site's: %q", file, s.Text())
				}
			})
			doc.Find("*").Each(func(_ int, s *goquery.Selection) {
				for _, a := range s.Nodes[0].Attr {
					if strings.HasPrefix(a.Key, "on") {
						t.Errorf("%s: <%s %s=%q>: a payload became an attribute", file, goquery.NodeName(s), a.Key, a.Val)
					}
				}
				if n := goquery.NodeName(s); (n == "img" && !s.HasClass("signatory-logo")) || n == "x" {
					t.Errorf("%s: a payload became a <%s> element", file, n)
				}
			})
			texts += doc.Find("main").Text()
		}
		for _, p := range payloads {
			if !strings.Contains(texts, p) {
				t.Errorf("%s: payload %q is not shown as text", lang, p)
			}
		}
	}
}

func payloadsStayDataInExports(t *testing.T, out string) {
	schema := compileSchema(t)
	for lang, prefix := range uiPrefix {
		jsonFile := prefix + initiative + "signatories.json"
		raw, _ := os.ReadFile(filepath.Join(out, jsonFile))
		if bytes.Contains(raw, []byte("<script")) || bytes.Contains(raw, []byte("</")) {
			t.Errorf("%s: < is not escaped, so the file could close a script element it is pasted into", jsonFile)
		}
		exp := checkJSON(t, schema, out, jsonFile)
		var values []string
		for _, e := range exp.Entries {
			values = append(values, e.Name["zh-hans"], e.Name["en"], e.Note["zh-hans"], e.Note["en"])
		}
		for _, p := range payloads {
			if !slices.Contains(values, p) {
				t.Errorf("%s: payload %q does not come back unchanged", jsonFile, p)
			}
		}

		csvFile := prefix + initiative + "signatories.csv"
		var cells []string
		for _, r := range readCSV(t, out, csvFile) {
			checkEntryLink(t, out, csvFile, r["id"], r["url"])
			for _, c := range r {
				cells = append(cells, c)
				if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
					t.Errorf("%s: cell %q would run as a formula", csvFile, c)
				}
			}
		}
		for _, p := range payloads {
			want := p
			if strings.ContainsRune("=+-@", rune(p[0])) {
				want = "'" + p
			}
			if !slices.Contains(cells, want) {
				t.Errorf("%s: no cell %q", csvFile, want)
			}
		}
		if !slices.Contains(cells, replacementNote[lang]) {
			t.Errorf("%s: no cell %q: the formula guard changed a real U+FFFD", csvFile, replacementNote[lang])
		}

		feedFile := prefix + initiative + "signatories.atom"
		raw, _ = os.ReadFile(filepath.Join(out, feedFile))
		if bytes.Contains(raw, []byte("<script")) || bytes.Contains(raw, []byte("<img")) {
			t.Errorf("%s: a payload is markup in the feed", feedFile)
		}
		feed := readFeed(t, out, feedFile)
		var titles string
		for _, e := range feed.Entries {
			titles += e.Title + "\n" + e.Content + "\n"
		}
		for _, p := range payloads[:7] {
			if !strings.Contains(titles, p) {
				t.Errorf("%s (%s): payload %q is not in the feed as text", feedFile, lang, p)
			}
		}
	}
}

func withdrawnAndSuspendedStayListed(t *testing.T, out string) {
	for lang, prefix := range uiPrefix {
		var all string
		found := map[string]*goquery.Selection{}
		for _, file := range listPages(t, out, prefix) {
			doc := page(t, out, file)
			for _, status := range []string{"withdrawn", "suspended"} {
				if g := doc.Find("#signatories-status-" + status); g.Length() > 0 {
					found[status] = g
				}
			}
			all += doc.Find("main").Text()
		}
		for status, id := range map[string]string{"withdrawn": "left", "suspended": "paused"} {
			g := found[status]
			if g == nil {
				t.Errorf("%s: no %s section", lang, status)
				continue
			}
			li := g.Find("#" + id)
			if li.Length() != 1 || li.Find(".signatory-change time").Length() != 1 {
				t.Errorf("%s: %s entry #%s is not in its section with a date", lang, status, id)
			}
			if category := map[string]string{"zh-hans": "企业", "en": "Company"}[lang]; !strings.Contains(li.Find(".signatory-facts").Text(), category) {
				t.Errorf("%s: %s entry #%s does not say its category", lang, status, id)
			}
		}
		if !strings.Contains(all, payloads[map[string]int{"zh-hans": 0, "en": 7}[lang]]) {
			t.Errorf("%s: the withdrawal reason is not shown", lang)
		}
		exp := checkJSON(t, compileSchema(t), out, prefix+initiative+"signatories.json")
		if exp.Counts.Withdrawn != 1 || exp.Counts.Suspended != 1 || exp.Counts.Active != exp.Counts.Total-2 {
			t.Errorf("%s counts %+v", lang, exp.Counts)
		}
		feed := readFeed(t, out, prefix+initiative+"signatories.atom")
		kinds := map[string]bool{}
		for _, e := range feed.Entries {
			kinds[e.ID[strings.LastIndex(e.ID, "/")+1:]] = true
		}
		if !kinds["withdrawn"] || !kinds["suspended"] || !kinds["joined"] {
			t.Errorf("%s feed has events %v, want joins, a withdrawal and a suspension", lang, kinds)
		}
	}
}

// With four entries a page the fixture list runs over several pages: each
// page names itself, the pager and the group links lead to pages that
// exist, and every entry is on exactly one page.
func longListIsPaginated(t *testing.T, out string) {
	for lang, prefix := range uiPrefix {
		pages := listPages(t, out, prefix)
		if len(pages) < 3 {
			t.Fatalf("%s: %d pages for 12 entries at 4 a page", lang, len(pages))
		}
		seen := map[string]string{}
		for n, file := range pages {
			doc := page(t, out, file)
			if got := doc.Find(`link[rel=canonical]`).AttrOr("href", ""); got != "https://concord.example.org/"+file {
				t.Errorf("%s canonical %q", file, got)
			}
			if n > 0 && !strings.Contains(doc.Find("title").Text(), fmt.Sprint(n+1)) {
				t.Errorf("%s: title %q does not give the page number", file, doc.Find("title").Text())
			}
			if got := doc.Find(`.signatory-pager a[aria-current=page]`).Text(); got != fmt.Sprint(n+1) {
				t.Errorf("%s: pager marks %q as current", file, got)
			}
			doc.Find(".signatory-pager a, .signatory-groups a").Each(func(_ int, a *goquery.Selection) {
				href := a.AttrOr("href", "")
				if strings.HasPrefix(href, "#") {
					href = "/" + file + href
				}
				if _, err := os.Stat(builtFile(out, href)); err != nil {
					t.Errorf("%s: link %q leads nowhere", file, href)
				}
			})
			doc.Find("li.signatory").Each(func(_ int, li *goquery.Selection) {
				id := li.AttrOr("id", "")
				if prev, dup := seen[id]; dup {
					t.Errorf("#%s on %s and %s", id, prev, file)
				}
				seen[id] = file
			})
			if n := doc.Find("li.signatory").Length(); n > 4 {
				t.Errorf("%s: %d entries on a page of 4", file, n)
			}
		}
		if len(seen) != 12 {
			t.Errorf("%s: %d entries over all pages, want 12", lang, len(seen))
		}
	}
}

// visibleSignatories is the IDs of the entries a reader sees.
const visibleSignatoriesJS = `[...document.querySelectorAll("li.signatory")].filter(li => li.offsetParent !== null).map(li => li.id)`

func setControl(t *testing.T, ctx context.Context, selector, value string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.value = %q;
		el.dispatchEvent(new Event(el.tagName === "SELECT" ? "change" : "input", {bubbles: true})); })()`, selector, value)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](js)); err != nil {
		t.Fatal(err)
	}
}

// waitVisible waits until n entries are visible (a search with Han
// characters first fetches the traditional → simplified table), and returns
// those visible when they are, or after ten seconds.
func waitVisible(t *testing.T, ctx context.Context, n int) []string {
	t.Helper()
	var ids []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if ids = visibleSignatories(t, ctx); len(ids) == n {
			break
		}
	}
	return ids
}

func visibleSignatories(t *testing.T, ctx context.Context) []string {
	t.Helper()
	ids, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](visibleSignatoriesJS))
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// With the script, the controls filter the list in place, a traditional
// spelling finds the simplified name, and the choice is in the address, so
// it survives a reload and can be shared.
func TestSignatoryFiltersWorkInPlaceAndLiveInTheURL(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	browser := browsertest.New(t)
	ctx := browser.Tab(t, 1280, 900, false)
	open(t, ctx, srv.URL+"/"+signatoriesPage)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("form.signatory-filters"))); err != nil {
		t.Fatalf("the filter form does not appear with script: %v", err)
	}
	if n := len(visibleSignatories(t, ctx)); n != 12 {
		t.Fatalf("%d entries visible before filtering, want 12", n)
	}

	setControl(t, ctx, "#signatory-q", "小紅書")
	if got := waitVisible(t, ctx, 1); !slices.Equal(got, []string{"xiaohongshu"}) {
		t.Errorf("search 小紅書 shows %v, want only xiaohongshu", got)
	}
	search, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	if !strings.Contains(search, "q=") {
		t.Errorf("the search is not in the address: %q", search)
	}
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	if got := waitVisible(t, ctx, 1); !slices.Equal(got, []string{"xiaohongshu"}) {
		t.Errorf("after reload the list shows %v", got)
	}

	setControl(t, ctx, "#signatory-q", "")
	setControl(t, ctx, "#signatory-category", "company")
	if got := visibleSignatories(t, ctx); len(got) != 4 || !slices.Contains(got, "kidswant") {
		t.Errorf("category company shows %v, want the 4 companies", got)
	}
	search, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.search`))
	if search != "?category=company" {
		t.Errorf("address query %q, want ?category=company", search)
	}
	browsertest.Screenshot(t, ctx, "companies")

	open(t, ctx, srv.URL+"/en/"+signatoriesPage+"?q=%EF%BC%AA%EF%BC%A4")
	if got := visibleSignatories(t, ctx); !slices.Equal(got, []string{"jd-com"}) {
		t.Errorf("full-width ＪＤ from the address shows %v, want jd-com", got)
	}
}

// A list longer than a page is searched in its JSON export: a result from
// the last page links to it, and an old link to an entry on another page
// (#id) is sent to the page that holds it.
func scriptSearchesEveryPage(t *testing.T, out string) {
	srv := browsertest.Serve(t, out, nil)
	browser := browsertest.New(t)
	ctx := browser.Tab(t, 1280, 900, false)
	open(t, ctx, srv.URL+"/en/"+signatoriesPage)
	setControl(t, ctx, "#signatory-q", "company that left")
	links, err := chromedp.Run(ctx, chromedp.Poll[[]string](
		`(() => { const a = [...document.querySelectorAll(".signatory-results a")].map(a => a.pathname + a.hash); return a.length ? a : null; })()`,
		chromedp.WithPollingTimeout(20*time.Second)))
	if err != nil {
		t.Fatalf("no search results from the JSON export: %v", err)
	}
	if len(links) != 1 || !strings.HasSuffix(links[0], "signatories.html#left") || !strings.Contains(links[0], "/page/") {
		t.Errorf("results link to %v, want the withdrawn entry on a later page", links)
	}
	browsertest.Screenshot(t, ctx, "search-results")

	ctx = browser.Tab(t, 1280, 900, false)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL+"/en/"+signatoriesPage+"#paused")); err != nil {
		t.Logf("navigate: %v", err)
	}
	// The script replaces the location, which ends any evaluation in flight:
	// ask again until the new page answers.
	var path string
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(200 * time.Millisecond) {
		path, _ = chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.hash`))
		if strings.Contains(path, "/page/") {
			break
		}
	}
	if !strings.Contains(path, "/page/") || !strings.HasSuffix(path, "signatories.html#paused") {
		t.Errorf("a link to #paused on page 1 ends at %q, want the page that holds it", path)
	}
	if got := visibleSignatories(t, ctx); !slices.Contains(got, "paused") {
		t.Errorf("the page reached holds %v, not #paused", got)
	}
}

// The search folds with the whole of OpenCC's table, as the validator does:
// each shipped Chinese name typed in a traditional spelling (糰 for 团, 甦
// for 苏, forms no hand-made table had) finds its entry.
func TestSearchFindsEveryNameInTraditionalSpelling(t *testing.T) {
	_, files, _, err := signatories.Load(repoRoot, signatories.Today())
	if err != nil {
		t.Fatal(err)
	}
	srv := browsertest.Serve(t, public, nil)
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	open(t, ctx, srv.URL+"/"+signatoriesPage)
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("form.signatory-filters"))); err != nil {
		t.Fatal(err)
	}
	tried := 0
	for _, e := range files[0].Entries {
		name := e.Name["zh-hans"]
		q := traditionalSpelling(name)
		if q == name {
			continue
		}
		tried++
		setControl(t, ctx, "#signatory-q", q)
		if got := waitVisible(t, ctx, 1); !slices.Equal(got, []string{e.ID}) {
			t.Errorf("search %s (%s) shows %v, want %s", q, name, got, e.ID)
		}
	}
	if tried < 8 {
		t.Errorf("only %d names have a traditional spelling: is the table there?", tried)
	}
}

// A mangled link (a fragment that is not valid percent-encoding) leaves the
// script working and throws nothing a reader's console would show.
func TestMalformedFragmentThrowsNothing(t *testing.T) {
	srv := browsertest.Serve(t, public, nil)
	ctx := browsertest.New(t).Tab(t, 1280, 900, false)
	listen, stop := context.WithCancel(ctx)
	messages := chromedp.Console(listen)
	var seen []chromedp.ConsoleMessage
	done := make(chan struct{})
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			seen = append(seen, m)
		}
	}()
	open(t, ctx, srv.URL+"/"+signatoriesPage+"#%E0%A4%A")
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS("form.signatory-filters"))); err != nil {
		t.Fatalf("the filters do not appear: %v", err)
	}
	setControl(t, ctx, "#signatory-q", "JD")
	if got := waitVisible(t, ctx, 1); !slices.Equal(got, []string{"jd-com"}) {
		t.Errorf("after the malformed fragment, search JD shows %v", got)
	}
	time.Sleep(300 * time.Millisecond)
	stop()
	<-done
	for _, m := range seen {
		if m.IsException() || m.Type == chromedp.ConsoleError {
			t.Errorf("console: %s", m)
		}
	}
}
