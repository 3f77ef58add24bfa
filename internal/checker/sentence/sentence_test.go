package sentence

import (
	"slices"
	"testing"
)

// TestSplitLanguages: sentence ends as each language prints them.
func TestSplitLanguages(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"Les vendeurs s'engagent. « Les plateformes » aussi.", []string{"Les vendeurs s'engagent.", "« Les plateformes » aussi."}},
		{"Il a dit « oui. » Puis il est parti.", []string{"Il a dit « oui. »", "Puis il est parti."}},
		{"Siehe Abs. 2 und Nr. 3. Die Händler haften.", []string{"Siehe Abs. 2 und Nr. 3.", "Die Händler haften."}},
		{"Er sagte: „Ja.“ Dann ging er.", []string{"Er sagte: „Ja.“", "Dann ging er."}},
		{"Véase el art. 5. ¿Qué ocurre? ¡Nada!", []string{"Véase el art. 5.", "¿Qué ocurre?", "¡Nada!"}},
		{"См. ст. 5 закона. Продавцы отвечают.", []string{"См. ст. 5 закона.", "Продавцы отвечают."}},
		{"تعالج المنصات الشكاوى. ويحتفظ البائعون بالسجلات؟ نعم.", []string{"تعالج المنصات الشكاوى.", "ويحتفظ البائعون بالسجلات؟", "نعم."}},
		{"यह पहला वाक्य है। यह दूसरा है।", []string{"यह पहला वाक्य है।", "यह दूसरा है।"}},
		{"主播应当遵守法律。商家应当诚信。", []string{"主播应当遵守法律。", "商家应当诚信。"}},
	}
	for _, c := range cases {
		if got := Split(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Split(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
