package signatories

import (
	"fmt"
	"io"
)

const usage = `usage: signatories validate [site-root]

Checks data/signatories/*.toml of the Concord site at site-root (default: the
current folder). Prints each problem as file:line: what is wrong and what to
do, and exits 1 if there is any. docs/authoring.md, "Signatories", describes
the format.`

// Main is the signatories command (tools/signatories); it returns the exit
// status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] != "validate" || len(args) > 2 {
		fmt.Fprintln(stderr, usage)
		return 2
	}
	root := "."
	if len(args) == 2 {
		root = args[1]
	}
	_, files, ps, err := Load(root, Today())
	if err != nil {
		fmt.Fprintln(stderr, "signatories:", err)
		return 1
	}
	for _, p := range ps {
		fmt.Fprintln(stderr, p)
	}
	entries := 0
	for _, f := range files {
		entries += len(f.Entries)
	}
	if len(ps) > 0 {
		fmt.Fprintf(stderr, "signatories: %d problem(s) in %s: fix them and run again (docs/authoring.md, \"Signatories\")\n", len(ps), SignatoriesDir)
		return 1
	}
	fmt.Fprintf(stdout, "signatories: %d file(s), %d entries, no problems\n", len(files), entries)
	return 0
}
