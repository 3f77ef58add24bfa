// Package hugobuild runs the Hugo pinned in go.mod (go tool hugo) on a site.
//
// Tests, benchmarks and tools all build through here so that every build
// uses the same binary and the same production flags as `make build`.
package hugobuild

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// GOGC is the garbage collector setting every build runs with unless the
// environment sets one, as the Makefile's HUGO does (see there for the
// figures): fewer collections than Go's default, a peak memory that stays
// within a few times the live heap.
const GOGC = "200"

// ProductionFlags are the flags of `make build`: a deprecation, a missing
// translation or a path clash fails the build instead of passing unnoticed.
var ProductionFlags = []string{
	"--gc", "--minify", "--panicOnWarning", "--printI18nWarnings", "--printPathWarnings",
}

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
)

// Binary returns the path of the pinned Hugo binary. The first call may
// compile it (minutes on a cold cache); the go command caches the result.
func Binary() (string, error) {
	binaryOnce.Do(func() {
		root, err := ModuleRoot()
		if err != nil {
			binaryErr = err
			return
		}
		cmd := exec.Command("go", "tool", "-n", "hugo")
		cmd.Dir = root
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			binaryErr = fmt.Errorf("go tool -n hugo: %v: %s", err, strings.TrimSpace(stderr.String()))
			return
		}
		binaryPath = strings.TrimSpace(string(out))
	})
	return binaryPath, binaryErr
}

// ModuleRoot is the directory of the go.mod above the working directory: the
// repository root, whichever package's test is running.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory: run from inside the repository")
		}
		dir = parent
	}
}

// Build renders siteDir into outDir with the production flags and any extra
// arguments. On failure the error carries Hugo's own output, which names the
// file and line at fault.
func Build(ctx context.Context, siteDir, outDir string, extra ...string) error {
	cmd, err := command(ctx, siteDir, outDir, extra...)
	if err != nil {
		return err
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		return &BuildError{Site: siteDir, Err: err, Output: string(out)}
	}
	return nil
}

// command is the hugo invocation every build shares.
func command(ctx context.Context, siteDir, outDir string, extra ...string) (*exec.Cmd, error) {
	bin, err := Binary()
	if err != nil {
		return nil, err
	}
	args := append([]string{"--source", siteDir, "--destination", outDir}, ProductionFlags...)
	args = append(args, extra...)
	cmd := exec.CommandContext(ctx, bin, args...)
	// A private cache per build keeps parallel test builds from sharing
	// resources/_gen and modules state.
	cmd.Env = append(os.Environ(), "HUGO_CACHEDIR="+filepath.Join(outDir+".cache"))
	if os.Getenv("GOGC") == "" {
		cmd.Env = append(cmd.Env, "GOGC="+GOGC)
	}
	return cmd, nil
}

// BuildError is a failed build: Hugo's exit and everything it printed.
type BuildError struct {
	Site   string
	Err    error // the exit status
	Output string
}

// Error starts with Hugo's own line (Line), then all its output.
func (e *BuildError) Error() string {
	return fmt.Sprintf("hugo build of %s failed: %s\n%s", e.Site, e.Line(), e.Output)
}

func (e *BuildError) Unwrap() error { return e.Err }

var (
	errorLine = regexp.MustCompile(`(?m)^ERROR\s+(.*)$`)
	// With --panicOnWarning a warning ends the build in a panic (exit
	// status 2) and no ERROR line: the warning is the reason.
	warnLine  = regexp.MustCompile(`(?m)^WARN\s+(.*)$`)
	panicLine = regexp.MustCompile(`(?m)^(?:panic|Error): (.*)$`)
	// Hugo reports a data file's syntax error at the file's 1:1 and the
	// real place in an inner "_stream.toml".
	dataStream = regexp.MustCompile(`"([^"]+):1:1": "_stream\.[a-z]+:(\d+):(\d+)"`)
	noise      = regexp.MustCompile(`^(error building site: )?((render|assemble): )?(\[[^\]]*\] )?(failed to render pages: )?(failed to load data: )?`)
)

// Line is the one line of Hugo's output that says what is wrong, naming the
// file and line where Hugo does: the first ERROR, else the warning that
// --panicOnWarning turned into a panic, else the panic or Error line, else
// the exit status.
func (e *BuildError) Line() string {
	for _, re := range []*regexp.Regexp{errorLine, warnLine, panicLine} {
		if m := re.FindStringSubmatch(e.Output); m != nil {
			msg := dataStream.ReplaceAllString(strings.TrimSpace(m[1]), `"$1:$2:$3"`)
			return noise.ReplaceAllString(msg, "")
		}
	}
	return e.Err.Error()
}
