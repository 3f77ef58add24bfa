package endorse

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/endorse/mail"
)

var tokenRE = regexp.MustCompile(`/confirm\?lang=\w+&t=(\S+)`)

// BenchmarkConfirmedSubmissions: sustained confirmed endorsements per
// second with SQLite: each operation is a reviewed form (validation against
// the shipped signatories file, a row, an email) and its confirmation,
// over HTTP on loopback, 32 clients at once. `make bench` runs it with
// GOMAXPROCS=1 (one core) and prints confirmed/s and the p99 latency of
// one submission plus its confirmation.
func BenchmarkConfirmedSubmissions(b *testing.B) {
	h := newHarness(b, openSQLite(b), func(c *Config) { c.MinFillTime = time.Nanosecond })
	outbox := &memoryOutbox{tok: map[string]string{}}
	h.srv.cfg.Mail = outbox
	c := loadClient()
	var n atomic.Int64
	var mu sync.Mutex
	var latencies []time.Duration
	b.SetParallelism(32)
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			email := fmt.Sprintf("bench%07d@acme.example", i)
			t0 := time.Now()
			resp, err := postForm(c, h.http.URL+"/submit", h.reviewed(email))
			if err != nil || resp.StatusCode != http.StatusSeeOther {
				b.Errorf("submit: %v %v", err, resp)
				return
			}
			resp, err = postForm(c, h.http.URL+"/confirm", url.Values{"t": {outbox.token(email)}, "lang": {"en"}})
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Errorf("confirm: %v %v", err, resp)
				return
			}
			d := time.Since(t0)
			mu.Lock()
			latencies = append(latencies, d)
			mu.Unlock()
		}
	})
	elapsed := time.Since(start)
	b.StopTimer()
	slices.Sort(latencies)
	if len(latencies) > 0 {
		b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "confirmed/s")
		b.ReportMetric(float64(latencies[len(latencies)*99/100].Microseconds())/1000, "p99-ms")
	}
}

// memoryOutbox keeps each message's confirmation token by address, so the
// benchmark measures the service and its database, not a mail folder.
type memoryOutbox struct {
	mu  sync.Mutex
	tok map[string]string
}

func (o *memoryOutbox) Send(_ context.Context, m mail.Message) error {
	sub := tokenRE.FindStringSubmatch(m.Text)
	o.mu.Lock()
	defer o.mu.Unlock()
	if sub != nil {
		o.tok[m.To] = sub[1]
	}
	return nil
}

func (o *memoryOutbox) token(email string) string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.tok[email]
}
