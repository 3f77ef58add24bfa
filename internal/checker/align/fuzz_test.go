package align_test

import (
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/align/alignfixture"
	"github.com/concord-initiative/concord/internal/checker/stamp"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// FuzzCheck runs every check on one clause pair of arbitrary text: no panic,
// no hang, and every finding located.
func FuzzCheck(f *testing.F) {
	f.Add(alignfixture.ZhBody, alignfixture.EnBody, "一", "I")
	f.Add("主播、平台经营者及商家要认真遵守《直播电商行业自律倡议书》 《电子商务法》", "E-Commerce Law,Law of the People's Republic of China on Product Quality,发行说明", "第二", "II")
	f.Add("", "", "", "")
	f.Add("{{< x >}}\n\n```\ncode\n```\n\n- 一\n- 二", "* one\n* two\n\n<div>x</div>", "第十二条", "Article 12")
	g := repoGlossary(f)
	f.Fuzz(func(t *testing.T, zh, en, nzh, nen string) {
		site, err := contentsite.ParseConfig("hugo.toml", []byte(alignfixture.HugoTOML))
		if err != nil {
			t.Fatal(err)
		}
		in := &contentsite.Initiative{ID: "x", Dir: "content/initiatives/x", Index: map[string]*contentsite.IndexPage{"zh-hans": {Lang: "zh-hans", SourceLanguage: "zh-hans"}}}
		for _, v := range []struct{ lang, body, num string }{{"zh-hans", zh, nzh}, {"en", en, nen}} {
			src := "+++\ntitle = \"t\"\nnumber = " + quote(v.num) + "\nweight = 1\n[provenance]\nstatus = \"source\"\n+++\n" + v.body
			c, err := contentsite.ParseClause(in.Dir+"/1."+v.lang+".md", []byte(src))
			if err != nil {
				return
			}
			c.ID, c.Lang = "1", v.lang
			in.Clauses = append(in.Clauses, c)
		}
		site.Initiatives = []*contentsite.Initiative{in}
		res := (&align.Checker{Model: align.DefaultModel, Glossary: g}).Check(site)
		for _, f := range res.Findings {
			if f.File == "" || f.Line < 1 || f.Code == "" || strings.Contains(f.Message, "\n") {
				t.Fatalf("bad finding %+v", f)
			}
		}
	})
}

func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`).Replace(s) + `"`
}

// FuzzStamp: stamping either refuses or changes exactly one line.
func FuzzStamp(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"t\"\n[provenance]\nstatus = \"translation\"\nfrom = \"en\"\n+++\nx\n"))
	f.Add([]byte("+++\r\n[provenance]\r\nsourceFingerprint = \"old\" # c\r\n+++\r\n"))
	f.Add([]byte("+++\n[provenance.corrections]\n+++\n"))
	fp := "sha256:" + strings.Repeat("ab", 32)
	f.Fuzz(func(t *testing.T, src []byte) {
		out, err := stamp.Rewrite("f.md", src, fp)
		if err != nil {
			return
		}
		a, b := strings.Split(string(src), "\n"), strings.Split(string(out), "\n")
		changed := 0
		if len(b) == len(a) {
			for i := range a {
				if a[i] != b[i] {
					changed++
				}
			}
		} else if len(b) == len(a)+1 {
			changed = 1
		} else {
			t.Fatalf("line count %d -> %d", len(a), len(b))
		}
		if changed > 1 {
			t.Fatalf("%d lines changed", changed)
		}
	})
}
