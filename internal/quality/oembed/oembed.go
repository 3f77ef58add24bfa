// Package oembed is the consumer side of oEmbed (https://oembed.com/): it
// finds a page's JSON discovery link and checks a response against the
// spec, the way WordPress or a chat app would before embedding a link. The
// site tests use it to prove that a pasted clause URL auto-embeds.
package oembed

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	"github.com/PuerkitoBio/goquery"
)

// LinkType is the discovery link's type for JSON responses (spec §4).
const LinkType = "application/json+oembed"

// Link is a discovery link found in a page.
type Link struct {
	Href  string // absolute
	Title string
}

// Discover returns the JSON oEmbed link of an HTML page, resolved against
// the page's URL. A page with none is an error: it cannot be auto-embedded.
func Discover(page io.Reader, pageURL *url.URL) (Link, error) {
	doc, err := goquery.NewDocumentFromReader(page)
	if err != nil {
		return Link{}, err
	}
	sel := doc.Find(`head link[rel~="alternate"]`).FilterFunction(func(_ int, s *goquery.Selection) bool {
		return strings.EqualFold(strings.TrimSpace(s.AttrOr("type", "")), LinkType)
	})
	if sel.Length() == 0 {
		return Link{}, errors.New("no <link rel=\"alternate\" type=\"application/json+oembed\"> in the page head")
	}
	href, ok := sel.First().Attr("href")
	if !ok || strings.TrimSpace(href) == "" {
		return Link{}, errors.New("the oEmbed discovery link has no href")
	}
	u, err := pageURL.Parse(strings.TrimSpace(href))
	if err != nil {
		return Link{}, fmt.Errorf("oEmbed discovery href %q: %v", href, err)
	}
	return Link{Href: u.String(), Title: sel.First().AttrOr("title", "")}, nil
}

// Response is an oEmbed response (spec §2.3.4) with the fields a rich
// embed uses. Width and Height are pointers so a missing one is told apart
// from zero.
type Response struct {
	Type            string `json:"type"`
	Version         string `json:"version"`
	Title           string `json:"title,omitempty"`
	AuthorName      string `json:"author_name,omitempty"`
	AuthorURL       string `json:"author_url,omitempty"`
	ProviderName    string `json:"provider_name,omitempty"`
	ProviderURL     string `json:"provider_url,omitempty"`
	CacheAge        *int64 `json:"cache_age,omitempty"`
	ThumbnailURL    string `json:"thumbnail_url,omitempty"`
	ThumbnailWidth  *int64 `json:"thumbnail_width,omitempty"`
	ThumbnailHeight *int64 `json:"thumbnail_height,omitempty"`
	URL             string `json:"url,omitempty"`
	HTML            string `json:"html,omitempty"`
	Width           *int64 `json:"width,omitempty"`
	Height          *int64 `json:"height,omitempty"`
}

// MaxSize bounds what Parse reads: an answer is a few kilobytes.
const MaxSize = 1 << 20

// Parse decodes an oEmbed JSON response and checks it against the spec:
// every field has its type, version is "1.0", and the fields its type
// requires are there (photo: url, width, height; video and rich: html,
// width, height). Each problem is reported, one per line.
func Parse(data []byte) (*Response, error) {
	if len(data) > MaxSize {
		return nil, fmt.Errorf("response is %d bytes, more than the %d a consumer reads", len(data), MaxSize)
	}
	var r Response
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("invalid oEmbed JSON: %v", err)
	}
	if dec.More() {
		return nil, errors.New("invalid oEmbed JSON: data after the object")
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if r.Version != "1.0" {
		bad("version is %q, the spec requires \"1.0\"", r.Version)
	}
	needSize := func() {
		if r.Width == nil || *r.Width <= 0 {
			bad("%s needs a positive integer width", r.Type)
		}
		if r.Height == nil || *r.Height <= 0 {
			bad("%s needs a positive integer height", r.Type)
		}
	}
	switch r.Type {
	case "photo":
		if r.URL == "" {
			bad("photo needs url")
		}
		needSize()
	case "video", "rich":
		if strings.TrimSpace(r.HTML) == "" {
			bad("%s needs html", r.Type)
		}
		needSize()
	case "link":
	default:
		bad("type is %q, want photo, video, link or rich", r.Type)
	}
	for _, f := range [][2]string{{"author_url", r.AuthorURL}, {"provider_url", r.ProviderURL}, {"thumbnail_url", r.ThumbnailURL}, {"url", r.URL}} {
		if f[1] == "" {
			continue
		}
		if p, err := url.Parse(f[1]); err != nil || (p.Scheme != "https" && p.Scheme != "http") || p.Host == "" {
			bad("%s %q is not an absolute http(s) URL", f[0], f[1])
		}
	}
	// The spec: thumbnail_url, _width and _height come together.
	if (r.ThumbnailURL != "") != (r.ThumbnailWidth != nil) || (r.ThumbnailURL != "") != (r.ThumbnailHeight != nil) {
		bad("thumbnail_url, thumbnail_width and thumbnail_height must all be present or all absent")
	}
	if r.CacheAge != nil && *r.CacheAge < 0 {
		bad("cache_age is negative")
	}
	if len(problems) > 0 {
		return nil, errors.New(strings.Join(problems, "\n"))
	}
	return &r, nil
}
