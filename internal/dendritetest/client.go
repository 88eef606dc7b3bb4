package dendritetest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/rs/zerolog"
	"go.mau.fi/util/dbutil"
	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/event"

	"liaison/internal/store"
)

// Client is a person's Matrix client on the test homeserver, as a test
// plays one: registered, syncing in the background until Stop or the end
// of the test.
type Client struct {
	// Cli is the mautrix client; Crypto its crypto helper, nil without
	// encryption.
	Cli    *mautrix.Client
	Crypto *cryptohelper.CryptoHelper
	User   User
	cancel context.CancelFunc
	done   chan struct{}
}

// ClientOptions say how a Client is made.
type ClientOptions struct {
	// Crypto gives the client its own device keys (like Element), in an
	// SQLite store in a temporary folder.
	Crypto bool
	// Tweak, when set, adjusts the crypto helper after it is set up.
	Tweak func(*cryptohelper.CryptoHelper)
	// Log is the client's log; nil logs nothing.
	Log *zerolog.Logger
	// Retries is how often a failed request is retried (200 ms apart).
	Retries int
	// FromOthers is told of every m.room.message sent by someone else. It
	// runs on the sync goroutine.
	FromOthers func(*event.Event)
}

// NewClient registers localpart and starts syncing. A failed sync is
// retried after 200 ms, so the client rides out homeserver restarts.
func (s *Server) NewClient(t testing.TB, localpart string, o ClientOptions) *Client {
	t.Helper()
	u := s.Register(t, localpart)
	cli, err := mautrix.NewClient(s.URL, u.UserID, u.AccessToken)
	if err != nil {
		t.Fatal(err)
	}
	cli.DeviceID = u.DeviceID
	cli.Log = zerolog.Nop()
	if o.Log != nil {
		cli.Log = *o.Log
	}
	cli.DefaultHTTPRetries = o.Retries
	cli.DefaultHTTPBackoff = 200 * time.Millisecond
	sy := &retryingSyncer{DefaultSyncer: mautrix.NewDefaultSyncer()}
	cli.Syncer = sy
	c := &Client{Cli: cli, User: u, done: make(chan struct{})}
	ctx := context.Background()
	if o.Crypto {
		db, err := dbutil.NewWithDialect(store.URI(filepath.Join(t.TempDir(), localpart+".db")), "sqlite")
		if err != nil {
			t.Fatal(err)
		}
		h, err := cryptohelper.NewCryptoHelper(cli, []byte("person-pickle"), db)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.Init(ctx); err != nil {
			t.Fatal(err)
		}
		if o.Tweak != nil {
			o.Tweak(h)
		}
		cli.Crypto = h
		c.Crypto = h
	} else {
		cli.StateStore = mautrix.NewMemoryStateStore()
		sy.OnEvent(cli.StateStoreSyncHandler)
	}
	if o.FromOthers != nil {
		sy.OnEventType(event.EventMessage, func(_ context.Context, evt *event.Event) {
			if evt.Sender != u.UserID {
				o.FromOthers(evt)
			}
		})
	}
	sctx, cancel := context.WithCancel(ctx)
	c.cancel = cancel
	go func() {
		defer close(c.done)
		for sctx.Err() == nil {
			if err := cli.SyncWithContext(sctx); err != nil && sctx.Err() == nil {
				time.Sleep(200 * time.Millisecond)
			}
		}
	}()
	t.Cleanup(c.Stop)
	return c
}

// retryingSyncer retries failed syncs quickly (the homeserver restarts in
// tests).
type retryingSyncer struct{ *mautrix.DefaultSyncer }

// OnFailedSync waits 200 ms before the next sync.
func (s *retryingSyncer) OnFailedSync(*mautrix.RespSync, error) (time.Duration, error) {
	return 200 * time.Millisecond, nil
}

// Stop stops syncing and closes the crypto store. It may be called more
// than once.
func (c *Client) Stop() {
	if c.cancel == nil {
		return
	}
	c.Cli.StopSync()
	c.cancel()
	c.cancel = nil
	<-c.done
	if c.Crypto != nil {
		c.Crypto.Close()
	}
}
