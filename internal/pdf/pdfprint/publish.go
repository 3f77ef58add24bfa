package pdfprint

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
)

// ManifestName is the file in the output folder that lists the PDFs the
// last run wrote, one slash-separated path a line: the only files a later
// run removes or replaces. Everything else in the folder is left alone.
const ManifestName = ".concord-pdf-files"

// publish replaces the PDFs of the last run in out with files (read from
// staging) as one unit: the new set is assembled in a folder beside out,
// with every file of out that no run wrote, and the two folders are then
// swapped. A run that fails at any point before the swap (a full disk, a
// crash, Ctrl-C) leaves out as it was.
func publish(out, staging string, files []File) (err error) {
	parent, base := filepath.Split(filepath.Clean(out))
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return diskError(out, err)
	}
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return fmt.Errorf("%s is not a folder", out)
	}
	previous, err := readManifest(out)
	if err != nil {
		return err
	}
	next, err := os.MkdirTemp(parent, "."+base+".new-")
	if err != nil {
		return diskError(out, err)
	}
	defer func() {
		// After the swap next holds the previous set; before it, the
		// unfinished new one. Either way it goes.
		if rmErr := os.RemoveAll(next); rmErr != nil && err == nil {
			err = rmErr
		}
	}()
	if err := os.Chmod(next, 0o755); err != nil {
		return err
	}
	written := map[string]bool{}
	for _, f := range files {
		written[f.Path] = true
		if err := copyFile(filepath.Join(next, filepath.FromSlash(f.Path)), filepath.Join(staging, filepath.FromSlash(f.Path))); err != nil {
			return diskError(out, err)
		}
	}
	if err := keepForeign(next, out, previous, written); err != nil {
		return diskError(out, err)
	}
	if err := writeManifest(next, files); err != nil {
		return diskError(out, err)
	}
	return swap(next, out)
}

// diskError says plainly when the disk is full, the likeliest reason a
// write fails, and that nothing was replaced.
func diskError(out string, err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return fmt.Errorf("the disk holding %s is full (%v): the PDFs in %s are as they were; free some space and run again", out, unwrapPath(err), out)
	}
	return err
}

func readManifest(out string) (map[string]bool, error) {
	f, err := os.Open(filepath.Join(out, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]bool{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	set := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		// A line that could point outside out is not ours to delete.
		if line != "" && !strings.HasPrefix(line, "#") && validPDFPath(line) {
			set[line] = true
		}
	}
	return set, sc.Err()
}

func writeManifest(dir string, files []File) error {
	var b strings.Builder
	b.WriteString("# The PDFs tools/pdf wrote here (docs/pdf.md). It replaces or removes only these.\n")
	paths := make([]string, 0, len(files))
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	sort.Strings(paths)
	for _, p := range paths {
		b.WriteString(p + "\n")
	}
	return writeSynced(filepath.Join(dir, ManifestName), strings.NewReader(b.String()))
}

// keepForeign links into next every file of out that no run of the tool
// wrote (in neither manifest), so the swap keeps it: a PDF someone put
// there, a README. A file at the path of a new PDF is replaced by it.
func keepForeign(next, out string, previous, written map[string]bool) error {
	if _, err := os.Stat(out); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(out, p)
		if err != nil || rel == "." {
			return err
		}
		slash := filepath.ToSlash(rel)
		dst := filepath.Join(next, rel)
		switch {
		case d.IsDir():
			return os.MkdirAll(dst, 0o755)
		case slash == ManifestName || previous[slash] || written[slash]:
			return nil
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, dst)
		}
		if err := os.Link(p, dst); err == nil {
			return nil
		}
		return copyFile(dst, p)
	})
}

func copyFile(dst, src string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return writeSynced(dst, in)
}

// writeSynced writes r to a new file at path and syncs it, so a full disk
// shows here rather than after the swap.
func writeSynced(path string, r io.Reader) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// swap puts the folder next in the place of out; next then holds what out
// held. On Linux the two are exchanged in one rename; elsewhere, or on a
// file system without exchange, out is moved aside first, for an instant.
func swap(next, out string) error {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return os.Rename(next, out)
	}
	if err := exchange(next, out); err == nil {
		return nil
	}
	aside := next + ".old"
	if err := os.Rename(out, aside); err != nil {
		return err
	}
	if err := os.Rename(next, out); err != nil {
		if restore := os.Rename(aside, out); restore != nil {
			return fmt.Errorf("%v; the previous PDFs are in %s", err, aside)
		}
		return err
	}
	return os.Rename(aside, next)
}
