// Command aligncheck checks that every clause of every initiative matches
// its source across languages. See docs/aligncheck.md.
package main

import (
	"os"

	"github.com/concord-initiative/concord/internal/checker/aligncli"
)

func main() {
	os.Exit(aligncli.Main(os.Args[1:], os.Stdout, os.Stderr))
}
