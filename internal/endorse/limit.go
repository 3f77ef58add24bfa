package endorse

import (
	"math"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limit is one rate limit on a key (an IP address, an email domain):
// Burst submissions in a minute, and PerHour sustained. 0 turns a half off.
type Limit struct {
	Burst   int
	PerHour int
}

// limiter holds a pair of token buckets per key. Keys whose buckets are full
// again are dropped now and then, so an attack from many addresses costs
// memory only while it lasts.
type limiter struct {
	lim  Limit
	mu   sync.Mutex
	keys map[string]*buckets
	adds int
}

type buckets struct{ burst, sustained *rate.Limiter }

func newLimiter(l Limit) *limiter { return &limiter{lim: l, keys: map[string]*buckets{}} }

// allow takes one token from key's buckets, or says how long to wait.
func (l *limiter) allow(key string, now time.Time) (bool, time.Duration) {
	if l.lim.Burst <= 0 && l.lim.PerHour <= 0 {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.keys[key]
	if !ok {
		b = &buckets{}
		if l.lim.Burst > 0 {
			b.burst = rate.NewLimiter(rate.Every(time.Minute/time.Duration(l.lim.Burst)), l.lim.Burst)
		}
		if l.lim.PerHour > 0 {
			b.sustained = rate.NewLimiter(rate.Every(time.Hour/time.Duration(l.lim.PerHour)), l.lim.PerHour)
		}
		l.keys[key] = b
		if l.adds++; l.adds%4096 == 0 {
			l.sweep(now)
		}
	}
	var taken []*rate.Reservation
	for _, bucket := range []*rate.Limiter{b.burst, b.sustained} {
		if bucket == nil {
			continue
		}
		r := bucket.ReserveN(now, 1)
		if d := r.DelayFrom(now); d > 0 {
			r.CancelAt(now)
			for _, t := range taken {
				t.CancelAt(now)
			}
			return false, d
		}
		taken = append(taken, r)
	}
	return true, 0
}

func (l *limiter) sweep(now time.Time) {
	for k, b := range l.keys {
		full := true
		for _, bucket := range []*rate.Limiter{b.burst, b.sustained} {
			if bucket != nil && bucket.TokensAt(now) < float64(bucket.Burst()) {
				full = false
			}
		}
		if full {
			delete(l.keys, k)
		}
	}
}

// retryAfter is a Retry-After value: whole seconds, at least 1.
func retryAfter(d time.Duration) int {
	return max(1, int(math.Ceil(d.Seconds())))
}

// clientIP is the address the request came from. Behind a reverse proxy
// every request comes from the proxy; only then is X-Forwarded-For
// believed, read from the right: the first address that is not one of the
// trusted proxies is the client (what comes before it, the client could
// have written itself).
func clientIP(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	peer, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	peer = peer.Unmap()
	if !isTrusted(peer, trusted) {
		return peer.String()
	}
	var hops []string
	for _, h := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(h, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
		if err != nil {
			// A hop the proxy did not write: stop believing the header.
			break
		}
		a = a.Unmap()
		if !isTrusted(a, trusted) {
			return a.String()
		}
		peer = a
	}
	return peer.String()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// ipKey groups IPv6 addresses by /64, what one subscriber usually has, so
// rotating through one's own addresses does not escape the limit.
func ipKey(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil || a.Is4() {
		return ip
	}
	p, _ := a.Prefix(64)
	return p.String()
}
