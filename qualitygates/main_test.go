package qualitygates

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/engine/searchindex"
	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

var (
	repoRoot string
	tmpRoot  string // removed when the test binary ends
	baseURL  string // hugo.toml baseURL: absolute links under it are internal
)

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	repoRoot = root
	if baseURL, err = siteBaseURL(root); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if tmpRoot, err = os.MkdirTemp("", "concord-qualitygates-"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmpRoot)
	code := m.Run()
	if err := writeSummary(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return code
}

var (
	buildOnce sync.Once
	builtDir  string
	buildErr  error
)

// site is the production build of the repository (the flags of `make
// build`, and its search index), made once, on first use, and shared by
// every gate that reads pages. A gate that needs no pages (tools) does not
// wait for it or fail with it.
func site(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		builtDir = filepath.Join(tmpRoot, "public")
		if buildErr = hugobuild.Build(ctx, repoRoot, builtDir); buildErr == nil {
			// As `make build` does: the search pages need their index.
			_, buildErr = searchindex.Index(ctx, repoRoot, builtDir)
		}
	})
	if buildErr != nil {
		t.Fatalf("the site does not build, so its pages cannot be checked:\n%v", buildErr)
	}
	return builtDir
}

var (
	printOnce  sync.Once
	printDir   string
	printErr   error
	printPaths []string
)

// printPages builds the site in the "print" environment, which adds the A4
// pages tools/pdf prints (never published, but what the PDFs are made of),
// and returns that build's folder and its print pages.
func printPages(t *testing.T) (dir string, pages []string) {
	t.Helper()
	printOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		printDir = filepath.Join(tmpRoot, "print")
		if printErr = hugobuild.Build(ctx, repoRoot, printDir, "--environment", "print"); printErr != nil {
			return
		}
		for _, p := range htmlFiles(t, printDir) {
			if strings.HasPrefix(filepath.Base(p), "print") {
				printPaths = append(printPaths, p)
			}
		}
	})
	if printErr != nil {
		t.Fatalf("the print build fails, so the PDF pages cannot be checked:\n%v", printErr)
	}
	return printDir, printPaths
}

func siteBaseURL(root string) (string, error) {
	cfg, err := siteconfig.Load(root)
	if err != nil {
		return "", err
	}
	return cfg.BaseURL, nil
}
