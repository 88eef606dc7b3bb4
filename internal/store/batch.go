package store

import (
	"context"
	"fmt"
	"sort"
)

// Apply stores every value of puts (replacing earlier values) and removes
// every key of deletes, in one transaction: after a crash either all of
// it happened or none. Callers use it to move a piece of work from one
// state to the next, such as a queued release into the alerts it owes.
func (s *Store) Apply(ctx context.Context, puts map[string]string, deletes []string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store: apply: %w", err)
	}
	defer tx.Rollback() //nolint:errcheck // after Commit it is a no-op
	keys := make([]string, 0, len(puts))
	for k := range puts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx,
			`INSERT INTO liaison_kv(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
			k, puts[k]); err != nil {
			return fmt.Errorf("store: put %q: %w", k, err)
		}
	}
	for _, k := range deletes {
		if _, err := tx.ExecContext(ctx, `DELETE FROM liaison_kv WHERE key = ?`, k); err != nil {
			return fmt.Errorf("store: delete %q: %w", k, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: apply: %w", err)
	}
	return nil
}
