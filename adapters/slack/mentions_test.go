package slack

import (
	"strings"
	"testing"

	"liaison/internal/slackfake"
)

// TestSocketMentionsBecomeNames: "who met <@U0OTHER>?" reaches the core
// with the person's name (display name, else full name, from users.info,
// asked once per user), and the name stays unpingable in the answer even
// when it holds Slack markup. A user Slack does not know keeps the ID and
// is not asked for again.
func TestSocketMentionsBecomeNames(t *testing.T) {
	h := startSocket(t, nil, "")
	h.fake.AddUser(slackfake.User{ID: "U0OTHER", Name: "vpetrov", RealName: "Vladimir Petrov"})
	h.fake.AddUser(slackfake.User{ID: "U0EVE", Name: "eve", RealName: "Eve Example", DisplayName: "Eve <!channel> @here"})

	h.send("events_api", slackfake.EventPayload("EvName1", mention("C0GENERAL", "1700003000.000100", "",
		"<@"+slackfake.BotUserID+"> who met <@U0OTHER>?")), 0)
	h.send("events_api", slackfake.EventPayload("EvName2", dm("D0ALICE", "1700003001.000100",
		"echo <@U0EVE|eve> and <@U0OTHER> met <@U0GHOST>")), 0)
	h.send("events_api", slackfake.EventPayload("EvName3", dm("D0ALICE", "1700003002.000100",
		"who met <@U0GHOST>?")), 0)
	posts := h.waitPosts(3)

	got := h.core.messages()
	want := []string{"who met Vladimir Petrov?", "echo Eve <!channel> @here and Vladimir Petrov met @U0GHOST", "who met @U0GHOST?"}
	if len(got) != len(want) {
		t.Fatalf("core got %d messages, want %d", len(got), len(want))
	}
	asked := map[string]bool{}
	for _, m := range got {
		asked[m.Text] = true
	}
	for _, w := range want {
		if !asked[w] {
			t.Errorf("core did not get %q; got %+v", w, got)
		}
	}
	var echo slackfake.Post
	for _, p := range posts {
		if p.Channel == "D0ALICE" && strings.Contains(p.Text, "Eve") {
			echo = p
		}
	}
	for _, raw := range []string{echo.Text, unJSON(echo.Blocks)} {
		if strings.Contains(raw, "<!channel>") || strings.Contains(raw, "<@") || strings.Contains(raw, "@here") {
			t.Errorf("answer can ping: %q", raw)
		}
	}
	if s := firstSectionText(t, echo.Blocks); !strings.Contains(s, "Eve &lt;!channel&gt; @\u200bhere and Vladimir Petrov") {
		t.Errorf("answer = %q, want the names, escaped", s)
	}
	if n := h.fake.Calls("users.info"); n != 3 {
		t.Errorf("users.info asked %d times, want 3 (once per user, also for the unknown one)", n)
	}
}
