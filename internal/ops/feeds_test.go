package ops

import (
	"context"
	"strings"
	"testing"
)

// TestFeedMetricsAndDetails: feed polls and alerts show in /metrics only
// once there are some; /readyz lists the detail lines and stays ready.
func TestFeedMetricsAndDetails(t *testing.T) {
	m := NewMetrics()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addrc := make(chan string, 1)
	go m.Serve(ctx, "127.0.0.1:0", addrc, nil)
	base := "http://" + <-addrc
	m.Reloaded(true, 5)
	if _, body := get(t, base+"/metrics"); strings.Contains(body, "liaison_feed_") {
		t.Error("feed metrics before any feed")
	}
	m.FeedPolled("ministry", true, 2, 1, 1)
	m.FeedPolled("broken", false, 0, 0, 0)
	m.AlertPosted("slack", true)
	m.AlertPosted("matrix", false)
	m.AddDetail(func() []string { return []string{"feed broken: failing (1 poll in a row): not RSS"} })
	code, body := get(t, base+"/readyz")
	if code != 200 || body != "ok\nfeed broken: failing (1 poll in a row): not RSS\n" {
		t.Errorf("/readyz = %d %q", code, body)
	}
	_, body = get(t, base+"/metrics")
	for _, want := range []string{
		`liaison_feed_polls_total{feed="ministry",result="ok"} 1`,
		`liaison_feed_polls_total{feed="broken",result="failed"} 1`,
		`liaison_feed_items_total{feed="ministry",result="new"} 2`,
		`liaison_feed_items_total{feed="ministry",result="updated"} 1`,
		`liaison_feed_items_total{feed="ministry",result="skipped"} 1`,
		`liaison_feed_up{feed="ministry"} 1`,
		`liaison_feed_up{feed="broken"} 0`,
		`liaison_feed_last_success_timestamp_seconds{feed="ministry"}`,
		`liaison_alerts_total{platform="slack",result="posted"} 1`,
		`liaison_alerts_total{platform="matrix",result="dropped"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
