// Package scaffold writes a new Concord site: a Hugo site that imports
// Concord as a Hugo module and runs Concord's tools (aligncheck,
// signatories, pdf) of the same version through its go.mod, with one
// example initiative in two languages.
//
// What reaches the new site how (docs/adopting.md, "How the kit is wired"):
//   - layouts, assets, i18n and archetypes: the module import's mounts;
//   - outputFormats, mediaTypes and params defaults: Hugo merges these from
//     an imported module's configuration by itself;
//   - the rest every Concord site needs (the cascades that give initiatives
//     their layouts and outputs, home outputs, markup, pagination): Hugo
//     does not merge them from a module, so they are written, from
//     Concord's own hugo.toml, into config/_default/hugo.toml, which
//     `concord config` (and so `concord upgrade`) rewrites.
package scaffold

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/concord-initiative/concord"
	"github.com/concord-initiative/concord/internal/checker/align"
	"github.com/concord-initiative/concord/internal/site/contentsite"
)

// ModulePath is Concord's Go and Hugo module.
const ModulePath = "github.com/concord-initiative/concord"

// LocalVersion is the version a site requires when go.mod replaces Concord
// by a local checkout.
const LocalVersion = "v0.0.0-00010101000000-000000000000"

// Tools are the commands a Concord site runs as `go tool NAME`.
var Tools = []string{ModulePath + "/tools/aligncheck", ModulePath + "/tools/signatories", ModulePath + "/tools/pdf", ModulePath + "/tools/versions", ModulePath + "/tools/concord"}

// KitKeys are the top-level keys of Concord's hugo.toml that every Concord
// site needs and that Hugo does not take from an imported module: it merges
// only params, outputFormats, mediaTypes and menus (v0.165.0,
// config/defaultConfigProvider.go, determineMergeStrategy). A root
// `_merge = "deep"` would merge the rest, but it brings this repository's
// languages along, and `[cascade] _merge` does not merge a list of cascades.
var KitKeys = []string{"cascade", "outputs", "disableKinds", "disablePathToLower", "enableRobotsTXT", "defaultContentLanguageInSubdir", "markup", "minify", "pagination"}

// KitConfigFile is where a site keeps the kit's keys, beside its own
// hugo.toml; Hugo reads both.
const KitConfigFile = "config/_default/hugo.toml"

// KitConfig is the content of KitConfigFile for Concord at version.
func KitConfig(version string) ([]byte, error) {
	var all map[string]any
	if err := toml.Unmarshal(concord.HugoTOML, &all); err != nil {
		return nil, fmt.Errorf("Concord's hugo.toml: %v", err)
	}
	kit := map[string]any{}
	for _, k := range KitKeys {
		if v, ok := all[k]; ok {
			kit[k] = v
		}
	}
	body, err := toml.Marshal(kit)
	if err != nil {
		return nil, err
	}
	head := "# Written by `concord config` from the hugo.toml of Concord " + version + ":\n" +
		"# the settings every Concord site shares that Hugo does not take from the\n" +
		"# imported module itself. `concord upgrade` rewrites this file; set your\n" +
		"# own keys in ../../hugo.toml (Hugo reads both). Concord's hugo.toml\n" +
		"# explains each key.\n\n"
	return append([]byte(head), body...), nil
}

// WriteKitConfig writes KitConfigFile into the site at dir.
func WriteKitConfig(dir, version string) error {
	data, err := KitConfig(version)
	if err != nil {
		return err
	}
	p := filepath.Join(dir, filepath.FromSlash(KitConfigFile))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// Options say what site to write.
type Options struct {
	// Dir is the new site's folder; it must not exist or be empty.
	Dir string
	// Module is the new site's Go module path.
	Module string
	// Version is the Concord version the site requires.
	Version string
	// Local, when set, is a Concord checkout go.mod replaces the module by
	// (tests, offline work, working on Concord itself).
	Local string
	// Go is the go command (default "go").
	Go string
}

// NewSite writes the site and resolves its go.mod with the go command.
func NewSite(ctx context.Context, o Options) error {
	if entries, err := os.ReadDir(o.Dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s: not empty; give a new folder", o.Dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	if o.Go == "" {
		o.Go = "go"
	}
	files, err := siteFiles(o)
	if err != nil {
		return err
	}
	for name, body := range files {
		p := filepath.Join(o.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	if err := WriteKitConfig(o.Dir, o.Version); err != nil {
		return err
	}
	return o.goMod(ctx)
}

// goMod makes go.mod: Concord required (or replaced by the checkout), its
// tools and the Hugo it pins as tool directives. go.sum starts from
// Concord's, so no checksum has to be looked up.
func (o Options) goMod(ctx context.Context) error {
	sum := concord.GoSum
	if o.Local != "" {
		local, err := os.ReadFile(filepath.Join(o.Local, "go.sum"))
		if err != nil {
			return err
		}
		sum = local
	}
	if err := os.WriteFile(filepath.Join(o.Dir, "go.sum"), sum, 0o644); err != nil {
		return err
	}
	if err := o.run(ctx, "mod", "init", o.Module); err != nil {
		return err
	}
	edit := []string{"mod", "edit", "-require=" + ModulePath + "@" + o.Version}
	if o.Local != "" {
		abs, err := filepath.Abs(o.Local)
		if err != nil {
			return err
		}
		edit = append(edit, "-replace="+ModulePath+"="+abs)
	}
	if err := o.run(ctx, edit...); err != nil {
		return err
	}
	// Hugo at the version Concord's go.mod selects, not the latest.
	hugo, err := o.output(ctx, "list", "-m", "-f", "{{.Version}}", "github.com/gohugoio/hugo")
	if err != nil {
		return err
	}
	return o.run(ctx, append([]string{"get", "-tool", "github.com/gohugoio/hugo@" + hugo}, Tools...)...)
}

func (o Options) run(ctx context.Context, args ...string) error {
	_, err := o.output(ctx, args...)
	return err
}

func (o Options) output(ctx context.Context, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, o.Go, args...)
	cmd.Dir = o.Dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), nil
}

// siteFiles are the new site's own files. The example text is ours, marked
// as an example on every page that shows it.
func siteFiles(o Options) (map[string]string, error) {
	files := map[string]string{
		"hugo.toml":                             hugoTOML,
		"Makefile":                              makefile,
		"README.md":                             readme,
		".gitignore":                            "/public/\n/resources/_gen/\n/.hugo_build.lock\n/build/\n",
		"content/_index.en.md":                  "+++\ndate = 2026-01-01\ntitle = \"Example Association pledges\"\ndescription = \"An example Concord site: replace this text with your own.\"\n+++\n",
		"content/_index.zh-hans.md":             "+++\ndate = 2026-01-01\ntitle = \"示例协会倡议\"\ndescription = \"Concord 示例站点：请换成你自己的文字。\"\n+++\n",
		"content/initiatives/_index.en.md":      "+++\ndate = 2026-01-01\ntitle = \"All initiatives\"\n+++\n",
		"content/initiatives/_index.zh-hans.md": "+++\ndate = 2026-01-01\ntitle = \"全部倡议\"\n+++\n",
		"content/initiatives/example-pledge/_index.en.md":      exampleIndexEN,
		"content/initiatives/example-pledge/_index.zh-hans.md": exampleIndexZH,
		"data/signatories/.gitkeep":                            "",
	}
	for _, c := range exampleClauses {
		src := clauseFile(c.titleEN, c.numberEN, c.weight, "status = \"source\"\n", c.textEN)
		parsed, err := contentsite.ParseClause(c.id+".en.md", []byte(src))
		if err != nil {
			return nil, err
		}
		prov := fmt.Sprintf("status = \"translation\"\nfrom = \"en\"\nsourceFingerprint = %q\n", align.Fingerprint(parsed))
		files["content/initiatives/example-pledge/"+c.id+".en.md"] = src
		files["content/initiatives/example-pledge/"+c.id+".zh-hans.md"] = clauseFile(c.titleZH, c.numberZH, c.weight, prov, c.textZH)
	}
	return files, nil
}

func clauseFile(title, number string, weight int, prov, text string) string {
	return fmt.Sprintf("+++\ntitle = %q\nnumber = %q\nweight = %d\n\n[provenance]\n%s+++\n\n%s\n", title, number, weight, prov, text)
}

var exampleClauses = []struct {
	id                 string
	weight             int
	titleEN, titleZH   string
	numberEN, numberZH string
	textEN, textZH     string
}{
	{"1", 10, "Plain language", "平实的语言", "I", "一",
		"Members write their notices to the public in plain language.",
		"会员以平实的语言撰写面向公众的通知。"},
	{"2", 20, "Answering complaints", "答复投诉", "II", "二",
		"Members answer every written complaint within ten working days.",
		"会员在十个工作日内答复每一件书面投诉。"},
}

const exampleIndexEN = `+++
title = "Example pledge on plain notices"
date = 2026-01-01
summary = "An example initiative written for Concord's site template: replace it with your own."
sourceLanguage = "en"

[provenance]
source = "Example text written for the Concord site template; not a real initiative."
+++

This is an example initiative, written to show how a Concord site publishes a text clause by clause in several languages. Replace it with your own.
`

const exampleIndexZH = `+++
title = "关于平实通知的示例倡议"
date = 2026-01-01
summary = "为 Concord 站点模板编写的示例倡议：请换成你自己的倡议。"

[provenance]
source = "为 Concord 站点模板编写的示例文字，并非真实的倡议。"
+++

这是一个示例倡议，用来展示 Concord 站点如何以多种语言逐条发布一份文本。请换成你自己的倡议。
`

const hugoTOML = `# This site's own settings. It uses Concord as a Hugo module
# (docs/adopting.md in Concord); config/_default/hugo.toml holds the settings
# every Concord site shares and is rewritten by ` + "`go tool concord upgrade`" + `.

baseURL = "https://example.org/"
title = "Example Association"
defaultContentLanguage = "en"

[languages.en]
label = "English"
locale = "en"
title = "Example Association pledges"
weight = 1
[languages.en.params]
clauseNumberFormat = "%s. "

[languages.zh-hans]
label = "中文"
locale = "zh-Hans"
title = "示例协会倡议"
weight = 2
[languages.zh-hans.params]
clauseNumberFormat = "%s、"

[params]
publisher = "Example Association"
repository = "https://example.org/source"

[params.signatories]
csvLanguages = ["en", "zh-hans"]

# Concord's layouts, assets, i18n strings and archetypes. The mounts are
# named: Concord's own content, data and static files stay out.
[[module.imports]]
path = "github.com/concord-initiative/concord"
[[module.imports.mounts]]
source = "layouts"
target = "layouts"
[[module.imports.mounts]]
source = "assets"
target = "assets"
[[module.imports.mounts]]
source = "i18n"
target = "i18n"
[[module.imports.mounts]]
source = "archetypes"
target = "archetypes"
# The content adapter that makes the version pages of an initiative that
# declares versions (docs/authoring.md in Concord, "Versions"), from the
# data ` + "`make versions`" + ` writes: Concord's own file, so it follows upgrades.
[[module.imports.mounts]]
source = "content"
target = "content"
files = ["initiatives/_content.gotmpl"]

# This site's folders, with the PDFs (` + "`make pdf`" + `) and the translation status
# (` + "`make translation-status`" + `) that the tools write under build/.
[[module.mounts]]
source = "content"
target = "content"
# The initiatives' _index files again, as assets: Concord's content adapter
# reads their ` + "`pairs`" + ` from there, so ` + "`make serve`" + ` follows an edit to them.
[[module.mounts]]
source = "content/initiatives"
target = "assets/concord/initiatives"
files = ["*/_index.*.md"]
[[module.mounts]]
source = "assets"
target = "assets"
[[module.mounts]]
source = "build/pdf"
target = "assets"
[[module.mounts]]
source = "data"
target = "data"
[[module.mounts]]
source = "build/data"
target = "data"
[[module.mounts]]
source = "static"
target = "static"
[[module.mounts]]
source = "build/versions"
target = "static"
`

const makefile = `# A Concord site: ` + "`make serve`" + ` to read it locally, ` + "`make test`" + ` for what CI
# should check. Every tool is the version go.mod pins (go tool ...).

SHELL       := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
GO          ?= go
# Hugo reads Concord from the folder Go resolved for the version go.mod
# requires (the tools' own source): left to itself Hugo would download every
# module of the tools' graph a second time, into its own cache.
CONCORD_DIR  = $(shell $(GO) list -m -f '{{.Dir}}' github.com/concord-initiative/concord)
HUGO         = HUGO_MODULE_REPLACEMENTS="github.com/concord-initiative/concord -> $(CONCORD_DIR)" $(GO) tool hugo
HUGO_FLAGS  := --gc --minify --panicOnWarning --printI18nWarnings --printPathWarnings
STATUS_JSON := build/data/translation/status.json

.PHONY: serve build test check signatories translation-status versions pdf upgrade

# signatories first: building the validator fetches Concord for CONCORD_DIR.
serve: signatories translation-status versions ## Serve on http://127.0.0.1:1313/ with live reload
	$(HUGO) server --bind 127.0.0.1 --panicOnWarning

build: signatories translation-status versions ## Production build into public/
	$(HUGO) $(HUGO_FLAGS) --cleanDestinationDir --destination public

test: check build ## The checks, then a build that stops on any warning

check: signatories ## Translation alignment of every clause in every language
	$(GO) tool aligncheck --no-history .

translation-status:
	$(GO) tool aligncheck --no-history --format json --fail-on none -o $(STATUS_JSON) .

signatories: ## Check data/signatories/*.toml
	$(GO) tool signatories validate .

versions: ## Every initiative's versions: differences and downloads into build/
	$(GO) tool versions .

pdf: ## The A4 handouts of every initiative into build/pdf/ (needs Chromium)
	$(GO) tool pdf -site . -out build/pdf

upgrade: ## make upgrade VERSION=v1.2.3: Concord, its tools and its shared settings
	$(GO) tool concord upgrade $(VERSION)
`

const readme = "# Example Association pledges\n\n" +
	"A site made with `concord new site`: Concord (github.com/concord-initiative/concord)\n" +
	"as a Hugo module, with one example initiative in English and Chinese under\n" +
	"content/initiatives/example-pledge/. Replace it with your own.\n\n" +
	"- `make serve`: the site on http://127.0.0.1:1313/\n" +
	"- `make test`: aligncheck, the signatories validator and a build that stops on any warning\n" +
	"- `make upgrade VERSION=vX.Y.Z`: a newer Concord (`go tool concord upgrade`)\n\n" +
	"Concord's docs/adopting.md says how to publish it and add languages,\n" +
	"initiatives and signatories.\n"
