package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/kit/scaffold"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// An adopting site publishes versions the way this repository does
// (docs/authoring.md, "Versions"): the editor lists the versions in the
// initiative's _index files and archives the clause that changed; the
// site's own `make build` then has the versions page, the permanent
// address of the old version, its differences and its downloads. The
// content adapter that makes those pages comes from Concord through the
// module, so the new site has no copy of it.
func TestNewSitePublishesVersions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a site")
	}
	dir := filepath.Join(t.TempDir(), "pledges")
	env := append(os.Environ(), offlineEnv(t)...)
	for _, kv := range offlineEnv(t) {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	o := scaffold.Options{Dir: dir, Module: "example.org/pledges", Version: scaffold.LocalVersion, Local: sitefixture.RepoRoot(t)}
	if err := scaffold.NewSite(context.Background(), o); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "content", "initiatives", "_content.gotmpl")); err == nil {
		t.Error("the new site has its own copy of the versions content adapter; it should come from Concord")
	}
	in := filepath.Join(dir, "content", "initiatives", "example-pledge")
	versions := map[string]string{
		"en":      "[[versions]]\nid = \"1.0\"\ndate = \"2026-01-01\"\nsummary = \"First version.\"\n\n[[versions]]\nid = \"1.1\"\ndate = \"2026-06-01\"\nsummary = \"Clause II answers complaints sooner.\"\n",
		"zh-hans": "[[versions]]\nid = \"1.0\"\ndate = \"2026-01-01\"\nsummary = \"第一版。\"\n\n[[versions]]\nid = \"1.1\"\ndate = \"2026-06-01\"\nsummary = \"第二条缩短了答复投诉的期限。\"\n",
	}
	old := map[string]string{
		"en":      "+++\ntitle = \"Answering complaints\"\nnumber = \"II\"\nweight = 20\n\n[provenance]\nstatus = \"source\"\n+++\n\nMembers answer every written complaint within twenty working days.\n",
		"zh-hans": "+++\ntitle = \"答复投诉\"\nnumber = \"二\"\nweight = 20\n\n[provenance]\nstatus = \"translation\"\n+++\n\n会员在二十个工作日内答复每一件书面投诉。\n",
	}
	for lang, v := range versions {
		index := filepath.Join(in, "_index."+lang+".md")
		raw, err := os.ReadFile(index)
		if err != nil {
			t.Fatal(err)
		}
		// The versions go at the end of the front matter, before its closing +++.
		text := string(raw)
		end := strings.Index(text[3:], "\n+++") + 3
		if err := os.WriteFile(index, []byte(text[:end]+"\n\n"+v+text[end:]), 0o644); err != nil {
			t.Fatal(err)
		}
		archived := filepath.Join(in, "versions", "1.0", "2."+lang+".md")
		if err := os.MkdirAll(filepath.Dir(archived), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(archived, []byte(old[lang]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	build := exec.Command("make", "build")
	build.Dir, build.Env = dir, env
	var out bytes.Buffer
	build.Stdout, build.Stderr = &out, &out
	if err := build.Run(); err != nil {
		t.Fatalf("make build in the new site: %v\n%s", err, out.String())
	}
	public := filepath.Join(dir, "public", "initiatives", "example-pledge")
	for file, want := range map[string]string{
		"versions/index.html":                                      "1.1",
		"v1.0/index.html":                                          "twenty working days",
		"v1.0/2/index.html":                                        "twenty working days",
		"v1.0/to-latest/index.html":                                "<del",
		"v1.1/changes/index.html":                                  "<ins",
		"v1.0/example-pledge-v1.0-en.json":                         "twenty working days",
		"v1.0/example-pledge-v1.0-en.akn.xml":                      "FRBRversionNumber",
		"changelog/changelog.atom":                                 "1.1",
		"../../zh-hans/initiatives/example-pledge/v1.0/index.html": "二十个工作日",
	} {
		raw, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(file)))
		if err != nil {
			t.Errorf("the new site has no %s: %v", file, err)
			continue
		}
		if !strings.Contains(string(raw), want) {
			t.Errorf("%s does not contain %q", file, want)
		}
	}
}
