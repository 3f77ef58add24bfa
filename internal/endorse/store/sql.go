package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers "pgx"
	_ "modernc.org/sqlite"             // registers "sqlite"
)

// dialect is what differs between the two databases.
type dialect struct {
	name string
	// types replaces the {{…}} words of the schema.
	types *strings.Replacer
	// lockMigrations runs first in the migration transaction, so that
	// service machines starting together migrate one after the other.
	lockMigrations string
	// forUpdate ends a SELECT that is followed by an UPDATE of the row.
	forUpdate string
	numbered  bool // $1, $2 … instead of ?
}

var (
	sqlite = dialect{
		name:  "sqlite",
		types: strings.NewReplacer("{{id}}", "INTEGER PRIMARY KEY AUTOINCREMENT", "{{blob}}", "BLOB"),
	}
	postgres = dialect{
		name:           "postgres",
		types:          strings.NewReplacer("{{id}}", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "{{blob}}", "BYTEA"),
		lockMigrations: "SELECT pg_advisory_xact_lock(8470)",
		forUpdate:      " FOR UPDATE",
		numbered:       true,
	}
)

// migrations are applied in order, each once, at Open; a released version
// is never edited, only followed by a new one. Times are Unix nanoseconds
// and flags 0 or 1 in both databases, so values read back the same.
var migrations = []string{
	`CREATE TABLE endorsements (
		id {{id}},
		initiative TEXT NOT NULL,
		lang TEXT NOT NULL,
		names TEXT NOT NULL,
		original_lang TEXT NOT NULL,
		original_name TEXT NOT NULL,
		category TEXT NOT NULL,
		website TEXT NOT NULL,
		evidence_url TEXT NOT NULL,
		authorised INTEGER NOT NULL,
		email TEXT,
		email_canonical TEXT,
		ip TEXT,
		state TEXT NOT NULL,
		verified INTEGER NOT NULL,
		export_id TEXT NOT NULL DEFAULT '',
		exported TEXT NOT NULL DEFAULT '',
		token_hash {{blob}},
		token_expires BIGINT NOT NULL DEFAULT 0,
		created BIGINT NOT NULL,
		confirmed BIGINT NOT NULL DEFAULT 0,
		decided BIGINT NOT NULL DEFAULT 0,
		erased BIGINT NOT NULL DEFAULT 0,
		UNIQUE (initiative, email_canonical)
	);
	CREATE UNIQUE INDEX endorsements_token ON endorsements (token_hash);
	CREATE INDEX endorsements_state ON endorsements (initiative, state);
	CREATE TABLE users (
		name TEXT PRIMARY KEY,
		hash {{blob}} NOT NULL,
		created BIGINT NOT NULL
	);
	CREATE TABLE sessions (
		token_hash {{blob}} PRIMARY KEY,
		user_name TEXT NOT NULL,
		csrf TEXT NOT NULL,
		expires BIGINT NOT NULL
	);
	CREATE TABLE audit (
		id {{id}},
		at BIGINT NOT NULL,
		user_name TEXT NOT NULL,
		endorsement_id BIGINT NOT NULL,
		action TEXT NOT NULL,
		reason TEXT NOT NULL,
		before_state TEXT NOT NULL,
		after_state TEXT NOT NULL
	);`,
}

// SQL is the Store of both databases.
type SQL struct {
	db *sql.DB
	d  dialect
}

// Open connects to DSN, sqlite:PATH or postgres://…, and brings the schema
// up to date.
func Open(ctx context.Context, dsn string) (*SQL, error) {
	var s *SQL
	switch {
	case strings.HasPrefix(dsn, "sqlite:"):
		path := strings.TrimPrefix(dsn, "sqlite:")
		if path == "" || strings.Contains(path, "?") {
			return nil, fmt.Errorf("store: %q: write sqlite:PATH, a file path without '?'", dsn)
		}
		// WAL: readers never block the writer, and a committed
		// transaction survives the process being killed (synchronous
		// NORMAL syncs the log at each checkpoint, which loses nothing on
		// a crash of the process, only possibly on power loss; FULL is one
		// fsync per commit). busy_timeout waits for a lock instead of
		// failing; _txlock=immediate takes the write lock at BEGIN, so two
		// transactions never deadlock upgrading a read lock.
		db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate")
		if err != nil {
			return nil, err
		}
		// One writer at a time is all SQLite allows; one connection makes
		// that a queue in Go rather than retries on SQLITE_BUSY.
		db.SetMaxOpenConns(1)
		s = &SQL{db: db, d: sqlite}
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		db, err := sql.Open("pgx", dsn)
		if err != nil {
			return nil, err
		}
		db.SetMaxOpenConns(16)
		s = &SQL{db: db, d: postgres}
	default:
		return nil, fmt.Errorf("store: unknown database %q: use sqlite:PATH or postgres://USER@HOST/DB", dsn)
	}
	if err := s.migrate(ctx); err != nil {
		s.db.Close()
		return nil, err
	}
	return s, nil
}

// Dialect is "sqlite" or "postgres".
func (s *SQL) Dialect() string { return s.d.name }

func (s *SQL) Close() error { return s.db.Close() }

func (s *SQL) migrate(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: %w", err)
	}
	defer tx.Rollback()
	if s.d.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, s.d.lockMigrations); err != nil {
			return fmt.Errorf("store: lock for migrations: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_version`).Scan(&version); err != nil {
		return fmt.Errorf("store: %w", err)
	}
	if version > len(migrations) {
		return fmt.Errorf("store: the database is at schema version %d, newer than this program (%d): run the newer endorse", version, len(migrations))
	}
	for i := version; i < len(migrations); i++ {
		for stmt := range strings.SplitSeq(s.d.types.Replace(migrations[i]), ";") {
			if strings.TrimSpace(stmt) == "" {
				continue
			}
			if _, err := tx.ExecContext(ctx, stmt); err != nil {
				return fmt.Errorf("store: migration %d: %w", i+1, err)
			}
		}
		if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO schema_version (version) VALUES (?)`), i+1); err != nil {
			return fmt.Errorf("store: %w", err)
		}
	}
	return tx.Commit()
}

// q writes the query's placeholders as the database wants them.
func (s *SQL) q(query string) string {
	if !s.d.numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

const columns = `id, initiative, lang, names, original_lang, original_name, category, website, evidence_url, authorised,
	email, email_canonical, ip, state, verified, export_id, exported, created, confirmed, decided, erased`

type scanner interface{ Scan(...any) error }

func scan(r scanner) (*Endorsement, error) {
	var e Endorsement
	var names string
	var authorised, verified int64
	var email, canonical, ip sql.NullString
	var created, confirmed, decided, erased int64
	if err := r.Scan(&e.ID, &e.Initiative, &e.Lang, &names, &e.OriginalLang, &e.OriginalName, &e.Category, &e.Website, &e.EvidenceURL, &authorised,
		&email, &canonical, &ip, &e.State, &verified, &e.ExportID, &e.Exported, &created, &confirmed, &decided, &erased); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(names), &e.Names); err != nil {
		return nil, fmt.Errorf("store: endorsement %d: names: %w", e.ID, err)
	}
	e.Authorised, e.Verified = authorised == 1, verified == 1
	e.Email, e.EmailCanonical, e.IP = email.String, canonical.String, ip.String
	e.Created, e.Confirmed, e.Decided, e.Erased = fromNanos(created), fromNanos(confirmed), fromNanos(decided), fromNanos(erased)
	return &e, nil
}

func nanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

func fromNanos(n int64) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return time.Unix(0, n).UTC()
}

func flag(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// isUnique reports a unique-constraint violation in either database.
func isUnique(err error) bool {
	if err == nil {
		return false
	}
	msg := err.Error()
	return strings.Contains(msg, "UNIQUE constraint failed") || strings.Contains(msg, "SQLSTATE 23505")
}

func (s *SQL) Create(ctx context.Context, e *Endorsement, tokenHash []byte, expires time.Time) (int64, error) {
	names, err := json.Marshal(e.Names)
	if err != nil {
		return 0, err
	}
	var id int64
	err = s.db.QueryRowContext(ctx, s.q(`INSERT INTO endorsements
		(initiative, lang, names, original_lang, original_name, category, website, evidence_url, authorised,
		 email, email_canonical, ip, state, verified, token_hash, token_expires, created)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id`),
		e.Initiative, e.Lang, string(names), e.OriginalLang, e.OriginalName, e.Category, e.Website, e.EvidenceURL, flag(e.Authorised),
		e.Email, e.EmailCanonical, e.IP, string(Pending), tokenHash, nanos(expires), nanos(e.Created)).Scan(&id)
	if isUnique(err) {
		return 0, ErrDuplicate
	}
	return id, err
}

func (s *SQL) Confirm(ctx context.Context, tokenHash []byte, now time.Time) (*Endorsement, error) {
	e, err := scan(s.db.QueryRowContext(ctx, s.q(`UPDATE endorsements SET state = ?, confirmed = ?, token_hash = NULL
		WHERE token_hash = ? AND state = ? AND token_expires > ? RETURNING `+columns),
		string(Confirmed), nanos(now), tokenHash, string(Pending), nanos(now)))
	if !errors.Is(err, sql.ErrNoRows) {
		return e, err
	}
	var n int
	if err := s.db.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM endorsements WHERE token_hash = ?`), tokenHash).Scan(&n); err != nil {
		return nil, err
	}
	if n > 0 {
		return nil, ErrExpired
	}
	return nil, ErrToken
}

func (s *SQL) Get(ctx context.Context, id int64) (*Endorsement, error) {
	e, err := scan(s.db.QueryRowContext(ctx, s.q(`SELECT `+columns+` FROM endorsements WHERE id = ?`), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return e, err
}

func (s *SQL) Delete(ctx context.Context, id int64) error {
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM endorsements WHERE id = ? AND state = ?`), id, string(Pending))
	return err
}

func (s *SQL) List(ctx context.Context, initiative string, states ...State) ([]*Endorsement, error) {
	query := `SELECT ` + columns + ` FROM endorsements WHERE (? = '' OR initiative = ?)`
	args := []any{initiative, initiative}
	if len(states) > 0 {
		query += ` AND state IN (` + strings.TrimSuffix(strings.Repeat("?, ", len(states)), ", ") + `)`
		for _, st := range states {
			args = append(args, string(st))
		}
	}
	rows, err := s.db.QueryContext(ctx, s.q(query+` ORDER BY id`), args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*Endorsement
	for rows.Next() {
		e, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *SQL) Transition(ctx context.Context, id int64, from []State, to State, verified bool, a Action) (*Endorsement, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	e, err := scan(tx.QueryRowContext(ctx, s.q(`SELECT `+columns+` FROM endorsements WHERE id = ?`+s.d.forUpdate), id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	allowed := false
	for _, st := range from {
		allowed = allowed || e.State == st
	}
	if !allowed {
		return e, ErrState
	}
	a.EndorsementID = id
	a.Before = describe(e.State, e.Verified)
	a.After = describe(to, verified)
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE endorsements SET state = ?, verified = ?, decided = ? WHERE id = ?`),
		string(to), flag(verified), nanos(a.At), id); err != nil {
		return nil, err
	}
	if _, err := tx.ExecContext(ctx, s.q(`INSERT INTO audit (at, user_name, endorsement_id, action, reason, before_state, after_state)
		VALUES (?, ?, ?, ?, ?, ?, ?)`), nanos(a.At), a.User, id, a.Action, a.Reason, a.Before, a.After); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, err
	}
	e.State, e.Verified, e.Decided = to, verified, a.At
	return e, nil
}

// describe is a state as the audit log shows it.
func describe(st State, verified bool) string {
	if verified {
		return string(st) + ", verified"
	}
	return string(st)
}

func (s *SQL) SetExport(ctx context.Context, id int64, exportID string, exported State) error {
	_, err := s.db.ExecContext(ctx, s.q(`UPDATE endorsements SET export_id = ?, exported = ? WHERE id = ?`), exportID, string(exported), id)
	return err
}

func (s *SQL) DeletePending(ctx context.Context, now time.Time) (int, error) {
	r, err := s.db.ExecContext(ctx, s.q(`DELETE FROM endorsements WHERE state = ? AND token_expires <= ?`), string(Pending), nanos(now))
	return affected(r, err)
}

func (s *SQL) Erase(ctx context.Context, decidedBefore, now time.Time) (int, error) {
	r, err := s.db.ExecContext(ctx, s.q(`UPDATE endorsements SET email = NULL, email_canonical = NULL, ip = NULL, erased = ?
		WHERE decided > 0 AND decided < ? AND erased = 0`), nanos(now), nanos(decidedBefore))
	return affected(r, err)
}

func affected(r sql.Result, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	n, err := r.RowsAffected()
	return int(n), err
}

func (s *SQL) AddUser(ctx context.Context, name string, hash []byte) error {
	// A second `user add` for the same name sets a new password.
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO users (name, hash, created) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET hash = excluded.hash`), name, hash, time.Now().UnixNano())
	return err
}

func (s *SQL) UserHash(ctx context.Context, name string) ([]byte, error) {
	var h []byte
	err := s.db.QueryRowContext(ctx, s.q(`SELECT hash FROM users WHERE name = ?`), name).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return h, err
}

func (s *SQL) CreateSession(ctx context.Context, tokenHash []byte, ses Session) error {
	_, err := s.db.ExecContext(ctx, s.q(`INSERT INTO sessions (token_hash, user_name, csrf, expires) VALUES (?, ?, ?, ?)`),
		tokenHash, ses.User, ses.CSRF, nanos(ses.Expires))
	return err
}

func (s *SQL) Session(ctx context.Context, tokenHash []byte, now time.Time) (*Session, error) {
	var ses Session
	var expires int64
	err := s.db.QueryRowContext(ctx, s.q(`SELECT user_name, csrf, expires FROM sessions WHERE token_hash = ? AND expires > ?`),
		tokenHash, nanos(now)).Scan(&ses.User, &ses.CSRF, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	ses.Expires = fromNanos(expires)
	return &ses, err
}

func (s *SQL) DeleteSession(ctx context.Context, tokenHash []byte) error {
	_, err := s.db.ExecContext(ctx, s.q(`DELETE FROM sessions WHERE token_hash = ?`), tokenHash)
	return err
}

func (s *SQL) Audit(ctx context.Context, id int64) ([]Action, error) {
	rows, err := s.db.QueryContext(ctx, s.q(`SELECT at, user_name, endorsement_id, action, reason, before_state, after_state
		FROM audit WHERE (? = 0 OR endorsement_id = ?) ORDER BY id DESC`), id, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Action
	for rows.Next() {
		var a Action
		var at int64
		if err := rows.Scan(&at, &a.User, &a.EndorsementID, &a.Action, &a.Reason, &a.Before, &a.After); err != nil {
			return nil, err
		}
		a.At = fromNanos(at)
		out = append(out, a)
	}
	return out, rows.Err()
}

var _ Store = (*SQL)(nil)
