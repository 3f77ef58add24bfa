package align_test

import (
	"fmt"
	"testing"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// benchSite builds n clause pairs from the corpus, in initiatives of ten.
func benchSite(b *testing.B, n int) *contentsite.Site { return benchSiteFor(b, zhCorpus, n) }

func benchSiteFor(b *testing.B, spec corpusSpec, n int) *contentsite.Site {
	pairs := loadCorpusFile(b, spec.file)
	var all []corpusPair
	for len(all) < n {
		all = append(all, pairs...)
	}
	all = all[:n]
	var site *contentsite.Site
	for i, d := range makeDocs(all, 10) {
		d.locale = spec.locale
		s := d.siteFor(b, spec)
		s.Initiatives[0].ID = fmt.Sprintf("doc%05d", i)
		if site == nil {
			site = s
			continue
		}
		site.Initiatives = append(site.Initiatives, s.Initiatives[0])
	}
	return site
}

// BenchmarkCheck measures the checks alone (files already parsed) at two
// sizes, to show the cost is linear in the number of clause pairs.
func BenchmarkCheck(b *testing.B) {
	g := loadCalibrationGlossary(b)
	for _, n := range []int{1000, 10000} {
		site := benchSite(b, n)
		b.Run(fmt.Sprintf("pairs=%d", n), func(b *testing.B) {
			ch := &align.Checker{Model: align.DefaultModel, Glossary: g}
			for b.Loop() {
				ch.Check(site)
			}
			b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
		})
	}
}

// BenchmarkCheckAlphabetic is BenchmarkCheck on English–French: figures in
// French formats and words, and language identification of every French
// sentence.
func BenchmarkCheckAlphabetic(b *testing.B) {
	const n = 10000
	site := benchSiteFor(b, pairCorpora[0], n)
	ch := &align.Checker{Model: align.DefaultModel}
	for b.Loop() {
		ch.Check(site)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}

// BenchmarkParseAndCheck includes reading the Markdown and front matter of
// every clause file, as a run of the command does (less the disk).
func BenchmarkParseAndCheck(b *testing.B) {
	g := loadCalibrationGlossary(b)
	const n = 10000
	ch := &align.Checker{Model: align.DefaultModel, Glossary: g}
	for b.Loop() {
		ch.Check(benchSite(b, n))
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pairs/s")
}
