package contentsite

import (
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// FuzzParseClause: any bytes either parse or give a *ParseError with a line;
// never a panic or a hang.
func FuzzParseClause(f *testing.F) {
	f.Add([]byte("+++\ntitle = \"一\"\nnumber = \"一\"\nweight = 10\n\n[provenance]\nstatus = \"translation\"\nfrom = \"en\"\n+++\n\n正文。\n"))
	f.Add([]byte("+++\ntitle = \"x\"\n"))
	f.Add([]byte("---\ntitle: x\n---\n"))
	f.Add([]byte("no front matter {{< shortcode >}} `code` https://example.org\n\n- item\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		c, err := ParseClause("f.md", src)
		if err != nil {
			pe, ok := err.(*siteconfig.ParseError)
			if !ok || pe.File != "f.md" || pe.Line < 1 || strings.Contains(pe.Msg, "\n") {
				t.Fatalf("error is not a one-line located ParseError: %#v", err)
			}
			return
		}
		for _, b := range c.Blocks {
			if b.Line < 1 {
				t.Fatalf("block without a line: %+v", b)
			}
		}
	})
}

func FuzzParseConfig(f *testing.F) {
	f.Add([]byte("defaultContentLanguage = \"zh-hans\"\n[languages.zh-hans]\nweight = 1\n[languages.en]\nweight = 2\n"))
	f.Add([]byte("[languages]\nen = 3\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := ParseConfig("hugo.toml", src)
		if err == nil && s.Language(s.DefaultLanguage) == nil {
			t.Fatalf("default language %q not among %v", s.DefaultLanguage, s.Languages)
		}
	})
}
