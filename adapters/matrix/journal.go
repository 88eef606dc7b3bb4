package matrix

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"sync"

	"liaison/internal/store"
)

// keyInflight holds the IDs of the events being answered right now.
const keyInflight = "matrix:inflight"

// journal records in the store which claimed events are still being
// answered. If the process dies before their answers are sent, the sync
// token of their batch was not saved either, so the next start sees them
// again: recoverInflight releases their claims so that they are answered
// then. (The answer's transaction ID is derived from the event ID, so an
// answer that did go out just before the crash is not posted twice.)
type journal struct {
	st *store.Store

	mu  sync.Mutex
	ids map[string]bool
}

func newJournal(st *store.Store) *journal { return &journal{st: st, ids: map[string]bool{}} }

// add records id as being answered.
func (j *journal) add(ctx context.Context, id string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	j.ids[id] = true
	return j.save(ctx)
}

// done records that id's answer was sent (or given up on).
func (j *journal) done(ctx context.Context, id string) error {
	j.mu.Lock()
	defer j.mu.Unlock()
	delete(j.ids, id)
	return j.save(ctx)
}

func (j *journal) save(ctx context.Context) error {
	ids := make([]string, 0, len(j.ids))
	for id := range j.ids {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	data, err := json.Marshal(ids)
	if err != nil {
		return fmt.Errorf("matrix: encode in-flight events: %w", err)
	}
	return j.st.Put(ctx, keyInflight, string(data))
}

// recoverInflight releases the claims of events a previous run was still
// answering when it stopped without finishing, and returns their IDs.
func recoverInflight(ctx context.Context, st *store.Store) ([]string, error) {
	raw, err := st.Get(ctx, keyInflight)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("matrix: load in-flight events: %w", err)
	}
	var ids []string
	if err := json.Unmarshal([]byte(raw), &ids); err != nil {
		return nil, fmt.Errorf("matrix: in-flight events: %w", err)
	}
	for _, id := range ids {
		if err := st.Release(ctx, keyClaim+id); err != nil {
			return nil, err
		}
	}
	if err := st.Put(ctx, keyInflight, "[]"); err != nil {
		return nil, err
	}
	return ids, nil
}
