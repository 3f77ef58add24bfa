package endorse

import (
	"net/url"
	"testing"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/concord-initiative/concord/internal/endorse/store"
	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

// FuzzSubmission: whatever body a client posts, parsing it never panics,
// and an entry made of what it typed is TOML that reads back as one
// [[signatory]] with exactly the strings typed: no value can end its
// string and write keys or entries of its own. Seeds: testdata/fuzz/FuzzSubmission.
func FuzzSubmission(f *testing.F) {
	f.Add(form("a@acme.example").Encode())
	f.Add("original_name=%22+%7D%0A%5B%5Bsignatory%5D%5D&original_lang=en&email=a%40b.example&category=company")
	f.Add("original_name=%E2%80%AE%00%1b&name_zh-hans=%5C%22&lang=zh-hans&t=1.x&homepage=x")
	langs := []string{"zh-hans", "en"}
	cat := toolmessages.Defaults()
	f.Fuzz(func(t *testing.T, body string) {
		v, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		sub := ParseSubmission(v, langs, "zh-hans")
		checkFields(sub, func(m *i18n.Message) string { return m.Other })
		canonicalEmail(sub.Email)
		e := &store.Endorsement{Names: sub.names(langs), OriginalLang: sub.OriginalLang, OriginalName: sub.OriginalName,
			Category: sub.Category, Website: sub.Website, EvidenceURL: sub.EvidenceURL}
		text := entryOf(cat, langs, e, t0, "x").TOML(langs)
		file, ps := signatories.Parse("f.toml", []byte(text))
		if errs := ps.Errors(); len(errs) > 0 || len(file.Entries) != 1 {
			t.Fatalf("%d entries, problems %v, from:\n%s", len(file.Entries), errs, text)
		}
		got := file.Entries[0]
		if got.Original == nil || got.Original.Name != sub.OriginalName || got.Original.Lang != sub.OriginalLang || got.Website != sub.Website {
			t.Errorf("read back %+v, typed %+v", got, sub)
		}
		for l, n := range e.Names {
			if got.Name[l] != n {
				t.Errorf("name.%s read back %q, typed %q", l, got.Name[l], n)
			}
		}
	})
}
