package slack

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"liaison/bot"
)

// alertMetadataType is the metadata event type of notices the bot posts
// on its own (alerts about new releases).
const alertMetadataType = "liaison_alert"

var _ bot.Poster = (*Adapter)(nil)

// Post posts a notice in a channel or DM the bot is in (bot.Poster), at
// the channel's pace, each part tagged with message metadata naming the
// notice. With n.Retry it first reads the channel and posts nothing when
// the notice is there already (a crash after Slack took it).
// A channel the bot cannot post in gives an error wrapping
// bot.ErrCannotPost.
func (a *Adapter) Post(ctx context.Context, n bot.Notice) error {
	if n.Retry {
		posted, err := a.noticePosted(ctx, n)
		switch {
		case err != nil:
			a.log.Warn("slack: cannot tell whether an interrupted notice was posted; posting it", "channel", n.Room, "err", err)
		case posted:
			a.log.Info("slack: the notice was posted before the restart; not posting it twice", "channel", n.Room)
			return nil
		}
	}
	for i, m := range render(n.Reply, renderOpts{}) {
		meta := slack.MsgOptionMetadata(slack.SlackMetadata{EventType: alertMetadataType,
			EventPayload: map[string]any{"notice": n.Key, "part": i}})
		if _, err := a.postMessage(ctx, n.Room, "", m, meta); err != nil {
			if permanentPostError(err) {
				return fmt.Errorf("%w: %w", bot.ErrCannotPost, err)
			}
			return err
		}
	}
	return nil
}

// noticePosted reads the channel's latest 200 messages for one tagged
// with n's key (a retry follows the crash within minutes, so the notice,
// if it went out, is among them).
func (a *Adapter) noticePosted(ctx context.Context, n bot.Notice) (bool, error) {
	var msgs []slack.Message
	err := a.withRetry(ctx, "conversations.history", func(ctx context.Context) error {
		resp, err := a.api.GetConversationHistoryContext(ctx, &slack.GetConversationHistoryParameters{
			ChannelID: n.Room, Limit: 200, IncludeAllMetadata: true})
		if err != nil {
			return fmt.Errorf("slack: read channel %s: %w", n.Room, err)
		}
		msgs = resp.Messages
		return nil
	})
	if err != nil {
		return false, err
	}
	for _, m := range msgs {
		if m.Metadata.EventType == alertMetadataType && m.Metadata.EventPayload["notice"] == n.Key {
			return true, nil
		}
	}
	return false, nil
}
