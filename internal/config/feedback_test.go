package config

import (
	"strings"
	"testing"
	"time"
)

// TestFeedbackSection: feedback is on by default with answers rateable for
// 30 days; the file and LIAISON_FEEDBACK_* change it; too short a window
// is a problem.
func TestFeedbackSection(t *testing.T) {
	env := func(m map[string]string) func(string) (string, bool) {
		return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
	}
	tests := []struct {
		name, file string
		env        map[string]string
		want       Feedback
		problem    string
	}{
		{name: "default", want: Feedback{Enabled: true, RememberAnswers: Duration(30 * 24 * time.Hour)}},
		{name: "file", file: "feedback: {enabled: true, remember_answers: 168h}\n",
			want: Feedback{Enabled: true, RememberAnswers: Duration(168 * time.Hour)}},
		{name: "environment", env: map[string]string{"LIAISON_FEEDBACK_ENABLED": "false"},
			want: Feedback{Enabled: false, RememberAnswers: Duration(30 * 24 * time.Hour)}},
		{name: "too short", file: "feedback: {remember_answers: 10m}\n", problem: "feedback.remember_answers"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse([]byte(tt.file), env(tt.env))
			if tt.problem != "" {
				if err == nil || !strings.Contains(err.Error(), tt.problem) {
					t.Fatalf("Parse = %v, want a problem with %s", err, tt.problem)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Feedback != tt.want {
				t.Errorf("feedback = %+v, want %+v", cfg.Feedback, tt.want)
			}
		})
	}
}
