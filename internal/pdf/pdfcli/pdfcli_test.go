package pdfcli

import (
	"bytes"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
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

// The command speaks the language -lang names, from the site's i18n files;
// a language the site has no messages in is a usage error naming those it has.
func TestMessagesInTheLanguageAsked(t *testing.T) {
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	if code := Main([]string{"-site", root, "-lang", "zh-hans", "extra"}, &stdout, &stderr); code != ExitUsage || !strings.HasPrefix(stderr.String(), "pdf：多余的参数 \"extra\"") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	stderr.Reset()
	if code := Main([]string{"-site", root, "-lang", "xx"}, &stdout, &stderr); code != ExitUsage || !strings.Contains(stderr.String(), "en, zh-hans") {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
	stderr.Reset()
	empty := t.TempDir()
	if err := sitefixture.CopyTree(filepath.Join(empty, "i18n"), filepath.Join(root, "i18n")); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if code := Main([]string{"-site", empty, "-out", out, "-lang", "zh-hans"}, &stdout, &stderr); code != ExitFailed || !strings.Contains(stderr.String(), "中的 PDF 保持原样") || strings.Count(stderr.String(), "\n") != 1 {
		t.Errorf("exit %d, stderr %q", code, stderr.String())
	}
}

// Every message is in every i18n file of the site with the same
// placeholders; the English file says what the default in Go says.
func TestEveryMessageIsInEverySiteLanguage(t *testing.T) {
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	gaps, err := toolmessages.Gaps(root, Messages)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range gaps {
		t.Error(g)
	}
}
