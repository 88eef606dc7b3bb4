package matrix

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"time"

	"go.mau.fi/util/dbutil"
	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/crypto"
	"maunium.net/go/mautrix/crypto/cryptohelper"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"
)

// noCryptoNotice is what the bot says, once per room, when it gets
// encrypted messages while its encryption is turned off.
const noCryptoNotice = "I cannot read encrypted messages: encryption is turned off in my configuration. Please ask in an unencrypted room."

// utdNotice is what the bot says, once per sender and session, about a
// message it cannot decrypt.
const utdNotice = "I could not decrypt your message: its keys did not reach my device. Please verify my device (or allow sending keys to unverified devices) and send it again."

// setupCrypto starts the crypto machine on db (the store's SQLite file)
// and bootstraps cross-signing once. workCtx is the context decryption
// failure notices are sent with.
func (a *Adapter) setupCrypto(ctx, workCtx context.Context, r *runner, db *dbutil.Database, log *slog.Logger) (*cryptohelper.CryptoHelper, error) {
	helper, err := cryptohelper.NewCryptoHelper(r.cli, []byte(a.cfg.PickleKey), db)
	if err != nil {
		return nil, fmt.Errorf("matrix: crypto: %w", err)
	}
	// One crypto account per device: a new device (new token, or a login
	// after the old device was logged out) starts with fresh keys instead
	// of failing on the old device's account.
	helper.DBAccountID = r.cli.UserID.String() + "|" + r.cli.DeviceID.String()
	helper.DecryptErrorCallback = func(evt *event.Event, err error) { r.onDecryptError(workCtx, evt, err) }
	if err := helper.Init(ctx); err != nil {
		if strings.Contains(err.Error(), "pickle") {
			return nil, fmt.Errorf("%w (use the key they were saved with): %w", ErrPickleKey, err)
		}
		return nil, fmt.Errorf("matrix: crypto: %w", err)
	}
	r.cli.Crypto = helper
	if err := a.bootstrapCrossSigning(ctx, r.cli, helper.Machine(), log); err != nil {
		// Not fatal: the bot still talks to clients that send keys to
		// unverified devices.
		log.Warn("matrix: cross-signing not set up; clients that only share keys with verified devices will not reach the bot", "err", err)
	}
	return helper, nil
}

// bootstrapCrossSigning makes the bot's device cross-signed, once per
// device. When the account has no cross-signing identity yet it creates
// one and writes the recovery key to DataDir/RecoveryKeyFile. When an
// identity exists (a new device of a known bot) it signs the device with
// the recovery key from that file; it never replaces an identity.
func (a *Adapter) bootstrapCrossSigning(ctx context.Context, cli *mautrix.Client, mach *crypto.OlmMachine, log *slog.Logger) error {
	doneKey := keyXSign + cli.DeviceID.String()
	if v, err := a.st.Get(ctx, doneKey); err == nil && v == "done" {
		return nil
	}
	keys, err := cli.QueryKeys(ctx, &mautrix.ReqQueryKeys{
		DeviceKeys: map[id.UserID]mautrix.DeviceIDList{cli.UserID: {}},
	})
	if err != nil {
		return fmt.Errorf("query own keys: %w", err)
	}
	path := filepath.Join(a.cfg.DataDir, RecoveryKeyFile)
	if mk, ok := keys.MasterKeys[cli.UserID]; ok && len(mk.Keys) > 0 {
		data, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("the account already has a cross-signing identity but its recovery key is not readable at %s: %w", path, err)
		}
		if err := mach.VerifyWithRecoveryKey(ctx, strings.TrimSpace(string(data))); err != nil {
			return fmt.Errorf("sign this device with the recovery key in %s: %w", path, err)
		}
		log.Info("matrix: device cross-signed with the existing identity", "recovery_key_file", path)
	} else {
		var recoveryKey string
		if a.cfg.Password != "" {
			recoveryKey, _, err = mach.GenerateAndUploadCrossSigningKeysWithPassword(ctx, a.cfg.Password, "")
		} else {
			// Without a password the server may refuse (it asks for
			// interactive auth); then the error explains it.
			recoveryKey, _, err = mach.GenerateAndUploadCrossSigningKeys(ctx, nil, "")
		}
		if recoveryKey != "" {
			if werr := writeSecret(path, recoveryKey+"\n"); werr != nil {
				return errors.Join(fmt.Errorf("write recovery key: %w", werr), err)
			}
			log.Info("matrix: cross-signing recovery key written; keep this file safe", "recovery_key_file", path)
		}
		if err != nil {
			return fmt.Errorf("create cross-signing keys: %w", err)
		}
		if err := mach.SignOwnDevice(ctx, mach.OwnIdentity()); err != nil {
			return fmt.Errorf("sign own device: %w", err)
		}
		if err := mach.SignOwnMasterKey(ctx); err != nil {
			return fmt.Errorf("sign own master key: %w", err)
		}
		log.Info("matrix: cross-signing set up")
	}
	return a.st.Put(ctx, doneKey, "done")
}

// writeSecret writes data to path with mode 0600, creating the folder.
func writeSecret(path, data string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return err
	}
	if _, err := f.WriteString(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// onDecryptError logs a message the bot cannot decrypt and, once per
// sender and session, tells the sender how to fix it.
func (r *runner) onDecryptError(ctx context.Context, evt *event.Event, derr error) {
	content := evt.Content.AsEncrypted()
	log := r.a.log.With("event_id", evt.ID.String(), "room_id", evt.RoomID.String(),
		"sender", evt.Sender.String(), "session_id", content.SessionID.String())
	log.Warn("matrix: cannot decrypt message", "err", derr)
	if evt.Sender == r.cli.UserID {
		return
	}
	if age := r.a.eventAge(evt); age > r.a.cfg.CatchUpWindow {
		return // old backlog: the sender has moved on
	}
	if !r.begin() {
		return
	}
	defer r.wg.Done()
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	first, err := r.a.st.Claim(ctx, keyUTD+evt.Sender.String()+"|"+content.SessionID.String())
	if err != nil {
		log.Error("matrix: claim decryption notice", "err", err)
		return
	}
	if !first {
		return
	}
	thread := content.RelatesTo.GetThreadParent()
	if _, err := r.send(ctx, evt.RoomID, noticeContent(utdNotice, evt.ID, thread), "liaison-utd-"+evt.ID.String()); err != nil {
		log.Error("matrix: send decryption notice", "err", err)
		return
	}
	log.Info("matrix: asked the sender to verify or re-send")
}

// onEncryptedWithoutCrypto handles an encrypted message when encryption is
// off: it is logged, and the room is told once.
func (r *runner) onEncryptedWithoutCrypto(ctx context.Context, evt *event.Event) {
	if evt.Sender == r.cli.UserID || evt.Mautrix.EventSource&event.SourceTimeline == 0 {
		return
	}
	log := r.a.log.With("event_id", evt.ID.String(), "room_id", evt.RoomID.String(), "sender", evt.Sender.String())
	log.Warn("matrix: encrypted message ignored: encryption is turned off")
	if r.a.eventAge(evt) > r.a.cfg.CatchUpWindow || !r.begin() {
		return
	}
	defer r.wg.Done()
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	first, err := r.a.st.Claim(ctx, keyNoCrypto+evt.RoomID.String())
	if err != nil || !first {
		return
	}
	thread := evt.Content.AsEncrypted().RelatesTo.GetThreadParent()
	if _, err := r.send(ctx, evt.RoomID, noticeContent(noCryptoNotice, evt.ID, thread), "liaison-nocrypto-"+evt.ID.String()); err != nil {
		log.Error("matrix: send notice about encryption being off", "err", err)
	}
}
