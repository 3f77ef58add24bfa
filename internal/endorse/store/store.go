// Package store keeps the endorsement service's state: the endorsements
// and their life from pending to published, the moderators, their sessions
// and the audit log.
//
// Store is one interface with two databases behind it: SQLite (the default,
// embedded, a file beside the site) and PostgreSQL (for several service
// machines behind a load balancer). Both speak SQL through database/sql, so
// the queries are written once; what differs (placeholders, the types of the
// tables, how migrations lock) is the dialect's. Open picks it from the DSN.
package store

import (
	"context"
	"errors"
	"time"
)

// State is where an endorsement is in its life.
type State string

const (
	// Pending: submitted, the confirmation email sent, not yet confirmed.
	// Deleted once its link expires.
	Pending State = "pending"
	// Confirmed: the signatory followed the link; waiting for a moderator.
	Confirmed State = "confirmed"
	Approved  State = "approved"
	Rejected  State = "rejected"
	Suspended State = "suspended"
	Withdrawn State = "withdrawn"
)

// Endorsement is one submission. The public fields (names, category,
// website, evidence URL, dates, status) may reach the exported data; the
// email and IP addresses never do, and are erased (Purge) a set number of
// days after the moderator's decision.
type Endorsement struct {
	ID         int64
	Initiative string
	// Lang is the site language of the form it came from: the language of
	// the service's pages and emails for this signatory.
	Lang string
	// Names by site language key; OriginalLang and OriginalName are the
	// name as the signatory writes it.
	Names        map[string]string
	OriginalLang string
	OriginalName string
	Category     string
	Website      string
	EvidenceURL  string
	// Authorised: the person signing for an organisation said they may.
	Authorised bool

	Email          string // erased by Purge
	EmailCanonical string // erased by Purge
	IP             string // erased by Purge

	State    State
	Verified bool
	// ExportID is the entry's id in data/signatories/<initiative>.toml,
	// reserved before the file is written, so an export that is run again
	// finds the entries already there instead of adding them twice.
	ExportID string
	// Exported is the state last written to the file ("" if never).
	Exported State

	Created   time.Time
	Confirmed time.Time // zero until confirmed
	Decided   time.Time // the last moderator decision or withdrawal
	Erased    time.Time // zero until Purge erased the personal data
}

// Action is one entry of the audit log: who did what to which endorsement
// and why, with the state before and after.
type Action struct {
	At            time.Time
	User          string // the moderator, or "signatory" for a withdrawal
	EndorsementID int64
	Action        string
	Reason        string
	Before, After string
}

// Session is a moderator's login.
type Session struct {
	User    string
	CSRF    string
	Expires time.Time
}

var (
	// ErrDuplicate: an endorsement of the initiative with the same
	// canonical email address exists already.
	ErrDuplicate = errors.New("store: already endorsed with this email address")
	// ErrToken: no pending endorsement has that confirmation token (never
	// issued, already used, or deleted after expiring).
	ErrToken = errors.New("store: unknown or used token")
	// ErrExpired: the token is known but its time has passed.
	ErrExpired  = errors.New("store: token expired")
	ErrNotFound = errors.New("store: not found")
	// ErrState: the action does not apply to the endorsement's state.
	ErrState = errors.New("store: not allowed in this state")
)

// Store is the service's database.
type Store interface {
	// Create records a pending endorsement with the hash of its
	// confirmation token. ErrDuplicate when the initiative has one with the
	// same canonical email.
	Create(ctx context.Context, e *Endorsement, tokenHash []byte, expires time.Time) (int64, error)
	// Confirm turns the pending endorsement with that token hash into a
	// confirmed one, once: the hash is cleared in the same statement.
	Confirm(ctx context.Context, tokenHash []byte, now time.Time) (*Endorsement, error)
	Get(ctx context.Context, id int64) (*Endorsement, error)
	// Delete removes a pending endorsement whose email could not be sent.
	Delete(ctx context.Context, id int64) error
	// List gives the initiative's endorsements in the given states (all
	// states when none), oldest first. An empty initiative lists every one.
	List(ctx context.Context, initiative string, states ...State) ([]*Endorsement, error)
	// Transition moves an endorsement from one of the states from to the
	// state to (verified set as given) and logs the action, in one
	// transaction. ErrState when it is in no state of from.
	Transition(ctx context.Context, id int64, from []State, to State, verified bool, a Action) (*Endorsement, error)
	// SetExport records the entry's ID in the file and the state written.
	SetExport(ctx context.Context, id int64, exportID string, exported State) error
	// DeletePending removes unconfirmed endorsements whose link expired.
	DeletePending(ctx context.Context, now time.Time) (int, error)
	// Erase removes the email and IP addresses of endorsements decided
	// before the given time.
	Erase(ctx context.Context, decidedBefore, now time.Time) (int, error)

	AddUser(ctx context.Context, name string, hash []byte) error
	UserHash(ctx context.Context, name string) ([]byte, error)
	CreateSession(ctx context.Context, tokenHash []byte, s Session) error
	Session(ctx context.Context, tokenHash []byte, now time.Time) (*Session, error)
	DeleteSession(ctx context.Context, tokenHash []byte) error

	// Audit is the log, newest first; id 0 gives every endorsement's.
	Audit(ctx context.Context, id int64) ([]Action, error)
	Close() error
}
