package qualitygates

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// A tool under tools/ is given bad input the way an editor would give it:
// a file missing, unreadable, not UTF-8, with broken front matter or data,
// or no site at all. Each time it must exit non-zero with a short message
// naming the file (and the line, when there is one), leave every file as it
// was, and never panic.

// toolCase is one kind of bad input for one tool.
type toolCase struct {
	name string
	// spoil damages the copy of the site in dir and says which file the
	// message must name (a path under dir, or a bare name) and, if the
	// damage is at a line, which line. It may return a different site
	// directory (a missing or empty one).
	spoil func(t *testing.T, dir string) (site, file string, line int)
	// noOverride runs the tool without root's power to read any file
	// (CAP_DAC_OVERRIDE), so that "unreadable" means unreadable in CI too.
	noOverride bool
	// args, when set, replaces the tool's usual arguments.
	args func(site string) []string
}

// toolSpec is how a tool is run and what it is given.
type toolSpec struct {
	args  func(site string) []string
	cases []toolCase
}

// The cases every tool gets, on the files that tool reads.

func missingSiteDir() toolCase {
	return toolCase{name: "missing site folder", spoil: func(t *testing.T, dir string) (string, string, int) {
		return filepath.Join(dir, "no-such-site"), "no-such-site", 0
	}}
}

func missingFile(rel string) toolCase {
	return toolCase{name: "missing " + rel, spoil: func(t *testing.T, dir string) (string, string, int) {
		mustDo(t, os.Remove(filepath.Join(dir, rel)))
		return dir, rel, 0
	}}
}

func unreadableFile(rel string) toolCase {
	return toolCase{name: "unreadable " + rel, noOverride: true, spoil: func(t *testing.T, dir string) (string, string, int) {
		mustDo(t, os.Chmod(filepath.Join(dir, rel), 0))
		return dir, rel, 0
	}}
}

// invalidUTF8 puts bytes that are not UTF-8 into line of rel, keeping the
// rest of the file (and its syntax) as it was.
func invalidUTF8(rel string, line int) toolCase {
	return toolCase{name: fmt.Sprintf("invalid UTF-8 at %s:%d", rel, line), spoil: func(t *testing.T, dir string) (string, string, int) {
		editLine(t, filepath.Join(dir, rel), line, func(s string) string {
			i := len(s) / 2
			for i > 0 && !isBoundary(s, i) {
				i--
			}
			return s[:i] + "\xff\xfe" + s[i:]
		})
		return dir, rel, line
	}}
}

func isBoundary(s string, i int) bool { return i == len(s) || s[i] < 0x80 || s[i] >= 0xC0 }

// malformed replaces line of rel with text that breaks its syntax.
func malformed(rel string, line int, text string) toolCase {
	return toolCase{name: fmt.Sprintf("malformed %s:%d", rel, line), spoil: func(t *testing.T, dir string) (string, string, int) {
		editLine(t, filepath.Join(dir, rel), line, func(string) string { return text })
		return dir, rel, line
	}}
}

func emptySite() toolCase {
	return toolCase{name: "empty site", spoil: func(t *testing.T, dir string) (string, string, int) {
		empty := filepath.Join(dir, "empty-site")
		mustDo(t, os.Mkdir(empty, 0o755))
		return empty, "hugo.toml", 0
	}}
}

const clauseFile = "content/initiatives/live-streaming-2020/2.en.md"

// endorseGateDB is the endorse tool's database in the gate, one per run.
var endorseGateDB = filepath.Join(os.TempDir(), fmt.Sprintf("concord-gate-endorse-%d.db", os.Getpid()))

// toolSpecs: every tool under tools/ must have an entry (TestGateTools says
// so when a new one has none). Lines point into the shipped content, so the
// tests check that the line exists and holds what the case expects.
var toolSpecs = map[string]toolSpec{
	"aligncheck": {
		args: func(site string) []string { return []string{"--no-history", site} },
		cases: []toolCase{
			missingSiteDir(),
			missingFile("hugo.toml"),
			unreadableFile(clauseFile),
			invalidUTF8(clauseFile, 2),  // in front matter (the title)
			invalidUTF8(clauseFile, 31), // in the clause text
			malformed(clauseFile, 2, `title = "Adhere to legitimate business principle`),
			malformed("data/glossary.toml", 1, `[[term]`),
			emptySite(),
			{
				name: "stamp: missing " + clauseFile,
				args: func(site string) []string {
					return []string{"stamp", "--site", site, "live-streaming-2020", "2", "en"}
				},
				spoil: missingFile(clauseFile).spoil,
			},
			{
				name: "stamp: malformed " + clauseFile + ":2",
				args: func(site string) []string {
					return []string{"stamp", "--site", site, "live-streaming-2020", "2", "en"}
				},
				spoil: malformed(clauseFile, 2, `title = "Adhere to legitimate business principle`).spoil,
			},
		},
	},
	"pdf": {
		args: func(site string) []string {
			return []string{"-site", site, "-out", filepath.Join(site, "build", "pdf")}
		},
		cases: []toolCase{
			missingSiteDir(),
			missingFile("hugo.toml"),
			unreadableFile(clauseFile),
			invalidUTF8(clauseFile, 31),
			malformed(clauseFile, 2, `title = "Adhere to legitimate business principle`),
			malformed("data/signatories/live-streaming-2020.toml", 13, `id = "alibaba`),
			emptySite(),
		},
	},
	"concord": {
		args: func(site string) []string { return []string{"new", "site", "-concord", repoRoot, site} },
		cases: []toolCase{
			{name: "new site into a folder that is not empty", spoil: func(t *testing.T, dir string) (string, string, int) {
				return dir, dir, 0
			}},
			{name: "config outside a site", args: func(string) []string { return []string{"config"} },
				spoil: func(t *testing.T, dir string) (string, string, int) { return dir, "go.mod", 0 }},
		},
	},
	// The endorsement service's export reads the site and its signatories
	// file; its database is outside the site, so the site stays unwritten.
	"endorse": {
		args: func(site string) []string {
			return []string{"export", "--db", "sqlite:" + endorseGateDB, "--site", site, "live-streaming-2020"}
		},
		cases: []toolCase{
			missingSiteDir(),
			missingFile("hugo.toml"),
			unreadableFile("data/signatories/live-streaming-2020.toml"),
			invalidUTF8("data/signatories/live-streaming-2020.toml", 14),
			malformed("data/signatories/live-streaming-2020.toml", 13, `id = "alibaba`),
			emptySite(),
		},
	},
	"versions": {
		args: func(site string) []string { return []string{site} },
		cases: []toolCase{
			missingSiteDir(),
			missingFile("hugo.toml"),
			unreadableFile(clauseFile),
			invalidUTF8(clauseFile, 31),
			malformed(clauseFile, 2, `title = "Adhere to legitimate business principle`),
			emptySite(),
		},
	},
	"signatories": {
		args: func(site string) []string { return []string{"validate", site} },
		cases: []toolCase{
			missingSiteDir(),
			missingFile("hugo.toml"),
			unreadableFile("data/signatories/live-streaming-2020.toml"),
			invalidUTF8("data/signatories/live-streaming-2020.toml", 14),
			malformed("data/signatories/live-streaming-2020.toml", 13, `id = "alibaba`),
			emptySite(),
		},
	},
}

func TestGateTools(t *testing.T) {
	g := gate(t, "tools")
	tools := toolDirs(t)
	bin := buildTools(t, tools)
	runs, failed := 0, 0
	for _, name := range tools {
		spec, ok := toolSpecs[name]
		if !ok {
			t.Errorf("tools/%s has no bad-input cases: add it to toolSpecs in qualitygates/tools_test.go", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			for _, c := range spec.cases {
				ok := t.Run(c.name, func(t *testing.T) {
					runBadInput(t, filepath.Join(bin, name), spec, c)
				})
				runs++
				if !ok {
					failed++
					g.detail("tools/%s, %s: FAIL", name, c.name)
				}
			}
		})
	}
	g.note("%d tools (%s) × bad input (missing, unreadable, not UTF-8, malformed, empty site): %d runs, %d did not fail cleanly (non-zero exit, file and line named, nothing written, no panic)",
		len(tools), strings.Join(tools, ", "), runs, failed)
}

// toolDirs lists tools/<name>/ folders that hold a main package.
func toolDirs(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(repoRoot, "tools"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			if _, err := os.Stat(filepath.Join(repoRoot, "tools", e.Name(), "main.go")); err == nil {
				out = append(out, e.Name())
			}
		}
	}
	slices.Sort(out)
	return out
}

// buildTools compiles every tool into a temporary folder.
func buildTools(t *testing.T, tools []string) string {
	t.Helper()
	dir := worldDir(t)
	for _, name := range tools {
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, name), "./tools/"+name)
		cmd.Dir = repoRoot
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("go build ./tools/%s: %v\n%s", name, err, out)
		}
	}
	return dir
}

// worldDir is a temporary folder, removed (whatever the cases did to the
// modes of its files) when the test ends.
func worldDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "concord-tools-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Give back what the cases took away, so the folder can be removed.
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil {
				os.Chmod(p, 0o755)
			}
			return nil
		})
		os.RemoveAll(dir)
	})
	return dir
}

// siteFiles are the parts of the repository a tool may read.
var siteFiles = []string{"hugo.toml", "content", "data", "i18n", "layouts", "assets", "static"}

func copySite(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(worldDir(t), "site")
	for _, name := range siteFiles {
		src := filepath.Join(repoRoot, name)
		info, err := os.Stat(src)
		switch {
		case err != nil:
			continue
		case info.IsDir():
			mustDo(t, os.CopyFS(filepath.Join(dir, name), os.DirFS(src)))
		default:
			b, err := os.ReadFile(src)
			mustDo(t, err)
			mustDo(t, os.MkdirAll(dir, 0o755))
			mustDo(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
		}
	}
	return dir
}

func runBadInput(t *testing.T, bin string, spec toolSpec, c toolCase) {
	t.Helper()
	dir := copySite(t)
	site, file, line := c.spoil(t, dir)
	before := snapshot(t, dir)

	args := spec.args(site)
	if c.args != nil {
		args = c.args(site)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	argv := append([]string{bin}, args...)
	if c.noOverride && os.Geteuid() == 0 {
		// setpriv (util-linux, in every Debian) drops the capabilities that
		// let root read a file whatever its mode; the tool stays root
		// otherwise, so its caches and HOME work as usual.
		argv = append([]string{"setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"}, argv...)
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = repoRoot // where the tools are documented to run (go run ./tools/...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	shown := fmt.Sprintf("$ %s %s\nexit: %v\nstderr:\n%s\nstdout:\n%s", filepath.Base(bin), strings.Join(args, " "), err, stderr.String(), clipLines(stdout.String(), 12))

	out := stdout.String() + stderr.String()
	if strings.Contains(out, "panic:") || strings.Contains(out, "goroutine ") {
		t.Fatalf("the tool panicked; turn the panic into an error naming the file\n%s", shown)
	}
	if ctx.Err() != nil {
		t.Fatalf("the tool hung for a minute\n%s", shown)
	}
	if err == nil {
		t.Errorf("exit status 0 on bad input: it must fail\n%s", shown)
	}
	if !namesFile(out, file, line) {
		if line > 0 {
			t.Errorf("no message names %s and line %d\n%s", file, line, shown)
		} else {
			t.Errorf("no message names %s\n%s", file, shown)
		}
	}
	if n := len(nonEmptyLines(stderr.String())); n > 3 {
		t.Errorf("%d lines on stderr for one bad file: give one clear line (and a summary at most)\n%s", n, shown)
	}
	if after := snapshot(t, dir); !maps.Equal(before, after) {
		t.Errorf("the failed run changed files: %s\n%s", diffSnapshots(before, after), shown)
	}
}

// namesFile: some line of the output names the file (its path under the
// site, or its base name) and, when line > 0, that line as file:line or
// "line N" on the same output line.
func namesFile(out, file string, line int) bool {
	base := filepath.Base(file)
	for _, l := range strings.Split(out, "\n") {
		if !strings.Contains(l, base) {
			continue
		}
		if line == 0 {
			return true
		}
		n := strconv.Itoa(line)
		if regexp.MustCompile(regexp.QuoteMeta(base)+`:`+n+`\b`).MatchString(l) ||
			regexp.MustCompile(`\bline `+n+`\b`).MatchString(l) {
			return true
		}
	}
	return false
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

func clipLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("… (%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "\n")
}

// snapshot: every file under dir with the hash of its content and its mode.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if hugoCache(filepath.ToSlash(rel)) {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return nil
		}
		if d.IsDir() {
			snap[rel+"/"] = info.Mode().String()
			return nil
		}
		b, _ := os.ReadFile(p) // root reads even the unreadable case's file
		snap[rel] = fmt.Sprintf("%s %x", info.Mode(), sha256.Sum256(b))
		return nil
	})
	return snap
}

func diffSnapshots(before, after map[string]string) string {
	var d []string
	for k, v := range after {
		if old, ok := before[k]; !ok {
			d = append(d, "created "+k)
		} else if old != v {
			d = append(d, "changed "+k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			d = append(d, "removed "+k)
		}
	}
	slices.Sort(d)
	return strings.Join(d, ", ")
}

// hugoCache: what Hugo itself leaves in a site it builds, failed or not
// (its lock file and resource cache, both in .gitignore). Not output of the
// tool, so not "half-done".
func hugoCache(rel string) bool {
	return rel == ".hugo_build.lock" || rel == "resources" || strings.HasPrefix(rel, "resources/")
}

// editLine rewrites one line of a file, failing when the file has no such
// line (the shipped content moved: update the case).
func editLine(t *testing.T, path string, line int, edit func(string) string) {
	t.Helper()
	b, err := os.ReadFile(path)
	mustDo(t, err)
	lines := strings.Split(string(b), "\n")
	if line < 1 || line > len(lines) || strings.TrimSpace(lines[line-1]) == "" {
		t.Fatalf("%s has no non-empty line %d to spoil: the content changed, update the case in tools_test.go", path, line)
	}
	lines[line-1] = edit(lines[line-1])
	mustDo(t, os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644))
}

func mustDo(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
