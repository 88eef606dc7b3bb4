package dendritetest

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"maunium.net/go/mautrix"
)

// TestStartRegisterRestart starts a real Dendrite, registers a user, checks
// the token works, restarts the server on the same data and checks the
// token still works.
func TestStartRegisterRestart(t *testing.T) {
	s := Start(t, Options{})
	u := s.Register(t, "alice")
	if u.UserID != "@alice:localhost" || u.AccessToken == "" || u.DeviceID == "" {
		t.Fatalf("register: got %+v", u)
	}
	cli, err := mautrix.NewClient(s.URL, u.UserID, u.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	who, err := cli.Whoami(ctx)
	if err != nil || who.UserID != u.UserID || who.DeviceID != u.DeviceID {
		t.Fatalf("whoami: %+v, %v", who, err)
	}
	s.Restart()
	if who, err = cli.Whoami(ctx); err != nil || who.UserID != u.UserID {
		t.Fatalf("whoami after restart: %+v, %v", who, err)
	}
	// Every database Dendrite uses is in WAL mode, also after the restart.
	dbs, err := filepath.Glob(filepath.Join(s.Dir, "*.db"))
	if err != nil || len(dbs) < 6 {
		t.Fatalf("Dendrite's databases: %v, %v", dbs, err)
	}
	for _, db := range dbs {
		if mode, err := journalMode(db); err != nil || mode != "wal" {
			t.Errorf("%s: journal mode %q, %v; want wal", filepath.Base(db), mode, err)
		}
	}
}

// journalMode returns the journal mode stored in the SQLite database at
// path ("wal", "delete", ...). It opens the file read-only, so it may be
// called while Dendrite runs.
func journalMode(path string) (string, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		return "", fmt.Errorf("dendritetest: open %s: %w", path, err)
	}
	defer db.Close()
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil {
		return "", fmt.Errorf("dendritetest: journal mode of %s: %w", path, err)
	}
	return mode, nil
}
