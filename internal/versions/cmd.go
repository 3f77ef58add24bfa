package versions

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/concord-initiative/concord/internal/site/siteconfig"
	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// DataDir and StaticDir are where a site's configuration mounts the
// version pages' data and the downloads, relative to the site.
const (
	DataDir   = "build/data/versions"
	StaticDir = "build/versions"
)

// Main runs `versions [-data DIR] [-static DIR] [site]`: it writes the
// version data and downloads of every initiative, or names the file to fix.
func Main(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("versions", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", DataDir, "where the version pages' data goes (mounted as data/versions)")
	static := fs.String("static", StaticDir, "where the downloads go (mounted as static files)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	dir := "."
	if fs.NArg() > 0 {
		dir = fs.Arg(0)
	}
	if err := Run(dir, resolve(dir, *data), resolve(dir, *static)); err != nil {
		fmt.Fprintln(stderr, "versions:", err)
		return 1
	}
	return 0
}

func resolve(site, p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(site, p)
}

// Run loads the site in dir and writes its versions.
func Run(dir, dataDir, staticDir string) error {
	site, ins, err := Load(dir)
	if err != nil {
		return err
	}
	p := &Publication{Site: site, BaseURL: "", Catalog: toolmessages.Defaults()}
	if cat, err := toolmessages.Load(dir); err == nil {
		p.Catalog = cat
	}
	// The configuration may be hugo.toml or config/: siteconfig reads both.
	cfg, err := siteconfig.Load(dir)
	if err != nil {
		return err
	}
	p.BaseURL = strings.TrimSuffix(cfg.BaseURL, "/")
	return Write(p, ins, dataDir, staticDir)
}
