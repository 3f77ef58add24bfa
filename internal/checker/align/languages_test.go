package align_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/align/alignfixture"
)

// multilingual is a correct site in eight languages: English is the source,
// each other version a translation as its readers would print it, with
// local number formats and clause numbers.
func multilingual() map[string]string {
	langs := []struct{ key, locale, title, number, body string }{
		{"en", "en", "Article 1", "Article 1", "Platforms shall handle 48,500 complaints a year, that is 3.5% of orders, within three business days. Vendors shall keep records for 12 months, as Article 1 requires."},
		{"fr", "fr", "Article premier", "Article premier", "Les plateformes traitent 48 500 réclamations par an, soit 3,5 % des commandes, dans un délai de trois jours ouvrables. Les vendeurs conservent les registres pendant douze mois, comme le veut l'article premier."},
		{"de", "de", "Artikel 1", "Artikel 1", "Die Plattformen bearbeiten jährlich 48.500 Beschwerden, also 3,5 % der Bestellungen, innerhalb von drei Werktagen. Die Händler bewahren die Unterlagen zwölf Monate lang auf, wie es Artikel 1 verlangt."},
		{"es", "es", "Artículo 1", "Artículo 1", "Las plataformas tramitarán 48.500 reclamaciones al año, es decir, el 3,5 % de los pedidos, en un plazo de tres días hábiles. Los vendedores conservarán los registros durante 12 meses, como exige el artículo 1."},
		{"ru", "ru", "Статья 1", "Статья 1", "Платформы рассматривают 48\u00a0500 жалоб в год, то есть 3,5\u00a0% заказов, в течение трёх рабочих дней. Продавцы хранят записи в течение двенадцати месяцев, как того требует статья 1."},
		{"zh-hant", "zh-Hant", "第一條", "第一條", "平台每年處理48,500件投訴，即訂單的3.5%，並在三個工作日內處理完畢。商家應當依第一條規定保存記錄12個月。"},
		{"ja", "ja", "第１条", "第１条", "プラットフォームは年間48,500件の苦情を、注文の3.5%として、3営業日以内に処理する。販売者は第１条のとおり記録を12か月間保存する。"},
		{"ar", "ar", "المادة ١", "١", "تعالج المنصات ٤٨٬٥٠٠ شكوى سنويًا، أي ٣٫٥٪ من الطلبات، في غضون ثلاثة أيام عمل. ويحتفظ البائعون بالسجلات لمدة ١٢ شهرًا وفقًا للمادة ١."},
		{"it", "it", "Articolo 1", "Articolo 1", "Le piattaforme gestiscono 48.500 reclami all'anno, ossia il 3,5% degli ordini, entro tre giorni lavorativi. I venditori conservano i registri per dodici mesi, come richiede l'articolo 1."},
	}
	m := map[string]string{"_index.en.md": "+++\ntitle = \"T\"\nsourceLanguage = \"en\"\n+++\n"}
	var cfg strings.Builder
	cfg.WriteString("defaultContentLanguage = \"en\"\n")
	for i, l := range langs {
		cfg.WriteString("[languages." + l.key + "]\nlocale = \"" + l.locale + "\"\nweight = " + strconv.Itoa(i+1) + "\n")
		prov := "status = \"translation\"\nfrom = \"en\""
		if l.key == "en" {
			prov = "status = \"source\""
		}
		m["1."+l.key+".md"] = alignfixture.FM(l.title, l.number, 10, prov) + l.body + "\n"
	}
	m["hugo.toml"] = cfg.String()
	return m
}

// TestEveryLanguageCorrectText: correct translations in French, German,
// Spanish, Russian, Traditional Chinese, Japanese, Arabic and Italian have
// no error and no number or numbering finding.
func TestEveryLanguageCorrectText(t *testing.T) {
	for _, f := range runSite(t, multilingual()) {
		switch {
		case f.Severity == align.Error,
			strings.HasPrefix(f.Code, "AC04"), f.Code == align.CodeNumbering:
			t.Errorf("%s %s %s (vs %s): %s", f.Severity, f.Code, f.Language, f.ComparedWith, f.Message)
		}
	}
}

// TestEveryLanguageChangedFigure: a changed figure is an error in every
// language, whether or not its number words can be read.
func TestEveryLanguageChangedFigure(t *testing.T) {
	changes := map[string][2]string{
		"fr": {"48 500", "48 600"}, "de": {"48.500", "48.600"}, "es": {"3,5 %", "4,5 %"}, "ru": {"48\u00a0500", "49\u00a0500"},
		"zh-hant": {"3.5%", "4.5%"}, "ja": {"48,500", "48,600"}, "ar": {"٤٨٬٥٠٠", "٤٨٬٦٠٠"}, "it": {"48.500", "48.600"},
	}
	for lang, ch := range changes {
		t.Run(lang, func(t *testing.T) {
			m := multilingual()
			f := "1." + lang + ".md"
			if !strings.Contains(m[f], ch[0]) {
				t.Fatalf("%s has no %q", f, ch[0])
			}
			m[f] = strings.Replace(m[f], ch[0], ch[1], 1)
			for _, x := range runSite(t, m) {
				if x.Code == align.CodeNumberMissing && x.Language == lang {
					return
				}
			}
			t.Errorf("changing %q to %q in %s gave no %s", ch[0], ch[1], lang, align.CodeNumberMissing)
		})
	}
}
