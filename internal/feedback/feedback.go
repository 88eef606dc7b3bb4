// Package feedback keeps what people say about Liaison's answers: a 👍 or a
// 👎 on an answer, with an optional "what was wrong", stored in the state
// database (internal/store) with the question, the answer, its sources,
// the platform, the room and the time, so that a maintainer can list them
// (`liaison feedback`) and turn the bad ones into scored questions
// (`liaison feedback export --bad`, the question-file format of the eval
// scorer).
//
// People are never stored by name or platform ID: each vote carries an
// opaque hash of its author (HMAC-SHA256 under a random key kept in the
// database), enough to count one vote per person and answer.
//
// The chat adapters remember every answer people may rate (Remember) and
// which posted messages carry it (Posted), so that a reaction on a message
// can be tied to its question, answer and sources later (Lookup). Answers
// are kept for Options.KeepAnswers and at most Options.MaxAnswers of them;
// a vote copies what it rates, so feedback outlives the answer it rates.
package feedback

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"liaison/bot"
	"liaison/internal/store"
)

// Rating is a person's verdict on an answer.
type Rating string

// The ratings.
const (
	// Good is a 👍.
	Good Rating = "good"
	// Bad is a 👎, or a report that the answer is wrong.
	Bad Rating = "bad"
)

// IntentFeedback is the intent of the replies the feedback commands give
// (the admins' listing, the thanks for a report); they are not rated.
const IntentFeedback bot.Intent = "feedback"

// How a vote was given, for Vote.Via.
const (
	ViaButton   = "button"   // a 👍/👎 button under the answer
	ViaReaction = "reaction" // a 👍/👎 reaction on the answer
	ViaForm     = "form"     // the "what was wrong?" form
	ViaReply    = "reply"    // a reply to the answer starting with !wrong
)

// Defaults of Options.
const (
	// DefaultKeepAnswers is how long an answer can be rated.
	DefaultKeepAnswers = 30 * 24 * time.Hour
	// DefaultMaxAnswers is how many answers are kept for rating.
	DefaultMaxAnswers = 20000
	// MaxComment is the longest comment kept, in characters.
	MaxComment = 2000
)

// Sentinel errors.
var (
	// ErrUnknownAnswer means a vote names an answer that is not (or no
	// longer) remembered.
	ErrUnknownAnswer = errors.New("feedback: unknown or expired answer")
	// ErrInvalid means a vote or answer lacks a required field.
	ErrInvalid = errors.New("feedback: invalid vote or answer")
)

// Answer is an answer people may rate.
type Answer struct {
	// Ref names the answer uniquely across platforms; the adapter picks it
	// ("slack:C0123:1700000000.000100", "matrix:$event").
	Ref string
	// Platform, Room and Thread are where it was posted (Thread: the
	// Slack thread, "" elsewhere).
	Platform bot.Platform
	Room     string
	Thread   string
	// Question is the text the core answered.
	Question string
	// Reply is the core's answer.
	Reply bot.Reply
	// At is when it was answered.
	At time.Time
}

// Vote is one person's rating of an answer.
type Vote struct {
	// Ref is the answer's Ref.
	Ref string
	// User is the platform user ID of the person; only a hash of it is
	// stored.
	User string
	// Rating is Good or Bad.
	Rating Rating
	// Comment says what was wrong; "" keeps an earlier comment of the same
	// rating.
	Comment string
	// Via says how it was given (ViaButton, ViaReaction, ...).
	Via string
	// Source is the platform's ID of the event that gave it (a Matrix
	// reaction's event ID), for Retract; may be "".
	Source string
}

// Result says what a vote changed.
type Result int

// The results of Rate.
const (
	// Unchanged: the same person had already given the same rating and
	// comment (a retry, a double delivery).
	Unchanged Result = iota
	// Added: the first rating of this answer by this person.
	Added
	// Changed: the person changed their rating or comment.
	Changed
)

// Entry is one stored rating with what it rates, as List returns it.
type Entry struct {
	ID         int64        `json:"id"`
	At         time.Time    `json:"at"` // rated (last changed)
	Platform   bot.Platform `json:"platform"`
	Room       string       `json:"room"`
	Rating     Rating       `json:"rating"`
	Comment    string       `json:"comment,omitempty"`
	Via        string       `json:"via"`
	User       string       `json:"user"` // the opaque hash
	Question   string       `json:"question"`
	Answer     string       `json:"answer"`
	Found      bool         `json:"found"`
	Intent     bot.Intent   `json:"intent"`
	Sources    []bot.Source `json:"sources"`
	AnsweredAt time.Time    `json:"answered_at"`
}

// Observer learns about new and changed votes, for metrics. ops.Metrics
// implements it.
type Observer interface {
	// FeedbackRated counts a new or changed rating.
	FeedbackRated(platform, rating string)
	// FeedbackCommented counts a new or changed comment.
	FeedbackCommented(platform string)
}

// Options configure a Book.
type Options struct {
	// KeepAnswers is how long an answer can be rated; default
	// DefaultKeepAnswers.
	KeepAnswers time.Duration
	// MaxAnswers bounds the answers kept for rating; default
	// DefaultMaxAnswers.
	MaxAnswers int
	// Observer, when set, counts votes.
	Observer Observer
	// Logger receives store failures of pruning; nil discards.
	Logger *slog.Logger
}

// Book is the feedback kept in a state store. It is safe for concurrent
// use, also by several processes on the same file (`liaison feedback`
// while `liaison serve` runs).
type Book struct {
	db   *sql.DB
	key  []byte
	opts Options
	log  *slog.Logger
	adds atomic.Int64
}

// keyName is the store key of the user-hash key.
const keyName = "feedback:user-key"

// Open prepares the feedback tables in st and returns a Book over them.
func Open(ctx context.Context, st *store.Store, opts Options) (*Book, error) {
	if opts.KeepAnswers <= 0 {
		opts.KeepAnswers = DefaultKeepAnswers
	}
	if opts.MaxAnswers <= 0 {
		opts.MaxAnswers = DefaultMaxAnswers
	}
	log := opts.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := &Book{db: st.DB(), opts: opts, log: log}
	if err := b.migrate(ctx); err != nil {
		return nil, fmt.Errorf("feedback: prepare tables: %w", err)
	}
	key, err := userKey(ctx, st)
	if err != nil {
		return nil, err
	}
	b.key = key
	return b, nil
}

func (b *Book) migrate(ctx context.Context) error {
	const schema = `
CREATE TABLE IF NOT EXISTS liaison_answers (
	ref      TEXT PRIMARY KEY,
	platform TEXT NOT NULL,
	room     TEXT NOT NULL,
	thread   TEXT NOT NULL,
	question TEXT NOT NULL,
	answer   TEXT NOT NULL,
	found    INTEGER NOT NULL,
	intent   TEXT NOT NULL,
	sources  TEXT NOT NULL,
	at       INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS liaison_answers_at ON liaison_answers(at);
CREATE TABLE IF NOT EXISTS liaison_answer_messages (
	platform TEXT NOT NULL,
	room     TEXT NOT NULL,
	message  TEXT NOT NULL,
	ref      TEXT NOT NULL REFERENCES liaison_answers(ref) ON DELETE CASCADE,
	PRIMARY KEY (platform, room, message)
);
CREATE INDEX IF NOT EXISTS liaison_answer_messages_ref ON liaison_answer_messages(ref);
CREATE TABLE IF NOT EXISTS liaison_feedback (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	ref         TEXT NOT NULL,
	user_hash   TEXT NOT NULL,
	platform    TEXT NOT NULL,
	room        TEXT NOT NULL,
	rating      TEXT NOT NULL,
	comment     TEXT NOT NULL,
	via         TEXT NOT NULL,
	source      TEXT NOT NULL,
	question    TEXT NOT NULL,
	answer      TEXT NOT NULL,
	found       INTEGER NOT NULL,
	intent      TEXT NOT NULL,
	sources     TEXT NOT NULL,
	answered_at INTEGER NOT NULL,
	at          INTEGER NOT NULL,
	UNIQUE (ref, user_hash)
);
CREATE INDEX IF NOT EXISTS liaison_feedback_at ON liaison_feedback(at);`
	_, err := b.db.ExecContext(ctx, schema)
	return err
}

// userKey returns the key of the user hash, creating it once.
func userKey(ctx context.Context, st *store.Store) ([]byte, error) {
	fresh := make([]byte, 32)
	if _, err := rand.Read(fresh); err != nil {
		return nil, fmt.Errorf("feedback: make user key: %w", err)
	}
	// Two processes opening a new database at once keep the first key.
	if _, err := st.DB().ExecContext(ctx, `INSERT INTO liaison_kv(key, value) VALUES(?, ?) ON CONFLICT(key) DO NOTHING`,
		keyName, hex.EncodeToString(fresh)); err != nil {
		return nil, fmt.Errorf("feedback: store user key: %w", err)
	}
	v, err := st.Get(ctx, keyName)
	if err != nil {
		return nil, fmt.Errorf("feedback: read user key: %w", err)
	}
	key, err := hex.DecodeString(v)
	if err != nil || len(key) < 16 {
		return nil, fmt.Errorf("feedback: user key in %s is damaged", st.Path())
	}
	return key, nil
}

// UserHash is the opaque name a person's votes are stored under: the same
// person on the same platform always gets the same hash in one database.
func (b *Book) UserHash(platform bot.Platform, user string) string {
	m := hmac.New(sha256.New, b.key)
	m.Write([]byte(string(platform) + "\x00" + user))
	return hex.EncodeToString(m.Sum(nil))[:16]
}

// Rateable reports whether people are offered to rate r: answers to
// questions, found or not, but not help, status, refusals, errors or the
// feedback commands' own replies.
func Rateable(r bot.Reply) bool {
	switch r.Intent {
	case bot.IntentHelp, bot.IntentStatus, bot.IntentEmpty, bot.IntentDenied, bot.IntentLimited, IntentFeedback:
		return false
	}
	return strings.TrimSpace(r.Summary) != "" && r.Summary != bot.ErrorReply(nil).Summary
}

// Remember records an answer people may rate (again: the same Ref is
// replaced). Now and then it forgets answers older than KeepAnswers or
// beyond MaxAnswers.
func (b *Book) Remember(ctx context.Context, a Answer) error {
	if a.Ref == "" || a.Platform == "" {
		return fmt.Errorf("%w: answer without ref or platform", ErrInvalid)
	}
	if a.At.IsZero() {
		a.At = time.Now()
	}
	sources := a.Reply.Sources
	if sources == nil {
		sources = []bot.Source{}
	}
	src, err := json.Marshal(sources)
	if err != nil {
		return fmt.Errorf("feedback: encode sources: %w", err)
	}
	_, err = b.db.ExecContext(ctx, `
INSERT INTO liaison_answers(ref, platform, room, thread, question, answer, found, intent, sources, at)
VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(ref) DO UPDATE SET platform = excluded.platform, room = excluded.room, thread = excluded.thread,
	question = excluded.question, answer = excluded.answer, found = excluded.found, intent = excluded.intent,
	sources = excluded.sources, at = excluded.at`,
		a.Ref, string(a.Platform), a.Room, a.Thread, a.Question, a.Reply.Text(), a.Reply.Found, string(a.Reply.Intent),
		string(src), a.At.UnixMilli())
	if err != nil {
		return fmt.Errorf("feedback: remember answer: %w", err)
	}
	if b.adds.Add(1)%64 == 1 {
		if _, err := b.Prune(ctx, time.Now()); err != nil {
			b.log.Warn("feedback: forgetting old answers failed", "err", err)
		}
	}
	return nil
}

// Posted records that message (a Slack ts, a Matrix event ID) in room
// carries the answer ref, so that a reaction on it can be tied to the
// answer. The answer must be remembered first.
func (b *Book) Posted(ctx context.Context, platform bot.Platform, room, message, ref string) error {
	if message == "" {
		return fmt.Errorf("%w: posted message without ID", ErrInvalid)
	}
	_, err := b.db.ExecContext(ctx, `
INSERT INTO liaison_answer_messages(platform, room, message, ref) VALUES(?, ?, ?, ?)
ON CONFLICT(platform, room, message) DO UPDATE SET ref = excluded.ref`, string(platform), room, message, ref)
	if err != nil {
		return fmt.Errorf("feedback: record posted answer: %w", err)
	}
	return nil
}

// Lookup returns the answer a posted message carries; false when the
// message is not a remembered answer.
func (b *Book) Lookup(ctx context.Context, platform bot.Platform, room, message string) (Answer, bool, error) {
	var ref string
	err := b.db.QueryRowContext(ctx, `SELECT ref FROM liaison_answer_messages WHERE platform = ? AND room = ? AND message = ?`,
		string(platform), room, message).Scan(&ref)
	if errors.Is(err, sql.ErrNoRows) {
		return Answer{}, false, nil
	}
	if err != nil {
		return Answer{}, false, fmt.Errorf("feedback: look up answer: %w", err)
	}
	return b.Answer(ctx, ref)
}

// Answer returns the remembered answer ref; false when there is none.
func (b *Book) Answer(ctx context.Context, ref string) (Answer, bool, error) {
	var (
		a              Answer
		platform, text string
		intent, src    string
		at             int64
	)
	err := b.db.QueryRowContext(ctx, `
SELECT ref, platform, room, thread, question, answer, found, intent, sources, at FROM liaison_answers WHERE ref = ?`, ref).
		Scan(&a.Ref, &platform, &a.Room, &a.Thread, &a.Question, &text, &a.Reply.Found, &intent, &src, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return Answer{}, false, nil
	}
	if err != nil {
		return Answer{}, false, fmt.Errorf("feedback: read answer: %w", err)
	}
	a.Platform, a.Reply.Intent, a.At = bot.Platform(platform), bot.Intent(intent), time.UnixMilli(at)
	a.Reply.Summary, a.Reply.Details = splitText(text)
	if err := json.Unmarshal([]byte(src), &a.Reply.Sources); err != nil {
		return Answer{}, false, fmt.Errorf("feedback: read answer sources: %w", err)
	}
	return a, true, nil
}

// splitText undoes bot.Reply.Text.
func splitText(s string) (string, []string) {
	lines := strings.Split(s, "\n")
	if len(lines) == 1 {
		return lines[0], nil
	}
	return lines[0], lines[1:]
}

// Rate stores a vote on a remembered answer: one rating per person and
// answer, the latest wins. A vote that changes nothing (Slack retrying an
// interaction, a double delivery) reports Unchanged. A Bad vote's comment
// is kept when a later Bad vote has none; changing to Good drops it.
func (b *Book) Rate(ctx context.Context, v Vote) (Result, error) {
	if v.Ref == "" || v.User == "" || (v.Rating != Good && v.Rating != Bad) {
		return Unchanged, fmt.Errorf("%w: vote needs an answer, a user and a rating", ErrInvalid)
	}
	v.Comment = cleanComment(v.Comment)
	tx, err := b.db.BeginTx(ctx, nil)
	if err != nil {
		return Unchanged, fmt.Errorf("feedback: rate: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	var (
		platform, room, question, answer, intent, sources string
		found                                             bool
		answeredAt                                        int64
	)
	err = tx.QueryRowContext(ctx, `SELECT platform, room, question, answer, found, intent, sources, at FROM liaison_answers WHERE ref = ?`, v.Ref).
		Scan(&platform, &room, &question, &answer, &found, &intent, &sources, &answeredAt)
	if errors.Is(err, sql.ErrNoRows) {
		return Unchanged, fmt.Errorf("%w (%s)", ErrUnknownAnswer, v.Ref)
	}
	if err != nil {
		return Unchanged, fmt.Errorf("feedback: rate: read answer: %w", err)
	}
	hash := b.UserHash(bot.Platform(platform), v.User)
	var oldRating, oldComment string
	err = tx.QueryRowContext(ctx, `SELECT rating, comment FROM liaison_feedback WHERE ref = ? AND user_hash = ?`, v.Ref, hash).
		Scan(&oldRating, &oldComment)
	res := Added
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return Unchanged, fmt.Errorf("feedback: rate: read vote: %w", err)
	default:
		res = Changed
		if v.Comment == "" && Rating(oldRating) == v.Rating {
			v.Comment = oldComment
		}
		if Rating(oldRating) == v.Rating && oldComment == v.Comment {
			return Unchanged, nil
		}
	}
	now := time.Now().UnixMilli()
	if _, err := tx.ExecContext(ctx, `
INSERT INTO liaison_feedback(ref, user_hash, platform, room, rating, comment, via, source, question, answer, found, intent, sources, answered_at, at)
VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT(ref, user_hash) DO UPDATE SET rating = excluded.rating, comment = excluded.comment, via = excluded.via,
	source = excluded.source, at = excluded.at`,
		v.Ref, hash, platform, room, string(v.Rating), v.Comment, v.Via, v.Source, question, answer, found, intent, sources, answeredAt, now); err != nil {
		return Unchanged, fmt.Errorf("feedback: rate: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return Unchanged, fmt.Errorf("feedback: rate: %w", err)
	}
	if o := b.opts.Observer; o != nil {
		if res == Added || Rating(oldRating) != v.Rating {
			o.FeedbackRated(platform, string(v.Rating))
		}
		if v.Comment != "" && v.Comment != oldComment {
			o.FeedbackCommented(platform)
		}
	}
	return res, nil
}

// cleanComment trims a comment and bounds its length.
func cleanComment(s string) string {
	s = strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD"))
	if utf8.RuneCountInString(s) > MaxComment {
		s = string([]rune(s)[:MaxComment-1]) + "…"
	}
	return s
}

// Retract removes a person's rating of an answer when it is rating (a
// removed 👍 reaction takes back a 👍, not a later 👎) and reports whether
// one was removed.
func (b *Book) Retract(ctx context.Context, ref string, platform bot.Platform, user string, rating Rating) (bool, error) {
	res, err := b.db.ExecContext(ctx, `DELETE FROM liaison_feedback WHERE ref = ? AND user_hash = ? AND rating = ?`,
		ref, b.UserHash(platform, user), string(rating))
	if err != nil {
		return false, fmt.Errorf("feedback: retract: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// RetractSource removes the rating given by the platform event source (a
// redacted Matrix reaction), if it is still that person's rating, and
// reports whether one was removed.
func (b *Book) RetractSource(ctx context.Context, platform bot.Platform, source string) (bool, error) {
	if source == "" {
		return false, nil
	}
	res, err := b.db.ExecContext(ctx, `DELETE FROM liaison_feedback WHERE platform = ? AND source = ?`, string(platform), source)
	if err != nil {
		return false, fmt.Errorf("feedback: retract: %w", err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// Prune forgets answers remembered before now-KeepAnswers and all but the
// newest MaxAnswers, with the messages that carried them, and returns how
// many it forgot. Votes are kept.
func (b *Book) Prune(ctx context.Context, now time.Time) (int64, error) {
	res, err := b.db.ExecContext(ctx, `
DELETE FROM liaison_answers WHERE at < ?
	OR ref IN (SELECT ref FROM liaison_answers ORDER BY at DESC LIMIT -1 OFFSET ?)`,
		now.Add(-b.opts.KeepAnswers).UnixMilli(), b.opts.MaxAnswers)
	if err != nil {
		return 0, fmt.Errorf("feedback: forget old answers: %w", err)
	}
	return res.RowsAffected()
}

// Filter selects the entries List returns.
type Filter struct {
	// Since keeps entries rated at or after it; zero keeps all.
	Since time.Time
	// Rating keeps only this rating; "" keeps both.
	Rating Rating
	// Limit keeps the newest Limit entries; 0 keeps all.
	Limit int
}

// List returns the stored ratings, newest first.
func (b *Book) List(ctx context.Context, f Filter) ([]Entry, error) {
	q := `SELECT id, at, platform, room, rating, comment, via, user_hash, question, answer, found, intent, sources, answered_at
FROM liaison_feedback WHERE at >= ?`
	args := []any{int64(0)}
	if !f.Since.IsZero() {
		args[0] = f.Since.UnixMilli()
	}
	if f.Rating != "" {
		q += ` AND rating = ?`
		args = append(args, string(f.Rating))
	}
	q += ` ORDER BY at DESC, id DESC`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	rows, err := b.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("feedback: list: %w", err)
	}
	defer rows.Close()
	var out []Entry
	for rows.Next() {
		var (
			e                        Entry
			at, answeredAt           int64
			platform, rating, intent string
			src                      string
		)
		if err := rows.Scan(&e.ID, &at, &platform, &e.Room, &rating, &e.Comment, &e.Via, &e.User, &e.Question, &e.Answer,
			&e.Found, &intent, &src, &answeredAt); err != nil {
			return nil, fmt.Errorf("feedback: list: %w", err)
		}
		e.At, e.AnsweredAt = time.UnixMilli(at).UTC(), time.UnixMilli(answeredAt).UTC()
		e.Platform, e.Rating, e.Intent = bot.Platform(platform), Rating(rating), bot.Intent(intent)
		if err := json.Unmarshal([]byte(src), &e.Sources); err != nil {
			return nil, fmt.Errorf("feedback: list: sources of %d: %w", e.ID, err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("feedback: list: %w", err)
	}
	return out, nil
}
