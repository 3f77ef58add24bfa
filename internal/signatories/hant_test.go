package signatories

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/longbridgeapp/opencc"

	"github.com/concord-initiative/concord/internal/engine/hugobuild"
)

var update = flag.Bool("update", false, "rewrite assets/hant/hant.json from OpenCC's dictionary")

// openCCDictionary reads a file of OpenCC's dictionary from the module
// go.mod pins, in the module cache.
func openCCDictionary(t *testing.T, name string) []byte {
	t.Helper()
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/longbridgeapp/opencc").Output()
	if err != nil {
		t.Fatalf("go list -m github.com/longbridgeapp/opencc: %v", err)
	}
	data, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "dictionary", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// assets/hant/hant.json is OpenCC's table, as BuildHantTable derives it from
// the pinned module: a new OpenCC version or a hand edit shows here. Run
// with -update to regenerate it.
func TestHantTableIsOpenCC(t *testing.T) {
	want, err := BuildHantTable(openCCDictionary(t, "TSCharacters.txt"))
	if err != nil {
		t.Fatal(err)
	}
	root, err := hugobuild.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(root, "assets", "hant", "hant.json")
	if *update {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("assets/hant/hant.json is not what OpenCC's TSCharacters.txt gives: run go test ./internal/signatories -run TestHantTableIsOpenCC -update")
	}
}

// Every pair folds as OpenCC's own t2s conversion converts the character,
// and the table covers far more than the 575 hand-picked pairs it replaced.
func TestHantTableAgreesWithOpenCCConversion(t *testing.T) {
	t2s, err := opencc.New("t2s")
	if err != nil {
		t.Fatal(err)
	}
	table := traditionalToSimplified()
	if len(table) < 4000 {
		t.Fatalf("only %d pairs", len(table))
	}
	for trad, simp := range table {
		if !unicode.Is(unicode.Han, trad) || !unicode.Is(unicode.Han, simp) || trad == simp {
			t.Errorf("pair %c%c: want two different Han characters", trad, simp)
		}
		if _, chained := table[simp]; chained {
			t.Errorf("%c folds to %c, which is folded again", trad, simp)
		}
		got, err := t2s.Convert(string(trad))
		if err != nil {
			t.Fatal(err)
		}
		if got != string(simp) && table[[]rune(got)[0]] != simp {
			t.Errorf("%c: the table gives %c, OpenCC t2s %s", trad, simp, got)
		}
	}
	// Characters that are also simplified characters with a meaning of
	// their own stay as they are.
	for _, r := range "乾於瞭" {
		if _, folded := table[r]; folded {
			t.Errorf("%c is folded, but it is an ordinary simplified character too", r)
		}
	}
}
