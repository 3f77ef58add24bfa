// Command endorse is the endorsement intake service and its tools:
// serve, user add, export, purge (docs/endorsements.md).
package main

import (
	"os"

	"github.com/concord-initiative/concord/internal/endorse/endorsecli"
)

func main() { os.Exit(endorsecli.Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) }
