//go:build ignore

// extract writes English paragraph pairs with a translation from installed
// gettext catalogues (.mo files from Debian packages) as a calibration
// corpus:
//
//	go run extract.go > corpus.tsv           # zh_CN
//	go run extract.go fr > corpus-fr.tsv     # fr, de, es, ru
//
// Each line is: package <TAB> entry:paragraph <TAB> English <TAB> translation.
// Only prose paragraphs are kept (no option tables, no format-only strings),
// and only translated ones (not the English left as it was).
package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"strings"
	"unicode"
)

var packages = []string{"bash", "dpkg", "apt", "gnupg2", "tar", "wget", "coreutils", "gettext-tools", "shadow", "make"}

func main() {
	locale := "zh_CN"
	if len(os.Args) > 1 {
		locale = os.Args[1]
	}
	translated := hasHan
	if locale != "zh_CN" {
		translated = func(s string) bool { return true }
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, p := range packages {
		pairs, err := readMO("/usr/share/locale/" + locale + "/LC_MESSAGES/" + p + ".mo")
		if err != nil {
			fmt.Fprintln(os.Stderr, p, err)
			continue
		}
		for i, pr := range pairs {
			en, zh := paragraphs(pr[0]), paragraphs(pr[1])
			if len(en) != len(zh) {
				continue
			}
			for j := range en {
				if !prose(en[j]) || !translated(zh[j]) || en[j] == zh[j] {
					continue
				}
				fmt.Fprintf(w, "%s\t%d:%d\t%s\t%s\n", p, i, j, en[j], zh[j])
			}
		}
	}
}

func readMO(path string) ([][2]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var bo binary.ByteOrder = binary.LittleEndian
	if bo.Uint32(b) != 0x950412de {
		bo = binary.BigEndian
	}
	n := int(bo.Uint32(b[8:]))
	orig, trans := int(bo.Uint32(b[12:])), int(bo.Uint32(b[16:]))
	str := func(table, i int) string {
		l := int(bo.Uint32(b[table+8*i:]))
		o := int(bo.Uint32(b[table+8*i+4:]))
		return string(b[o : o+l])
	}
	var out [][2]string
	for i := 0; i < n; i++ {
		id, tr := str(orig, i), str(trans, i)
		if id == "" || strings.Contains(id, "\x00") || strings.Contains(id, "\x04") {
			continue // header, plurals and contexts
		}
		out = append(out, [2]string{id, tr})
	}
	return out, nil
}

// paragraphs splits on blank lines and joins the lines of each paragraph.
func paragraphs(s string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(s, "\r", ""), "\n") {
		_ = p
	}
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.Join(cur, "\n"))
		}
		cur = nil
	}
	for _, l := range strings.Split(s, "\n") {
		t := strings.TrimSpace(l)
		if t == "" {
			flush()
			continue
		}
		cur = append(cur, t)
	}
	flush()
	for i, p := range out {
		out[i] = joinLines(p)
	}
	return out
}

// joinLines joins wrapped lines as a reader sees them: no space between two
// Han characters.
func joinLines(p string) string {
	lines := strings.Split(p, "\n")
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := []rune(lines[i-1])
			cur := []rune(l)
			if !(unicode.Is(unicode.Han, prev[len(prev)-1]) || isCJKPunct(prev[len(prev)-1])) || !(unicode.Is(unicode.Han, cur[0]) || isCJKPunct(cur[0])) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return strings.ReplaceAll(b.String(), "\t", " ")
}

func isCJKPunct(r rune) bool { return r >= 0x3000 && r <= 0x303F || r >= 0xFF00 && r <= 0xFFEF }

// prose keeps paragraphs that read as sentences: mostly words, ending in a
// stop, not an option table or a usage line.
func prose(s string) bool {
	if len(s) < 40 || strings.HasPrefix(s, "-") || strings.HasPrefix(s, "Usage") || strings.Contains(s, "  ") {
		return false
	}
	letters, other := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) || r == ' ' {
			letters++
		} else {
			other++
		}
	}
	if other*6 > letters {
		return false
	}
	last := s[len(s)-1]
	return last == '.' || last == ':'
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}
