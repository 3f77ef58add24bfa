// Package alignfixture makes small sites that produce one finding of each
// aligncheck code. The checker's own tests use them code by code; the site
// tests put all of them in one site to show that the build and the status
// page cope with every kind of finding.
package alignfixture

import (
	"strconv"
	"strings"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// HugoTOML configures the two languages every case is written for.
const HugoTOML = `defaultContentLanguage = "zh-hans"
[languages.zh-hans]
locale = "zh-Hans"
weight = 1
[languages.en]
locale = "en"
weight = 2
`

// Case is one initiative folder (file name → content, relative to the
// folder) whose check yields a finding of Code in Lang ("" for the
// initiative itself). Cases that compare terms and titles need the
// repository's data/glossary.toml.
type Case struct {
	Code, Lang string
	Files      map[string]string
	// Languages are the language keys the case adds to zh-hans and en
	// (LanguagesTOML gives their hugo.toml tables).
	Languages []string
}

// LanguagesTOML is the hugo.toml tables of languages added by cases, after
// the two of HugoTOML.
func LanguagesTOML(keys []string) string {
	var b strings.Builder
	for i, k := range keys {
		b.WriteString("[languages." + k + "]\nlocale = \"" + k + "\"\nweight = " + strconv.Itoa(3+i) + "\n")
	}
	return b.String()
}

// withLanguage adds a clause 1 in language key, translated from English.
func withLanguage(m map[string]string, key, body string) {
	m["1."+key+".md"] = FM("1", "I", 10, "status = \"translation\"\nfrom = \"en\"") + body + "\n"
}

const index = "+++\ntitle = \"T\"\nsourceLanguage = \"zh-hans\"\n+++\n"

// FM is a clause's front matter: title, number (none when ""), weight and
// the lines of its [provenance] table.
func FM(title, number string, weight int, prov string) string {
	var b strings.Builder
	b.WriteString("+++\ntitle = \"" + title + "\"\n")
	if number != "" {
		b.WriteString("number = \"" + number + "\"\n")
	}
	b.WriteString("weight = " + strconv.Itoa(weight) + "\n\n[provenance]\n" + prov + "\n+++\n\n")
	return b.String()
}

// ZhBody and EnBody are the clean clause's text, a translation pair.
const (
	ZhBody = "主播应当如实披露商品信息，平台经营者应当在三个工作日内处理消费者投诉。"
	EnBody = "Anchors should truthfully disclose information about products, and platform operators should handle consumer complaints within three business days."
)

// Clean is an initiative with one clause in both languages and no finding.
func Clean() map[string]string {
	return map[string]string{
		"_index.zh-hans.md": index,
		"_index.en.md":      "+++\ntitle = \"T\"\n+++\n",
		"1.zh-hans.md":      FM("一", "一", 10, `status = "source"`) + ZhBody + "\n",
		"1.en.md":           FM("One", "I", 10, `status = "corrected"`+"\n[[provenance.corrections]]\nwas = \"a\"\nnow = \"b\"\nwhy = \"c\"") + EnBody + "\n",
	}
}

// Cases returns one case per code, in the order of align.Rules' codes as
// the checker's test first listed them.
func Cases() []Case {
	fpZh := fingerprintOf(FM("一", "一", 10, `status = "source"`) + ZhBody + "\n")
	cases := []struct {
		code, lang string
		edit       func(m map[string]string)
		langs      []string
	}{
		{align.CodeMissing, "en", func(m map[string]string) { delete(m, "1.en.md") }, nil},
		// A file with no language code (the other variant, a language
		// hugo.toml lacks, stops the Hugo build with a bad clause ID).
		{align.CodeExtraFile, "zh-hans", func(m map[string]string) {
			m["2.md"] = FM("二", "二", 20, `status = "source"`) + "商家应当保障商品质量。\n"
			m["2.en.md"] = FM("Two", "II", 20, `status = "source"`) + "Vendors should guarantee product quality.\n"
		}, nil},
		{align.CodeDuplicate, "en", func(m map[string]string) { m["1/index.en.md"] = m["1.en.md"] }, nil},
		{align.CodeNumbering, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], `number = "I"`, `number = "II"`, 1)
		}, nil},
		{align.CodeOrder, "en", func(m map[string]string) {
			m["2.zh-hans.md"] = FM("二", "二", 20, `status = "source"`) + "商家应当保障商品质量。\n"
			m["2.en.md"] = FM("Two", "II", 5, `status = "source"`) + "Vendors should guarantee product quality.\n"
		}, nil},
		{align.CodeTruncated, "en", func(m map[string]string) {
			m["1.zh-hans.md"] = FM("一", "一", 10, `status = "source"`) + strings.Repeat(ZhBody, 4) + "\n"
		}, nil},
		{align.CodePadded, "en", func(m map[string]string) {
			m["1.en.md"] = FM("One", "I", 10, `status = "source"`) + strings.Repeat(EnBody+" ", 4) + "\n"
		}, nil},
		{align.CodeCutOff, "en", func(m map[string]string) {
			delete(m, "1.zh-hans.md")
			m["1.en.md"] = FM("One", "I", 10, `status = "source"`) + "Anchors should truthfully disclose,Promoting\n"
		}, nil},
		{align.CodeNoFinalStop, "en", func(m map[string]string) { m["1.en.md"] = strings.Replace(m["1.en.md"], "days.", "days", 1) }, nil},
		{align.CodeUnpaired, "en", func(m map[string]string) {
			// The English leaves out the long fourth sentence; four more
			// clauses give the document a median ratio.
			for i, zh := range []string{"商家应当保障商品质量。", "各方应当加强沟通。", "平台应当建立规则。", "主播应当遵守法律。"} {
				en := []string{"Vendors should guarantee product quality.", "All parties should strengthen communication.", "Platforms should establish rules.", "Anchors should abide by the law."}[i]
				id := strconv.Itoa(i + 2)
				m[id+".zh-hans.md"] = FM(id, "", 20+i, `status = "source"`) + zh + "\n"
				m[id+".en.md"] = FM(id, "", 20+i, `status = "source"`) + en + "\n"
			}
			m["1.zh-hans.md"] = FM("一", "一", 10, `status = "source"`) + "主播应当如实披露商品信息。平台经营者应当处理消费者投诉。商家应当保障商品质量。各级主管部门应当每年公布网络广告、直播营销、支付服务和物流配送等领域的监督检查情况，并向社会公开典型案例。各方应当加强沟通。\n"
			m["1.en.md"] = FM("One", "I", 10, `status = "source"`) + "Anchors should truthfully disclose information about products. Platform operators should handle consumer complaints. Vendors should guarantee product quality. All parties should strengthen communication.\n"
		}, nil},
		{align.CodeHanInAlpha, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], "products,", "products,发行说明", 1)
		}, nil},
		{align.CodeLatinInHan, "zh-hans", func(m map[string]string) {
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "主播", "主播（live streaming anchors）", 1)
		}, nil},
		{align.CodeWidePunct, "en", func(m map[string]string) { m["1.en.md"] = strings.Replace(m["1.en.md"], "products,", "products，", 1) }, nil},
		{align.CodeMissingSpace, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], "products, and", "products,and", 1)
		}, nil},
		{align.CodeNumberMissing, "en", func(m map[string]string) {
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "三个工作日", "4个工作日", 1)
		}, nil},
		{align.CodeNumberCount, "en", func(m map[string]string) {
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "三个工作日", "3个工作日", 1)
			m["1.en.md"] = strings.Replace(m["1.en.md"], "three business days", "3 business days (3 at most, 3 at least)", 1)
		}, nil},
		{align.CodeNumberWords, "en", func(m map[string]string) { m["1.en.md"] = strings.Replace(m["1.en.md"], "three", "four", 1) }, nil},
		{align.CodeTitleUnmatched, "zh-hans", func(m map[string]string) {
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "主播应当", "主播应当遵守《电子商务法》，", 1)
		}, nil},
		{align.CodeTitleExtra, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], "Anchors should", "Under the E-Commerce Law, anchors should", 1)
		}, nil},
		{align.CodeTitleUnknown, "zh-hans", func(m map[string]string) {
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "主播应当", "主播应当遵守《某某规定》，", 1)
		}, nil},
		{align.CodeForbiddenTerm, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], "platform operators", "platform operators and platform managers", 1)
		}, nil},
		{align.CodeTermMissing, "en", func(m map[string]string) { m["1.en.md"] = strings.Replace(m["1.en.md"], "Anchors", "Presenters", 1) }, nil},
		{align.CodeStale, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], `status = "corrected"`, `status = "corrected"`+"\nsourceFingerprint = \""+fpZh+"\"", 1)
			m["1.zh-hans.md"] = strings.Replace(m["1.zh-hans.md"], "三个工作日", "三个工作日（节假日除外）", 1)
		}, nil},
		{align.CodeNeverStamped, "en", func(m map[string]string) {
			m["1.en.md"] = FM("One", "I", 10, "status = \"translation\"\nfrom = \"zh-hans\"") + EnBody + "\n"
		}, nil},
		{align.CodeBadFingerprint, "en", func(m map[string]string) {
			m["1.en.md"] = strings.Replace(m["1.en.md"], `status = "corrected"`, `status = "corrected"`+"\nsourceFingerprint = \"md5:abc\"", 1)
		}, nil},
		{align.CodeNoFrom, "en", func(m map[string]string) { m["1.en.md"] = FM("One", "I", 10, `status = "translation"`) + EnBody + "\n" }, nil},
		{align.CodeNoCorrections, "en", func(m map[string]string) { m["1.en.md"] = FM("One", "I", 10, `status = "corrected"`) + EnBody + "\n" }, nil},
		{align.CodeBadStatus, "en", func(m map[string]string) { m["1.en.md"] = FM("One", "I", 10, `status = "fixed"`) + EnBody + "\n" }, nil},
		{align.CodeBadFrom, "en", func(m map[string]string) {
			m["1.en.md"] = FM("One", "I", 10, "status = \"translation\"\nfrom = \"fr\"") + EnBody + "\n"
		}, nil},
		{align.CodeNoFrontMatter, "en", func(m map[string]string) { m["1.en.md"] = EnBody + "\n" }, nil},
		{align.CodeEmpty, "en", func(m map[string]string) { m["1.en.md"] = FM("One", "I", 10, `status = "source"`) }, nil},
		{align.CodeSourceLanguage, "", func(m map[string]string) { m["_index.zh-hans.md"] = "+++\ntitle = \"T\"\n+++\n" }, nil},
		// Italian has no calibrated length model: a short clause is only a
		// warning.
		{align.CodeTruncatedUncalibrated, "it", func(m map[string]string) { withLanguage(m, "it", "I presentatori.") }, []string{"it"}},
		{align.CodeCutOffUncalibrated, "it", func(m map[string]string) { withLanguage(m, "it", "I presentatori dovrebbero") }, []string{"it"}},
		{align.CodeUntranslated, "fr", func(m map[string]string) { withLanguage(m, "fr", EnBody) }, []string{"fr"}},
		// The clean initiative's corrected English has no fingerprint.
		{align.CodeNotStamped, "en", func(map[string]string) {}, nil},
		// French is configured and the initiative has no French file yet.
		{align.CodeNotInLanguage, "fr", func(map[string]string) {}, []string{"fr"}},
	}
	out := make([]Case, len(cases))
	for i, c := range cases {
		files := Clean()
		c.edit(files)
		out[i] = Case{Code: c.code, Lang: c.lang, Files: files, Languages: c.langs}
	}
	return out
}

func fingerprintOf(src string) string {
	c, err := contentsite.ParseClause("x.md", []byte(src))
	if err != nil {
		panic(err)
	}
	return align.Fingerprint(c)
}
