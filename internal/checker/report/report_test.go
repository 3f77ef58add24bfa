package report_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/glossary"
	"github.com/concord-initiative/concord/internal/checker/report"
	"github.com/concord-initiative/concord/internal/site/contentsite"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// TestJSONMatchesSchema validates the report of the seed fixture (which has
// findings of many kinds) against docs/aligncheck.schema.json.
func TestJSONMatchesSchema(t *testing.T) {
	site, err := contentsite.Load(filepath.Join("..", "align", "testdata", "seed"))
	if err != nil {
		t.Fatal(err)
	}
	g, err := glossary.LoadDir(sitefixture.RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	res := (&align.Checker{Model: align.DefaultModel, Glossary: g}).Check(site)
	cat, err := toolmessages.Load(sitefixture.RepoRoot(t))
	if err != nil {
		t.Fatal(err)
	}
	res.Localize(cat, align.NewSpeaker(cat, "en"), []string{"zh-hans", "en"})
	var buf bytes.Buffer
	if err := report.JSON(&buf, report.Input{Site: site, Result: res, Glossaries: g.Versions()}); err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(&buf)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(filepath.Join(sitefixture.RepoRoot(t), "docs", "aligncheck.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	schemaDoc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("aligncheck.schema.json", schemaDoc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("aligncheck.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatal(err)
	}
}
