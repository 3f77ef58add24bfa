package store_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/concord-initiative/concord/internal/endorse/pgcluster"
	"github.com/concord-initiative/concord/internal/endorse/store"
)

// Each database runs the same suite.
func TestSQLite(t *testing.T) {
	suite(t, func(t *testing.T) store.Store {
		s, err := store.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "endorse.db"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

func TestPostgres(t *testing.T) {
	dsn := pgcluster.Start(t)
	n := 0
	suite(t, func(t *testing.T) store.Store {
		n++
		s, err := store.Open(context.Background(), pgcluster.NewDatabase(t, dsn, fmt.Sprintf("suite%d", n)))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	})
}

var t0 = time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)

func sample(email string) *store.Endorsement {
	return &store.Endorsement{
		Initiative: "live-streaming-2020", Lang: "en",
		Names:        map[string]string{"en": "Acme Ltd", "zh-hans": "阿克米"},
		OriginalLang: "en", OriginalName: "Acme Ltd", Category: "company",
		Website: "https://acme.example", Authorised: true,
		Email: email, EmailCanonical: email, IP: "192.0.2.1", Created: t0,
	}
}

func suite(t *testing.T, open func(t *testing.T) store.Store) {
	ctx := context.Background()
	t.Run("confirm once, before expiry", func(t *testing.T) {
		s := open(t)
		id, err := s.Create(ctx, sample("a@acme.example"), []byte("tok-a"), t0.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		e, err := s.Confirm(ctx, []byte("tok-a"), t0.Add(time.Minute))
		if err != nil || e.ID != id || e.State != store.Confirmed || e.Names["zh-hans"] != "阿克米" || !e.Authorised {
			t.Fatalf("confirm: %+v, %v", e, err)
		}
		if _, err := s.Confirm(ctx, []byte("tok-a"), t0.Add(2*time.Minute)); !errors.Is(err, store.ErrToken) {
			t.Errorf("a used token confirmed again: %v", err)
		}
		if _, err := s.Create(ctx, sample("b@acme.example"), []byte("tok-b"), t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Confirm(ctx, []byte("tok-b"), t0.Add(time.Hour)); !errors.Is(err, store.ErrExpired) {
			t.Errorf("an expired token: %v, want ErrExpired", err)
		}
		if n, err := s.DeletePending(ctx, t0.Add(time.Hour)); n != 1 || err != nil {
			t.Errorf("DeletePending removed %d (%v), want the expired one", n, err)
		}
		if all, _ := s.List(ctx, "live-streaming-2020"); len(all) != 1 {
			t.Errorf("%d endorsements left, want the confirmed one", len(all))
		}
	})
	t.Run("one per canonical email and initiative", func(t *testing.T) {
		s := open(t)
		if _, err := s.Create(ctx, sample("x@acme.example"), []byte("1"), t0.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Create(ctx, sample("x@acme.example"), []byte("2"), t0.Add(time.Hour)); !errors.Is(err, store.ErrDuplicate) {
			t.Errorf("second endorsement with the same email: %v, want ErrDuplicate", err)
		}
		other := sample("x@acme.example")
		other.Initiative = "another"
		if _, err := s.Create(ctx, other, []byte("3"), t0.Add(time.Hour)); err != nil {
			t.Errorf("the same email for another initiative: %v", err)
		}
	})
	t.Run("transitions are audited", func(t *testing.T) {
		s := open(t)
		id, _ := s.Create(ctx, sample("m@acme.example"), []byte("m"), t0.Add(time.Hour))
		if _, err := s.Transition(ctx, id, []store.State{store.Confirmed}, store.Approved, false, store.Action{At: t0, User: "ed", Action: "approve"}); !errors.Is(err, store.ErrState) {
			t.Errorf("approving a pending endorsement: %v, want ErrState", err)
		}
		s.Confirm(ctx, []byte("m"), t0)
		e, err := s.Transition(ctx, id, []store.State{store.Confirmed}, store.Approved, true, store.Action{At: t0.Add(time.Second), User: "ed", Action: "approve", Reason: "known member"})
		if err != nil || e.State != store.Approved || !e.Verified {
			t.Fatalf("approve: %+v %v", e, err)
		}
		log, err := s.Audit(ctx, id)
		if err != nil || len(log) != 1 {
			t.Fatalf("audit: %+v %v", log, err)
		}
		if a := log[0]; a.User != "ed" || a.Before != "confirmed" || a.After != "approved, verified" || a.Reason != "known member" || !a.At.Equal(t0.Add(time.Second)) {
			t.Errorf("audit entry %+v", a)
		}
		if err := s.SetExport(ctx, id, "acme-ltd", store.Approved); err != nil {
			t.Fatal(err)
		}
		if e, _ := s.Get(ctx, id); e.ExportID != "acme-ltd" || e.Exported != store.Approved {
			t.Errorf("export recorded as %q %q", e.ExportID, e.Exported)
		}
	})
	t.Run("erase personal data after the decision", func(t *testing.T) {
		s := open(t)
		id, _ := s.Create(ctx, sample("p@acme.example"), []byte("p"), t0.Add(time.Hour))
		undecided, _ := s.Create(ctx, sample("q@acme.example"), []byte("q"), t0.Add(time.Hour))
		s.Confirm(ctx, []byte("p"), t0)
		s.Transition(ctx, id, []store.State{store.Confirmed}, store.Rejected, false, store.Action{At: t0, User: "ed", Action: "reject"})
		if n, err := s.Erase(ctx, t0.Add(time.Second), t0.Add(time.Hour)); n != 1 || err != nil {
			t.Fatalf("Erase: %d %v", n, err)
		}
		e, _ := s.Get(ctx, id)
		if e.Email != "" || e.EmailCanonical != "" || e.IP != "" || e.Erased.IsZero() || e.Names["en"] != "Acme Ltd" {
			t.Errorf("after erasing: %+v", e)
		}
		if e, _ := s.Get(ctx, undecided); e.Email == "" {
			t.Errorf("an undecided endorsement lost its email")
		}
	})
	t.Run("users and sessions", func(t *testing.T) {
		s := open(t)
		if err := s.AddUser(ctx, "ed", []byte("h1")); err != nil {
			t.Fatal(err)
		}
		s.AddUser(ctx, "ed", []byte("h2"))
		if h, err := s.UserHash(ctx, "ed"); string(h) != "h2" || err != nil {
			t.Errorf("hash %q %v, want the new password's", h, err)
		}
		if _, err := s.UserHash(ctx, "nobody"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown user: %v", err)
		}
		s.CreateSession(ctx, []byte("sess"), store.Session{User: "ed", CSRF: "c", Expires: t0.Add(time.Hour)})
		if ses, err := s.Session(ctx, []byte("sess"), t0); err != nil || ses.User != "ed" || ses.CSRF != "c" {
			t.Errorf("session %+v %v", ses, err)
		}
		if _, err := s.Session(ctx, []byte("sess"), t0.Add(time.Hour)); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("expired session: %v", err)
		}
		s.DeleteSession(ctx, []byte("sess"))
		if _, err := s.Session(ctx, []byte("sess"), t0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("deleted session: %v", err)
		}
	})
	t.Run("concurrent creates and confirms lose nothing", func(t *testing.T) {
		s := open(t)
		const n = 200
		var wg sync.WaitGroup
		errs := make(chan error, 2*n)
		for i := range n {
			wg.Go(func() {
				tok := fmt.Appendf(nil, "t%d", i)
				// Every address twice: exactly one of each pair is stored.
				for range 2 {
					_, err := s.Create(ctx, sample(fmt.Sprintf("u%d@acme.example", i)), tok, t0.Add(time.Hour))
					if err != nil && !errors.Is(err, store.ErrDuplicate) {
						errs <- err
					}
				}
				if _, err := s.Confirm(ctx, tok, t0); err != nil {
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		all, err := s.List(ctx, "live-streaming-2020", store.Confirmed)
		if err != nil || len(all) != n {
			t.Errorf("%d confirmed (%v), want %d", len(all), err, n)
		}
	})
	t.Run("migrations run once", func(t *testing.T) {
		// Opening the same database again finds it current.
		dir := t.TempDir()
		for range 2 {
			s, err := store.Open(ctx, "sqlite:"+filepath.Join(dir, "again.db"))
			if err != nil {
				t.Fatal(err)
			}
			s.Close()
		}
	})
}
