// Command signatories checks the signatories files of a Concord site
// (data/signatories/*.toml) before Hugo publishes them: `make build` and
// `make test` run `go run ./tools/signatories validate .`.
package main

import (
	"os"

	"github.com/concord-initiative/concord/internal/signatories"
)

func main() {
	os.Exit(signatories.Main(os.Args[1:], os.Stdout, os.Stderr))
}
