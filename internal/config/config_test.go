package config

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// TestExampleParses keeps config.example.yaml in step with the structs.
func TestExampleParses(t *testing.T) {
	raw, err := os.ReadFile("../../config.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	env := envOf(map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_SIGNING_SECRET": "s",
		"MATRIX_ACCESS_TOKEN": "syt_x", "MATRIX_PICKLE_KEY": "pk"})
	cfg, err := Parse(raw, env)
	if err != nil {
		t.Fatalf("config.example.yaml: %v", err)
	}
	if cfg.Slack.BotToken.Value() != "xoxb-1" || cfg.Matrix.CatchUp != Duration(5*time.Minute) || cfg.HTTP.Listen == "" ||
		cfg.Limits.MemoryMiB != DefaultMemoryMiB || cfg.Limits.GCPercent != DefaultGCPercent {
		t.Errorf("parsed %+v", cfg)
	}
	// enabling both adapters with the example's values is valid too
	cfg.Slack.Enabled, cfg.Matrix.Enabled = true, true
	if p := cfg.Validate(); len(p) > 0 {
		t.Errorf("example with both adapters enabled: %v", p)
	}
}

func TestEveryProblemAtOnce(t *testing.T) {
	raw := []byte(`
corpus: x
colour: blue
log: {level: loud, format: xml}
slack:
  enabled: true
  bot_token: xapp-oops
  app_token: xoxb-oops
  api_url: "not a url"
matrix:
  enabled: true
  homeserver: ftp://x
  user_id: bot
  pickle_key: ""
  access_token: ${MISSING_VAR}
reload: {interval: soon}
limits: {memory_mib: -1, gc_percent: -1}
`)
	_, err := Parse(raw, envOf(nil))
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"field colour not found", "log.level", "log.format",
		"slack.bot_token: looks like an app-level token (xapp-)", "slack.app_token: looks like a bot token (xoxb-)",
		"slack.api_url", "matrix.homeserver", "matrix.user_id", "matrix.pickle_key", "MISSING_VAR", "not a duration", "limits: values cannot be negative",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	for _, secret := range []string{"xapp-oops", "xoxb-oops"} {
		if strings.Contains(msg, secret) {
			t.Errorf("error reveals the token %q", secret)
		}
	}
}

func TestEnvOverrides(t *testing.T) {
	cfg, err := Parse([]byte("log: {level: info}\n"), envOf(map[string]string{
		"LIAISON_LOG_LEVEL": "debug", "LIAISON_SLACK_ENABLED": "true", "LIAISON_SLACK_BOT_TOKEN": "xoxb-2",
		"LIAISON_SLACK_APP_TOKEN": "xapp-2", "LIAISON_ACCESS_ADMINS": "slack:U1, matrix:@a:b",
		"LIAISON_MATRIX_CATCH_UP_WINDOW": "90s", "LIAISON_LIMITS_BURST": "9",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Log.Level != "debug" || !cfg.Slack.Enabled || cfg.Slack.BotToken.Value() != "xoxb-2" ||
		len(cfg.Access.Admins) != 2 || cfg.Matrix.CatchUp != Duration(90*time.Second) || cfg.Limits.Burst != 9 {
		t.Errorf("overrides not applied: %+v", cfg)
	}
	if _, err := Parse(nil, envOf(map[string]string{"LIAISON_LIMITS_BURST": "many"})); err == nil {
		t.Error("a bad override was accepted")
	}
}

func TestSecretsAreRedacted(t *testing.T) {
	s := Secret("xoxb-very-secret")
	for _, out := range []string{fmt.Sprint(s), fmt.Sprintf("%v %s", s, s), s.LogValue().String()} {
		if strings.Contains(out, "very-secret") {
			t.Errorf("secret printed: %q", out)
		}
	}
	cfg := Default()
	cfg.Slack.BotToken = s
	if strings.Contains(fmt.Sprintf("%+v", cfg), "very-secret") {
		t.Error("secret printed with the config")
	}
}

func TestDefaultIsValid(t *testing.T) {
	if p := Default().Validate(); len(p) > 0 {
		t.Fatal(p)
	}
}

// TestNegativeLimits checks that each limit is refused when negative.
func TestNegativeLimits(t *testing.T) {
	for _, field := range []string{"questions_per_minute", "burst", "memory_mib", "gc_percent"} {
		_, err := Parse([]byte("limits: {"+field+": -1}\n"), envOf(nil))
		if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "limits: values cannot be negative") {
			t.Errorf("%s: -1: err = %v", field, err)
		}
	}
}
