package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// Ctrl-C while aligncheck writes its -o report must leave the previous
// report as it was and no temporary file beside it (issue 10 §11). The test
// runs the real command in a subprocess on a site whose JSON report is tens
// of megabytes, waits for the temporary file to appear and sends SIGINT.
func TestInterruptDuringOutputLeavesNoTemporaryFile(t *testing.T) {
	bin, err := exec.LookPath("aligncheck") // set up by testscript.Main
	if err != nil {
		t.Fatal(err)
	}
	site := noisySite(t, 1500)
	outDir := t.TempDir()
	out := filepath.Join(outDir, "status.json")
	const old = "the previous report\n"
	caught := 0
	for attempt := 0; attempt < 5 && caught == 0; attempt++ {
		if err := os.WriteFile(out, []byte(old), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "--format", "json", "--fail-on", "none", "--no-history", "-o", out, site)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sent := false
		deadline := time.Now().Add(time.Minute)
		for time.Now().Before(deadline) && cmd.ProcessState == nil {
			if len(temporaries(t, outDir)) > 0 {
				cmd.Process.Signal(syscall.SIGINT)
				sent = true
				break
			}
			if exited(cmd) {
				break
			}
			time.Sleep(100 * time.Microsecond)
		}
		err := cmd.Wait()
		if left := temporaries(t, outDir); len(left) > 0 {
			t.Fatalf("after SIGINT (sent: %v) aligncheck left %s behind; stderr: %s", sent, strings.Join(left, ", "), stderr.String())
		}
		got, rerr := os.ReadFile(out)
		if rerr != nil {
			t.Fatal(rerr)
		}
		var ee *exec.ExitError
		switch {
		case !sent:
			t.Logf("attempt %d: the write finished before the temporary file was seen", attempt+1)
		case errors.As(err, &ee) && ee.ExitCode() == 130:
			caught++
			if string(got) != old {
				t.Errorf("interrupted: %s was changed (%d bytes)", out, len(got))
			}
			if !strings.Contains(stderr.String(), "interrupted; "+out+" left as it was") {
				t.Errorf("interrupted: stderr %q does not say so", stderr.String())
			}
		case err == nil:
			// The signal came after the rename: the new report is whole.
			if !bytes.HasSuffix(got, []byte("}\n")) {
				t.Errorf("%s is not a whole report after a late SIGINT", out)
			}
		default:
			t.Errorf("after SIGINT: %v; stderr: %s", err, stderr.String())
		}
	}
	if caught == 0 {
		t.Skip("SIGINT never arrived during the write in 5 attempts; the cleanup path was not exercised")
	}
}

func exited(cmd *exec.Cmd) bool {
	// Signal 0 tests for existence; a zombie still answers, so this only
	// shortens the wait once the process is gone.
	return cmd.Process.Signal(syscall.Signal(0)) != nil
}

func temporaries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var tmp []string
	for _, e := range entries {
		if e.Name() != "status.json" {
			tmp = append(tmp, e.Name())
		}
	}
	return tmp
}

// noisySite writes a site with n clauses whose English is full of Han
// characters and missing spaces: several findings each, a large report.
func noisySite(t *testing.T, n int) string {
	t.Helper()
	dir := t.TempDir()
	write := func(name, body string) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("hugo.toml", "defaultContentLanguage = \"zh-hans\"\n[languages.zh-hans]\nlocale = \"zh-Hans\"\nweight = 1\n[languages.en]\nlocale = \"en\"\nweight = 2\n")
	i18nDir := filepath.Join(sitefixture.RepoRoot(t), "i18n")
	i18n, err := os.ReadDir(i18nDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range i18n {
		raw, err := os.ReadFile(filepath.Join(i18nDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		write("i18n/"+e.Name(), string(raw))
	}
	in := "content/initiatives/noisy/"
	write(in+"_index.zh-hans.md", "+++\ntitle = \"噪声\"\nsourceLanguage = \"zh-hans\"\n+++\n")
	en := strings.Repeat("Vendors,发 should,行 check,说 every,明 claim,书 made. ", 4)
	for i := 1; i <= n; i++ {
		fm := fmt.Sprintf("+++\ntitle = \"%d\"\nweight = %d\n[provenance]\nstatus = \"source\"\n+++\n\n", i, i)
		write(fmt.Sprintf("%s%d.zh-hans.md", in, i), fm+"商家应当保障商品质量。\n")
		write(fmt.Sprintf("%s%d.en.md", in, i), fm+en+"\n")
	}
	return dir
}
