package config

import (
	"fmt"
	"time"
)

// Feedback configures people's ratings of answers (👍/👎 buttons and
// reactions, "what was wrong?").
type Feedback struct {
	// Enabled puts rating buttons under answers and stores ratings in the
	// state database (default true).
	Enabled bool `yaml:"enabled"`
	// RememberAnswers is how long an answer can still be rated; older
	// answers are forgotten (ratings are kept).
	RememberAnswers Duration `yaml:"remember_answers"`
}

// DefaultRememberAnswers is how long answers can be rated by default.
const DefaultRememberAnswers = 30 * 24 * time.Hour

// defaultFeedback is the feedback section of Default.
func defaultFeedback() Feedback {
	return Feedback{Enabled: true, RememberAnswers: Duration(DefaultRememberAnswers)}
}

// validate returns the problems of the feedback section.
func (f Feedback) validate() []error {
	if f.Enabled && time.Duration(f.RememberAnswers) < time.Hour {
		return []error{fmt.Errorf("feedback.remember_answers: %s is too short (at least 1h, so that people can rate an answer they just read)", time.Duration(f.RememberAnswers))}
	}
	return nil
}
