package scaffold_test

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/pelletier/go-toml/v2"

	"github.com/concord-initiative/concord"
	"github.com/concord-initiative/concord/internal/kit/scaffold"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// The Hugo versions the module declares are the one go.mod pins, so a site
// whose go.mod follows Concord's is always in range, and a bump of one
// without the other fails here.
func TestHugoVersionIsThePinnedOne(t *testing.T) {
	mod, err := os.ReadFile(filepath.Join(sitefixture.RepoRoot(t), "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`github.com/gohugoio/hugo v(\S+)`).FindSubmatch(mod)
	if m == nil {
		t.Fatal("go.mod does not require github.com/gohugoio/hugo")
	}
	var cfg struct {
		Module struct {
			HugoVersion struct{ Min, Max string } `toml:"hugoVersion"`
		} `toml:"module"`
	}
	if err := toml.Unmarshal(concord.HugoTOML, &cfg); err != nil {
		t.Fatal(err)
	}
	if v := cfg.Module.HugoVersion; v.Min != string(m[1]) || v.Max != string(m[1]) {
		t.Errorf("hugo.toml [module.hugoVersion] min %q max %q, go.mod pins %s", v.Min, v.Max, m[1])
	}
}

// Every shared key is in Concord's hugo.toml (a key renamed there would
// silently stop reaching new sites), and the file names its version.
func TestKitConfigHasEverySharedKey(t *testing.T) {
	data, err := scaffold.KitConfig("v1.2.3")
	if err != nil {
		t.Fatal(err)
	}
	var kit map[string]any
	if err := toml.Unmarshal(data, &kit); err != nil {
		t.Fatal(err)
	}
	for _, k := range scaffold.KitKeys {
		if _, ok := kit[k]; !ok {
			t.Errorf("Concord's hugo.toml has no %s", k)
		}
	}
	if len(kit) != len(scaffold.KitKeys) {
		t.Errorf("%d keys, want %d", len(kit), len(scaffold.KitKeys))
	}
	if !regexp.MustCompile(`Concord v1\.2\.3`).Match(data) {
		t.Errorf("no version in:\n%s", data)
	}
}
