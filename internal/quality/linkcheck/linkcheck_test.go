package linkcheck

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// site writes files (path → content) into a fresh folder.
func site(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestGoodLinksPassAndExternalOnesAreListedNotChecked(t *testing.T) {
	dir := site(t, map[string]string{
		"index.html": `<!doctype html><title>x</title>
<link rel=canonical href=https://example.org/>
<link rel=alternate hreflang=en href=https://example.org/en/>
<meta property=og:url content=https://example.org/en/a/>
<link rel=stylesheet href=/css/site.css>
<a href=#top id=top>top</a>
<a href=en/>en</a> <a href="/en/a/#2">clause 2</a> <a href=/en/a>no slash</a>
<a href="https://other.example/x">out</a> <a href="mailto:editors@example.org">mail</a>
<img src=/img/a.png srcset="/img/a.png 1x, /img/a@2x.png 2x" alt="">
<a href="/sources/doc.pdf#page=2">pdf</a>`,
		"en/index.html":   `<a href="../index.html#top">home</a> <a href="a/notes.html#2-en">note</a>`,
		"en/a/index.html": `<section id=2><a href="./notes.html">notes</a> <a name=legacy></a></section><a href="#legacy">x</a>`,
		"en/a/notes.html": `<section id="2-en"></section>`,
		"css/site.css":    `body{}`,
		"img/a.png":       "",
		"img/a@2x.png":    "",
		"sources/doc.pdf": "",
	})
	rep, err := Check(dir, Options{BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Broken) > 0 {
		t.Fatalf("good site reported broken links:\n%v", rep.Broken)
	}
	if rep.Pages != 4 {
		t.Errorf("read %d pages, want 4", rep.Pages)
	}
	want := []string{"https://other.example/x", "mailto:editors@example.org"}
	if got := rep.ExternalURLs(); !slices.Equal(got, want) {
		t.Errorf("external = %v, want %v", got, want)
	}
	if rep.Anchors != 5 {
		t.Errorf("checked %d anchors, want 5 (#top twice, #2, #2-en, #legacy)", rep.Anchors)
	}
}

func TestEachKindOfBrokenLinkIsReportedWithPageLineAndReason(t *testing.T) {
	dir := site(t, map[string]string{
		"index.html": "<!doctype html>\n<title>x</title>\n" +
			`<a href="/missing/">gone</a>` + "\n" +
			`<a href="/en/a/#9">no clause 9</a>` + "\n" +
			`<link rel=canonical href="https://example.org/old/">` + "\n" +
			`<img src="../../etc/passwd" alt="">` + "\n" +
			`<a href="javascript:void(0)">js</a>` + "\n" +
			`<a href="#">empty</a>` + "\n" +
			`<meta http-equiv=refresh content="0; url=/nowhere.html">` + "\n" +
			`<img srcset="/a.png 1x, /b.png 2x" alt="">`,
		"en/a/index.html": `<section id=2></section>`,
		"a.png":           "",
	})
	rep, err := Check(dir, Options{BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range rep.Broken {
		got = append(got, b.String())
	}
	want := []string{
		`index.html:3: <a href>="/missing/": no file missing/index.html in the build`,
		`index.html:4: <a href>="/en/a/#9": en/a/index.html has no element with id="9"`,
		`index.html:5: <link href>="https://example.org/old/": no file old/index.html in the build`,
		`index.html:6: <img src>="../../etc/passwd": leads above the site root`,
		`index.html:7: <a href>="javascript:void(0)": javascript: URL`,
		`index.html:8: <a href>="#": empty fragment`,
		`index.html:9: <meta http-equiv=refresh>="/nowhere.html": no file nowhere.html`,
		`index.html:10: <img srcset>="/b.png": no file b.png`,
	}
	if len(got) != len(want) {
		t.Fatalf("got %d broken links, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("broken[%d] =\n  %s\nwant prefix\n  %s", i, got[i], want[i])
		}
	}
}

func TestAnEmptyFolderIsAnErrorNotAPass(t *testing.T) {
	if _, err := Check(t.TempDir(), Options{}); err == nil || !strings.Contains(err.Error(), "no HTML files") {
		t.Fatalf("err = %v, want one saying there are no HTML files", err)
	}
}

// The built pages are our own output, but a content file can put any text
// into them: scanning must never panic.
func FuzzScan(f *testing.F) {
	f.Add(`<a href="/x/#1" id=1>`)
	f.Add(`<meta http-equiv=refresh content="0;url=">`)
	f.Add(`<img srcset=", ,1x">`)
	f.Add("<a href='\x00'>\n<!--")
	root := f.TempDir()
	f.Fuzz(func(t *testing.T, page string) {
		ids, links := scan("p.html", []byte(page))
		c := &checker{root: root, ids: map[string]map[string]bool{"p.html": ids}}
		rep := &Report{}
		for _, l := range links {
			c.check(rep, l)
		}
	})
}
