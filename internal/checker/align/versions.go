package align

import (
	"os"
	"path/filepath"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/concord-initiative/concord/internal/site/contentsite"
	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// A translation that records the source version it was made from
// (provenance.sourceVersion, docs/authoring.md "Versions") is reported
// stale against the latest version, naming both, so the translator knows
// which version's changes to carry over.
var msgStaleVersion = msg("aligncheck_stale_version", "stale: made from version {{.Version}} of the {{.Source}} source, which is now at version {{.Latest}} ({{.Diff}}); update the translation, set {{.Key}}, then run {{.Command}}")

// latestVersion is the newest version the source language's _index file
// declares ("" for none). Staleness is checked clause by clause, so the
// list is read once per run of the initiative's checks: held by the run,
// not the package, as `aligncheck --watch` checks the same folders again
// after an edit.
func (x *initiativeCtx) latestVersion(src string) string {
	if v, ok := x.latest[src]; ok {
		return v
	}
	site, in := x.site, x.in
	latest := ""
	if ip := in.Index[src]; ip != nil {
		if raw, err := os.ReadFile(filepath.Join(site.Dir, filepath.FromSlash(ip.File))); err == nil {
			if fm, err := siteconfig.SplitFrontMatter(ip.File, raw); err == nil {
				var f struct {
					Versions []struct {
						ID string `toml:"id"`
					} `toml:"versions"`
				}
				if fm.Decode(ip.File, &f) == nil && len(f.Versions) > 0 {
					latest = f.Versions[len(f.Versions)-1].ID
				}
			}
		}
	}
	if x.latest == nil {
		x.latest = map[string]string{}
	}
	x.latest[src] = latest
	return latest
}

// staleMessage is the message of a stale finding for translation c of
// source clause src: the version-naming one when c records its source
// version and the initiative has versions, else the plain one. It adds the
// versions to the finding's details for the status page.
func (x *initiativeCtx) staleMessage(c, src *contentsite.Clause, details, data map[string]any) (*i18n.Message, map[string]any) {
	made := c.Provenance.SourceVersion
	latest := x.latestVersion(src.Lang)
	if made == "" || latest == "" {
		return msgStale, data
	}
	details["sourceVersion"], details["latestVersion"] = made, latest
	data["Version"], data["Latest"] = Code(made), Code(latest)
	data["Key"] = Code(`provenance.sourceVersion = "` + latest + `"`)
	return msgStaleVersion, data
}

// archivedStamped looks for the source text a translation was stamped
// against among the initiative's archived versions
// (versions/<version>/<clause>.<lang>.md), for the sentence diff of a stale
// finding when the git history does not have it.
func (x *initiativeCtx) archivedStamped(src *contentsite.Clause, fp string) *contentsite.Clause {
	files, _ := filepath.Glob(filepath.Join(x.site.Dir, filepath.FromSlash(x.in.Dir), "versions", "*", src.ID+"."+src.Lang+".md"))
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		c, err := contentsite.ParseClause(f, raw)
		if err == nil && Fingerprint(c) == fp {
			return c
		}
	}
	return nil
}
