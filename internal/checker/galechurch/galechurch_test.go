package galechurch

import (
	"testing"
)

func TestAlignFindsOmission(t *testing.T) {
	// The third source sentence has no counterpart.
	src := []int{20, 30, 25, 40}
	tgt := []int{58, 85, 118}
	beads := Align(src, tgt, Default(2.9, 7.3))
	unpaired := 0
	for _, b := range beads {
		if b.Unpaired() {
			unpaired++
			if b.SrcLen != 1 || b.SrcStart != 2 {
				t.Errorf("unpaired bead %+v, want source sentence 3", b)
			}
		}
	}
	if unpaired != 1 {
		t.Errorf("beads %+v: want one unpaired", beads)
	}
}

func FuzzAlign(f *testing.F) {
	f.Add([]byte{20, 30, 25}, []byte{58, 85, 70})
	f.Add([]byte{}, []byte{1})
	f.Fuzz(func(t *testing.T, a, b []byte) {
		if len(a) > 300 || len(b) > 300 {
			return
		}
		src, tgt := make([]int, len(a)), make([]int, len(b))
		for i, v := range a {
			src[i] = int(v)
		}
		for i, v := range b {
			tgt[i] = int(v)
		}
		// Every sentence is covered exactly once, in order.
		si, ti := 0, 0
		for _, bead := range Align(src, tgt, Default(2.9, 7.3)) {
			if bead.SrcStart != si || bead.TgtStart != ti {
				t.Fatalf("gap or overlap at %+v (want %d, %d)", bead, si, ti)
			}
			si += bead.SrcLen
			ti += bead.TgtLen
		}
		if si != len(src) || ti != len(tgt) {
			t.Fatalf("covered %d/%d and %d/%d", si, len(src), ti, len(tgt))
		}
	})
}
