package align_test

import (
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/align/alignfixture"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// FuzzCheckLanguages is FuzzCheck for an English source and a translation
// in one of the languages with their own number formats, words and scripts.
func FuzzCheckLanguages(f *testing.F) {
	f.Add(alignfixture.EnBody, "Les plateformes traitent 48 500 réclamations, soit 3,5 %, dans un délai de trois jours.", "Article 1", "Article premier", uint8(0))
	f.Add(alignfixture.EnBody, alignfixture.EnBody, "1", "Artikel 1", uint8(1))
	f.Add("", "تعالج المنصات ٤٨٬٥٠٠ شكوى", "", "المادة ١", uint8(4))
	langs := []string{"fr", "de", "es", "ru", "ar", "it", "ja"}
	f.Fuzz(func(t *testing.T, en, tr, nen, ntr string, which uint8) {
		lang := langs[int(which)%len(langs)]
		site, err := contentsite.ParseConfig("hugo.toml", []byte("defaultContentLanguage = \"en\"\n[languages.en]\nlocale = \"en\"\nweight = 1\n[languages."+lang+"]\nlocale = \""+lang+"\"\nweight = 2\n"))
		if err != nil {
			t.Fatal(err)
		}
		in := &contentsite.Initiative{ID: "x", Dir: "content/initiatives/x", Index: map[string]*contentsite.IndexPage{"en": {Lang: "en", SourceLanguage: "en"}}}
		for _, v := range []struct{ lang, body, num, prov string }{{"en", en, nen, `status = "source"`}, {lang, tr, ntr, "status = \"translation\"\nfrom = \"en\""}} {
			src := "+++\ntitle = \"t\"\nnumber = " + quote(v.num) + "\nweight = 1\n[provenance]\n" + v.prov + "\n+++\n" + v.body
			c, err := contentsite.ParseClause(in.Dir+"/1."+v.lang+".md", []byte(src))
			if err != nil {
				return
			}
			c.ID, c.Lang = "1", v.lang
			in.Clauses = append(in.Clauses, c)
		}
		site.Initiatives = []*contentsite.Initiative{in}
		for _, f := range (&align.Checker{Model: align.DefaultModel}).Check(site).Findings {
			if f.File == "" || f.Line < 1 || f.Code == "" || strings.Contains(f.Message, "\n") {
				t.Fatalf("bad finding %+v", f)
			}
		}
	})
}
