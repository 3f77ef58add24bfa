// Package concordcli is the concord command: `concord new site DIR` writes
// a site that uses Concord as a Hugo module; `concord upgrade` moves a site
// to another Concord version; `concord config` rewrites the settings every
// Concord site shares. tools/concord/main.go only calls Main.
package concordcli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/concord-initiative/concord/internal/kit/scaffold"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// Exit codes.
const (
	ExitOK     = 0
	ExitFailed = 1
	ExitUsage  = 2
)

// LocalEnv names a Concord checkout to use instead of a published version,
// as -concord does.
const LocalEnv = "CONCORD_LOCAL"

// Messages: English defaults here, translations as keys of the site's
// i18n/<lang>.toml. A new site does not exist yet, so `new` speaks English.
var (
	// Messages lists every message of the command, for the i18n test.
	Messages        toolmessages.List
	msgUsage        = message("concord_cmd_usage", "usage: concord new site [-module PATH] [-concord DIR] DIR | concord upgrade [VERSION] | concord config | concord version")
	msgNewDone      = message("concord_cmd_new_done", "concord: wrote a Concord {{ .Version }} site in {{ .Dir }}; next: cd {{ .Dir }} && make test && make serve")
	msgNoVersion    = message("concord_cmd_no_version", "concord: this concord is not a published version: run it as go run github.com/concord-initiative/concord/tools/concord@VERSION, or give -concord DIR (or {{ .Env }}) for a local checkout")
	msgFailed       = message("concord_cmd_failed", "concord: {{ .Error }}")
	msgConfigDone   = message("concord_cmd_config_done", "concord: {{ .File }} now holds the shared settings of Concord {{ .Version }}")
	msgNotSite      = message("concord_cmd_not_site", "concord: {{ .Dir }} has no go.mod that requires {{ .Module }}: run this in a site made by concord new site")
	msgUpgradeLocal = message("concord_cmd_upgrade_local", "concord: go.mod replaces Concord by {{ .Dir }}: pull there; the shared settings are rewritten from it")
)

var message = Messages.Add

// Main runs the command and returns its exit code.
func Main(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	say := speakerFor(".")
	if len(args) == 0 {
		fmt.Fprintln(stderr, say.Text(msgUsage, nil))
		return ExitUsage
	}
	switch {
	case args[0] == "new" && len(args) > 1 && args[1] == "site":
		return newSite(ctx, args[2:], stdout, stderr)
	case args[0] == "config" && len(args) == 1:
		return writeConfig(say, stdout, stderr)
	case args[0] == "upgrade" && len(args) <= 2:
		version := "latest"
		if len(args) == 2 {
			version = args[1]
		}
		return upgrade(ctx, say, version, stdout, stderr)
	case args[0] == "version" && len(args) == 1:
		v, _ := ownVersion()
		fmt.Fprintln(stdout, "concord", v)
		return ExitOK
	}
	fmt.Fprintln(stderr, say.Text(msgUsage, nil))
	return ExitUsage
}

func newSite(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	say := speaker{}
	fs := flag.NewFlagSet("concord new site", flag.ContinueOnError)
	fs.SetOutput(stderr)
	module := fs.String("module", "", "the new site's Go module path (default example.org/<folder name>)")
	local := fs.String("concord", os.Getenv(LocalEnv), "a Concord checkout to use instead of a published version (go.mod replaces the module by it); or set "+LocalEnv)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, say.Text(msgUsage, nil))
		return ExitUsage
	}
	dir := fs.Arg(0)
	o := scaffold.Options{Dir: dir, Module: *module, Local: *local}
	if o.Module == "" {
		o.Module = path.Join("example.org", filepath.Base(filepath.Clean(dir)))
	}
	if o.Local != "" {
		o.Version = scaffold.LocalVersion
	} else {
		v, ok := ownVersion()
		if !ok {
			fmt.Fprintln(stderr, say.Text(msgNoVersion, map[string]any{"Env": LocalEnv}))
			return ExitUsage
		}
		o.Version = v
	}
	if err := scaffold.NewSite(ctx, o); err != nil {
		fmt.Fprintln(stderr, say.Text(msgFailed, map[string]any{"Error": err.Error()}))
		return ExitFailed
	}
	fmt.Fprintln(stdout, say.Text(msgNewDone, map[string]any{"Version": o.Version, "Dir": dir}))
	return ExitOK
}

// writeConfig rewrites the shared settings from this concord's own Concord,
// which in a site is the version go.mod requires (go tool concord).
func writeConfig(say speaker, stdout, stderr io.Writer) int {
	if !requiresConcord(".") {
		fmt.Fprintln(stderr, say.Text(msgNotSite, map[string]any{"Dir": ".", "Module": scaffold.ModulePath}))
		return ExitFailed
	}
	v, _ := ownVersion()
	if err := scaffold.WriteKitConfig(".", v); err != nil {
		fmt.Fprintln(stderr, say.Text(msgFailed, map[string]any{"Error": err.Error()}))
		return ExitFailed
	}
	fmt.Fprintln(stdout, say.Text(msgConfigDone, map[string]any{"File": scaffold.KitConfigFile, "Version": v}))
	return ExitOK
}

// upgrade is `go get` of Concord at version (its tools and the Hugo it pins
// follow, being in the same module), then `go tool concord config` so the
// shared settings are the new version's, written by the new version.
func upgrade(ctx context.Context, say speaker, version string, stdout, stderr io.Writer) int {
	if !requiresConcord(".") {
		fmt.Fprintln(stderr, say.Text(msgNotSite, map[string]any{"Dir": ".", "Module": scaffold.ModulePath}))
		return ExitFailed
	}
	if dir := replacedBy("."); dir != "" {
		fmt.Fprintln(stdout, say.Text(msgUpgradeLocal, map[string]any{"Dir": dir}))
	} else if err := goCmd(ctx, stdout, stderr, "get", scaffold.ModulePath+"@"+version); err != nil {
		fmt.Fprintln(stderr, say.Text(msgFailed, map[string]any{"Error": err.Error()}))
		return ExitFailed
	}
	if err := goCmd(ctx, stdout, stderr, "tool", "concord", "config"); err != nil {
		fmt.Fprintln(stderr, say.Text(msgFailed, map[string]any{"Error": err.Error()}))
		return ExitFailed
	}
	return ExitOK
}

func goCmd(ctx context.Context, stdout, stderr io.Writer, args ...string) error {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("go %s: %v", strings.Join(args, " "), err)
	}
	return nil
}

// ownVersion is the Concord this command was built from: the version
// `go run …@VERSION` or a site's go.mod gave, or LocalVersion when a
// replace directive points at a checkout. ok is false for a build inside
// Concord's own repository, which has no version.
func ownVersion() (v string, ok bool) {
	bi, found := debug.ReadBuildInfo()
	if !found {
		return "(unknown)", false
	}
	if bi.Main.Path == scaffold.ModulePath {
		// Replaced by a checkout (go tool concord in such a site): a new
		// site could not fetch that version.
		if r := bi.Main.Replace; r != nil && r.Version == "" {
			return bi.Main.Version + " (" + r.Path + ")", false
		}
		return bi.Main.Version, bi.Main.Version != "" && bi.Main.Version != "(devel)"
	}
	for _, d := range bi.Deps {
		if d.Path == scaffold.ModulePath {
			if d.Replace != nil && d.Replace.Version == "" {
				return d.Version + " (" + d.Replace.Path + ")", true
			}
			return d.Version, true
		}
	}
	return "(unknown)", false
}

func requiresConcord(dir string) bool {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	return err == nil && strings.Contains(string(data), scaffold.ModulePath+" ")
}

// replacedBy is the local folder go.mod replaces Concord by, or "".
func replacedBy(dir string) string {
	data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) >= 4 && f[0] == "replace" && f[1] == scaffold.ModulePath && f[2] == "=>" {
			return f[3]
		}
	}
	return ""
}

// speaker says the command's messages in English, or in CONCORD_LANG (a
// language key of the site's i18n/) when run inside a site: the output
// lands in build logs, read by whoever maintains the site.
type speaker struct{ l *toolmessages.Localizer }

func speakerFor(dir string) speaker {
	if os.Getenv("CONCORD_LANG") == "" {
		return speaker{}
	}
	cat, err := toolmessages.Load(dir)
	if err != nil {
		return speaker{}
	}
	return speaker{l: cat.Localizer(os.Getenv("CONCORD_LANG"))}
}

func (s speaker) Text(m *i18n.Message, data map[string]any) string {
	if s.l == nil {
		s.l = toolmessages.Defaults().Localizer("en")
	}
	return s.l.Text(m, data)
}
