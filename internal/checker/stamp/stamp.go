// Package stamp records in a translation which version of its source it was
// reviewed against, by writing provenance.sourceFingerprint. It changes that
// one line (or inserts it after [provenance]) and leaves every other byte of
// the file as it was, and it replaces the file atomically.
package stamp

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"

	"github.com/concord-initiative/concord/internal/site/contentsite"
	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// Key is the front matter key stamp writes, inside [provenance].
const Key = "sourceFingerprint"

// Rewrite returns src with provenance.sourceFingerprint set to fp.
func Rewrite(file string, src []byte, fp string) ([]byte, error) {
	fm, err := siteconfig.SplitFrontMatter(file, src)
	if err != nil {
		if pe, ok := err.(*siteconfig.ParseError); ok {
			return nil, pe
		}
		return nil, &siteconfig.ParseError{File: file, Line: 1, Msg: "no +++ front matter to stamp; add one with a [provenance] table"}
	}
	nl := []byte("\n")
	if bytes.Contains(src, []byte("\r\n")) {
		nl = []byte("\r\n")
	}
	value := []byte(Key + " = " + strconv.Quote(fp))
	lines := bytes.SplitAfter(src, []byte("\n"))
	var out []byte
	if line, ok := fm.Keys["provenance."+Key]; ok {
		old := lines[line-1]
		indent := old[:len(old)-len(bytes.TrimLeft(old, " \t"))]
		ending := old[len(bytes.TrimRight(old, "\r\n")):]
		lines[line-1] = append(append(append([]byte{}, indent...), value...), ending...)
		out = bytes.Join(lines, nil)
	} else if line, ok := fm.Keys["provenance"]; ok && isTableHeader(lines[line-1]) {
		ending := lines[line-1][len(bytes.TrimRight(lines[line-1], "\r\n")):]
		if len(ending) == 0 {
			ending = nl
		}
		ins := append(append([]byte{}, value...), ending...)
		rest := append([][]byte{}, lines[line:]...)
		lines = append(append(lines[:line], ins), rest...)
		out = bytes.Join(lines, nil)
	} else {
		return nil, &siteconfig.ParseError{File: file, Line: fm.FirstLine, Msg: "no [provenance] table to stamp; add [provenance] with status and from"}
	}
	// Read the result back: the rewrite must parse and carry the new value.
	c, err := contentsite.ParseClause(file, out)
	if err != nil {
		return nil, fmt.Errorf("%s: stamping would break the front matter (%v); file left unchanged", file, err)
	}
	if c.Provenance.SourceFingerprint != fp {
		return nil, fmt.Errorf("%s: stamped value does not read back; file left unchanged", file)
	}
	return out, nil
}

func isTableHeader(line []byte) bool {
	t := bytes.TrimSpace(line)
	return bytes.HasPrefix(t, []byte("[provenance]")) || bytes.HasPrefix(t, []byte("[ provenance ]"))
}

// WriteAtomic replaces path with data through a temporary file in the same
// directory, so a reader never sees half a file and a crash leaves the old
// one.
func WriteAtomic(path string, data []byte) error {
	return WriteAtomicContext(context.Background(), path, data)
}

// chunk is how much WriteAtomicContext writes between looks at its context:
// a large report is cancelled within a few milliseconds of Ctrl-C.
const chunk = 1 << 20

// WriteAtomicContext is WriteAtomic that gives up when ctx is done (Ctrl-C):
// it then removes its temporary file, leaves path as it was and returns
// ctx's error.
func WriteAtomicContext(ctx context.Context, path string, data []byte) error {
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // a no-op after the rename
	fail := func(err error) error {
		tmp.Close()
		return err
	}
	for rest := data; ; {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		if len(rest) == 0 {
			break
		}
		n := min(len(rest), chunk)
		if _, err := tmp.Write(rest[:n]); err != nil {
			return fail(err)
		}
		rest = rest[n:]
	}
	if err := tmp.Chmod(mode); err != nil {
		return fail(err)
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	return os.Rename(name, path)
}
