package slack

import (
	"strings"
	"testing"
	"time"

	"liaison/internal/slackfake"
)

// fileShare is a message.im event of a DM that shares a file, as Slack
// sends it (subtype file_share, the text the person wrote with it, files).
func fileShare(channelType, channel, ts, text, user string) map[string]any {
	return map[string]any{"type": "message", "subtype": "file_share", "channel_type": channelType, "user": user,
		"text": text, "ts": ts, "channel": channel, "event_ts": ts, "upload": false,
		"files": []any{map[string]any{"id": "F0REPORT", "name": "report.pdf", "mimetype": "application/pdf", "filetype": "pdf"}}}
}

// TestSocketDirectMessageWithFile: a DM with a file attached (subtype
// file_share) is answered from its text; one with only a file gets a line
// saying that files are not read; a file shared in a channel without a
// mention, or by the bot itself, is still not a question.
func TestSocketDirectMessageWithFile(t *testing.T) {
	h := startSocket(t, nil, "")
	h.send("events_api", slackfake.EventPayload("EvFile0", fileShare("channel", "C0GENERAL", "1700000900.000050", "who met Kolokoltsev?", "U0ALICE")), 0)
	h.send("events_api", slackfake.EventPayload("EvFile1", fileShare("im", "D0BOT", "1700000900.000060", "my own file", slackfake.BotUserID)), 0)
	h.send("events_api", slackfake.EventPayload("EvFile2", fileShare("im", "D0ALICE", "1700000900.000100", "who met Smith? see the attached report", "U0ALICE")), 0)
	h.send("events_api", slackfake.EventPayload("EvFile3", fileShare("im", "D0ALICE", "1700000901.000100", "", "U0ALICE")), 0)
	posts := h.waitPosts(2)
	time.Sleep(50 * time.Millisecond)
	if n := len(h.fake.Posts()); n != 2 {
		t.Fatalf("%d posts, want 2 (one per DM with a file): %+v", n, h.fake.Posts())
	}
	if got := h.core.messages(); len(got) != 1 || got[0].Text != "who met Smith? see the attached report" || got[0].Room != "D0ALICE" || !got[0].Direct {
		t.Fatalf("core got %+v, want only the text of the DM with a file", got)
	}
	if p := posts[0]; p.Channel != "D0ALICE" || firstSectionText(t, p.Blocks) != "Answer: who met Smith? see the attached report" {
		t.Errorf("answer to the DM with a file: %s in %s", p.Blocks, p.Channel)
	}
	if p := posts[1]; p.Channel != "D0ALICE" || !strings.Contains(p.Text, "not attached files") {
		t.Errorf("answer to a file without text = %q in %s", p.Text, p.Channel)
	}
}
