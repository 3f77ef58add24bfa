package pdfinspect

import (
	"reflect"
	"testing"
)

func TestParseFontsReadsTypesWithSpaces(t *testing.T) {
	out := `name                                 type              encoding         emb sub uni object ID
------------------------------------ ----------------- ---------------- --- --- --- ---------
AAAAAA+UMingCN                       CID TrueType      Identity-H       yes yes yes      4  0
[none]                               Type 3            Custom           yes no  yes      5  0
`
	fonts, err := parseFonts(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []Font{
		{Name: "AAAAAA+UMingCN", Type: "CID TrueType", Encoding: "Identity-H", Embedded: true, Subset: true, Unicode: true},
		{Name: "[none]", Type: "Type 3", Encoding: "Custom", Embedded: true, Subset: false, Unicode: true},
	}
	if !reflect.DeepEqual(fonts, want) {
		t.Errorf("got %+v\nwant %+v", fonts, want)
	}
	if _, err := parseFonts("Syntax Error: garbage\n"); err == nil {
		t.Error("no error for output that is not pdffonts' table")
	}
}

func TestParseOutlineNestsChildren(t *testing.T) {
	out := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE pdf2xml SYSTEM "pdf2xml.dtd">
<pdf2xml producer="poppler" version="22.12.0">
<page number="1"></page>
<outline>
<item page="1">Title</item>
<outline>
<item page="1">序言　Preamble</item>
<item page="2">一、A &amp; B</item>
</outline>
</outline>
</pdf2xml>`)
	got, err := parseOutline(out)
	if err != nil {
		t.Fatal(err)
	}
	want := []OutlineItem{{Title: "Title", Page: 1, Children: []OutlineItem{{Title: "序言　Preamble", Page: 1}, {Title: "一、A & B", Page: 2}}}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if got, err := parseOutline([]byte(`<pdf2xml><page number="1"></page></pdf2xml>`)); err != nil || got != nil {
		t.Errorf("a PDF without outline: %v, %v", got, err)
	}
}

func TestSquashIgnoresLineBreaksAndHyphens(t *testing.T) {
	if got := Squash("E-\ncommerce　倡议 书\u00a0x"); got != "Ecommerce倡议书x" {
		t.Errorf("Squash = %q", got)
	}
}
