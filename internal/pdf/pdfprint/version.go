package pdfprint

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// Version is what the handout's version lines say: when the editors' text
// of each initiative last changed and in which commit, and when the PDF was
// printed and from which commit. Two dates, each saying what it is, so a
// 2026 edit does not read as the date of a 2020 text. Hugo reads it as
// site.Params.pdf (layouts/_partials/print/version.html).
type Version struct {
	// Commit is the short hash of HEAD, or "" outside a git work tree.
	Commit string `json:"commit,omitempty"`
	// Dirty is set when the site's files differ from the commit.
	Dirty bool `json:"dirty,omitempty"`
	// Printed is the day of the run (YYYY-MM-DD, local time).
	Printed string `json:"printed,omitempty"`
	// ContentDates maps an initiative ID to the date of its text: the
	// date of the last commit that changed its folder, or, when the folder
	// has uncommitted changes or there is no git, the newest file in it.
	ContentDates map[string]string `json:"contentdates,omitempty"`
	// ContentCommits maps an initiative ID to the short hash of the last
	// commit that changed its folder; absent while the folder has
	// uncommitted changes.
	ContentCommits map[string]string `json:"contentcommits,omitempty"`
}

// siteParts are the files and folders whose changes change the PDFs.
var siteParts = append(siteconfig.Paths(), "content", "layouts", "i18n", "assets", "data", "static")

// ReadVersion works out the Version of the site at dir with git, tolerating
// a missing git or a folder outside any repository.
func ReadVersion(ctx context.Context, dir string) Version {
	v := Version{ContentDates: map[string]string{}, ContentCommits: map[string]string{}, Printed: time.Now().Format("2006-01-02")}
	if out, err := git(ctx, dir, "rev-parse", "--short", "HEAD"); err == nil {
		v.Commit = out
		if st, err := git(ctx, dir, append([]string{"status", "--porcelain", "--"}, siteParts...)...); err == nil && st != "" {
			v.Dirty = true
		}
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "content", "initiatives"))
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		folder := filepath.Join("content", "initiatives", e.Name())
		if date, commit := lastCommit(ctx, dir, folder); date != "" {
			v.ContentDates[e.Name()] = date
			v.ContentCommits[e.Name()] = commit
		} else if date := newestFile(filepath.Join(dir, folder)); date != "" {
			v.ContentDates[e.Name()] = date
		}
	}
	return v
}

// lastCommit is the date and short hash of the last commit that changed
// folder, or "" when the folder has uncommitted changes (its text is newer
// than any commit) or git cannot say.
func lastCommit(ctx context.Context, dir, folder string) (date, commit string) {
	st, err := git(ctx, dir, "status", "--porcelain", "--", folder)
	if err != nil || st != "" {
		return "", ""
	}
	out, err := git(ctx, dir, "log", "-1", "--format=%cs %h", "--", folder)
	if err != nil {
		return "", ""
	}
	date, commit, _ = strings.Cut(out, " ")
	return date, commit
}

func newestFile(dir string) string {
	var newest time.Time
	_ = filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().After(newest) {
			newest = info.ModTime()
		}
		return nil
	})
	if newest.IsZero() {
		return ""
	}
	return newest.Format("2006-01-02")
}

func git(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

// configFile writes the Version as a Hugo configuration file that adds
// params.pdf, for `hugo --config <root file>,<file>`.
func (v Version) configFile(path string) error {
	data, err := json.Marshal(map[string]any{"params": map[string]any{"pdf": v}})
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o644)
}
