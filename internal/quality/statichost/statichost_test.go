package statichost

import (
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/quality/headersfile"
)

func TestServesLikeTheHost(t *testing.T) {
	dir := t.TempDir()
	page := "<!doctype html><title>x</title>" + strings.Repeat("<p>clause text</p>", 200)
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("<!doctype html><title>not found</title>"), 0o644)
	os.WriteFile(filepath.Join(dir, "a.png"), []byte("\x89PNG\r\n\x1a\n"), 0o644)
	headers, err := headersfile.Parse("_headers", strings.NewReader("/*\n  Content-Security-Policy: default-src 'self'\n"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Wrap(dir, headers)(http.FileServer(http.Dir(dir))))
	defer srv.Close()

	get := func(path string, gz bool) (*http.Response, string) {
		t.Helper()
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		// A Transport of our own: the default one would ask for gzip itself
		// and hide the encoding from the test.
		resp, err := (&http.Transport{DisableCompression: true}).RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var r io.Reader = resp.Body
		if resp.Header.Get("Content-Encoding") == "gzip" {
			if r, err = gzip.NewReader(resp.Body); err != nil {
				t.Fatal(err)
			}
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return resp, string(b)
	}

	resp, body := get("/", true)
	if resp.Header.Get("Content-Encoding") != "gzip" || body != page {
		t.Errorf("page: encoding %q, body intact %v; want gzip and the page", resp.Header.Get("Content-Encoding"), body == page)
	}
	if n := resp.ContentLength; n <= 0 || n >= int64(len(page)) {
		t.Errorf("compressed length %d for a %d-byte page", n, len(page))
	}
	if got := resp.Header.Get("Content-Security-Policy"); got != "default-src 'self'" {
		t.Errorf("CSP = %q, want the _headers one", got)
	}
	if resp, _ := get("/", false); resp.Header.Get("Content-Encoding") != "" {
		t.Error("compressed for a client that did not ask for it")
	}
	if resp, _ := get("/a.png", true); resp.Header.Get("Content-Encoding") != "" {
		t.Error("compressed an image")
	}
	resp, body = get("/no/such/page/", true)
	if resp.StatusCode != 404 || !strings.Contains(body, "not found") {
		t.Errorf("missing page: status %d, body %q; want 404 and the site's 404 page", resp.StatusCode, body)
	}
}

// A text file gets a charset only when _headers gives it one: the hosts
// send text/plain alone, and a browser then reads UTF-8 as Latin-1.
func TestTextIsUTF8OnlyWhenTheHeadersSaySo(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"named.txt", "plain.txt", "page.html"} {
		os.WriteFile(filepath.Join(dir, name), []byte("直播电商行业自律倡议书\n"), 0o644)
	}
	headers, err := headersfile.Parse("_headers", strings.NewReader("/named.txt\n  Content-Type: text/plain; charset=utf-8\n"))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Wrap(dir, headers)(http.FileServer(http.Dir(dir))))
	defer srv.Close()
	for path, want := range map[string]string{
		"/named.txt": "text/plain; charset=utf-8",
		"/plain.txt": "text/plain",
		"/page.html": "text/html; charset=utf-8",
	} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Values("Content-Type"); len(got) != 1 || got[0] != want {
			t.Errorf("%s: Content-Type %q, want %q", path, got, want)
		}
	}
}
