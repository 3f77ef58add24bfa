package contentsite

import (
	"strings"
	"testing"
)

func TestValidID(t *testing.T) {
	for _, id := range []string{"1", "preamble", "closing", "article-12", "live-streaming-2020"} {
		if !ValidID(id) {
			t.Errorf("%q refused", id)
		}
	}
	for _, id := range []string{"", "-", "a-", "-a", "a--b", "A", "第一", "a b", "a_b", "a.b", `x"y`, "</style><img src=x onerror=alert(1)>", strings.Repeat("a", 65)} {
		if ValidID(id) {
			t.Errorf("%q accepted", id)
		}
	}
}

func TestCheckIDNamesTheFile(t *testing.T) {
	err := CheckID("clause", "Bad ID", "content/initiatives/x/Bad ID.en.md")
	if err == nil || !strings.Contains(err.Error(), "content/initiatives/x/Bad ID.en.md") || !strings.Contains(err.Error(), "rename the file") {
		t.Fatalf("err = %v", err)
	}
}
