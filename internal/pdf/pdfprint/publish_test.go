package pdfprint

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// staged writes the PDFs of a run into a staging folder, as Render does.
func staged(t *testing.T, bodies map[string]string) (string, []File) {
	t.Helper()
	dir := t.TempDir()
	var files []File
	for p, body := range bodies {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(p)), body)
		files = append(files, File{Path: p, Bytes: int64(len(body))})
	}
	return dir, files
}

// A run replaces the PDFs it wrote before and removes those it no longer
// writes, and leaves every other file, PDFs included, where it was.
func TestPublishTouchesOnlyWhatItWrote(t *testing.T) {
	out := filepath.Join(t.TempDir(), "build", "pdf")
	staging, files := staged(t, map[string]string{"initiatives/a/a-en.pdf": "old a", "initiatives/gone/gone-en.pdf": "old gone"})
	if err := publish(out, staging, files); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(out, "handout.pdf"), "someone's own PDF")
	writeFile(t, filepath.Join(out, "initiatives", "a", "notes", "scan.pdf"), "a scan")
	writeFile(t, filepath.Join(out, "README"), "read me")

	staging, files = staged(t, map[string]string{"initiatives/a/a-en.pdf": "new a", "initiatives/b/b-en.pdf": "new b"})
	if err := publish(out, staging, files); err != nil {
		t.Fatal(err)
	}
	for rel, want := range map[string]string{
		"initiatives/a/a-en.pdf":       "new a",
		"initiatives/b/b-en.pdf":       "new b",
		"handout.pdf":                  "someone's own PDF",
		"initiatives/a/notes/scan.pdf": "a scan",
		"README":                       "read me",
	} {
		if got := readFile(t, filepath.Join(out, filepath.FromSlash(rel))); got != want {
			t.Errorf("%s holds %q, want %q", rel, got, want)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "initiatives", "gone", "gone-en.pdf")); !os.IsNotExist(err) {
		t.Errorf("the PDF of a removed initiative is still there (err %v)", err)
	}
	if m := readFile(t, filepath.Join(out, ManifestName)); !strings.Contains(m, "initiatives/b/b-en.pdf\n") || strings.Contains(m, "gone") || strings.Contains(m, "handout") {
		t.Errorf("manifest:\n%s", m)
	}
	// Nothing is left beside the folder.
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("beside %s: %v, want the folder alone", out, entries)
	}
}

// A manifest line that points outside the folder is never followed.
func TestPublishIgnoresAManifestPointingOutside(t *testing.T) {
	root := t.TempDir()
	out := filepath.Join(root, "pdf")
	victim := filepath.Join(root, "victim.pdf")
	writeFile(t, victim, "keep me")
	writeFile(t, filepath.Join(out, ManifestName), "../victim.pdf\n/etc/passwd\n")
	staging, files := staged(t, map[string]string{"x.pdf": "x"})
	if err := publish(out, staging, files); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, victim); got != "keep me" {
		t.Errorf("victim.pdf holds %q", got)
	}
}

// On a full disk the run fails, says so, and the previous set stays whole.
// It needs root to mount a small tmpfs.
func TestPublishOnAFullDiskKeepsThePreviousSet(t *testing.T) {
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here (needs root and the permission to mount): %v %s", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", mnt).Run() })
	out := filepath.Join(mnt, "pdf")
	previous := map[string]string{"initiatives/a/a-en.pdf": strings.Repeat("A", 40<<10), "initiatives/a/a-zh-hans.pdf": strings.Repeat("Z", 40<<10)}
	staging, files := staged(t, previous)
	if err := publish(out, staging, files); err != nil {
		t.Fatal(err)
	}
	manifest := readFile(t, filepath.Join(out, ManifestName))

	staging, files = staged(t, map[string]string{"initiatives/a/a-en.pdf": strings.Repeat("N", 120<<10), "initiatives/a/a-zh-hans.pdf": strings.Repeat("M", 120<<10)})
	err := publish(out, staging, files)
	if err == nil || !strings.Contains(err.Error(), "is full") {
		t.Fatalf("err = %v, want one saying the disk is full", err)
	}
	for rel, want := range previous {
		if got := readFile(t, filepath.Join(out, filepath.FromSlash(rel))); got != want {
			t.Errorf("%s changed (%d bytes, first %.1q)", rel, len(got), got)
		}
	}
	if got := readFile(t, filepath.Join(out, ManifestName)); got != manifest {
		t.Errorf("the manifest changed:\n%s", got)
	}
	entries, _ := os.ReadDir(mnt)
	if len(entries) != 1 {
		t.Errorf("left beside the folder: %v", entries)
	}
}
