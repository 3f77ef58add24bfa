package qualitygates

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/concord-initiative/concord/internal/hugobuild"
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
// build`), made once, on first use, and shared by every gate that reads
// pages. A gate that needs no pages (tools) does not wait for it or fail
// with it.
func site(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		builtDir = filepath.Join(tmpRoot, "public")
		buildErr = hugobuild.Build(ctx, repoRoot, builtDir)
	})
	if buildErr != nil {
		t.Fatalf("the site does not build, so its pages cannot be checked:\n%v", buildErr)
	}
	return builtDir
}

func siteBaseURL(root string) (string, error) {
	path := filepath.Join(root, "hugo.toml")
	data, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	var cfg struct {
		BaseURL string `toml:"baseURL"`
	}
	if err := toml.Unmarshal(data, &cfg); err != nil {
		return "", fmt.Errorf("%s: %v", path, err)
	}
	return cfg.BaseURL, nil
}
