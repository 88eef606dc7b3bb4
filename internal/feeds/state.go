package feeds

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// StateFile is the name of the file, in the release folder, where the
// fetcher keeps what it knows of each feed between rounds and restarts:
// validators for conditional requests, when each feed was polled and
// how it went, and a fingerprint of each item. Hidden (a dot file), so
// the loader never reads it as a release.
const StateFile = ".feeds-state.json"

// state is the StateFile's content.
type state struct {
	Feeds map[string]*feedState `json:"feeds"` // by feed URL
}

// feedState is what is known of one feed.
type feedState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Polled       time.Time `json:"polled,omitzero"`    // last attempt
	Succeeded    time.Time `json:"succeeded,omitzero"` // last success
	Failures     int       `json:"failures,omitempty"` // in a row
	LastError    string    `json:"last_error,omitempty"`
	Next         time.Time `json:"next,omitzero"` // not polled before (interval, backoff, Retry-After)
	TTL          int       `json:"ttl,omitempty"` // minutes, from the feed
	// Items are the feed's items by key (GUID or link).
	Items map[string]*itemState `json:"items,omitempty"`
}

// itemState is what is known of one item.
type itemState struct {
	File        string    `json:"file"`        // release file, relative to the folder
	Fingerprint string    `json:"fingerprint"` // of the item's entry in the feed
	Seen        time.Time `json:"seen"`        // last time the feed listed it
}

// loadState reads the state file at path; a missing file is an empty
// state, a damaged one is reported and replaced.
func loadState(path string) (*state, error) {
	s := &state{Feeds: map[string]*feedState{}}
	raw, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("feeds: read state: %w", err)
	}
	if err := json.Unmarshal(raw, s); err != nil {
		return &state{Feeds: map[string]*feedState{}}, fmt.Errorf("feeds: state file %s is damaged; starting afresh: %w", path, err)
	}
	if s.Feeds == nil {
		s.Feeds = map[string]*feedState{}
	}
	return s, nil
}
