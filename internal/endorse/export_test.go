package endorse

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// After publication a moderator's decisions reach the file on the next
// export by rewriting the entry's verified and status lines only: mark
// verified, suspend (with the date and a reason in every language),
// reinstate, withdraw. Every state of the file passes the validator.
func TestExportFollowsModeration(t *testing.T) {
	h := newHarness(t, openSQLite(t), nil)
	ctx := context.Background()
	c := h.client()
	h.submit(c, form("mod@acme.example"))
	confirm, _ := links(t, h.mails()[0])
	h.confirm(c, confirm)
	h.st.AddUser(ctx, "ed", HashPassword("long enough password"))
	mod := h.client()
	csrf := h.login(mod, "ed", "long enough password")
	all, _ := h.st.List(ctx, initiative)
	id := all[0].ID
	path := filepath.Join(h.site, "data/signatories", initiative+".toml")
	step := func(action, reason string, check func(t *testing.T)) {
		t.Helper()
		if action != "" {
			if s := h.act(mod, csrf, id, action, reason); s != http.StatusSeeOther {
				t.Fatalf("%s: %d", action, s)
			}
		}
		before, _ := os.ReadFile(path)
		if _, ps, err := Export(ctx, h.st, h.site, initiative, true, h.clock.Now()); err != nil {
			t.Fatalf("export after %s: %v %v", action, err, ps)
		}
		after, _ := os.ReadFile(path)
		// The editors' entries, before the exported one, are untouched.
		head := strings.Index(string(before), "id = \"acme-trading-ltd\"")
		if head > 0 && !strings.HasPrefix(string(after), string(before[:head])) {
			t.Errorf("after %s the export changed lines above its own entry", action)
		}
		check(t)
	}
	step("approve", "", func(t *testing.T) {
		if e := validEntry(t, h.site, "acme-trading-ltd"); e.Status != "active" || *e.Verified {
			t.Errorf("approved: %+v", e)
		}
	})
	step("verify", "", func(t *testing.T) {
		if e := validEntry(t, h.site, "acme-trading-ltd"); !*e.Verified {
			t.Error("not verified in the file")
		}
	})
	if s := h.act(mod, csrf, id, "suspend", ""); s != http.StatusBadRequest {
		t.Errorf("a suspension without a reason: %d", s)
	}
	step("suspend", "the evidence page is gone", func(t *testing.T) {
		e := validEntry(t, h.site, "acme-trading-ltd")
		if e.Status != "suspended" || e.Suspended == nil || e.Suspended.Reason["zh-hans"] == "" {
			t.Errorf("suspended: %+v %+v", e, e.Suspended)
		}
		if data, _ := os.ReadFile(path); strings.Contains(string(data), "evidence page is gone") {
			t.Error("the moderator's private reason reached the public file")
		}
	})
	if s := h.act(mod, csrf, id, "reject", "too late"); s != http.StatusConflict && s != http.StatusBadRequest {
		t.Errorf("rejecting a published entry: %d", s)
	}
	step("reinstate", "evidence found again", func(t *testing.T) {
		if e := validEntry(t, h.site, "acme-trading-ltd"); e.Status != "active" || e.Suspended != nil || !*e.Verified {
			t.Errorf("reinstated: %+v", e)
		}
	})
	step("withdraw", "asked by phone", func(t *testing.T) {
		e := validEntry(t, h.site, "acme-trading-ltd")
		if e.Status != "withdrawn" || e.Withdrawn == nil || !strings.Contains(e.Withdrawn.Reason["en"], "moderators") {
			t.Errorf("withdrawn: %+v", e)
		}
	})
	log, _ := h.st.Audit(ctx, id)
	if len(log) != 5 {
		t.Errorf("%d audit entries, want 5: %+v", len(log), log)
	}
}
