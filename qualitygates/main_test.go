package qualitygates

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pelletier/go-toml/v2"

	"github.com/concord-initiative/concord/internal/hugobuild"
)

// Built once per test binary and shared by every gate.
var (
	repoRoot string
	public   string // the production build of the repository's site
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
	tmp, err := os.MkdirTemp("", "concord-qualitygates-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	public = filepath.Join(tmp, "public")
	if err := hugobuild.Build(ctx, repoRoot, public); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	code := m.Run()
	if err := writeSummary(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return code
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
