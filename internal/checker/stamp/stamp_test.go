package stamp

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// cancelAfter is a context that is done after its Err has been asked n
// times: WriteAtomicContext asks between chunks, so this cancels mid-write.
type cancelAfter struct {
	context.Context
	n int
}

func (c *cancelAfter) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

func TestCancelledWriteLeavesTheOldFileAndNoTemporary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "report.json")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	big := bytes.Repeat([]byte("x"), 5*chunk)
	for _, n := range []int{0, 2, 5} {
		err := WriteAtomicContext(&cancelAfter{context.Background(), n}, path, big)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancel after %d chunks: err %v", n, err)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 {
			t.Errorf("cancel after %d chunks: %d files in the directory, want only report.json", n, len(entries))
		}
		if got, _ := os.ReadFile(path); string(got) != "old" {
			t.Errorf("cancel after %d chunks: report.json changed", n)
		}
	}
	if err := WriteAtomicContext(context.Background(), path, big); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, big) {
		t.Error("an uncancelled write did not replace the file")
	}
}
