package sitetests

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// Built once per test binary and shared: the shipped site (public) and the
// shipped site plus the fixture initiative from testdata/fixture (fixture).
var (
	repoRoot   string
	public     string
	fixtureOut string
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
	tmp, err := os.MkdirTemp("", "concord-sitetests-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	defer removeStatusSite()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	public = filepath.Join(tmp, "public")
	if err := hugobuild.Build(ctx, repoRoot, public); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}

	// The fixture initiative is added as content only: if it needed a
	// template change, this build or TestFixtureInitiative would fail.
	fixtureSite := filepath.Join(tmp, "fixture-site")
	if err := sitefixture.Copy(fixtureSite, repoRoot); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	if err := sitefixture.Copy(fixtureSite, filepath.Join(repoRoot, "sitetests", "testdata", "fixture")); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	fixtureOut = filepath.Join(tmp, "fixture-public")
	if err := hugobuild.Build(ctx, fixtureSite, fixtureOut); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return m.Run()
}
