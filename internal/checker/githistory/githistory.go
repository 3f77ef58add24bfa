// Package githistory reads earlier versions of a file from git, so that a
// stale translation can be shown how its source changed since it was
// stamped. Without git, or outside a repository, it simply finds nothing.
package githistory

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"time"
)

// Git reads history from the repository holding Dir.
type Git struct {
	Dir string
	// Limit bounds how many revisions are read per file.
	Limit int
}

// Versions returns the committed versions of file (relative to Dir), newest
// first.
func (g Git) Versions(file string) ([][]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	limit := g.Limit
	if limit <= 0 {
		limit = 50
	}
	prefix, err := g.run(ctx, "rev-parse", "--show-prefix")
	if err != nil {
		return nil, err
	}
	full := strings.TrimSpace(string(prefix)) + file
	out, err := g.run(ctx, "log", "--format=%H", "-n", itoa(limit), "--", file)
	if err != nil {
		return nil, err
	}
	var versions [][]byte
	for _, h := range strings.Fields(string(out)) {
		b, err := g.run(ctx, "show", h+":"+full)
		if err != nil {
			continue
		}
		versions = append(versions, b)
	}
	return versions, nil
}

func (g Git) run(ctx context.Context, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", g.Dir}, args...)...)
	var stdout bytes.Buffer
	cmd.Stdout = &stdout
	if err := cmd.Run(); err != nil {
		return nil, err
	}
	return stdout.Bytes(), nil
}

func itoa(n int) string {
	var b [20]byte
	i := len(b)
	for n > 0 || i == len(b) {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
