package matrix

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/bot"
)

var _ bot.Poster = (*Adapter)(nil)

// Post posts a notice in a room the bot is in (bot.Poster): an m.notice
// rendered as answers are, pinging nobody, encrypted in encrypted rooms.
// Its transaction ID is derived from the notice's key, so that posting
// it again after a crash (the same device) gives the homeserver's first
// event back instead of a second one. It returns an error wrapping
// bot.ErrNotConnected until Run has logged in and set up encryption, and
// bot.ErrCannotPost when the bot may not post in the room.
func (a *Adapter) Post(ctx context.Context, n bot.Notice) error {
	r := a.live.Load()
	if r == nil || !r.begin() {
		return fmt.Errorf("matrix: %w", bot.ErrNotConnected)
	}
	defer r.wg.Done()
	c := &event.MessageEventContent{
		MsgType:       event.MsgNotice,
		Body:          renderPlain(n.Reply),
		Format:        event.FormatHTML,
		FormattedBody: renderHTML(n.Reply),
		Mentions:      &event.Mentions{},
	}
	_, err := r.send(ctx, id.RoomID(n.Room), c, noticeTxnID(n.Key))
	switch {
	case err == nil:
		return nil
	case errors.Is(err, mautrix.MForbidden) || errors.Is(err, mautrix.MNotFound):
		return fmt.Errorf("%w: %w", bot.ErrCannotPost, err)
	}
	return err
}

// noticeTxnID is the transaction ID of the notice with key.
func noticeTxnID(key string) string {
	h := sha256.Sum256([]byte(key))
	return "liaison-notice-" + hex.EncodeToString(h[:12])
}
