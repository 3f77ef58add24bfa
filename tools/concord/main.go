// Command concord starts and upgrades a site that uses Concord as a Hugo
// module (docs/adopting.md):
//
//	go run github.com/concord-initiative/concord/tools/concord@VERSION new site DIR
//	go tool concord upgrade [VERSION]
package main

import (
	"os"

	"github.com/concord-initiative/concord/internal/kit/concordcli"
)

func main() { os.Exit(concordcli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
