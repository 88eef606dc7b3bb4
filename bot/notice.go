package bot

import (
	"context"
	"errors"
	"time"
)

// Notice is a message the service posts on its own, not as an answer:
// an alert that a new release names what a room watches.
type Notice struct {
	// Room is the channel, room or DM to post in (a Message.Room).
	Room string
	// Key identifies the notice. A notice is posted once per key: an
	// adapter marks the post with it (message metadata, a transaction ID)
	// so that a retry can tell whether an earlier attempt got through.
	Key string
	// Reply is what to post, rendered as answers are.
	Reply Reply
	// Retry is set when an earlier attempt to post this notice may have
	// reached the room (the process stopped before it could record the
	// outcome): the adapter looks for the notice in the room first and
	// posts only when it is not there.
	Retry bool
	// Since is when the first attempt was made; an earlier post cannot be
	// the notice.
	Since time.Time
}

// Poster posts notices. Adapters that can post to a room without being
// asked implement it, next to Adapter. Post is safe for concurrent use
// and may be called before the adapter's Run has connected.
type Poster interface {
	// Name is the adapter's name, as Adapter.Name.
	Name() string
	// Post posts n in n.Room. It returns an error wrapping
	// ErrNotConnected when the adapter cannot post yet (try later), and
	// ErrCannotPost when posting in that room can never work (the bot was
	// removed, the channel archived).
	Post(ctx context.Context, n Notice) error
}

// Sentinel errors of Poster.Post.
var (
	// ErrNotConnected means the adapter is not connected to its platform.
	ErrNotConnected = errors.New("bot: the adapter is not connected")
	// ErrCannotPost means the bot cannot post in the room.
	ErrCannotPost = errors.New("bot: the bot cannot post in that room")
)
