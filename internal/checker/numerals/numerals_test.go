package numerals

import (
	"slices"
	"sort"
	"testing"
)

func TestOrdinal(t *testing.T) {
	cases := map[string]int{
		"一": 1, "二": 2, "三": 3, "十二": 12, "第十二条": 12, "I": 1, "II": 2, "III": 3, "iv": 4,
		"Article 12": 12, "12": 12, "１２": 12, "二、": 2, "第二": 2, "3.": 3, "(3)": 3, "Third": 3, "一百零三": 103,
	}
	for in, want := range cases {
		got, ok := Ordinal(in)
		if !ok || got != want {
			t.Errorf("Ordinal(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "IIII", "abc", "十四五", "序言"} {
		if v, ok := Ordinal(bad); ok {
			t.Errorf("Ordinal(%q) = %d, want no value", bad, v)
		}
	}
}

func values(n Numbers) []string {
	var v []string
	for _, x := range n.List {
		v = append(v, x.Value)
	}
	sort.Strings(v)
	return v
}

func TestExtract(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"在三个工作日内", []string{"3"}},
		{"within three business days", []string{"3"}},
		{"2020年9月5日", []string{"2020", "5", "9"}},
		{"on 5 September 2020", []string{"2020", "5", "9"}},
		{"September 5, 2020", []string{"2020", "5", "9"}},
		{"百分之五十的商家", []string{"50%"}},
		{"50 percent of vendors", []string{"50%"}},
		{"50% of vendors", []string{"50%"}},
		{"5G、人工智能", []string{"5"}},
		{"such as 5G,artificial intelligence", []string{"5"}},
		{"统一规范，一些商家，十分重要，千万不要", nil},
		{"一个良好的环境", nil},
		{"a good one", nil},
		{"1,000 yuan", []string{"1000"}},
		{"3万元", []string{"30000"}},
		{"第三方平台", []string{"3"}},
		{"third-party platforms", []string{"3"}},
		{"twenty-five items and three hundred more", []string{"25", "300"}},
		{"二〇二〇年", []string{"2020"}},
		{"version 2.1.0 and 3.5", []string{"2.1.0", "3.5"}},
		{"May we", nil},
	}
	for _, c := range cases {
		got := values(Extract(c.in))
		if !slices.Equal(got, c.want) {
			t.Errorf("Extract(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}
