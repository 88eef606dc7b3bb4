package matrix

import (
	"fmt"
	"testing"
	"time"

	"maunium.net/go/mautrix/id"

	"liaison/internal/dendritetest"
)

// TestBacklogBeyondSyncLimit: while the bot is down, 70 questions arrive
// in one room, more than one sync returns for a room (50). After the
// restart every one of them is answered, once and in order.
func TestBacklogBeyondSyncLimit(t *testing.T) {
	t.Parallel()
	srv := dendritetest.Start(t, dendritetest.Options{})
	b := newBot(t, srv, nil)
	b.start()
	ann := newPerson(t, srv, "ann", false, nil)
	dm := ann.room(b.user.UserID, false, true)
	ann.next() // greeting
	if err := b.stop(); err != nil {
		t.Fatal(err)
	}
	const n = 70
	var qs []id.EventID
	for i := range n {
		qs = append(qs, ann.say(dm, fmt.Sprintf("backlog %02d", i)))
	}
	b.start()
	for i := range n {
		if m := b.ans.next(t); m.Text != fmt.Sprintf("backlog %02d", i) {
			t.Fatalf("question %d: the core got %q", i, m.Text)
		}
	}
	for i := range n {
		checkAnswer(t, ann.next(), qs[i], fmt.Sprintf("backlog %02d", i))
	}
	ann.quiet(500 * time.Millisecond)
}
