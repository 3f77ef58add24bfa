package endorse

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/concord-initiative/concord/internal/endorse/store"
	"github.com/concord-initiative/concord/internal/signatories"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// ExportResult says what an export did (or, without write, would do).
type ExportResult struct {
	File    string
	Added   []string // IDs appended
	Changed []string // IDs whose status or verification changed
	// Text is the file as it is (or would be) after the export.
	Text []byte
}

// ErrInvalid: the file after the export would not pass the validator;
// nothing was written.
var ErrInvalid = errors.New("the signatories file would not pass `signatories validate`; nothing written")

// Export merges the initiative's moderated endorsements into
// data/signatories/<initiative>.toml of the site: approved ones not yet in
// it are appended as [[signatory]] tables; entries it wrote before whose
// status or verification changed since (withdrawn, suspended, reinstated,
// verified) get those lines rewritten. Nothing else in the file changes:
// the editors' comments, order and layout stay. The result must pass the
// validator, or nothing is written; with write it replaces the file
// atomically (a temporary file renamed over it).
func Export(ctx context.Context, st store.Store, siteDir, initiative string, write bool, now time.Time) (*ExportResult, signatories.Problems, error) {
	site, err := signatories.LoadSite(siteDir)
	if err != nil {
		return nil, nil, err
	}
	if _, ok := site.Initiatives[initiative]; !ok {
		return nil, nil, fmt.Errorf("no initiative %q in %s/content/initiatives/", initiative, siteDir)
	}
	cat, err := toolmessages.Load(siteDir)
	if err != nil {
		return nil, nil, err
	}
	rel, data, err := signatoriesFile(siteDir, initiative)
	if err != nil {
		return nil, nil, err
	}
	if data == nil {
		data = []byte("# Signatories of " + initiative + " (docs/authoring.md, \"Signatories\").\n")
	}
	file, ps := signatories.Parse(rel, data)
	if errs := ps.Errors(); len(errs) > 0 {
		return nil, errs, ErrInvalid
	}
	inFile := map[string]*signatories.Entry{}
	for _, e := range file.Entries {
		inFile[e.ID] = e
	}
	all, err := st.List(ctx, initiative, store.Approved, store.Suspended, store.Withdrawn)
	if err != nil {
		return nil, nil, err
	}
	res := &ExportResult{File: rel}
	lines := strings.SplitAfter(string(data), "\n")
	var edits []lineEdit
	var added strings.Builder
	var done []func() error
	reserved := map[string]bool{}
	langs := site.Languages
	for _, e := range all {
		fe, published := inFile[e.ExportID]
		published = published && e.ExportID != ""
		want, err := fileState(ctx, st, cat, langs, e, now)
		if err != nil {
			return nil, nil, err
		}
		switch {
		case !published && e.State == store.Approved:
			id := e.ExportID
			if id == "" {
				id = newID(e.Names, e.OriginalName, e.ID, func(id string) bool { return inFile[id] != nil || reserved[id] })
				// Reserved before the file is written: if the write
				// happens and the record below does not, the next export
				// finds the entry by this ID instead of adding it again.
				if write {
					if err := st.SetExport(ctx, e.ID, id, ""); err != nil {
						return nil, nil, err
					}
				}
			}
			reserved[id] = true
			en := entryOf(cat, langs, e, now, id)
			en.Verified = e.Verified
			added.WriteString(en.TOML(langs))
			res.Added = append(res.Added, id)
			done = append(done, func() error { return st.SetExport(ctx, e.ID, id, e.State) })
		case published:
			ed, changed := statusEdits(fe, want, langs)
			if changed {
				edits = append(edits, ed...)
				res.Changed = append(res.Changed, e.ExportID)
			}
			if changed || e.Exported != e.State {
				done = append(done, func() error { return st.SetExport(ctx, e.ID, e.ExportID, e.State) })
			}
		}
	}
	// Bottom to top, so the line numbers of the edits still to make hold.
	slices.SortFunc(edits, func(a, b lineEdit) int { return b.line - a.line })
	for _, ed := range edits {
		i := ed.line - 1
		if ed.replace {
			lines = slices.Delete(lines, i, i+1)
		}
		lines = slices.Insert(lines, i, ed.text...)
	}
	text := strings.Join(lines, "")
	if added.Len() > 0 && !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	text += added.String()
	res.Text = []byte(text)

	// The validator on the whole site, with this file as it would be.
	paths, _ := site.Files()
	var files []*signatories.File
	for _, p := range paths {
		if p == rel {
			continue
		}
		d, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(p)))
		if err != nil {
			return nil, nil, err
		}
		f, _ := signatories.Parse(p, d)
		files = append(files, f)
	}
	f, ps := signatories.Parse(rel, res.Text)
	ps = append(ps, signatories.Check(site, append(files, f), signatories.Today())...)
	var problems signatories.Problems
	for _, p := range ps.Errors() {
		if p.File == rel {
			problems = append(problems, p)
		}
	}
	if len(problems) > 0 {
		return res, problems, ErrInvalid
	}
	if !write || (len(res.Added) == 0 && len(res.Changed) == 0) {
		if write {
			for _, d := range done {
				if err := d(); err != nil {
					return nil, nil, err
				}
			}
		}
		return res, nil, nil
	}
	if err := writeAtomic(filepath.Join(siteDir, filepath.FromSlash(rel)), res.Text); err != nil {
		return nil, nil, err
	}
	for _, d := range done {
		if err := d(); err != nil {
			return nil, nil, err
		}
	}
	return res, nil, nil
}

// fileState is the entry's status lines as they should read now.
func fileState(ctx context.Context, st store.Store, cat *toolmessages.Catalog, langs []string, e *store.Endorsement, now time.Time) (*entry, error) {
	en := &entry{Verified: e.Verified, Status: "active"}
	date := e.Decided.UTC().Format(time.DateOnly)
	switch e.State {
	case store.Suspended:
		en.Status = "suspended"
		en.Change = &signatories.Change{Date: date, Reason: texts(cat, langs, msgSuspendReason, nil)}
	case store.Withdrawn:
		en.Status = "withdrawn"
		reason := msgModWithdrawn
		log, err := st.Audit(ctx, e.ID)
		if err != nil {
			return nil, err
		}
		if len(log) > 0 && log[0].User == SignatoryUser {
			reason = msgWithdrawReason
		}
		en.Change = &signatories.Change{Date: date, Reason: texts(cat, langs, reason, nil)}
	}
	return en, nil
}

// lineEdit puts text at a line (from 1), replacing it or inserted before.
type lineEdit struct {
	line    int
	replace bool
	text    []string
}

// statusEdits are the edits that make a published entry's verified,
// status and withdrawn/suspended lines say what want says; changed is false
// when they already do.
func statusEdits(fe *signatories.Entry, want *entry, langs []string) ([]lineEdit, bool) {
	var edits []lineEdit
	curVerified := fe.Verified != nil && *fe.Verified
	if curVerified != want.Verified {
		edits = append(edits, lineEdit{fe.LineOf("verified"), fe.Verified != nil, []string{fmt.Sprintf("verified = %t\n", want.Verified)}})
	}
	if fe.Status == want.Status {
		return edits, len(edits) > 0
	}
	for _, key := range []string{"withdrawn", "suspended"} {
		if (key == "withdrawn" && fe.Withdrawn != nil) || (key == "suspended" && fe.Suspended != nil) {
			edits = append(edits, lineEdit{fe.LineOf(key), true, nil})
		}
	}
	edits = append(edits, lineEdit{fe.LineOf("status"), fe.Status != "", strings.SplitAfter(strings.TrimSuffix(want.statusLines(langs), "\n"), "\n")})
	for i := range edits {
		for j, t := range edits[i].text {
			if !strings.HasSuffix(t, "\n") {
				edits[i].text[j] = t + "\n"
			}
		}
	}
	return edits, true
}

// writeAtomic replaces path with data: a reader (a site build, an editor)
// sees the old file or the new one, never half of one.
func writeAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	// A dot file: tools/signatories and Hugo's data reader skip it.
	tmp, err := os.CreateTemp(dir, ".endorse-*.toml")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if info, err := os.Stat(path); err == nil {
		os.Chmod(tmp.Name(), info.Mode().Perm())
	} else {
		os.Chmod(tmp.Name(), 0o644)
	}
	return os.Rename(tmp.Name(), path)
}

// Purge deletes the unconfirmed endorsements whose link expired and erases
// the email and IP addresses of those decided more than eraseAfter ago.
func Purge(ctx context.Context, st store.Store, eraseAfter time.Duration, now time.Time) (deleted, erased int, err error) {
	if deleted, err = st.DeletePending(ctx, now); err != nil {
		return
	}
	erased, err = st.Erase(ctx, now.Add(-eraseAfter), now)
	return
}
