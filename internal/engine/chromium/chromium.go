// Package chromium starts Debian's Chromium, headless, for chromedp.
//
// The PDF tool and the browser tests both start it through here, so the
// flags that keep it quiet on a closed network live in one place.
package chromium

import (
	"context"
	"fmt"
	"os/exec"

	"github.com/chromedp/chromedp"
)

// Package is the Debian package that provides the browser: the only one the
// project uses (nothing ever downloads a browser of its own).
const Package = "chromium"

// NotFoundError says that no Chromium is installed and what to install.
type NotFoundError struct{}

func (NotFoundError) Error() string {
	return "Chromium not found: install Debian's package with `apt-get install -y " + Package + "` (make does this when run as root)"
}

// Path finds Debian's Chromium on PATH.
func Path() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", NotFoundError{}
}

// Options are the allocator options for the browser at path with its profile
// in userDataDir, which should be new and empty: a used profile carries state
// (cache, service workers) from one run into the next.
func Options(path, userDataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(userDataDir),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true),
		chromedp.Flag("disable-gpu", true),
		// Without these Chromium keeps dialling Google's hosts, which a
		// closed network refuses, many at a time.
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
	}
}

// Start starts Chromium with a fresh profile in userDataDir and returns the
// context of its first tab. The browser is running when Start returns, so a
// broken install fails here, with its reason. stop ends the browser and
// waits for it to exit.
func Start(parent context.Context, userDataDir string) (ctx context.Context, stop func(), err error) {
	path, err := Path()
	if err != nil {
		return nil, nil, err
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(parent, Options(path, userDataDir)...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop = func() {
		cancel()
		cancelAlloc()
	}
	if err := chromedp.Do(ctx); err != nil {
		stop()
		return nil, nil, fmt.Errorf("start Chromium (%s): %w", path, err)
	}
	return ctx, stop, nil
}
