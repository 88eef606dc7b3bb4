// Package terminal is Liaison's local adapter: it reads questions from a
// terminal (or any reader), one per line, and writes the core's answers as
// plain text.
package terminal

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"liaison/bot"
)

// Adapter talks to one person over a reader and a writer.
type Adapter struct {
	in     io.Reader
	out    io.Writer
	prompt string
	user   string
}

var _ bot.Adapter = (*Adapter)(nil)

// New returns an adapter reading questions from in and writing answers to
// out. When prompt is not empty it is printed before each question.
func New(in io.Reader, out io.Writer, prompt string) *Adapter {
	return &Adapter{in: in, out: out, prompt: prompt, user: "local"}
}

// Name is "terminal".
func (a *Adapter) Name() string { return "terminal" }

// Run answers each line until the input ends, the person types quit or
// exit, or ctx is cancelled. It returns nil at the end of input and the
// write error if the output fails.
func (a *Adapter) Run(ctx context.Context, ans bot.Answerer) error {
	lines := make(chan string)
	errs := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(a.in)
		sc.Buffer(make([]byte, 64*1024), 4<<20)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		errs <- sc.Err()
		close(lines)
	}()
	n := 0
	for {
		if a.prompt != "" {
			if _, err := io.WriteString(a.out, a.prompt); err != nil {
				return fmt.Errorf("terminal: write: %w", err)
			}
		}
		var line string
		var ok bool
		select {
		case <-ctx.Done():
			return nil
		case line, ok = <-lines:
		}
		if !ok {
			if err := <-errs; err != nil {
				return fmt.Errorf("terminal: read: %w", err)
			}
			return nil
		}
		t := strings.TrimSpace(line)
		if t == "quit" || t == "exit" || t == "/quit" {
			return nil
		}
		if t == "" {
			continue
		}
		n++
		r, err := ans.Answer(ctx, bot.Message{Platform: bot.PlatformTerminal, ID: fmt.Sprint(n), Text: t,
			Sender: a.user, Room: "terminal", Direct: true, Time: time.Now()})
		if err != nil {
			r = bot.ErrorReply(err)
		}
		if _, err := fmt.Fprintf(a.out, "%s\n\n", Render(r)); err != nil {
			return fmt.Errorf("terminal: write: %w", err)
		}
	}
}

// Render formats a reply for a terminal: the plain text with suggestions
// shown as commands to type.
func Render(r bot.Reply) string {
	s := bot.PlainText(r)
	if len(r.Suggestions) > 0 {
		var qs []string
		for _, sg := range r.Suggestions {
			qs = append(qs, sg.Query)
		}
		s += "\nTry: " + strings.Join(qs, " | ")
	}
	return s
}
