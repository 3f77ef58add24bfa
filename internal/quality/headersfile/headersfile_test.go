package headersfile

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const sample = `# comment
/*
  X-Content-Type-Options: nosniff

/
  Content-Security-Policy: default-src 'self'
/en/:file
  Content-Security-Policy: default-src 'self'
/embed/*
  Content-Security-Policy: frame-ancestors *; default-src 'none'
  Link: </a>; rel=preload
  Link: </b>; rel=preload
/*.js
  Cache-Control: max-age=60
`

func mustParse(t *testing.T, s string) *File {
	t.Helper()
	f, err := Parse("_headers", strings.NewReader(s))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestPatternsMatchAsTheHostsDo(t *testing.T) {
	f := mustParse(t, sample)
	cases := []struct {
		path string
		want []string // patterns, in file order
	}{
		{"/", []string{"/*", "/"}},
		{"/en/index.html", []string{"/*", "/en/:file"}},
		{"/en/", []string{"/*"}}, // a placeholder is never empty
		{"/en/a/b.html", []string{"/*"}},
		{"/embed/initiatives/x/2/", []string{"/*", "/embed/*"}},
		{"/embed/", []string{"/*", "/embed/*"}},
		{"/en/index.html/", []string{"/*", "/en/:file"}}, // trailing slash optional, as on Netlify
		{"/embed.js", []string{"/*", "/*.js"}},
		{"/js/site.123.js", []string{"/*", "/*.js"}},
		{"/embedded/x", []string{"/*"}},
	}
	for _, c := range cases {
		var got []string
		for _, r := range f.Match(c.path) {
			got = append(got, r.Pattern)
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%s matches %v, want %v", c.path, got, c.want)
		}
	}
}

func TestForGivesEveryMatchingHeaderAndOverlapsNameTheClash(t *testing.T) {
	f := mustParse(t, sample+"/embed/initiatives/*\n  Content-Security-Policy: default-src 'self'\n")
	h := f.For("/embed/initiatives/x/")
	if got := h.Values("Content-Security-Policy"); len(got) != 2 {
		t.Fatalf("CSP values %q, want both rules' policies", got)
	}
	if got := h.Values("Link"); len(got) != 2 {
		t.Errorf("Link values %q, want the two lines of one rule", got)
	}
	ov := f.Overlaps("/embed/initiatives/x/")
	if len(ov) != 1 || ov[0].Header != "Content-Security-Policy" || ov[0].First.Pattern != "/embed/*" {
		t.Fatalf("overlaps %v, want the CSP of /embed/* and /embed/initiatives/*", ov)
	}
	if !strings.Contains(ov[0].String(), "line 9") {
		t.Errorf("overlap message %q does not name the first rule's line", ov[0])
	}
	if ov := f.Overlaps("/embed.js"); len(ov) != 0 {
		t.Errorf("/embed.js: unexpected overlaps %v", ov)
	}
}

func TestErrorsNameTheLineAndTheFix(t *testing.T) {
	cases := []struct{ in, want string }{
		{"  X-A: b\n", "_headers:1: header line before any path"},
		{"/a\n  X-A b\n", "_headers:2: \"X-A b\" is not a header"},
		{"/a\n  X A: b\n", "_headers:2: \"X A\" is not a valid header name"},
		{"/a\n  X-A:\n", "_headers:2: header X-A has no value"},
		{"/a\n  ! X-A\n", "_headers:2: \"! X-A\" is Cloudflare's detach syntax"},
		{"https://example.org/*\n  X-A: b\n", "_headers:1: \"https://example.org/*\" is an absolute URL"},
		{"a/b\n  X-A: b\n", "_headers:1: \"a/b\" is neither"},
		{"/*/x/*\n  X-A: b\n", "more than one *"},
		{"/:\n  X-A: b\n", "placeholder \":\""},
		{"/a\n", "_headers:1: path /a has no headers"},
		{"/a\n  X-A: b\x00c\n", "_headers:2: control character"},
		{"/a\n  X-A: " + strings.Repeat("x", MaxLineLength) + "\n", "_headers:2: line is 2007 characters long"},
		{"/a\n  X-A: " + strings.Repeat("x", 5*MaxLineLength) + "\n", "_headers:2: line is over the hosts' limit"},
	}
	for _, c := range cases {
		_, err := Parse("_headers", strings.NewReader(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%.40q) = %v, want an error containing %q", c.in, err, c.want)
		}
	}
}

func TestCRLFAndBOMAreAccepted(t *testing.T) {
	f := mustParse(t, "\uFEFF/a\r\n  x-a: b\r\n")
	if got := f.For("/a").Get("X-A"); got != "b" {
		t.Fatalf("X-A = %q", got)
	}
}

func TestWrapAddsTheHeadersOfTheRequestPath(t *testing.T) {
	f := mustParse(t, sample)
	srv := httptest.NewServer(f.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})))
	defer srv.Close()
	res, err := http.Get(srv.URL + "/embed/x/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := res.Header.Get("Content-Security-Policy"); !strings.HasPrefix(got, "frame-ancestors *") {
		t.Errorf("CSP %q, want the /embed/* policy", got)
	}
	if res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("the /* header is missing")
	}
}

func FuzzParse(f *testing.F) {
	f.Add(sample)
	f.Fuzz(func(t *testing.T, in string) {
		file, err := Parse("fuzz", strings.NewReader(in))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz") {
				t.Fatalf("error without the file name: %v", err)
			}
			return
		}
		// What parsed must print and parse back to the same rules.
		again, err := Parse("again", strings.NewReader(file.String()))
		if err != nil {
			t.Fatalf("re-parse of\n%s\nfailed: %v", file, err)
		}
		if again.String() != file.String() {
			t.Fatalf("round trip changed the rules:\n%s\nvs\n%s", file, again)
		}
		for _, r := range file.Rules {
			_ = file.For(r.Pattern)
			_ = file.Overlaps(r.Pattern)
		}
	})
}
