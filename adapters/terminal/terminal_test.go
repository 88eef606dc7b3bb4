package terminal

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"liaison/bot"
)

type core struct{ got []bot.Message }

func (c *core) Answer(_ context.Context, m bot.Message) (bot.Reply, error) {
	c.got = append(c.got, m)
	if m.Text == "fail" {
		return bot.Reply{}, errors.New("boom: internal detail")
	}
	return bot.Reply{Found: true, Summary: "answer to " + m.Text,
		Sources:     []bot.Source{{Doc: "a.txt", Title: "A release", Date: "2017-10-25", Quote: "A sentence."}},
		Suggestions: []bot.Suggestion{{Label: "X", Query: "/who-met X"}}}, nil
}

func TestRunAnswersEachLineUntilQuit(t *testing.T) {
	c := &core{}
	var out bytes.Buffer
	in := strings.NewReader("who met X\n\n   \nfail\nquit\nnever asked\n")
	if err := New(in, &out, "> ").Run(context.Background(), c); err != nil {
		t.Fatal(err)
	}
	if len(c.got) != 2 || c.got[0].Text != "who met X" || c.got[0].Platform != bot.PlatformTerminal || !c.got[0].Direct {
		t.Fatalf("core got %+v", c.got)
	}
	s := out.String()
	for _, want := range []string{"> ", "answer to who met X", "[1] A release (25 October 2017, a.txt): “A sentence.”", "Try: /who-met X", "Sorry, something went wrong"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "internal detail") {
		t.Error("the error chain reached the user")
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r, w := ioPipe()
	defer w.Close()
	if err := New(r, &bytes.Buffer{}, "").Run(ctx, &core{}); err != nil {
		t.Fatal(err)
	}
}

func ioPipe() (*blockingReader, *blockingReader) {
	b := &blockingReader{ch: make(chan struct{})}
	return b, b
}

// blockingReader never yields data until closed.
type blockingReader struct{ ch chan struct{} }

func (b *blockingReader) Read([]byte) (int, error) { <-b.ch; return 0, errors.New("closed") }
func (b *blockingReader) Close() error             { close(b.ch); return nil }
