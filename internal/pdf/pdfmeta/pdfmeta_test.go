package pdfmeta

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// minimalPDF is a one-page PDF with a classic cross-reference table and an
// Info dictionary, laid out as Chromium writes them.
func minimalPDF(t testing.TB) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	var offsets []int
	obj := func(s string) {
		offsets = append(offsets, b.Len())
		b.WriteString(s)
	}
	obj("1 0 obj\n<</Title (Hello \\(world\\))\n/Creator <FEFF0041>\n/Producer (Skia/PDF m156)>>\nendobj\n")
	obj("2 0 obj\n<</Type /Catalog /Pages 3 0 R /Lang (en)>>\nendobj\n")
	obj("3 0 obj\n<</Type /Pages /Kids [4 0 R] /Count 1>>\nendobj\n")
	obj("4 0 obj\n<</Type /Page /Parent 3 0 R /MediaBox [0 0 595 842]>>\nendobj\n")
	xref := b.Len()
	b.WriteString("xref\n0 5\n0000000000 65535 f \n")
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<</Size 5\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n%d\n%%%%EOF", xref)
	return b.Bytes()
}

func TestSetInfoAddsAuthorAndKeepsTitle(t *testing.T) {
	out, err := SetInfo(minimalPDF(t), map[string]string{"Author": "Concord 编者"})
	if err != nil {
		t.Fatal(err)
	}
	// A second update on top of the first: the newest values win.
	out, err = SetInfo(out, map[string]string{"Subject": "Test"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("pdfinfo"); err != nil {
		t.Skip("pdfinfo (poppler-utils) not installed")
	}
	path := filepath.Join(t.TempDir(), "x.pdf")
	if err := os.WriteFile(path, out, 0o644); err != nil {
		t.Fatal(err)
	}
	info, err := exec.Command("pdfinfo", "-enc", "UTF-8", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	for _, want := range []string{"Title:           Hello (world)", "Author:          Concord 编者", "Subject:         Test", "Producer:        Skia/PDF m156", "Pages:           1"} {
		if !strings.Contains(string(info), want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	if strings.Contains(string(info), "Syntax Error") {
		t.Errorf("pdfinfo reports syntax errors:\n%s", info)
	}
}

func TestSetInfoRejectsWhatItCannotUpdate(t *testing.T) {
	for name, pdf := range map[string][]byte{
		"empty":        nil,
		"truncated":    minimalPDF(t)[:200],
		"no trailer":   []byte("%PDF-1.7\n1 0 obj <<>> endobj\nstartxref\n9\n%%EOF\n"),
		"broken info":  bytes.Replace(minimalPDF(t), []byte("/Title (Hello"), []byte("/Title [Hello"), 1),
		"missing info": bytes.Replace(minimalPDF(t), []byte("/Info 1 0 R"), []byte("/Info 9 0 R"), 1),
	} {
		if _, err := SetInfo(pdf, map[string]string{"Author": "x"}); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func FuzzSetInfo(f *testing.F) {
	// Seeds: testdata/fuzz/FuzzSetInfo (a Chromium-like file, a bare trailer,
	// nested and escaped strings).
	f.Fuzz(func(t *testing.T, pdf []byte) {
		out, err := SetInfo(pdf, map[string]string{"Author": "A"})
		if err == nil && !bytes.HasPrefix(out, pdf) {
			t.Fatal("the update does not keep the original bytes")
		}
	})
}
