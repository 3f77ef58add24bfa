package oembed

import (
	"net/url"
	"strings"
	"testing"
)

const rich = `{"version":"1.0","type":"rich","html":"<blockquote>x</blockquote>","width":550,"height":300,
"title":"II. Adhere","provider_name":"Concord","provider_url":"https://concord.example.org/",
"author_name":"Initiative","author_url":"https://concord.example.org/initiatives/x/","cache_age":86400}`

func TestDiscoverResolvesTheJSONLink(t *testing.T) {
	page := `<!doctype html><html><head>
<link rel="alternate" type="text/xml+oembed" href="/x.xml">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="alternate" type="application/json+oembed" href="oembed.json" title="Clause II">
</head><body></body></html>`
	base, _ := url.Parse("https://concord.example.org/en/initiatives/x/2/")
	l, err := Discover(strings.NewReader(page), base)
	if err != nil {
		t.Fatal(err)
	}
	if l.Href != "https://concord.example.org/en/initiatives/x/2/oembed.json" || l.Title != "Clause II" {
		t.Errorf("got %+v", l)
	}
	if _, err := Discover(strings.NewReader(`<html><head></head></html>`), base); err == nil {
		t.Error("a page without a discovery link was accepted")
	}
}

func TestParseAcceptsASpecRichResponse(t *testing.T) {
	r, err := Parse([]byte(rich))
	if err != nil {
		t.Fatal(err)
	}
	if *r.Width != 550 || *r.Height != 300 || *r.CacheAge != 86400 {
		t.Errorf("got %+v", r)
	}
}

func TestParseNamesEverySpecViolation(t *testing.T) {
	cases := []struct{ in, want string }{
		{`{"version":"1.0","type":"rich","width":1,"height":1}`, "rich needs html"},
		{`{"version":"1.0","type":"rich","html":"x","height":1}`, "positive integer width"},
		{`{"version":"1.0","type":"rich","html":"x","width":1,"height":0}`, "positive integer height"},
		{`{"version":"1.0","type":"rich","html":"x","width":1.5,"height":1}`, "invalid oEmbed JSON"},
		{`{"version":"2.0","type":"link"}`, `version is "2.0"`},
		{`{"version":"1.0","type":"movie"}`, `type is "movie"`},
		{`{"version":"1.0","type":"photo","width":1,"height":1}`, "photo needs url"},
		{`{"version":"1.0","type":"link","provider_url":"/relative"}`, "provider_url \"/relative\" is not an absolute"},
		{`{"version":"1.0","type":"link","thumbnail_url":"https://x/y.png"}`, "thumbnail_url, thumbnail_width"},
		{`{"version":"1.0","type":"link","cache_age":-1}`, "cache_age is negative"},
		{`{"version":"1.0","type":"link"} {}`, "data after the object"},
		{`[]`, "invalid oEmbed JSON"},
	}
	for _, c := range cases {
		_, err := Parse([]byte(c.in))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Parse(%s) = %v, want %q", c.in, err, c.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(rich))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := Parse(data)
		if err != nil {
			return
		}
		// Whatever passes satisfies the spec's requirements for its type.
		if r.Version != "1.0" {
			t.Fatalf("accepted version %q", r.Version)
		}
		if (r.Type == "rich" || r.Type == "video") && (r.HTML == "" || r.Width == nil || *r.Width <= 0 || r.Height == nil || *r.Height <= 0) {
			t.Fatalf("accepted an incomplete %s: %+v", r.Type, r)
		}
	})
}

func FuzzDiscover(f *testing.F) {
	f.Add(`<head><link rel="alternate" type="application/json+oembed" href="/o.json"></head>`)
	base, _ := url.Parse("https://example.org/a/")
	f.Fuzz(func(t *testing.T, page string) {
		l, err := Discover(strings.NewReader(page), base)
		if err != nil {
			return
		}
		if u, err := url.Parse(l.Href); err != nil || !u.IsAbs() {
			t.Fatalf("discovered %q, not an absolute URL", l.Href)
		}
	})
}
