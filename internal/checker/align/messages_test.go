package align

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// The status page prints MessagesHTML as HTML: clause text, IDs and paths
// in it must come out escaped, and so must markup in a translation; only
// the <code> and <q> elements the renderer adds are markup.
func TestMessageHTMLEscapesEverything(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tr := "[aligncheck_cut_off_alone]\nother = \"<b>截断</b> {{.Ending}}\"\n[language_name_en]\nother = \"英<i>文</i>\"\n"
	if err := os.WriteFile(filepath.Join(dir, "i18n", "zh-hans.toml"), []byte(tr), 0o644); err != nil {
		t.Fatal(err)
	}
	cat, err := toolmessages.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	evil := `</q><img src=x onerror=alert(1)>`
	f := &Finding{msg: msgCutOffAlone, data: map[string]any{"Ending": QuotedIn{`en"><script>`, evil}}}
	got := NewSpeaker(cat, "zh-hans").HTML(f)
	want := `&lt;b&gt;截断&lt;/b&gt; <q lang="en&#34;&gt;&lt;script&gt;">&lt;/q&gt;&lt;img src=x onerror=alert(1)&gt;</q>`
	if got != want {
		t.Errorf("HTML:\n got %s\nwant %s", got, want)
	}
	f = &Finding{msg: msgMissing, data: map[string]any{"Clause": Code("<x>"), "Lang": Lang("en"), "Present": langs([]string{"en"}), "File": Code(`a"<b>.md`)}}
	got = NewSpeaker(cat, "zh-hans").HTML(f)
	if strings.Contains(got, "<i>") || strings.Contains(got, "<x>") || strings.Contains(got, "<b>") {
		t.Errorf("markup from a translation or a value survived: %s", got)
	}
	if !strings.Contains(got, `<code>a&#34;&lt;b&gt;.md</code>`) || !strings.Contains(got, "英&lt;i&gt;文&lt;/i&gt;") {
		t.Errorf("paths are not code, or names not escaped: %s", got)
	}
	// The plain text keeps everything as it is.
	if txt := NewSpeaker(cat, "zh-hans").Text(f); !strings.Contains(txt, `a"<b>.md`) {
		t.Errorf("text: %s", txt)
	}
}
