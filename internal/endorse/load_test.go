package endorse

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/endorse/store"
)

// loadClient allows as many connections as the test opens requests. The
// total idle limit goes too: left at the default transport's 100, a burst
// of 1,000 finished requests overflows it, and Go's transport then fails
// some of them ("putIdleConn: too many idle connections") though the
// service answered.
func loadClient() *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConns = 0
	tr.MaxIdleConnsPerHost = 1000
	tr.MaxConnsPerHost = 0
	return &http.Client{Transport: tr, Timeout: 2 * time.Minute, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// reviewed is a submission as it comes back from the review page: with a
// token made long enough ago.
func (h *harness) reviewed(email string) url.Values {
	v := form(email)
	v.Set("t", h.srv.formToken(initiative, "en", h.clock.Now().Add(-time.Minute)))
	return v
}

func postForm(c *http.Client, u string, v url.Values) (*http.Response, error) {
	resp, err := c.PostForm(u, v)
	if err == nil {
		resp.Body.Close()
	}
	return resp, err
}

// run sends every form at once and returns the statuses by email and the
// Retry-After of each 429.
func runConcurrently(t *testing.T, h *harness, forms []url.Values) (map[int]int, []string, map[string]int) {
	c := loadClient()
	var mu sync.Mutex
	codes := map[int]int{}
	var retries []string
	accepted := map[string]int{}
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, v := range forms {
		wg.Go(func() {
			<-start
			resp, err := postForm(c, h.http.URL+"/submit", v)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				t.Error(err)
				return
			}
			codes[resp.StatusCode]++
			switch resp.StatusCode {
			case http.StatusTooManyRequests:
				retries = append(retries, resp.Header.Get("Retry-After"))
			case http.StatusSeeOther:
				accepted[v.Get("email")]++
			}
		})
	}
	close(start)
	wg.Wait()
	return codes, retries, accepted
}

// confirmAll follows every confirmation link at once.
func confirmAll(t *testing.T, h *harness) int {
	c := loadClient()
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok := 0
	for _, m := range h.mails() {
		confirm, _ := links(t, m)
		u, _ := url.Parse(confirm)
		wg.Go(func() {
			resp, err := postForm(c, h.http.URL+"/confirm", url.Values{"t": {u.Query().Get("t")}, "lang": {"en"}})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			if resp.StatusCode == http.StatusOK {
				ok++
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	return ok
}

func checkRows(t *testing.T, st store.Store, accepted map[string]int, confirmed int) {
	all, err := st.List(context.Background(), initiative)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	for _, e := range all {
		seen[e.Email]++
		if e.State != store.Confirmed {
			t.Errorf("%s is %s", e.Email, e.State)
		}
	}
	for email, n := range seen {
		if n != 1 {
			t.Errorf("%s stored %d times", email, n)
		}
		if accepted[email] != 1 {
			t.Errorf("%s stored, accepted %d times", email, accepted[email])
		}
	}
	for email := range accepted {
		if seen[email] != 1 {
			t.Errorf("%s was accepted but is not stored", email)
		}
	}
	if len(all) != confirmed {
		t.Errorf("%d rows, %d confirmations acknowledged", len(all), confirmed)
	}
}

// 1,000 signatories at once, each sending the form twice: with the limits
// out of the way, each is stored and confirmed exactly once.
func TestLoadThousandConcurrent(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	for _, db := range []struct {
		name string
		open func(testing.TB) store.Store
	}{{"sqlite", openSQLite}, {"postgres", openPostgres}} {
		t.Run(db.name, func(t *testing.T) {
			h := newHarness(t, db.open(t), func(c *Config) { c.MinFillTime = time.Nanosecond })
			var forms []url.Values
			for i := range 1000 {
				v := h.reviewed(fmt.Sprintf("load%04d@acme.example", i))
				forms = append(forms, v, v)
			}
			codes, _, accepted := runConcurrently(t, h, forms)
			if codes[http.StatusSeeOther] != 1000 || codes[http.StatusUnprocessableEntity] != 1000 {
				t.Errorf("statuses %v, want 1000 accepted and 1000 refused as duplicates", codes)
			}
			if n := len(h.mails()); n != 1000 {
				t.Errorf("%d mails", n)
			}
			confirmed := confirmAll(t, h)
			if confirmed != 1000 {
				t.Errorf("%d confirmed", confirmed)
			}
			checkRows(t, h.st, accepted, confirmed)
		})
	}
}

// With the limits on, the excess is refused with 429 and a Retry-After,
// and what was accepted is stored once, nothing else.
func TestLoadLimited(t *testing.T) {
	if testing.Short() {
		t.Skip("load test")
	}
	h := newHarness(t, openSQLite(t), func(c *Config) {
		c.MinFillTime = time.Nanosecond
		c.IPLimit = Limit{Burst: 50, PerHour: 200}
		c.DomainLimit = Limit{Burst: 1000, PerHour: 1000}
	})
	var forms []url.Values
	for i := range 1000 {
		forms = append(forms, h.reviewed(fmt.Sprintf("lim%04d@acme.example", i)))
	}
	codes, retries, accepted := runConcurrently(t, h, forms)
	if codes[http.StatusSeeOther] != 50 || codes[http.StatusTooManyRequests] != 950 {
		t.Errorf("statuses %v, want 50 accepted, 950 refused", codes)
	}
	if slices.ContainsFunc(retries, func(r string) bool { return r == "" || r == "0" || strings.ContainsAny(r, ".-") }) {
		t.Errorf("a 429 without a usable Retry-After: %v", retries[:min(5, len(retries))])
	}
	checkRows(t, h.st, accepted, confirmAll(t, h))
}
