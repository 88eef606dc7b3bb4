package dendritetest

import (
	"context"
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
}
