package endorsecli

import (
	"bufio"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/concord-initiative/concord/internal/endorse"
	"github.com/concord-initiative/concord/internal/endorse/mail"
	"github.com/concord-initiative/concord/internal/endorse/store"
	"github.com/concord-initiative/concord/internal/testharness/sitefixture"
)

// The test binary is also the service: run with ENDORSE_TEST_SERVE=1 it is
// `endorse` with its arguments, so the kill test can kill it.
func TestMain(m *testing.M) {
	if os.Getenv("ENDORSE_TEST_SERVE") == "1" {
		os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

type service struct {
	cmd *exec.Cmd
	url string
}

func startService(t *testing.T, db, site, mailDir, key string) *service {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(os.Args[0], "serve", "--addr", addr, "--db", "sqlite:"+db, "--site", site,
		"--mail-dir", mailDir, "--key-file", key, "--min-fill", "1ms", "--ip-burst", "0", "--ip-hour", "0", "--domain-burst", "0", "--domain-hour", "0")
	cmd.Env = append(os.Environ(), "ENDORSE_TEST_SERVE=1", "ENDORSE_SMTP_HOST=")
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	s := &service{cmd: cmd, url: "http://" + addr}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	for range 100 {
		if resp, err := http.Get(s.url + "/healthz"); err == nil {
			resp.Body.Close()
			return s
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the service did not start")
	return nil
}

var confirmLink = regexp.MustCompile(`/confirm\?lang=en&t=(\S+)`)

// kill -9 in the middle of a burst of confirmations: every confirmation the
// service answered "confirmed" is in the database after a restart (SQLite
// WAL), and the database opens clean.
func TestKillDuringWritesLosesNoConfirmation(t *testing.T) {
	if testing.Short() {
		t.Skip("starts and kills the service")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	if err := sitefixture.CopyParts(site, sitefixture.RepoRoot(t), endorse.SiteParts); err != nil {
		t.Fatal(err)
	}
	db, mailDir, key := filepath.Join(dir, "e.db"), filepath.Join(dir, "mail"), filepath.Join(dir, "key")
	svc := startService(t, db, site, mailDir, key)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	const n = 400
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			v := url.Values{"initiative": {"live-streaming-2020"}, "lang": {"en"}, "original_name": {fmt.Sprintf("Kill Test %03d", i)},
				"original_lang": {"en"}, "category": {"individual"}, "email": {fmt.Sprintf("k%03d@acme.example", i)}}
			resp, err := c.PostForm(svc.url+"/submit", v)
			if err != nil {
				t.Error(err)
				return
			}
			doc, _ := goquery.NewDocumentFromReader(resp.Body)
			resp.Body.Close()
			v.Set("t", doc.Find(`input[name="t"]`).AttrOr("value", ""))
			time.Sleep(5 * time.Millisecond)
			resp, err = c.PostForm(svc.url+"/submit", v)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusSeeOther {
				t.Errorf("submit %d: %d", i, resp.StatusCode)
			}
		})
	}
	wg.Wait()
	var tokens []string
	files, _ := filepath.Glob(filepath.Join(mailDir, "*.eml"))
	for _, f := range files {
		data, _ := os.ReadFile(f)
		m, err := mail.Read(data)
		if err != nil {
			t.Fatal(err)
		}
		if sub := confirmLink.FindStringSubmatch(m.Text); sub != nil {
			tokens = append(tokens, sub[1])
		}
	}
	if len(tokens) != n {
		t.Fatalf("%d confirmation links, want %d", len(tokens), n)
	}

	// Confirm all at once; kill the service once a quarter have answered.
	var mu sync.Mutex
	var acknowledged []string
	killed := make(chan struct{})
	var once sync.Once
	for _, tok := range tokens {
		wg.Go(func() {
			resp, err := http.PostForm(svc.url+"/confirm", url.Values{"t": {tok}, "lang": {"en"}})
			if err != nil {
				return // killed mid-request: not acknowledged
			}
			body := bufio.NewScanner(resp.Body)
			confirmed := false
			for body.Scan() {
				confirmed = confirmed || strings.Contains(body.Text(), "Endorsement confirmed")
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !confirmed {
				return
			}
			mu.Lock()
			acknowledged = append(acknowledged, tok)
			if len(acknowledged) == n/4 {
				once.Do(func() {
					svc.cmd.Process.Signal(syscall.SIGKILL)
					close(killed)
				})
			}
			mu.Unlock()
		})
	}
	wg.Wait()
	select {
	case <-killed:
	default:
		t.Fatal("every confirmation finished before the kill: the test proved nothing")
	}
	svc.cmd.Wait()
	mu.Lock()
	acked := append([]string{}, acknowledged...)
	mu.Unlock()

	st, err := store.Open(context.Background(), "sqlite:"+db)
	if err != nil {
		t.Fatalf("the database after kill -9: %v", err)
	}
	defer st.Close()
	all, err := st.List(context.Background(), "live-streaming-2020")
	if err != nil {
		t.Fatal(err)
	}
	confirmed := 0
	for _, e := range all {
		if e.State == store.Confirmed {
			confirmed++
		}
	}
	if len(all) != n {
		t.Errorf("%d endorsements after the restart, want %d", len(all), n)
	}
	if confirmed < len(acked) {
		t.Errorf("%d confirmed in the database, but %d confirmations were acknowledged before kill -9", confirmed, len(acked))
	}
	// Each acknowledged token is used: confirming it again is refused.
	svc2 := startService(t, db, site, mailDir, key)
	for _, tok := range acked {
		resp, err := http.PostForm(svc2.url+"/confirm", url.Values{"t": {tok}, "lang": {"en"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusGone {
			t.Errorf("an acknowledged confirmation is not in the database (status %d on a second use)", resp.StatusCode)
			break
		}
	}
	t.Logf("%d acknowledged before kill -9, %d confirmed after restart, of %d", len(acked), confirmed, n)
}
