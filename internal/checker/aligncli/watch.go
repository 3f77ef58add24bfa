package aligncli

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/concord-initiative/concord/internal/checker/stamp"
	"github.com/concord-initiative/concord/internal/site/siteconfig"
)

// pollEvery is how often --watch looks at the site. Polling the few
// thousand files of a large site costs well under a millisecond per look
// and needs no watcher library.
const pollEvery = 200 * time.Millisecond

// settle is how long the site must stay unchanged before it is checked
// again, so that a burst of saves is checked once. The report may reach
// Hugo in the edit's own rebuild or in one of its own; an open status page
// follows either (layouts/_partials/status/live.html), so this needs no
// margin for the browser's reload.
const settle = 300 * time.Millisecond

// watch keeps out up to date until SIGINT or SIGTERM. A site that cannot
// be read (a half-saved file, a bad ID) is reported and waited out, not
// fatal: the editor is in the middle of a change. The file is rewritten
// only when the report changes, so Hugo, which watches it as data,
// rebuilds only then.
func (r run) watch(out string, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		fmt.Fprintf(stderr, "aligncheck: %v\n", err)
		return ExitUsage
	}
	var last []byte
	if prev, err := os.ReadFile(out); err == nil {
		last = prev
	}
	seen, checked := uint64(0), uint64(1)
	var changedAt time.Time
	tick := time.NewTicker(pollEvery)
	defer tick.Stop()
	for {
		if state := r.inputState(); state != seen {
			seen, changedAt = state, time.Now()
		}
		// The first look checks at once: the report may be older than the
		// site.
		if seen != checked && (checked == 1 || time.Since(changedAt) >= settle) {
			checked = seen
			report, _, code := r.check(stderr)
			if code == ExitClean && !bytes.Equal(report, last) {
				if err := stamp.WriteAtomicContext(ctx, out, report); err != nil {
					if ctx.Err() != nil {
						return ExitClean
					}
					fmt.Fprintf(stderr, "aligncheck: cannot write %s: %v\n", out, err)
				} else {
					last = report
					fmt.Fprintf(stderr, "aligncheck: %s updated\n", out)
				}
			}
		}
		select {
		case <-ctx.Done():
			return ExitClean
		case <-tick.C:
		}
	}
}

// inputState hashes the name, size and modification time of every file the
// check reads, so any edit, addition or removal changes it.
func (r run) inputState() uint64 {
	h := fnv.New64a()
	for _, part := range append(siteconfig.Paths(), "content", "i18n", "data") {
		filepath.WalkDir(filepath.Join(r.dir, part), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			info, err := d.Info()
			if err != nil {
				return nil
			}
			fmt.Fprintf(h, "%s\x00%d\x00%d\n", path, info.Size(), info.ModTime().UnixNano())
			return nil
		})
	}
	return h.Sum64()
}
