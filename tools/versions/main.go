// Command versions writes what the site publishes about each initiative's
// versions (docs/authoring.md, "Versions"): build/data/versions/<id>.json
// for the version pages, and the downloads under build/versions/. Hugo
// cannot run a diff library, so `make build`, `serve` and `test` run this
// first.
package main

import (
	"os"

	"github.com/concord-initiative/concord/internal/versions"
)

func main() {
	os.Exit(versions.Main(os.Args[1:], os.Stdout, os.Stderr))
}
