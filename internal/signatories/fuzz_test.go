package signatories

import (
	"bytes"
	"testing"
)

// FuzzParse: whatever an editor (or a merge gone wrong) leaves in a
// signatories file, the parser and the checks return problems, never panic,
// and every problem points at a line that exists. Seeds: testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	f.Add([]byte(entry))
	f.Add([]byte("signatory = [{ id = \"a\", name = { en = \"A\" } }]\n"))
	f.Add([]byte("[[signatory]]\n[signatory.name]\nen = \"A\"\n[signatory.withdrawn.reason]\nen = \"x\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, ps := Parse("f.toml", data)
		ps = append(ps, Check(testSite, []*File{file}, "2024-01-01")...)
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, p := range ps {
			if p.Line < 0 || p.Line > lines {
				t.Errorf("problem on line %d of a %d-line file: %s", p.Line, lines, p)
			}
			if p.Message(nil) == "" {
				t.Error("problem without a message")
			}
		}
	})
}

// FuzzFold: folding is stable (folding twice changes nothing), so two names
// that fold alike keep folding alike; LookAlike never panics on any input.
func FuzzFold(f *testing.F) {
	for _, s := range []string{"ＪＤ．ｃｏｍ", "小紅書", "ｱﾘﾊﾞﾊﾞ", "Straße", "İstanbul", "ﬁ", "Alibaba\u3164", "\u0410libaba", "糰甦嶽"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		LookAlike(s)
		once := Fold(s)
		if twice := Fold(once); twice != once {
			t.Errorf("Fold(%q) = %q, but Fold of that = %q", s, once, twice)
		}
	})
}
