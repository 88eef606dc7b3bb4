package ops

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"liaison/bot"
)

type fixed struct{ found bool }

func (f fixed) Answer(context.Context, bot.Message) (bot.Reply, error) {
	return bot.Reply{Found: f.found, Intent: bot.IntentWhoMet, Summary: "x"}, nil
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestEndpointsAndMetrics(t *testing.T) {
	m := NewMetrics()
	m.Expect("slack")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1)
	go m.Serve(ctx, "127.0.0.1:0", addrc, nil)
	base := "http://" + <-addrc
	if code, _ := get(t, base+"/healthz"); code != 200 {
		t.Errorf("/healthz = %d", code)
	}
	if code, body := get(t, base+"/readyz"); code != 503 || !strings.Contains(body, "not loaded") {
		t.Errorf("/readyz before load = %d %q", code, body)
	}
	m.Reloaded(true, 5)
	if code, body := get(t, base+"/readyz"); code != 503 || !strings.Contains(body, "slack") {
		t.Errorf("/readyz with slack down = %d %q", code, body)
	}
	m.Connected("slack", true)
	m.Connected("slack", false)
	m.Connected("slack", true)
	m.RateLimited("slack", 1500*time.Millisecond)
	if code, _ := get(t, base+"/readyz"); code != 200 {
		t.Errorf("/readyz ready = %d", code)
	}
	ans := m.Instrument(fixed{found: false}, nil)
	ans.Answer(ctx, bot.Message{Platform: bot.PlatformMatrix})
	_, body := get(t, base+"/metrics")
	for _, want := range []string{
		`liaison_questions_total{intent="who_met",platform="matrix"} 1`,
		`liaison_unanswered_questions_total{intent="who_met",platform="matrix"} 1`,
		`liaison_answer_seconds_count{platform="matrix"} 1`,
		`liaison_reloads_total{result="ok"} 1`,
		`liaison_adapter_reconnects_total{adapter="slack"} 1`,
		`liaison_platform_rate_limit_waits_total{adapter="slack"} 1`,
		`liaison_platform_rate_limit_wait_seconds_total{adapter="slack"} 1.5`,
		`liaison_adapter_connected{adapter="slack"} 1`,
		`liaison_releases 5`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
