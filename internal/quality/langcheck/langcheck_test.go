package langcheck

import (
	"strings"
	"testing"
)

func TestTextMustBeInTheLanguageItsElementDeclares(t *testing.T) {
	page := `<!doctype html><html lang=en><head><title>直播 · Concord</title></head><body>
<p class=other-title lang=zh-Hans>直播电商行业自律倡议书</p>
<p>Launched at the conference. The MCN app and 2020.</p>
<div class=cell><p>bad 发行说明 here</p></div>
<div lang=zh-Hans><p>主播要遵守MCN机构的App规则。</p>
  <p class=oops>平台 and this is plainly an English sentence here</p>
  <textarea>&lt;blockquote class="concord-clause" data-lang="zh-Hans"&gt;</textarea>
  <a lang=en href=/en/>English version of this page</a></div>
<main><p>无语言</p></main>
</body></html>`
	got, err := Check(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, p := range got {
		lines = append(lines, p.String())
	}
	want := []string{
		`title (lang="en"): "直播 · Concord": Chinese text outside`,
		`div.cell > p (lang="en"): "bad 发行说明 here": Chinese text outside`,
		`div > p.oops (lang="zh-Hans"): "and this is plainly an English sentence here": English phrase`,
		`main > p (lang="en"): "无语言": Chinese text outside`,
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%s", len(lines), len(want), strings.Join(lines, "\n"))
	}
	for i := range want {
		if !strings.Contains(lines[i], want[i]) {
			t.Errorf("problem %d = %s\nwant it to contain %s", i, lines[i], want[i])
		}
	}
}

func FuzzCheck(f *testing.F) {
	f.Add(`<p lang=zh>abc def ghi jkl 中文</p>`)
	f.Add(`<html lang=en><p>中</p>`)
	f.Fuzz(func(t *testing.T, page string) {
		Check(strings.NewReader(page))
	})
}
