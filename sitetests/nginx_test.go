package sitetests

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// nginxBlock is a fenced nginx block of docs/embedding.md; its first line
// is a comment naming the file it is ("# /etc/nginx/snippets/x.conf: …").
var nginxBlock = regexp.MustCompile("(?s)```nginx\n# (/etc/nginx/[^:\\s]+)[^\n]*\n(.*?)```")

// docNginxConfig returns the files of the nginx configuration that
// docs/embedding.md gives, by their path under /etc/nginx/.
func docNginxConfig(t *testing.T) map[string]string {
	t.Helper()
	doc, err := os.ReadFile(filepath.Join(repoRoot, "docs", "embedding.md"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, m := range nginxBlock.FindAllStringSubmatch(string(doc), -1) {
		files[strings.TrimPrefix(m[1], "/etc/nginx/")] = m[2]
	}
	for _, want := range []string{"snippets/concord-common.conf", "snippets/concord-site.conf", "sites-available/concord"} {
		if files[want] == "" {
			t.Fatalf("docs/embedding.md has no nginx block for /etc/nginx/%s", want)
		}
	}
	return files
}

// startNginx runs Debian's nginx on a loopback port with the documented
// configuration, serving dir, the embed policy line taken from the built
// _headers as the doc says to; it returns the base URL.
func startNginx(t *testing.T, dir string) string {
	t.Helper()
	bin, err := exec.LookPath("nginx")
	if err != nil {
		for _, p := range []string{"/usr/sbin/nginx", "/sbin/nginx"} {
			if _, err2 := os.Stat(p); err2 == nil {
				bin, err = p, nil
			}
		}
	}
	if err != nil {
		t.Skip("nginx is not installed (apt-get install nginx-light): the documented nginx configuration is not tested")
	}
	files := docNginxConfig(t)
	embedCSP := siteHeaders(t).For("/embed/").Get("Content-Security-Policy")
	server := files["sites-available/concord"]
	placeholder := regexp.MustCompile(`"default-src 'none'; style-src 'sha256-STYLE'[^"]*"`)
	if !placeholder.MatchString(server) {
		t.Fatal("the documented server block has no embed policy with the sha256-STYLE placeholder to fill in")
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	server = placeholder.ReplaceAllLiteralString(server, `"`+embedCSP+`"`)
	server = strings.Replace(server, "# … listen, server_name, TLS …", "listen "+addr+";", 1)
	server = strings.Replace(server, "root /srv/concord/public;", "root "+dir+";", 1)

	prefix := t.TempDir()
	user := ""
	if os.Geteuid() == 0 {
		// Workers would otherwise run as nobody, who cannot read the
		// tests' private temporary folders.
		user = "user root;\n"
	}
	conf := fmt.Sprintf(`%sdaemon off;
pid %[2]s/nginx.pid;
error_log %[2]s/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path %[2]s/body;
  proxy_temp_path %[2]s/proxy;
  fastcgi_temp_path %[2]s/fastcgi;
  uwsgi_temp_path %[2]s/uwsgi;
  scgi_temp_path %[2]s/scgi;
  include sites-available/concord;
}
`, user, prefix)
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(prefix, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for rel, text := range files {
		write(rel, text)
	}
	write("sites-available/concord", server)
	write("nginx.conf", conf)

	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, bin, "-p", prefix, "-c", filepath.Join(prefix, "nginx.conf"))
	// SIGTERM: the master stops its workers; a killed master would leave
	// them running.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 5 * time.Second
	// A file, not a pipe: the workers inherit it.
	out, err := os.Create(filepath.Join(prefix, "stderr.log"))
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	defer out.Close()
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	t.Cleanup(func() {
		cancel()
		<-exited
	})
	deadline := time.Now().Add(10 * time.Second)
	for {
		if c, err := net.Dial("tcp", addr); err == nil {
			c.Close()
			return "http://" + addr
		}
		stopped := false
		select {
		case <-exited:
			stopped = true
		default:
		}
		if stopped || time.Now().After(deadline) {
			stderr, _ := os.ReadFile(out.Name())
			log, _ := os.ReadFile(filepath.Join(prefix, "error.log"))
			t.Fatalf("nginx did not start on %s: %s%s", addr, stderr, log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// comparedHeaders are the headers nginx must send as the built _headers
// gives them.
var comparedHeaders = []string{
	"X-Content-Type-Options", "Referrer-Policy", "Strict-Transport-Security", "Permissions-Policy",
	"Content-Security-Policy", "Cross-Origin-Opener-Policy", "Cache-Control", "Cross-Origin-Resource-Policy",
	"Access-Control-Allow-Origin",
}

// The nginx configuration of docs/embedding.md, run in Debian's nginx,
// sends every built file the headers the built _headers gives it, the
// archived sources and the CSV as UTF-8, and the site's headers on the 404
// page of any unknown path.
func TestNginxConfigServesTheHeaders(t *testing.T) {
	base := startNginx(t, public)
	h := siteHeaders(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	fetch := func(path string) *http.Response {
		t.Helper()
		res, err := client.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	checked := 0
	for _, rel := range outputFiles(t, public) {
		for _, p := range urlPaths(rel) {
			res := fetch(p)
			if res.StatusCode != http.StatusOK {
				t.Errorf("%s: %s from nginx", p, res.Status)
				continue
			}
			checked++
			want := h.For(p)
			for _, name := range comparedHeaders {
				if got, want := strings.Join(res.Header.Values(name), " | "), strings.Join(want.Values(name), " | "); got != want {
					t.Errorf("%s: nginx sends %s %q, _headers %q", p, name, got, want)
				}
			}
		}
	}
	for path, want := range map[string]string{
		"/sources/live-streaming-2020/initiative-page.txt": "text/plain; charset=utf-8",
		"/" + initiative + "signatories.csv":               "text/csv; charset=utf-8",
		"/en/" + initiative + "signatories.csv":            "text/csv; charset=utf-8",
	} {
		if got := fetch(path).Header.Get("Content-Type"); got != want {
			t.Errorf("%s: nginx sends Content-Type %q, want %q", path, got, want)
		}
	}
	site := h.For("/").Get("Content-Security-Policy")
	for _, p := range []string{"/no-such-page", "/en/no-such-page", "/no/such/folder/", "/" + initiative + "no-such-clause/", "/_headers"} {
		res := fetch(p)
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %s, want 404", p, res.Status)
		}
		for _, name := range everyResponse {
			if res.Header.Get(name) == "" {
				t.Errorf("%s (404): nginx sends no %s", p, name)
			}
		}
		if got := res.Header.Get("Content-Security-Policy"); got != site {
			t.Errorf("%s (404): nginx sends Content-Security-Policy %q, want the site's", p, got)
		}
	}
	t.Logf("nginx: %d paths match the built _headers", checked)
}
