// Package statichost serves a built site on loopback the way the static host
// serves it in production (Netlify, Cloudflare Pages): with the response
// headers of the site's _headers file, text compressed with gzip, and the
// site's 404 page for a path that does not exist. Like the hosts (and nginx
// without a charset directive), it names a charset only for HTML: a text
// file reaches the browser as UTF-8 only if _headers says so, as the site's
// archived sources and CSV exports need.
//
// The browser gates open pages through it, so the Content-Security-Policy
// they check is the one readers get and the bytes Lighthouse and the budget
// count are the bytes that cross the network.
package statichost

import (
	"bytes"
	"compress/gzip"
	"mime"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/concord-initiative/concord/internal/quality/headersfile"
)

// Wrap returns the wrapper for browsertest.Serve: next is the file server of
// dir; headers (nil for none) is the site's parsed _headers file.
func Wrap(dir string, headers *headersfile.File) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if headers != nil {
			next = headers.Wrap(next)
		}
		return &host{dir: dir, next: next, headers: headers}
	}
}

type host struct {
	dir     string
	next    http.Handler
	headers *headersfile.File
}

func (h *host) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	rec := &buffered{header: http.Header{}}
	h.next.ServeHTTP(rec, req)
	if rec.status == http.StatusNotFound {
		// The hosts answer a missing path with /404.html and status 404.
		if page, err := os.ReadFile(filepath.Join(h.dir, "404.html")); err == nil {
			rec.body.Reset()
			rec.body.Write(page)
			rec.header.Set("Content-Type", "text/html; charset=utf-8")
		}
	}
	if h.headers == nil || h.headers.For(req.URL.Path).Get("Content-Type") == "" {
		rec.header.Set("Content-Type", hostType(rec.header.Get("Content-Type")))
	}
	body := rec.body.Bytes()
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	if rec.status == http.StatusOK && compressible(rec.header.Get("Content-Type")) && acceptsGzip(req) && len(body) > 0 {
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		zw.Write(body)
		zw.Close()
		body = z.Bytes()
		rec.header.Set("Content-Encoding", "gzip")
		rec.header.Add("Vary", "Accept-Encoding")
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	if req.Method != http.MethodHead {
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(rec.status)
	if req.Method != http.MethodHead {
		w.Write(body)
	}
}

// hostType is the Content-Type a static host sends for a file Go's table
// types as contentType: the same type, with a charset for HTML only.
func hostType(contentType string) string {
	mt, params, err := mime.ParseMediaType(contentType)
	if err != nil || mt == "text/html" {
		return contentType
	}
	delete(params, "charset")
	return mime.FormatMediaType(mt, params)
}

// compressible: the text types the hosts compress.
func compressible(contentType string) bool {
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false
	}
	switch {
	case strings.HasPrefix(mt, "text/"):
		return true
	case strings.HasSuffix(mt, "+json"), strings.HasSuffix(mt, "+xml"):
		return true
	}
	switch mt {
	case "application/javascript", "application/json", "application/xml", "image/svg+xml":
		return true
	}
	return false
}

func acceptsGzip(req *http.Request) bool {
	for _, part := range strings.Split(req.Header.Get("Accept-Encoding"), ",") {
		enc, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if strings.TrimSpace(enc) == "gzip" && strings.ReplaceAll(params, " ", "") != "q=0" {
			return true
		}
	}
	return false
}

// buffered holds a whole response: the site's files are small, and the
// encoding can only be chosen once the type and status are known.
type buffered struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *buffered) Header() http.Header { return b.header }

func (b *buffered) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *buffered) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}
