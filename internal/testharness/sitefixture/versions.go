package sitefixture

import (
	"fmt"
	"path/filepath"
)

// GenerateVersions writes an initiative (content/initiatives/<id>) with
// versions 1.0 … 1.<versions-1>, clauses clauses in each language: each
// version after the first rewords two clauses, whose earlier text goes
// into the version folder before it, as an editor would keep it
// (docs/authoring.md, "Versions").
func GenerateVersions(siteDir, id string, versions, clauses int, langs []string) error {
	dir := filepath.Join(siteDir, "content", "initiatives", id)
	files := map[string]string{}
	ver := func(k int) string { return fmt.Sprintf("1.%d", k) }
	// changed[k] are the clauses version k rewords.
	changed := func(k int) []int { return []int{1 + k%clauses, 1 + (k+clauses/2)%clauses} }
	// edits[c] counts the rewordings of clause c up to a version.
	text := func(lang string, c, edits int) string {
		return fmt.Sprintf("%s (%d)", clauseText(lang, c), edits)
	}
	for _, lang := range langs {
		idx := fmt.Sprintf("+++\ntitle = %q\ndate = 2020-01-01\nsummary = \"Generated.\"\nsourceLanguage = %q\n\n[provenance]\nsource = \"generated\"\n", id+" "+lang, langs[0])
		for k := 0; k < versions; k++ {
			idx += fmt.Sprintf("\n[[versions]]\nid = %q\ndate = \"2020-%02d-%02d\"\nsummary = \"Generated version %d.\"\n", ver(k), 1+k/28, 1+k%28, k)
		}
		files[filepath.Join(dir, "_index."+lang+".md")] = idx + "+++\n"
		edits := map[int]int{}
		clause := func(c int) string {
			return fmt.Sprintf("+++\ntitle = \"Clause %d\"\nnumber = \"%d\"\nweight = %d\n\n[provenance]\nstatus = \"source\"\n+++\n\n%s\n", c, c, c*10, text(lang, c, edits[c]))
		}
		for k := 1; k < versions; k++ {
			for _, c := range changed(k) {
				files[filepath.Join(dir, "versions", ver(k-1), fmt.Sprintf("%d.%s.md", c, lang))] = clause(c)
				edits[c]++
			}
		}
		for c := 1; c <= clauses; c++ {
			files[filepath.Join(dir, fmt.Sprintf("%d.%s.md", c, lang))] = clause(c)
		}
	}
	return writeFiles(files)
}
