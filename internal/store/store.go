// Package store is Liaison's persistent state: a SQLite database (pure Go,
// modernc.org/sqlite) that records which platform events were already
// answered, so that retries, double deliveries and restarts never produce a
// second answer, and small key/value state such as a sync token. One Store is
// shared by every adapter of a process.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ErrNotFound is returned by Get when the key has no value.
var ErrNotFound = errors.New("store: not found")

// Store is an open state database. Its methods are safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
}

// URI returns the database/sql data source name used for a SQLite file at
// path: WAL journal, foreign keys on, immediate write transactions and a
// busy timeout, so that several connection pools (the store's, mautrix's
// crypto store) can share the file.
func URI(path string) string {
	q := url.Values{}
	q.Add("_txlock", "immediate")
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(5000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database file at path and its tables.
// It fails with a clear error when the folder is not writable or the file is
// not a database.
func Open(ctx context.Context, path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("store: create data folder: %w", err)
	}
	db, err := sql.Open("sqlite", URI(path))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, err)
	}
	s := &Store{db: db, path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: open %s (the data folder must be writable, with free space, and the file a Liaison state database): %w", path, err)
	}
	// A state that cannot be written would answer nothing reliably (every
	// claim fails): find out now, not at the first question.
	if err := s.Put(ctx, "store:opened", time.Now().UTC().Format(time.RFC3339)); err != nil {
		db.Close()
		return nil, fmt.Errorf("store: %s is not writable (read-only or full disk?): %w", path, err)
	}
	return s, nil
}

func (s *Store) migrate(ctx context.Context) error {
	const schema = `
CREATE TABLE IF NOT EXISTS liaison_seen (
	key  TEXT PRIMARY KEY,
	at   INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS liaison_seen_at ON liaison_seen(at);
CREATE TABLE IF NOT EXISTS liaison_kv (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);`
	if _, err := s.db.ExecContext(ctx, schema); err != nil {
		return fmt.Errorf("create tables: %w", err)
	}
	return nil
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

// DB is the underlying connection pool, for packages that keep tables of
// their own in the same file. Callers must not close it.
func (s *Store) DB() *sql.DB { return s.db }

// Claim records key as handled and reports whether this call was the first
// to do so. Adapters claim an event before answering it; a false result
// means it was already answered (a retry, a double delivery, a replay after
// restart) and must be skipped.
func (s *Store) Claim(ctx context.Context, key string) (bool, error) {
	res, err := s.db.ExecContext(ctx,
		`INSERT INTO liaison_seen(key, at) VALUES(?, ?) ON CONFLICT(key) DO NOTHING`,
		key, time.Now().Unix())
	if err != nil {
		return false, fmt.Errorf("store: claim %q: %w", key, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("store: claim %q: %w", key, err)
	}
	return n == 1, nil
}

// ClaimWith claims every key and stores value under kvKey in one
// transaction: either all keys were unclaimed and everything is recorded
// (true), or one was already claimed and nothing changes (false). Adapters
// use it to claim an event and journal its pending answer atomically, so
// that a crash can never leave a claimed event that no one will answer.
func (s *Store) ClaimWith(ctx context.Context, keys []string, kvKey, value string) (bool, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return false, fmt.Errorf("store: claim: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	now := time.Now().Unix()
	for _, key := range keys {
		res, err := tx.ExecContext(ctx,
			`INSERT INTO liaison_seen(key, at) VALUES(?, ?) ON CONFLICT(key) DO NOTHING`, key, now)
		if err != nil {
			return false, fmt.Errorf("store: claim %q: %w", key, err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return false, fmt.Errorf("store: claim %q: %w", key, err)
		} else if n != 1 {
			return false, nil
		}
	}
	if kvKey != "" {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO liaison_kv(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
			kvKey, value); err != nil {
			return false, fmt.Errorf("store: put %q: %w", kvKey, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return false, fmt.Errorf("store: claim: %w", err)
	}
	return true, nil
}

// Release forgets a claim, so that an event whose answer could not be
// delivered can be claimed and answered again.
func (s *Store) Release(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM liaison_seen WHERE key = ?`, key); err != nil {
		return fmt.Errorf("store: release %q: %w", key, err)
	}
	return nil
}

// Prune forgets claims older than maxAge and returns how many it removed.
func (s *Store) Prune(ctx context.Context, maxAge time.Duration) (int64, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM liaison_seen WHERE at < ?`,
		time.Now().Add(-maxAge).Unix())
	if err != nil {
		return 0, fmt.Errorf("store: prune: %w", err)
	}
	return res.RowsAffected()
}

// Get returns the value stored under key, or ErrNotFound.
func (s *Store) Get(ctx context.Context, key string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM liaison_kv WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	if err != nil {
		return "", fmt.Errorf("store: get %q: %w", key, err)
	}
	return v, nil
}

// Put stores value under key, replacing any earlier value.
func (s *Store) Put(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx,
		`INSERT INTO liaison_kv(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
		key, value)
	if err != nil {
		return fmt.Errorf("store: put %q: %w", key, err)
	}
	return nil
}

// Delete removes key and its value; deleting a missing key is not an error.
func (s *Store) Delete(ctx context.Context, key string) error {
	if _, err := s.db.ExecContext(ctx, `DELETE FROM liaison_kv WHERE key = ?`, key); err != nil {
		return fmt.Errorf("store: delete %q: %w", key, err)
	}
	return nil
}

// Scan returns every key/value pair whose key starts with prefix, in key
// order.
func (s *Store) Scan(ctx context.Context, prefix string) ([][2]string, error) {
	rows, err := s.db.QueryContext(ctx,
		`SELECT key, value FROM liaison_kv WHERE substr(key, 1, ?) = ? ORDER BY key`, len(prefix), prefix)
	if err != nil {
		return nil, fmt.Errorf("store: scan %q: %w", prefix, err)
	}
	defer rows.Close()
	var out [][2]string
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return nil, fmt.Errorf("store: scan %q: %w", prefix, err)
		}
		out = append(out, [2]string{k, v})
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: scan %q: %w", prefix, err)
	}
	return out, nil
}

// Close closes the database. Adapters using the store must have stopped.
func (s *Store) Close() error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("store: close: %w", err)
	}
	return nil
}
