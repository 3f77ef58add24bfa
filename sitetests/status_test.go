package sitetests

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/checker/align/alignfixture"
	"github.com/concord-initiative/concord/internal/checker/aligncli"
	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/engine/nodetools"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// The status site is the shipped site plus one initiative per aligncheck
// code (internal/checker/align/alignfixture), its status data generated the way
// `make translation-status` does and built the way `make build` does.
var statusSite struct {
	once           sync.Once
	dir, out       string
	err            error
	report         statusReport
	initiativeCode map[string]string
}

// removeStatusSite removes the status site, if a test built it.
func removeStatusSite() {
	if statusSite.dir != "" {
		os.RemoveAll(filepath.Dir(statusSite.dir))
	}
}

type statusReport struct {
	Findings []struct {
		Code        string            `json:"code"`
		Initiative  string            `json:"initiative"`
		Clause      string            `json:"clause"`
		Language    string            `json:"language"`
		Fingerprint string            `json:"fingerprint"`
		Messages    map[string]string `json:"messages"`
	} `json:"findings"`
}

func buildStatusSite(t *testing.T) (out string, report statusReport, initiativeCode map[string]string) {
	t.Helper()
	s := &statusSite
	s.once.Do(func() {
		tmp, err := os.MkdirTemp("", "concord-status-")
		if err != nil {
			s.err = err
			return
		}
		s.dir, s.out = filepath.Join(tmp, "site"), filepath.Join(tmp, "public")
		if s.err = sitefixture.Copy(s.dir, repoRoot); s.err != nil {
			return
		}
		s.initiativeCode = map[string]string{}
		var langs []string
		for _, c := range alignfixture.Cases() {
			for _, l := range c.Languages {
				if !slices.Contains(langs, l) {
					langs = append(langs, l)
				}
			}
		}
		// Cases in a third language need it on the site; their interface
		// text is a copy of English, as the cases are about findings.
		if s.err = sitefixture.AddLanguages(s.dir, langs); s.err != nil {
			return
		}
		for _, c := range alignfixture.Cases() {
			id := strings.ToLower(c.Code)
			s.initiativeCode[id] = c.Code
			for name, body := range c.Files {
				p := filepath.Join(s.dir, "content", "initiatives", id, filepath.FromSlash(name))
				if s.err = os.MkdirAll(filepath.Dir(p), 0o755); s.err != nil {
					return
				}
				if s.err = os.WriteFile(p, []byte(body), 0o644); s.err != nil {
					return
				}
			}
		}
		status := filepath.Join(s.dir, "build", "data", "translation", "status.json")
		var stdout, stderr bytes.Buffer
		if code := aligncli.Main([]string{"--format", "json", "--fail-on", "none", "--no-history", "-o", status, s.dir}, &stdout, &stderr); code != 0 {
			s.err = fmt.Errorf("aligncheck exited %d: %s", code, stderr.String())
			return
		}
		raw, err := os.ReadFile(status)
		if err != nil {
			s.err = err
			return
		}
		if s.err = json.Unmarshal(raw, &s.report); s.err != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		s.err = hugobuild.Build(ctx, s.dir, s.out)
	})
	if s.err != nil {
		t.Fatal(s.err)
	}
	return s.out, s.report, s.initiativeCode
}

// Any finding, of any code and severity, once in the status data, must
// leave the build working and show on the initiative's status page in both
// languages (issue 10 §1: one sentence without a final stop broke every
// build).
func TestStatusPageShowsEveryKindOfFinding(t *testing.T) {
	out, report, codes := buildStatusSite(t)
	seen := map[string]bool{}
	for _, f := range report.Findings {
		code, ok := codes[f.Initiative]
		if !ok || f.Code != code {
			continue
		}
		seen[f.Code] = true
		for _, prefix := range []string{"", "en/"} {
			doc := page(t, out, prefix+"initiatives/"+f.Initiative+"/status.html")
			li := doc.Find(`[data-finding="` + f.Fingerprint + `"]`)
			if li.Length() != 1 {
				t.Errorf("%sinitiatives/%s/status.html does not show the %s finding on clause %q (%s)", prefix, f.Initiative, f.Code, f.Clause, f.Language)
				continue
			}
			if strings.TrimSpace(li.Find(".status-message").Text()) == "" || li.Find(".status-code").Text() != f.Code {
				t.Errorf("%sinitiatives/%s/status.html shows the %s finding without its code or message: %q", prefix, f.Initiative, f.Code, li.Text())
			}
		}
	}
	for _, r := range align.Rules {
		if !seen[r.Code] {
			t.Errorf("the status site has no %s finding in its own initiative %s", r.Code, strings.ToLower(r.Code))
		}
	}
}

// Rows are named by the clause heading in the page's language and link to
// the clause; columns by the language's name in the page's language (issue
// 10 §2: rows said "preamble", columns "zh-hans"). The site's added
// languages (the checker's cases in it and fr) are named by their own
// hugo.toml tables, as sitefixture.AddLanguages writes them.
func TestStatusPageNamesRowsAndColumnsInThePageLanguage(t *testing.T) {
	out, _, _ := buildStatusSite(t)
	addedZh, addedEn := []string{"意大利语", "法语"}, []string{"Italian", "French"}
	for prefix, wantCols := range map[string][]string{"": append([]string{"条款", "中文", "英文"}, addedZh...), "en/": append([]string{"Clause", "Chinese", "English"}, addedEn...)} {
		doc := page(t, out, prefix+"initiatives/live-streaming-2020/status.html")
		var cols []string
		doc.Find(".status-table thead th").Each(func(_ int, s *goquery.Selection) { cols = append(cols, strings.TrimSpace(s.Text())) })
		if strings.Join(cols, "|") != strings.Join(wantCols, "|") {
			t.Errorf("/%s: columns %q, want %q", prefix, cols, wantCols)
		}
		rows := doc.Find(".status-table tbody th")
		if rows.Length() != 5 {
			t.Fatalf("/%s: %d rows, want 5", prefix, rows.Length())
		}
		rows.Each(func(_ int, s *goquery.Selection) {
			a := s.Find("a")
			href := a.AttrOr("href", "")
			id := path.Base(strings.TrimSuffix(href, "/"))
			want := strings.TrimSpace(page(t, out, strings.TrimPrefix(href, "/")+"index.html").Find("h1.clause-heading").Text())
			if got := strings.TrimSpace(a.Text()); got != want || got == id {
				t.Errorf("/%s: row of clause %s is named %q, want its heading %q", prefix, id, got, want)
			}
		})
	}
}

// latinWord is a run of Latin letters: English on a Chinese page, unless it
// is marked as code (paths, commands, IDs), quoted clause text, or text in
// another language marked with lang.
var latinWord = regexp.MustCompile(`[A-Za-z]{2,}`)

// A Chinese status page shows no English developer text: every message,
// status and label is Chinese; paths, codes and commands are in <code>
// (the file of each finding labelled 文件), clause text in <q>.
func TestChineseStatusPageHasNoEnglishDeveloperText(t *testing.T) {
	out, _, codes := buildStatusSite(t)
	ids := []string{"live-streaming-2020"}
	for id := range codes {
		ids = append(ids, id)
	}
	allowed := map[string]bool{"Hugo": true}
	for _, id := range ids {
		doc := page(t, out, "initiatives/"+id+"/status.html")
		main := doc.Find("main").Clone()
		main.Find("code, q").Remove()
		main.Find("[lang]").Not(`[lang^="zh"]`).Remove()
		for _, w := range latinWord.FindAllString(main.Text(), -1) {
			if !allowed[w] {
				t.Errorf("initiatives/%s/status.html: English %q outside code and quotes: %s", id, w, strings.Join(strings.Fields(main.Text()), " "))
				break
			}
		}
		doc.Find(".status-file").Each(func(_ int, s *goquery.Selection) {
			if got := s.Find(".status-file-label").Text(); got != "文件" {
				t.Errorf("initiatives/%s/status.html: a file is labelled %q, not 文件", id, got)
			}
		})
	}
}

// The initiative pages (both views, both languages) link the status page
// beside the editorial notes.
func TestInitiativePagesLinkTheStatusPage(t *testing.T) {
	for _, rel := range []string{"initiatives/live-streaming-2020/index.html", "initiatives/live-streaming-2020/text.html", "en/initiatives/live-streaming-2020/index.html", "en/initiatives/live-streaming-2020/text.html"} {
		doc := page(t, public, rel)
		want := "/initiatives/live-streaming-2020/status.html"
		if strings.HasPrefix(rel, "en/") {
			want = "/en" + want
		}
		links := doc.Find(".about-links a[href='" + want + "']")
		if links.Length() != 1 {
			t.Errorf("%s has no link to %s in its about links", rel, want)
		}
	}
}

// Every status page of the status site, whatever its findings, is valid
// HTML by the quality gate's rules (the gate itself only sees the shipped
// site, which has no findings).
func TestStatusPagesAreValidHTML(t *testing.T) {
	node, err := nodetools.Node()
	if err != nil {
		t.Skip(err)
	}
	cli, err := nodetools.File(repoRoot, "html-validate", "bin/html-validate.mjs")
	if err != nil {
		t.Skip(err)
	}
	out, _, _ := buildStatusSite(t)
	args := []string{cli, "--config", filepath.Join(repoRoot, ".htmlvalidate.json")}
	err = filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Name() == "status.html" {
			args = append(args, p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, args...)
	cmd.Dir = repoRoot
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("html-validate on the status pages: %v\n%s", err, msg)
	}
}
