package qualitygates

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/audits"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// request is one network request a page made.
type request struct {
	URL   string
	Type  network.ResourceType
	Bytes int64 // bytes over the network, headers included (encodedDataLength)
	Done  bool  // finished or failed
	// Status is the HTTP status of the response, 0 before it comes.
	Status int64
	// Icon: the browser's own fetch of the site's icon, made when the
	// browser chooses (before the page ends loading, after, or not at all).
	Icon bool
}

// ended: nothing more of the request will count. An error response (a
// 404) has said all it will, even when Chromium never reports the end of
// its body, as happens with a favicon that 404s; and an icon fetch follows
// the browser's timing, not the page's, so no one waits for it.
func (r *request) ended() bool {
	return r.Done || r.Status >= 400 || r.Icon
}

// pageWatch records what one page does while it loads and is used: its
// requests, its console, Chromium's issues (CSP among them) and the
// securitypolicyviolation events the page itself sees.
type pageWatch struct {
	mu       sync.Mutex
	requests map[network.RequestID]*request
	order    []network.RequestID
	console  []chromedp.ConsoleMessage
	issues   []*audits.InspectorIssue
	docCSP   []string // Content-Security-Policy headers of the document response
	stop     context.CancelFunc
	wg       sync.WaitGroup
}

// violationsJS, added to every document before its own scripts run, keeps
// the securitypolicyviolation events: the page's own view of CSP.
const violationsJS = `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
  {directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample}));`

// cspViolation is one securitypolicyviolation event.
type cspViolation struct {
	Directive string `json:"directive"`
	Blocked   string `json:"blocked"`
	Source    string `json:"source"`
	Line      int    `json:"line"`
	Sample    string `json:"sample"`
}

func (v cspViolation) String() string {
	return fmt.Sprintf("%s blocked %q (%s:%d) %s", v.Directive, v.Blocked, v.Source, v.Line, v.Sample)
}

// prepareWatchTab turns on what the watch needs in a tab, once.
func prepareWatchTab(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, audits.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("enable Chromium's issues: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: violationsJS}); err != nil {
		t.Fatalf("add the violation listener: %v", err)
	}
	// No cache: every page counts its stylesheet and script, as a first
	// visit does.
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatalf("disable the cache: %v", err)
	}
}

// watch starts recording; call before navigating, then finish.
func watch(ctx context.Context) *pageWatch {
	wctx, stop := context.WithCancel(ctx)
	w := &pageWatch{requests: map[network.RequestID]*request{}, stop: stop}
	sent := chromedp.Events(wctx, network.RequestWillBeSent)
	finished := chromedp.Events(wctx, network.LoadingFinished)
	failed := chromedp.Events(wctx, network.LoadingFailed)
	responses := chromedp.Events(wctx, network.ResponseReceived)
	issues := chromedp.Events(wctx, audits.IssueAdded)
	console := chromedp.Console(wctx)
	w.wg.Add(6)
	// Each event type arrives on its own stream, so a request's end can be
	// read before its start: whichever comes first makes the entry.
	go func() {
		defer w.wg.Done()
		for ev, err := range sent {
			if err != nil {
				return
			}
			w.mu.Lock()
			r := w.get(ev.RequestID)
			r.URL, r.Type = ev.Request.URL, ev.Type
			r.Icon = ev.Type == network.ResourceTypeOther && ev.Initiator != nil && ev.Initiator.Type == network.InitiatorTypeOther
			w.mu.Unlock()
		}
	}()
	go func() {
		defer w.wg.Done()
		for ev, err := range finished {
			if err != nil {
				return
			}
			w.mu.Lock()
			r := w.get(ev.RequestID)
			r.Bytes, r.Done = int64(ev.EncodedDataLength), true
			w.mu.Unlock()
		}
	}()
	go func() {
		defer w.wg.Done()
		for ev, err := range failed {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.get(ev.RequestID).Done = true
			w.mu.Unlock()
		}
	}()
	go func() {
		defer w.wg.Done()
		for ev, err := range responses {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.get(ev.RequestID).Status = ev.Response.Status
			if ev.Type != network.ResourceTypeDocument {
				w.mu.Unlock()
				continue
			}
			w.docCSP = nil
			for k, v := range ev.Response.Headers {
				if http.CanonicalHeaderKey(k) == "Content-Security-Policy" {
					w.docCSP = append(w.docCSP, fmt.Sprint(v))
				}
			}
			w.mu.Unlock()
		}
	}()
	go func() {
		defer w.wg.Done()
		for ev, err := range issues {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.issues = append(w.issues, ev.Issue)
			w.mu.Unlock()
		}
	}()
	go func() {
		defer w.wg.Done()
		for m, err := range console {
			if err != nil {
				return
			}
			w.mu.Lock()
			w.console = append(w.console, m)
			w.mu.Unlock()
		}
	}()
	return w
}

// get returns the entry of a request, made on first sight. w.mu is held.
func (w *pageWatch) get(id network.RequestID) *request {
	r, ok := w.requests[id]
	if !ok {
		r = &request{}
		w.requests[id] = r
		w.order = append(w.order, id)
	}
	return r
}

// settled: every request seen has ended.
func (w *pageWatch) settled() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, r := range w.requests {
		if !r.ended() {
			return false
		}
	}
	return true
}

// finish waits until every request has ended (up to five seconds) and for
// the page's late reports (violations are reported asynchronously), stops
// recording, and returns the page's own list of securitypolicyviolation
// events.
func (w *pageWatch) finish(t *testing.T, ctx context.Context) []cspViolation {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !w.settled() && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(150 * time.Millisecond)
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]cspViolation](`window.__cspViolations || []`))
	if err != nil {
		t.Errorf("read the page's CSP violations: %v", err)
	}
	w.stop()
	w.wg.Wait()
	return v
}

// list returns the requests in the order they were made.
func (w *pageWatch) list() []*request {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]*request, 0, len(w.order))
	for _, id := range w.order {
		out = append(out, w.requests[id])
	}
	return out
}
