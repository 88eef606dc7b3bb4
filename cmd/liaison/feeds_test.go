package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"maunium.net/go/mautrix"
	"maunium.net/go/mautrix/event"
	"maunium.net/go/mautrix/id"

	"liaison/internal/dendritetest"
	"liaison/internal/feedtest"
	"liaison/internal/slackfake"
)

// noticeCollector is a person in a Matrix room who records every m.notice
// of the bot.
type noticeCollector struct {
	cli *mautrix.Client
	mu  sync.Mutex
	got []*event.Event
}

func newNoticeCollector(t *testing.T, hs *dendritetest.Server, localpart string, bot id.UserID) *noticeCollector {
	t.Helper()
	nc := &noticeCollector{}
	c := hs.NewClient(t, localpart, dendritetest.ClientOptions{Retries: 5, FromOthers: func(evt *event.Event) {
		if evt.Sender != bot || evt.Content.AsMessage().MsgType != event.MsgNotice {
			return
		}
		nc.mu.Lock()
		defer nc.mu.Unlock()
		for _, seen := range nc.got {
			if seen.ID == evt.ID {
				return
			}
		}
		nc.got = append(nc.got, evt)
	}})
	nc.cli = c.Cli
	return nc
}

// with returns the bodies of the bot's notices that contain s.
func (nc *noticeCollector) with(s string) []string {
	nc.mu.Lock()
	defer nc.mu.Unlock()
	var out []string
	for _, e := range nc.got {
		if b := e.Content.AsMessage().Body; strings.Contains(b, s) {
			out = append(out, b)
		}
	}
	return out
}

// slackAlerts returns the alerts posted in channel, by the text of their
// blocks.
func slackAlerts(t *testing.T, fake *slackfake.Server, channel string) []string {
	t.Helper()
	var out []string
	for _, p := range fake.Posts() {
		var meta struct {
			EventType string `json:"event_type"`
		}
		if p.Channel != channel || p.Metadata == nil || json.Unmarshal(p.Metadata, &meta) != nil || meta.EventType != "liaison_alert" {
			continue
		}
		out = append(out, strings.NewReplacer(`\u003c`, "<", `\u003e`, ">", `\u0026`, "&").Replace(string(p.Blocks)))
	}
	return out
}

// TestServeFeedsAndAlerts runs `liaison serve` with a feed on the
// loopback feed server, the loopback Slack server and a real Dendrite. A
// Slack channel and a Matrix room /watch a person and a country. A new
// item in the feed is answered from, with its link, within a poll or so,
// and each room gets its alert once. Then, with Slack's Web API slowed
// down and the homeserver stopped, another item comes and the bot is
// killed (SIGKILL) while the Slack alert is on its way and the Matrix one
// cannot go out; after a restart the Slack alert is not posted again and
// the Matrix one arrives once. Subscriptions survive the restart.
func TestServeFeedsAndAlerts(t *testing.T) {
	r := newRig(t, dendritetest.Options{})
	srv, err := feedtest.Start("")
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	day := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	backfill := srv.ReleaseItems("/p/", day, "018_finland-sweden-police-agreement-tornio-2021", "101_hybrid-coe-established-helsinki-2017")
	srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Ministry of the Interior", Items: backfill})
	const poll = time.Second
	cfg, _ := os.ReadFile(r.cfgPath)
	cfg = append(cfg, fmt.Sprintf(`
feeds:
  - url: %s/rss
    name: Ministry of the Interior
feed_reader: {interval: %s, min_interval: %s, timeout: 5s}
`, srv.URL, poll, poll)...)
	os.WriteFile(r.cfgPath, cfg, 0o600)
	feedDir := filepath.Join(r.corpusDir, "feeds", "ministry-of-the-interior")
	releasesIn := func() int { n, _ := filepath.Glob(filepath.Join(feedDir, "*.txt")); return len(n) }

	p := r.start()
	t.Cleanup(func() {
		if t.Failed() {
			for i, l := range r.logs {
				t.Logf("serve run %d:\n%s", i+1, l)
			}
		}
	})
	eventually(t, "the feed's first poll", 30*time.Second, func() bool { return releasesIn() == 2 })

	// Slack: a channel watches Kolokoltsev and Russia (slash commands);
	// Matrix: a room watches Russia.
	slash := func(text string) string {
		t.Helper()
		env, err := r.fake.Send("slash_commands", slackfake.SlashPayload("/watch", text, "C0NEWS", "U0ALICE", r.fake.ResponseURL(), "trig-"+text), 0)
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		ack, err := r.fake.WaitAck(ctx, env)
		if err != nil {
			t.Fatal(err)
		}
		return strings.NewReplacer(`\u2019`, "’").Replace(string(ack.Payload))
	}
	if ack := slash("Kolokoltsov"); !strings.Contains(ack, "Watching Vladimir Kolokoltsev") {
		t.Fatalf("/watch Kolokoltsov: %s", ack)
	}
	if ack := slash("Russia"); !strings.Contains(ack, "Watching Russia") {
		t.Fatalf("/watch Russia: %s", ack)
	}
	nc := newNoticeCollector(t, r.hs, "analyst", r.bot.UserID)
	ctx := context.Background()
	resp, err := nc.cli.CreateRoom(ctx, &mautrix.ReqCreateRoom{Preset: "private_chat", Invite: []id.UserID{r.bot.UserID}})
	if err != nil {
		t.Fatal(err)
	}
	room := resp.RoomID
	(&matrixClient{cli: nc.cli}).waitJoined(t, r.bot.UserID, []id.RoomID{room}, time.Minute)
	if _, err := nc.cli.SendText(ctx, room, "!watch Russia"); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the Matrix /watch answer", 60*time.Second, func() bool { return len(nc.with("Watching Russia")) == 1 })

	// A new item: answered from with its link, and alerts.
	item := srv.ReleaseItems("/p/", day, "001_orpo-kolokoltsev-vantaa")[0]
	srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Ministry of the Interior", Items: append([]feedtest.Item{item}, backfill...)})
	added := time.Now()
	eventually(t, "the Slack alert", 30*time.Second, func() bool { return len(slackAlerts(t, r.fake, "C0NEWS")) == 1 })
	alertAfter := time.Since(added)
	ts := "1650000000.000100"
	ev := map[string]any{"type": "app_mention", "user": "U0ALICE", "text": "<@" + slackfake.BotUserID + "> where did Orpo and Kolokoltsev meet?",
		"ts": ts, "channel": "C0NEWS", "event_ts": ts}
	before := len(r.fake.Posts())
	if _, err := r.fake.Send("events_api", slackfake.EventPayload("EvFeedQ", ev), 0); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	posts, err := r.fake.WaitPosts(wctx, before+1)
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	answer := strings.NewReplacer(`\u003c`, "<", `\u003e`, ">").Replace(string(posts[before].Blocks))
	if !strings.Contains(answer, "Vantaa") || !strings.Contains(answer, "<"+item.Link+"|127.0.0.1>") {
		t.Errorf("the answer does not cite the new release's link:\n%s", answer)
	}
	t.Logf("new item to Slack alert: %s; answered from it %s after it appeared in the feed (poll interval %s)",
		alertAfter.Round(time.Millisecond), time.Since(added).Round(time.Millisecond), poll)
	if alertAfter > poll+10*time.Second {
		t.Errorf("the new release took %s to be announced with a %s poll interval", alertAfter, poll)
	}
	alert := slackAlerts(t, r.fake, "C0NEWS")[0]
	for _, want := range []string{"New release naming Vladimir Kolokoltsev, about Russia", item.Title, "Kolokoltsev", "<" + item.Link + "|127.0.0.1>"} {
		if !strings.Contains(alert, want) {
			t.Errorf("Slack alert lacks %q:\n%s", want, alert)
		}
	}
	eventually(t, "the Matrix alert", 30*time.Second, func() bool { return len(nc.with("New release about Russia")) == 1 })
	if m := nc.with("New release about Russia")[0]; !strings.Contains(m, item.Title) || !strings.Contains(m, item.Link) {
		t.Errorf("Matrix alert: %s", m)
	}

	// kill -9 between fetching and announcing: Slack's Web API answers
	// after 4 s, the homeserver is down.
	r.fake.SetDelay(4 * time.Second)
	r.hs.Stop()
	second := srv.ReleaseItems("/p/", day, "012_russia-finland-customs-working-group-stpetersburg")[0]
	srv.SetFeed("/rss", feedtest.Feed{Format: feedtest.RSS, Title: "Ministry of the Interior", Items: append([]feedtest.Item{second, item}, backfill...)})
	eventually(t, "the second item's release file", 30*time.Second, func() bool { return releasesIn() == 4 })
	time.Sleep(1500 * time.Millisecond) // loaded, and the Slack alert on its way
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-p.done
	if n := len(slackAlerts(t, r.fake, "C0NEWS")); n != 1 {
		t.Fatalf("%d Slack alerts at the kill, want the first only", n)
	}
	eventually(t, "the Slack alert in flight to arrive", 10*time.Second, func() bool { return len(slackAlerts(t, r.fake, "C0NEWS")) == 2 })
	r.fake.SetDelay(0)
	r.hs.Start()
	r.start()
	eventually(t, "the Matrix alert after the restart", 60*time.Second, func() bool {
		return len(nc.with("New release about Russia")) == 2
	})
	time.Sleep(3 * time.Second) // a duplicate would show itself now
	if n := len(slackAlerts(t, r.fake, "C0NEWS")); n != 2 {
		t.Errorf("%d Slack alerts, want 2 (the second once, though it was in flight at the kill)", n)
	}
	if got := nc.with("New release about Russia"); len(got) != 2 || !strings.Contains(got[1], second.Title) {
		t.Errorf("Matrix alerts: %q", got)
	}
	if ack := slash(""); !strings.Contains(ack, "This channel watches 2") || !strings.Contains(ack, "Vladimir Kolokoltsev (person)") {
		t.Errorf("subscriptions after the restart: %s", ack)
	}
	logs := r.logs[len(r.logs)-1].String()
	if !strings.Contains(logs, "not posting it twice") {
		t.Errorf("the restart did not find the Slack alert already posted:\n%s", logs)
	}
	_, readyz := httpGet("http://" + r.opsAddr + "/readyz")
	if !strings.Contains(readyz, "feeds: 1 followed, 0 failing") {
		t.Errorf("/readyz: %q", readyz)
	}
	if m := r.metrics(); !strings.Contains(m, `liaison_feed_up{feed="Ministry of the Interior"} 1`) || !strings.Contains(m, `liaison_alerts_total{platform="matrix",result="posted"}`) {
		t.Errorf("/metrics lacks the feed and alert metrics")
	}
	r.checkNoSecrets(r.metrics())
}
