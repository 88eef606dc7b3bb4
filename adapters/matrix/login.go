package matrix

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/id"

	"liaison/internal/store"
)

// session is what a password login leaves in the store.
type session struct {
	Homeserver  string      `json:"homeserver"`
	UserID      id.UserID   `json:"user_id"`
	DeviceID    id.DeviceID `json:"device_id"`
	AccessToken string      `json:"access_token"`
}

// login authenticates cli: with the configured access token, or with the
// session a previous password login stored, or by logging in with the
// password (once; the device and token are then stored, and a new login
// happens only when that device was logged out).
func (a *Adapter) login(ctx context.Context, cli *mautrix.Client) error {
	if a.cfg.AccessToken != "" {
		cli.AccessToken = a.cfg.AccessToken
		return a.whoami(ctx, cli)
	}

	raw, err := a.st.Get(ctx, keySession)
	switch {
	case err == nil:
		var s session
		if err := json.Unmarshal([]byte(raw), &s); err != nil {
			return fmt.Errorf("matrix: stored session: %w", err)
		}
		if s.UserID == id.UserID(a.cfg.UserID) && s.Homeserver == a.cfg.Homeserver {
			cli.AccessToken = s.AccessToken
			err := a.whoami(ctx, cli)
			if err == nil {
				if cli.DeviceID == "" {
					cli.DeviceID = s.DeviceID
				}
				return nil
			}
			if !errors.Is(err, ErrUnknownToken) {
				return err
			}
			// A logged-out device is gone with its keys: log in as a new
			// device (it gets its own crypto account and is cross-signed
			// with the recovery key).
			a.log.Warn("matrix: the stored session's device was logged out; logging in again with the password as a new device", "old_device_id", s.DeviceID.String())
			cli.AccessToken = ""
		}
	case !errors.Is(err, store.ErrNotFound):
		return fmt.Errorf("matrix: load session: %w", err)
	}

	resp, err := cli.Login(ctx, &mautrix.ReqLogin{
		Type:                     mautrix.AuthTypePassword,
		Identifier:               mautrix.UserIdentifier{Type: mautrix.IdentifierTypeUser, User: a.cfg.UserID},
		Password:                 a.cfg.Password,
		InitialDeviceDisplayName: a.cfg.DeviceName,
		StoreCredentials:         true,
	})
	if err != nil {
		if errors.Is(err, mautrix.MForbidden) {
			return fmt.Errorf("matrix: password login as %s refused (wrong user or password): %w", a.cfg.UserID, err)
		}
		return fmt.Errorf("matrix: password login as %s: %w", a.cfg.UserID, err)
	}
	s, err := json.Marshal(session{
		Homeserver:  a.cfg.Homeserver,
		UserID:      resp.UserID,
		DeviceID:    resp.DeviceID,
		AccessToken: resp.AccessToken,
	})
	if err != nil {
		return fmt.Errorf("matrix: encode session: %w", err)
	}
	if err := a.st.Put(ctx, keySession, string(s)); err != nil {
		return fmt.Errorf("matrix: save session: %w", err)
	}
	a.log.Info("matrix: logged in with password; device and token stored", "user_id", resp.UserID.String(), "device_id", resp.DeviceID.String())
	return nil
}

// whoami checks cli's token and fills in the user and device it belongs
// to.
func (a *Adapter) whoami(ctx context.Context, cli *mautrix.Client) error {
	who, err := cli.Whoami(ctx)
	if errors.Is(err, mautrix.MUnknownToken) {
		return fmt.Errorf("%w: %w", ErrUnknownToken, err)
	}
	if err != nil {
		return fmt.Errorf("matrix: check access token: %w", err)
	}
	if a.cfg.UserID != "" && who.UserID != id.UserID(a.cfg.UserID) {
		return fmt.Errorf("%w: the access token belongs to %s, not %s", ErrConfig, who.UserID, a.cfg.UserID)
	}
	if who.DeviceID == "" && a.cfg.Encryption {
		return fmt.Errorf("%w: the homeserver did not name the access token's device, which encryption needs", ErrConfig)
	}
	cli.UserID, cli.DeviceID = who.UserID, who.DeviceID
	return nil
}
