package pdfcli

import (
	"bytes"
	"strings"
	"testing"
)

func TestUsage(t *testing.T) {
	for _, args := range [][]string{{"-nope"}, {"site"}} {
		var stdout, stderr bytes.Buffer
		if code := Main(args, &stdout, &stderr); code != ExitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, ExitUsage)
		}
		if stdout.Len() != 0 || stderr.Len() == 0 {
			t.Errorf("%v: stdout %q, stderr %q", args, stdout.String(), stderr.String())
		}
	}
}

func TestFailureIsOneLineAndExit1(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := Main([]string{"-site", t.TempDir(), "-out", t.TempDir()}, &stdout, &stderr)
	if code != ExitFailed || !strings.HasPrefix(stderr.String(), "pdf: ") || !strings.Contains(stderr.String(), "hugo.toml") || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}
