package slack

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"liaison/bot"
)

// TestPostNotice: a notice is posted in its channel with metadata naming
// it; retried after a crash it is found there and not posted again; a
// channel that cannot be posted in gives bot.ErrCannotPost.
func TestPostNotice(t *testing.T) {
	fake := startFake(t)
	a := newAdapter(t, Config{BotToken: testBotToken, AppToken: testAppToken, APIURL: fake.APIURL()}, openStore(t, ""), &syncBuffer{})
	ctx := context.Background()
	n := bot.Notice{Room: "C0NEWS", Key: "k1", Since: time.Now().Add(-time.Minute), Reply: bot.Reply{Found: true, Intent: bot.IntentWatch,
		Summary: "New release naming Vladimir Kolokoltsev",
		Sources: []bot.Source{{Doc: "feeds/a.txt", Title: "Ministers met", Date: "2024-06-01", Quote: "Kolokoltsev met Orpo.", URL: "https://intermin.example/a"}}}}
	if err := a.Post(ctx, n); err != nil {
		t.Fatal(err)
	}
	posts := fake.Posts()
	if len(posts) != 1 || posts[0].Channel != "C0NEWS" || posts[0].ThreadTS != "" {
		t.Fatalf("posts %+v", posts)
	}
	var meta struct {
		EventType    string         `json:"event_type"`
		EventPayload map[string]any `json:"event_payload"`
	}
	if err := json.Unmarshal(posts[0].Metadata, &meta); err != nil || meta.EventType != alertMetadataType || meta.EventPayload["notice"] != "k1" {
		t.Errorf("metadata %s (%v)", posts[0].Metadata, err)
	}
	blocks := unJSON(posts[0].Blocks)
	for _, want := range []string{"New release naming Vladimir Kolokoltsev", "Ministers met (1 June 2024)", "Kolokoltsev met Orpo.", "<https://intermin.example/a|intermin.example>"} {
		if !strings.Contains(blocks, want) {
			t.Errorf("blocks lack %q: %s", want, blocks)
		}
	}
	// after a crash: found in the channel, not posted twice
	n.Retry = true
	if err := a.Post(ctx, n); err != nil {
		t.Fatal(err)
	}
	// another notice retried: not there yet, so posted
	n2 := n
	n2.Key = "k2"
	if err := a.Post(ctx, n2); err != nil {
		t.Fatal(err)
	}
	if posts := fake.Posts(); len(posts) != 2 {
		t.Errorf("%d posts, want 2", len(posts))
	}
	if err := a.Post(ctx, bot.Notice{Room: "", Key: "k3", Reply: n.Reply}); !errors.Is(err, bot.ErrCannotPost) {
		t.Errorf("channel_not_found: %v", err)
	}
}
