package align_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/align"
	"github.com/concord-initiative/concord/internal/contentsite"
	"github.com/concord-initiative/concord/internal/glossary"
)

const hugoTOML = `defaultContentLanguage = "zh-hans"
[languages.zh-hans]
locale = "zh-Hans"
weight = 1
[languages.en]
locale = "en"
weight = 2
`

const index = "+++\ntitle = \"T\"\nsourceLanguage = \"zh-hans\"\n+++\n"

func fm(title, number string, weight int, prov string) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"" + title + "\"\n")
	if number != "" {
		b.WriteString("number = \"" + number + "\"\n")
	}
	b.WriteString("weight = " + itoa(weight) + "\n\n[provenance]\n" + prov + "\n+++\n\n")
	return b.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

const (
	zhBody = "主播应当如实披露商品信息，平台经营者应当在三个工作日内处理消费者投诉。"
	enBody = "Anchors should truthfully disclose information about products, and platform operators should handle consumer complaints within three business days."
)

// clean is a site with one clause in both languages and no finding.
func clean() map[string]string {
	return map[string]string{
		"hugo.toml":          hugoTOML,
		"_index.zh-hans.md":  index,
		"1.zh-hans.md":       fm("一", "一", 10, `status = "source"`) + zhBody + "\n",
		"1.en.md":            fm("One", "I", 10, `status = "corrected"`+"\n[[provenance.corrections]]\nwas = \"a\"\nnow = \"b\"\nwhy = \"c\"") + enBody + "\n",
		"data/glossary.toml": "",
	}
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		switch {
		case name == "hugo.toml" || strings.HasPrefix(name, "data/"):
		default:
			p = filepath.Join(dir, "content", "initiatives", "x", name)
		}
		if name == "data/glossary.toml" {
			raw, err := os.ReadFile(filepath.Join(repoRoot, "data", "glossary.toml"))
			if err != nil {
				t.Fatal(err)
			}
			body = string(raw)
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func runSite(t *testing.T, files map[string]string) []align.Finding {
	t.Helper()
	dir := writeSite(t, files)
	site, err := contentsite.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	g, err := glossary.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	return (&align.Checker{Model: align.DefaultModel, Glossary: g}).Check(site).Findings
}

// TestCleanPair: nothing but the note that the corrected English, compared
// with the Chinese, was never stamped (staleness is never silent).
func TestCleanPair(t *testing.T) {
	for _, f := range runSite(t, clean()) {
		if f.Code == align.CodeNotStamped && f.Language == "en" {
			continue
		}
		t.Errorf("unexpected %s %s %s: %s", f.Code, f.Clause, f.Language, f.Message)
	}
}

// withLanguage adds a third language to the clean site, translated from
// English.
func withLanguage(m map[string]string, key, body string) {
	m["hugo.toml"] += "[languages." + key + "]\nlocale = \"" + key + "\"\nweight = 3\n"
	m["1."+key+".md"] = fm("1", "I", 10, "status = \"translation\"\nfrom = \"en\"") + body + "\n"
}

func TestCodes(t *testing.T) {
	fpZh := align.Fingerprint(mustClause(t, fm("一", "一", 10, `status = "source"`)+zhBody+"\n"))
	cases := []struct {
		code, lang string
		edit       func(m map[string]string)
	}{
		{align.CodeMissing, "en", func(m map[string]string) { delete(m, "1.en.md") }},
		{align.CodeExtraFile, "fr", func(m map[string]string) { m["1.fr.md"] = m["1.en.md"] }},
		{align.CodeDuplicate, "en", func(m map[string]string) { m["1/index.en.md"] = m["1.en.md"] }},
		{align.CodeNumbering, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], `number = "I"`, `number = "II"`, 1)
		}},
		{align.CodeOrder, "en", func(m map[string]string) {
			m["2.zh-hans.md"] = fm("二", "二", 20, `status = "source"`) + "商家应当保障商品质量。\n"
			m["2.en.md"] = fm("Two", "II", 5, `status = "source"`) + "Vendors should guarantee product quality.\n"
		}},
		{align.CodeTruncated, "en", func(m map[string]string) {
			m["1.zh-hans.md"] = fm("一", "一", 10, `status = "source"`) + strings.Repeat(zhBody, 4) + "\n"
		}},
		{align.CodePadded, "en", func(m map[string]string) {
			m["1.en.md"] = fm("One", "I", 10, `status = "source"`) + strings.Repeat(enBody+" ", 4) + "\n"
		}},
		{align.CodeCutOff, "en", func(m map[string]string) {
			delete(m, "1.zh-hans.md")
			m["1.en.md"] = fm("One", "I", 10, `status = "source"`) + "Anchors should truthfully disclose,Promoting\n"
		}},
		{align.CodeNoFinalStop, "en", func(m map[string]string) { m["1.en.md"] = strings.Replace(m["1.en.md"], "days.", "days", 1) }},
		{align.CodeUnpaired, "en", func(m map[string]string) {
			// The English leaves out the long fourth sentence; four more
			// clauses give the document a median ratio.
			for i, zh := range []string{"商家应当保障商品质量。", "各方应当加强沟通。", "平台应当建立规则。", "主播应当遵守法律。"} {
				en := []string{"Vendors should guarantee product quality.", "All parties should strengthen communication.", "Platforms should establish rules.", "Anchors should abide by the law."}[i]
				id := strconv.Itoa(i + 2)
				m[id+".zh-hans.md"] = fm(id, "", 20+i, `status = "source"`) + zh + "\n"
				m[id+".en.md"] = fm(id, "", 20+i, `status = "source"`) + en + "\n"
			}
			m["1.zh-hans.md"] = fm("一", "一", 10, `status = "source"`) + "主播应当如实披露商品信息。平台经营者应当处理消费者投诉。商家应当保障商品质量。各级主管部门应当每年公布网络广告、直播营销、支付服务和物流配送等领域的监督检查情况，并向社会公开典型案例。各方应当加强沟通。\n"
			m["1.en.md"] = fm("One", "I", 10, `status = "source"`) + "Anchors should truthfully disclose information about products. Platform operators should handle consumer complaints. Vendors should guarantee product quality. All parties should strengthen communication.\n"
		}},
		{align.CodeHanInAlpha, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], "products,", "products,发行说明", 1)
		}},
		{align.CodeLatinInHan, "zh-hans", func(m map[string]string) {
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "主播", "主播（live streaming anchors）", 1)
		}},
		{align.CodeWidePunct, "en", func(m map[string]string) { m["1.en.md"] = strings.Replace(m["1.en.md"], "products,", "products，", 1) }},
		{align.CodeMissingSpace, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], "products, and", "products,and", 1)
		}},
		{align.CodeNumberMissing, "en", func(m map[string]string) {
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "三个工作日", "4个工作日", 1)
		}},
		{align.CodeNumberCount, "en", func(m map[string]string) {
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "三个工作日", "3个工作日", 1)
			m["1.en.md"] = strings.Replace(m["1.en.md"], "three business days", "3 business days (3 at most, 3 at least)", 1)
		}},
		{align.CodeNumberWords, "en", func(m map[string]string) { m["1.en.md"] = strings.Replace(m["1.en.md"], "three", "four", 1) }},
		{align.CodeTitleUnmatched, "zh-hans", func(m map[string]string) {
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "主播应当", "主播应当遵守《电子商务法》，", 1)
		}},
		{align.CodeTitleExtra, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], "Anchors should", "Under the E-Commerce Law, anchors should", 1)
		}},
		{align.CodeTitleUnknown, "zh-hans", func(m map[string]string) {
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "主播应当", "主播应当遵守《某某规定》，", 1)
		}},
		{align.CodeForbiddenTerm, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], "platform operators", "platform operators and platform managers", 1)
		}},
		{align.CodeTermMissing, "en", func(m map[string]string) { m["1.en.md"] = strings.Replace(m["1.en.md"], "Anchors", "Presenters", 1) }},
		{align.CodeStale, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], `status = "corrected"`, `status = "corrected"`+"\nsourceFingerprint = \""+fpZh+"\"", 1)
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "三个工作日", "三个工作日（节假日除外）", 1)
		}},
		{align.CodeNeverStamped, "en", func(m map[string]string) {
			m["1.en.md"] = fm("One", "I", 10, "status = \"translation\"\nfrom = \"zh-hans\"") + enBody + "\n"
		}},
		{align.CodeBadFingerprint, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], `status = "corrected"`, `status = "corrected"`+"\nsourceFingerprint = \"md5:abc\"", 1)
		}},
		{align.CodeNoFrom, "en", func(m map[string]string) { m["1.en.md"] = fm("One", "I", 10, `status = "translation"`) + enBody + "\n" }},
		{align.CodeNoCorrections, "en", func(m map[string]string) { m["1.en.md"] = fm("One", "I", 10, `status = "corrected"`) + enBody + "\n" }},
		{align.CodeBadStatus, "en", func(m map[string]string) { m["1.en.md"] = fm("One", "I", 10, `status = "fixed"`) + enBody + "\n" }},
		{align.CodeBadFrom, "en", func(m map[string]string) {
			m["1.en.md"] = fm("One", "I", 10, "status = \"translation\"\nfrom = \"fr\"") + enBody + "\n"
		}},
		{align.CodeNoFrontMatter, "en", func(m map[string]string) { m["1.en.md"] = enBody + "\n" }},
		{align.CodeEmpty, "en", func(m map[string]string) { m["1.en.md"] = fm("One", "I", 10, `status = "source"`) }},
		{align.CodeSourceLanguage, "", func(m map[string]string) { m["_index.zh-hans.md"] = "+++\ntitle = \"T\"\n+++\n" }},
		// Italian has no calibrated length model: a short clause is only a
		// warning.
		{align.CodeTruncatedUncalibrated, "it", func(m map[string]string) { withLanguage(m, "it", "I presentatori.") }},
		{align.CodeCutOffUncalibrated, "it", func(m map[string]string) { withLanguage(m, "it", "I presentatori dovrebbero") }},
		{align.CodeUntranslated, "fr", func(m map[string]string) { withLanguage(m, "fr", enBody) }},
		{align.CodeNotStamped, "en", func(map[string]string) {}},
	}
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.code] = true
		t.Run(c.code, func(t *testing.T) {
			files := clean()
			c.edit(files)
			fs := runSite(t, files)
			for _, f := range fs {
				if f.Code == c.code && f.Language == c.lang {
					if f.File == "" || f.Line < 1 || f.Message == "" || f.Fingerprint == "" {
						t.Errorf("finding lacks a location or message: %+v", f)
					}
					return
				}
			}
			t.Errorf("no %s on %s; got:", c.code, c.lang)
			for _, f := range fs {
				t.Logf("  %s %s %s: %s", f.Code, f.Clause, f.Language, f.Message)
			}
		})
	}
	for _, r := range align.Rules {
		if !seen[r.Code] {
			t.Errorf("rule %s (%s) has no test case", r.Code, r.Name)
		}
	}
}

func mustClause(t *testing.T, src string) *contentsite.Clause {
	t.Helper()
	c, err := contentsite.ParseClause("x.md", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return c
}
