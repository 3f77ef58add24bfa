package sitetests

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/align"
	"github.com/concord-initiative/concord/internal/align/alignfixture"
	"github.com/concord-initiative/concord/internal/aligncli"
	"github.com/concord-initiative/concord/internal/hugobuild"
	"github.com/concord-initiative/concord/internal/sitefixture"
)

// The status site is the shipped site plus one initiative per aligncheck
// code (internal/align/alignfixture), its status data generated the way
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
			if doc.Find(`[data-finding="`+f.Fingerprint+`"]`).Length() != 1 {
				t.Errorf("%sinitiatives/%s/status.html does not show the %s finding on clause %q (%s)", prefix, f.Initiative, f.Code, f.Clause, f.Language)
			}
		}
	}
	for _, r := range align.Rules {
		if !seen[r.Code] {
			t.Errorf("the status site has no %s finding in its own initiative %s", r.Code, strings.ToLower(r.Code))
		}
	}
}
