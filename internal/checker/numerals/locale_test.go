package numerals

import (
	"slices"
	"testing"
)

// TestExtractInLocales: each locale's own way of writing a figure reads as
// the value English writes as 48,500 or 3.5 %.
func TestExtractInLocales(t *testing.T) {
	cases := []struct {
		locale, in string
		want       []string
	}{
		{"en", "48,500 vendors and 3.5% of sales", []string{"3.5%", "48500"}},
		{"fr", "48 500 vendeurs et 3,5 % des ventes", []string{"3.5%", "48500"}},
		{"fr", "48\u00a0500 vendeurs et 3,5\u00a0% des ventes", []string{"3.5%", "48500"}},
		{"fr", "48\u202f500 vendeurs et 3,5\u202f%", []string{"3.5%", "48500"}},
		{"ru", "48 500 продавцов и 3,5 % продаж", []string{"3.5%", "48500"}},
		{"ru", "48\u00a0500 продавцов, 3,5 процента", []string{"3.5%", "48500"}},
		{"de", "48.500 Händler und 3,5 % des Umsatzes", []string{"3.5%", "48500"}},
		{"de", "3,5 Prozent", []string{"3.5%"}},
		{"es", "48.500 vendedores y 3,5 % de las ventas", []string{"3.5%", "48500"}},
		{"es", "el 3,5 por ciento", []string{"3.5%"}},
		{"de-CH", "48'500 Händler, 48’500 Franken, 3.5 %", []string{"3.5%", "48500", "48500"}},
		{"fr-CH", "48 500 francs", []string{"48500"}},
		{"ar", "٤٨٬٥٠٠ بائع و٣٫٥٪", []string{"3.5%", "48500"}},
		{"ar", "48,500 بائع", []string{"48500"}},
		{"fa", "۴۸٬۵۰۰ فروشنده", []string{"48500"}},
		{"hi", "12,34,567 रुपये", []string{"1234567"}},
		{"zh-Hans", "４８，５００家，３．５％", []string{"3.5%", "48500"}},
		{"ja", "第１条", []string{"1"}},
		// Two figures side by side stay two where spaces do not group.
		{"en", "in 2020 150 companies", []string{"150", "2020"}},
		{"fr", "en 2020 150 entreprises", []string{"150", "2020"}},
		// A version number in a decimal-comma text keeps its dots.
		{"de", "Version 2.1.0", []string{"2.1.0"}},
		{"de", "Version 3.5", []string{"3.5"}},
		{"de", "1.2.2020", []string{"1.2.2020"}},
	}
	for _, c := range cases {
		got := values(ExtractIn(c.in, c.locale))
		if !slices.Equal(got, c.want) {
			t.Errorf("ExtractIn(%q, %s) = %v, want %v", c.in, c.locale, got, c.want)
		}
	}
}

// TestNumberWords: 0–100 and the multipliers in each language with a
// grammar read as the digits would.
func TestNumberWords(t *testing.T) {
	cases := []struct {
		locale, in string
		want       []string
	}{
		{"en", "twenty-one days, ninety-nine items, one hundred and five, three thousand, two million", []string{"105", "2000000", "21", "3000", "99"}},
		{"fr", "vingt et un jours, soixante-dix, soixante et onze, quatre-vingts, quatre-vingt-dix-neuf, cent", []string{"100", "21", "70", "71", "80", "99"}},
		{"fr", "deux cent cinquante, trois mille, deux millions, dix-sept, septante-cinq", []string{"17", "2000000", "250", "3000", "75"}},
		{"fr", "trois et quatre", []string{"3", "4"}},
		{"fr", "le 5 septembre 2020", []string{"2020", "5", "9"}},
		{"fr", "le 1er septembre 2020, pour la troisième fois", []string{"1", "2020", "3", "9"}},
		{"de", "einundzwanzig Tage, neunundneunzig, hundert, dreihundertfünfundvierzig, zweitausendzwanzig", []string{"100", "2020", "21", "345", "99"}},
		{"de", "zwölf Monate, siebzehn, sechzig, drei Millionen, zweimal, die dritte Partei", []string{"12", "17", "2", "3", "3000000", "60"}},
		{"de", "am 5. September 2020", []string{"2020", "5", "9"}},
		{"es", "veintiún días, treinta y cinco, noventa y nueve, cien, ciento veinte, doscientos cinco", []string{"100", "120", "205", "21", "35", "99"}},
		{"es", "tres mil, dos millones, dieciséis, el 5 de septiembre de 2020", []string{"16", "2000000", "2020", "3000", "5", "9"}},
		{"ru", "двадцать один день, девяносто девять, сто, сто двадцать пять, пятьдесят", []string{"100", "125", "21", "50", "99"}},
		{"ru", "в течение пяти дней, две тысячи двадцать, три миллиона, третий раз", []string{"2020", "3", "3000000", "5"}},
		{"ru", "5 сентября 2020 года", []string{"2020", "5", "9"}},
		{"zh-Hans", "三个工作日，第十二条，百分之五十，3万元，三亿五千万人", []string{"12", "3", "30000", "350000000", "50%"}},
		{"zh-Hant", "三個工作日，第十二條，兩萬人", []string{"12", "20000", "3"}},
		// Articles are not figures.
		{"fr", "un vendeur et une plateforme", nil},
		{"de", "ein Händler und eine Plattform", nil},
		{"es", "un vendedor y una plataforma", nil},
		{"ru", "один продавец", nil},
	}
	for _, c := range cases {
		got := values(ExtractIn(c.in, c.locale))
		if !slices.Equal(got, c.want) {
			t.Errorf("ExtractIn(%q, %s) = %v, want %v", c.in, c.locale, got, c.want)
		}
	}
}

// TestUnsupportedLanguageReadsNoWords: a language without a grammar reads
// digits only and says so.
func TestUnsupportedLanguageReadsNoWords(t *testing.T) {
	n := ExtractIn("tre giorni e 48.500 venditori", "it")
	if n.WordsRead || !slices.Equal(values(n), []string{"48500"}) {
		t.Errorf("Italian: WordsRead %v, values %v; want false, [48500]", n.WordsRead, values(n))
	}
}

func TestComparable(t *testing.T) {
	cases := []struct {
		name         string
		a, b         string
		la, lb       string
		wantA, wantB []string
	}{
		// Italian "tre" is not read: English 3 must not be a missing figure.
		{"digit vs unread word", "within 3 days", "entro tre giorni", "en", "it", nil, nil},
		{"word vs unread word", "within three days", "entro tre giorni", "en", "it", nil, nil},
		{"unread digit vs word", "within three days", "entro 3 giorni", "en", "it", []string{"3"}, []string{"3"}},
		// A changed digit is still caught.
		{"changed digit", "within 3 days", "entro 4 giorni", "en", "it", []string{"3"}, []string{"4"}},
		{"both read", "within three days", "dans trois jours", "en", "fr", []string{"3"}, []string{"3"}},
	}
	for _, c := range cases {
		a, b := Comparable(ExtractIn(c.a, c.la), ExtractIn(c.b, c.lb))
		if !slices.Equal(values(a), c.wantA) || !slices.Equal(values(b), c.wantB) {
			t.Errorf("%s: Comparable = %v, %v; want %v, %v", c.name, values(a), values(b), c.wantA, c.wantB)
		}
	}
}

// TestClauseNumbers: the forms each language prints its clause numbers in.
func TestClauseNumbers(t *testing.T) {
	cases := map[string]int{
		"Article premier": 1, "Article 1er": 1, "Art. 2": 2, "Artikel 1": 1, "Artikel 12.": 12, "Art. 3": 3, "§ 4": 4,
		"Artículo 1": 1, "Artículo 1.º": 1, "Artículo primero": 1, "Статья 1": 1, "статья 7": 7, "Глава 3": 3,
		"第一條": 1, "第十二條": 12, "第１条": 1, "第三章": 3, "IV": 4, "Article IV": 4, "xii": 12,
		"١": 1, "٢": 2, "١٢": 12, "المادة ٣": 3, "۴": 4, "Erster": 1, "Dritter Teil": 0,
		"Troisième": 3, "Zweitens": 0, "Articolo 5": 5, "Cláusula tercera": 3, "Статья первая": 1,
	}
	for in, want := range cases {
		got, ok := Ordinal(in)
		if want == 0 {
			if ok {
				t.Errorf("Ordinal(%q) = %d, want no value", in, got)
			}
			continue
		}
		if !ok || got != want {
			t.Errorf("Ordinal(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
}
