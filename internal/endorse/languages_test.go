package endorse

import (
	"net/http"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// A site with a third language (the three kinds of file only, its i18n
// file an untranslated copy of English, the initiative not yet in it): the
// form sent from its page asks for the name in that language too, the
// service answers in it, and the entry goes through confirmation like any
// other. Nothing in the service lists the site's languages.
func TestAThirdLanguageSiteTakesEndorsements(t *testing.T) {
	dir := testSite(t)
	if err := sitefixture.AddLanguages(dir, []string{"fr"}); err != nil {
		t.Fatal(err)
	}
	h := newHarnessOn(t, dir, openSQLite(t), nil)
	c := h.client()
	v := form("fr@acme.example")
	v.Set("lang", "fr")
	v.Set("name_fr", "Acme Commerce")
	status, doc, _ := h.post(c, "/submit", v)
	if status != http.StatusOK {
		t.Fatalf("status %d from the French form:\n%s", status, doc.Find("main").Text())
	}
	if lang, _ := doc.Find("html").Attr("lang"); !strings.HasPrefix(lang, "fr") {
		t.Errorf("the review page of the French form is in %q, want fr", lang)
	}
	if doc.Find(`input[name="name_fr"]`).Length() != 1 {
		t.Error("the review page has no field for the name in French")
	}
	if status, doc := h.submit(c, v); status != http.StatusSeeOther {
		t.Fatalf("status %d sending the French form:\n%s", status, doc.Find("main").Text())
	}
	if n := stored(t, h); n != 1 {
		t.Fatalf("%d stored, want 1", n)
	}
}
