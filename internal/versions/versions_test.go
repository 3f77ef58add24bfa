package versions_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/site/toolmessages"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
	"github.com/concord-initiative/concord/internal/versions"
)

func fixtureSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root := sitefixture.RepoRoot(t)
	for _, src := range []string{root, filepath.Join(root, "sitetests", "testdata", "versions")} {
		if err := sitefixture.Copy(dir, src); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func load(t *testing.T, dir string) *versions.Initiative {
	t.Helper()
	_, ins, err := versions.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, in := range ins {
		if in.ID == "community-code" {
			return in
		}
	}
	t.Fatalf("no versions of community-code found: %d initiatives with versions", len(ins))
	return nil
}

func ids(cs []versions.ClauseText) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.ID)
	}
	return out
}

// Unchanged clauses are not copied: a version's text is its archived files,
// then those of later versions, then today's files.
func TestAVersionHoldsEveryClauseWithoutCopies(t *testing.T) {
	in := load(t, fixtureSite(t))
	if in.ID != "community-code" || len(in.Versions) != 3 {
		t.Fatalf("versions %+v", in.Versions)
	}
	for v, want := range map[int][]string{0: {"preamble", "1", "2", "3"}, 1: {"preamble", "1", "2", "3", "4"}, 2: {"preamble", "1", "2", "4"}} {
		for _, lang := range []string{"en", "zh-hans"} {
			if got := ids(in.At(v, lang)); !slices.Equal(got, want) {
				t.Errorf("version %s %s: clauses %v, want %v", in.Versions[v].ID, lang, got, want)
			}
		}
	}
	for _, tc := range []struct {
		v                   int
		lang, id, text, chg string
	}{
		{0, "en", "1", "Members treat one another with respect.", "1.0"},
		{1, "en", "1", "Members treat one another with respect and assume good faith in every discussion.", "1.1"},
		{2, "en", "1", "Members treat one another with respect and assume good faith in every discussion.", "1.1"},
		{1, "en", "2", "Members keep discussions free of harassment.", "1.0"},
		{2, "en", "2", "Members keep discussions free of harassment and protect the privacy of others.", "2.0"},
		{2, "zh-hans", "2", "成员使讨论免受骚扰。", "1.0"},
	} {
		c := in.Clause(tc.v, tc.lang, tc.id)
		if c == nil || c.Text != tc.text || c.Changed != tc.chg {
			t.Errorf("version %s %s clause %s = %+v, want %q last changed in %s", in.Versions[tc.v].ID, tc.lang, tc.id, c, tc.text, tc.chg)
		}
	}
	if c := in.Clause(2, "zh-hans", "2"); c.SourceVersion != "1.1" {
		t.Errorf("the lagging Chinese clause 2 records source version %q, want 1.1", c.SourceVersion)
	}
	if in.Versions[1].Summary["zh-hans"] == "" || in.Versions[1].Summary["en"] == "" {
		t.Errorf("version 1.1 lacks a summary in a language: %v", in.Versions[1].Summary)
	}
}

func TestFilesThatBreakTheConventionAreNamed(t *testing.T) {
	for name, tc := range map[string]struct {
		file, from, to, want string
		// atLine: the message names the line of the changed key.
		atLine bool
	}{
		"bad id":       {"_index.en.md", `id = "1.1"`, `id = "1.1-beta"`, "not numbers joined by dots", true},
		"bad date":     {"_index.en.md", `date = "2022-03-01"`, `date = "March 2022"`, "not YYYY-MM-DD", true},
		"out of order": {"_index.en.md", `date = "2022-03-01"`, `date = "2020-03-01"`, "list versions oldest first", true},
		"other date":   {"_index.zh-hans.md", `date = "2022-03-01"`, `date = "2022-03-02"`, "is dated 2022-03-02 here", true},
		"since":        {"4.en.md", `since = "1.1"`, `since = "1.5"`, `since = "1.5" names no declared version`, false},
	} {
		t.Run(name, func(t *testing.T) {
			dir := fixtureSite(t)
			p := filepath.Join(dir, "content", "initiatives", "community-code", tc.file)
			raw, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(raw), tc.from) {
				t.Fatalf("%s has no %s", tc.file, tc.from)
			}
			if err := os.WriteFile(p, []byte(strings.Replace(string(raw), tc.from, tc.to, 1)), 0o644); err != nil {
				t.Fatal(err)
			}
			_, _, err = versions.Load(dir)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), "community-code/") {
				t.Errorf("Load: %v, want an error naming the file and saying %q", err, tc.want)
			}
			if tc.atLine {
				line := 1 + strings.Count(string(raw[:strings.Index(string(raw), tc.from)]), "\n")
				if where := fmt.Sprintf("community-code/%s:%d: ", tc.file, line); err == nil || !strings.Contains(err.Error(), where) {
					t.Errorf("Load: %v, want it to point at %s", err, where)
				}
			}
		})
	}
	dir := fixtureSite(t)
	if err := os.MkdirAll(filepath.Join(dir, "content", "initiatives", "community-code", "versions", "0.9"), 0o755); err != nil {
		t.Fatal(err)
	}
	if _, _, err := versions.Load(dir); err == nil || !strings.Contains(err.Error(), `no version "0.9"`) {
		t.Errorf("an archive folder of an undeclared version: %v", err)
	}
}

// A version is published in the source language and in every language whose
// _index lists it; the PDFs follow that list (docs/pdf.md, "Versions").
func TestAVersionIsPublishedInTheLanguagesThatListIt(t *testing.T) {
	dir := fixtureSite(t)
	p := filepath.Join(dir, "content", "initiatives", "community-code", "_index.zh-hans.md")
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	first := "[[versions]]\nid = \"1.0\"\ndate = \"2021-01-10\"\nsummary = \"第一版。\"\n\n"
	if err := os.WriteFile(p, []byte(strings.Replace(string(raw), first, "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	in := load(t, dir)
	for i, want := range [][]string{{"en"}, {"zh-hans", "en"}, {"zh-hans", "en"}} {
		if got := in.Versions[i].Languages; !slices.Equal(got, want) {
			t.Errorf("version %s is published in %v, want %v (site order)", in.Versions[i].ID, got, want)
		}
	}
	// Nor its text, pages or downloads: the Chinese files say how the
	// Chinese read from 1.1 on, not in a 1.0 it never had.
	if got := in.At(0, "zh-hans"); got != nil {
		t.Errorf("version 1.0 has a Chinese text: %v", got)
	}
	if c := in.Clause(1, "zh-hans", "1"); c == nil || c.Changed != "1.1" {
		t.Errorf("the Chinese clause 1 of 1.1 is %+v; want it last changed in 1.1, the first version in Chinese", c)
	}
	data, static := filepath.Join(dir, "build", "data", "versions"), filepath.Join(dir, "build", "versions")
	if err := versions.Run(dir, data, static); err != nil {
		t.Fatal(err)
	}
	var d versions.Data
	if err := json.Unmarshal(readTestFile(t, filepath.Join(data, "community-code.json")), &d); err != nil {
		t.Fatal(err)
	}
	v10, v11 := d.Versions[0], d.Versions[1]
	if _, ok := v10.Text["zh-hans"]; ok || v10.Downloads["zh-hans"] != nil || v10.ToLatest["zh-hans"] != nil {
		t.Errorf("the data gives version 1.0 a Chinese text, comparison or downloads")
	}
	if _, ok := v11.Changes["zh-hans"]; ok || v11.Changes["en"] == nil {
		t.Errorf("the data compares 1.1 with 1.0 in Chinese, which has no 1.0 (or not in English): %v", v11.Changes)
	}
	if _, err := os.Stat(filepath.Join(static, "initiatives", "community-code", "v1.0", "community-code-v1.0-zh-hans.md")); err == nil {
		t.Errorf("a Chinese download of version 1.0 was written")
	}
}

func readTestFile(t *testing.T, path string) []byte {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func TestWriteRemovesWhatAnEarlierRunWrote(t *testing.T) {
	dir := fixtureSite(t)
	data, static := filepath.Join(dir, "build", "data", "versions"), filepath.Join(dir, "build", "versions")
	stale := filepath.Join(static, "initiatives", "gone", "v1.0", "gone.md")
	if err := os.MkdirAll(filepath.Dir(stale), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(stale, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := versions.Run(dir, data, static); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); err == nil {
		t.Errorf("a download of a version that is gone is still published")
	}
	if _, err := os.Stat(filepath.Join(data, "community-code.json")); err != nil {
		t.Errorf("no data for community-code: %v", err)
	}
	// The shipped initiative declares no versions: no data, no pages.
	if _, err := os.Stat(filepath.Join(data, "live-streaming-2020.json")); err == nil {
		t.Errorf("data written for an initiative without versions")
	}
}

func TestDownloadMessagesAreTranslated(t *testing.T) {
	gaps, err := toolmessages.Gaps(sitefixture.RepoRoot(t), versions.Messages)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gaps {
		t.Error(g)
	}
}
