package langid

import (
	"slices"
	"testing"
)

func TestIdentify(t *testing.T) {
	cases := []struct{ text, want string }{
		{"Platforms shall handle complaints within three business days.", "en"},
		{"Les plateformes traitent les réclamations dans un délai de trois jours ouvrables.", "fr"},
		{"Die Plattformen bearbeiten Beschwerden innerhalb von drei Werktagen.", "de"},
		{"Las plataformas tramitarán las reclamaciones en un plazo de tres días hábiles.", "es"},
		{"Платформы рассматривают жалобы в течение трёх рабочих дней.", "ru"},
	}
	for _, c := range cases {
		if got, conf := Identify(c.text, "en", "fr", "de", "es", "ru"); got != c.want {
			t.Errorf("Identify(%q) = %s (%.2f), want %s", c.text, got, conf, c.want)
		}
	}
	if got, _ := Identify("Too short.", "en", "fr"); got != "" {
		t.Errorf("a short text was identified as %s", got)
	}
	if got, _ := Identify("Platforms shall handle complaints within three business days.", "en", "en-GB"); got != "" {
		t.Errorf("one language given twice was told apart: %s", got)
	}
}

func TestUntranslated(t *testing.T) {
	src := "Platforms shall handle complaints within three business days. Vendors shall keep records for twelve months."
	cases := []struct {
		name   string
		target []string
		tgt    string
		want   []int
	}{
		{"translated", []string{"Les plateformes traitent les réclamations dans un délai de trois jours ouvrables.", "Les vendeurs conservent les registres pendant douze mois."}, "fr", nil},
		{"second left", []string{"Les plateformes traitent les réclamations dans un délai de trois jours ouvrables.", "Vendors shall keep records for twelve months."}, "fr", []int{1}},
		{"left in German", []string{"Vendors shall keep records for twelve months."}, "de", []int{0}},
		{"left in Russian", []string{"Платформы рассматривают жалобы.", "Vendors shall keep records for twelve months."}, "ru", []int{1}},
		// Names kept in every language are not a sentence left untranslated.
		{"names", []string{"Copyright © Free Software Foundation, Inc."}, "fr", nil},
		// English that is not the source's is not "left as it was".
		{"other English", []string{"The quick brown fox jumps over the lazy dog near the river bank."}, "fr", nil},
		{"unknown language", []string{"Vendors shall keep records for twelve months."}, "tlh", nil},
	}
	for _, c := range cases {
		if got := Untranslated(src, c.target, "en", c.tgt); !slices.Equal(got, c.want) {
			t.Errorf("%s: Untranslated = %v, want %v", c.name, got, c.want)
		}
	}
}

func FuzzUntranslated(f *testing.F) {
	f.Add("Vendors shall keep records for twelve months.", "Vendors shall keep records for twelve months.", "fr")
	f.Add("Платформы рассматривают жалобы.", "Платформы рассматривают жалобы.", "ru")
	f.Add("", "-- %s $1 ÉÉ", "xx-!!")
	f.Fuzz(func(t *testing.T, src, tgt, locale string) {
		for _, i := range Untranslated(src, []string{tgt, src}, "en", locale) {
			if i < 0 || i > 1 {
				t.Fatalf("index %d out of range", i)
			}
		}
		Identify(tgt, "en", locale)
	})
}
