// Package slackfake is a small Slack server for tests, served over real
// loopback HTTP and websocket connections: the Web API methods a bot uses
// (auth.test, apps.connections.open, chat.postMessage, chat.postEphemeral,
// conversations.history and conversations.replies over the bot's own posts,
// users.info over the users a test adds, views.open),
// Socket Mode (hello, envelopes, acknowledgements, pings, disconnect) and
// response_url endpoints. It records everything the client sends and can
// inject rate limits (429 with Retry-After) and connection drops.
package slackfake

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gorilla/websocket"
)

// Identity of the fake workspace and its bot.
const (
	// TeamID is the workspace's ID.
	TeamID = "T0FAKE"
	// AppID is the app's ID.
	AppID = "A0FAKE"
	// BotUserID is the bot's user ID, as auth.test reports it.
	BotUserID = "U0BOT"
	// BotID is the bot's bot ID, as auth.test reports it.
	BotID = "B0BOT"
)

// Methods recorded in Post.Method.
const (
	// MethodPostMessage is a chat.postMessage call.
	MethodPostMessage = "chat.postMessage"
	// MethodPostEphemeral is a chat.postEphemeral call.
	MethodPostEphemeral = "chat.postEphemeral"
	// MethodResponseURL is a post to a response_url.
	MethodResponseURL = "response_url"
)

// ErrNotConnected is returned by Send when no Socket Mode client is connected.
var ErrNotConnected = errors.New("slackfake: no socket mode connection")

// Options configures a Server.
type Options struct {
	// BotToken and AppToken are the tokens the server accepts; a request
	// with another token gets {"ok":false,"error":"invalid_auth"}.
	BotToken, AppToken string
	// PingInterval is how often the server pings each websocket; default
	// 100ms.
	PingInterval time.Duration
}

// Post is one message the client sent, by any method.
type Post struct {
	Method          string          // MethodPostMessage, MethodPostEphemeral or MethodResponseURL
	Channel         string          // channel (Web API methods)
	User            string          // chat.postEphemeral's user
	ThreadTS        string          // thread_ts, "" for none
	Text            string          // text fallback
	Blocks          json.RawMessage // Block Kit blocks as sent, or nil
	TS              string          // ts the server assigned (chat.postMessage)
	ResponseURL     string          // the response_url posted to
	ResponseType    string          // response_url: "ephemeral" or "in_channel"
	ReplaceOriginal bool            // response_url
	DeleteOriginal  bool            // response_url
	Metadata        json.RawMessage // message metadata as sent, or nil
	At              time.Time       // when the server received it
}

// Ack is one Socket Mode acknowledgement.
type Ack struct {
	EnvelopeID string
	Payload    json.RawMessage
}

type rateLimit struct {
	count      int
	retryAfter int
}

// Server is a running fake. Create it with Start and stop it with Close.
type Server struct {
	// URL is the server's base URL, http://127.0.0.1:PORT.
	URL string

	opts Options
	ln   net.Listener
	srv  *http.Server
	up   websocket.Upgrader

	mu       sync.Mutex
	changed  chan struct{}
	posts    []Post
	acks     []Ack
	conns    map[*conn]bool
	current  *conn
	connects int
	limits   map[string]*rateLimit
	delay    time.Duration // before answering any Web API call
	tickets  map[string]bool
	users    map[string]User
	calls    map[string]int
	views    []View
	seq      int
	ts       int64
	closed   bool
	wg       sync.WaitGroup
}

type conn struct {
	ws     *websocket.Conn
	wmu    sync.Mutex
	done   chan struct{}
	noPing atomic.Bool
}

// Start starts a server on 127.0.0.1 on a free port.
func Start(opts Options) (*Server, error) {
	if opts.PingInterval <= 0 {
		opts.PingInterval = 100 * time.Millisecond
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("slackfake: listen: %w", err)
	}
	s := &Server{
		URL:     "http://" + ln.Addr().String(),
		opts:    opts,
		ln:      ln,
		changed: make(chan struct{}),
		conns:   map[*conn]bool{},
		limits:  map[string]*rateLimit{},
		tickets: map[string]bool{},
		users:   map[string]User{},
		calls:   map[string]int{},
		ts:      1700000000,
	}
	s.up = websocket.Upgrader{CheckOrigin: func(r *http.Request) bool {
		return r.Header.Get("Origin") == "https://api.slack.com"
	}}
	mux := http.NewServeMux()
	mux.HandleFunc("/api/auth.test", s.authTest)
	mux.HandleFunc("/api/apps.connections.open", s.connectionsOpen)
	mux.HandleFunc("/api/chat.postMessage", s.chatPost(MethodPostMessage))
	mux.HandleFunc("/api/chat.postEphemeral", s.chatPost(MethodPostEphemeral))
	mux.HandleFunc("/api/conversations.history", s.history(false))
	mux.HandleFunc("/api/conversations.replies", s.history(true))
	mux.HandleFunc("/api/users.info", s.usersInfo)
	mux.HandleFunc("/api/views.open", s.viewsOpen)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]any{"ok": false, "error": "unknown_method"})
	})
	mux.HandleFunc("/ws", s.websocket)
	mux.HandleFunc("/response/", s.responseURL)
	s.srv = &http.Server{Handler: s.counted(mux), ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// APIURL is the Web API base URL to configure clients with.
func (s *Server) APIURL() string { return s.URL + "/api/" }

// Close stops the server and drops every connection.
func (s *Server) Close() {
	s.mu.Lock()
	s.closed = true
	s.mu.Unlock()
	s.DropConnections()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = s.srv.Shutdown(ctx)
	s.wg.Wait()
}

// notify wakes waiters; s.mu must be held.
func (s *Server) notify() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitFor blocks until cond (called with s.mu held) is true or ctx is done.
func (s *Server) waitFor(ctx context.Context, cond func() bool) error {
	for {
		s.mu.Lock()
		if cond() {
			s.mu.Unlock()
			return nil
		}
		ch := s.changed
		s.mu.Unlock()
		select {
		case <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

func bearer(r *http.Request) string {
	if t, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
		return t
	}
	_ = r.ParseForm()
	return r.Form.Get("token")
}

// limited applies an injected rate limit to method; it reports whether the
// request was answered with 429.
func (s *Server) limited(w http.ResponseWriter, method string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.limits[method]
	if l == nil || l.count == 0 {
		return false
	}
	l.count--
	w.Header().Set("Retry-After", strconv.Itoa(l.retryAfter))
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(`{"ok":false,"error":"ratelimited"}`))
	return true
}

// SetDelay makes every Web API method wait d before it answers, as a slow
// Slack would; 0 turns it off.
func (s *Server) SetDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

// slow waits the configured delay.
func (s *Server) slow() {
	s.mu.Lock()
	d := s.delay
	s.mu.Unlock()
	time.Sleep(d)
}

// RateLimit makes the next count calls of method ("auth.test",
// "chat.postMessage", "chat.postEphemeral", "response_url") fail with 429 and Retry-After: retryAfter seconds.
func (s *Server) RateLimit(method string, count, retryAfter int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits[method] = &rateLimit{count: count, retryAfter: retryAfter}
}

func (s *Server) authTest(w http.ResponseWriter, r *http.Request) {
	s.slow()
	if s.limited(w, "auth.test") {
		return
	}
	if s.opts.BotToken != "" && bearer(r) != s.opts.BotToken {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	writeJSON(w, map[string]any{"ok": true, "url": "https://fake.slack.test/", "team": "Fake",
		"user": "liaison", "team_id": TeamID, "user_id": BotUserID, "bot_id": BotID})
}

func (s *Server) connectionsOpen(w http.ResponseWriter, r *http.Request) {
	tok := bearer(r)
	if !strings.HasPrefix(tok, "xapp-") || (s.opts.AppToken != "" && tok != s.opts.AppToken) {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	s.mu.Lock()
	s.seq++
	ticket := "t" + strconv.Itoa(s.seq)
	s.tickets[ticket] = true
	s.mu.Unlock()
	wsURL := "ws" + strings.TrimPrefix(s.URL, "http") + "/ws?ticket=" + ticket
	writeJSON(w, map[string]any{"ok": true, "url": wsURL})
}

func (s *Server) chatPost(method string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.slow()
		if s.limited(w, method) {
			return
		}
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		if s.opts.BotToken != "" && bearer(r) != s.opts.BotToken {
			writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
			return
		}
		f := r.PostForm
		if f.Get("channel") == "" {
			writeJSON(w, map[string]any{"ok": false, "error": "channel_not_found"})
			return
		}
		p := Post{Method: method, Channel: f.Get("channel"), User: f.Get("user"), ThreadTS: f.Get("thread_ts"),
			Text: f.Get("text"), At: time.Now()}
		if b := f.Get("blocks"); b != "" {
			p.Blocks = json.RawMessage(b)
		}
		if m := f.Get("metadata"); m != "" {
			p.Metadata = json.RawMessage(m)
		}
		s.mu.Lock()
		s.ts++
		p.TS = strconv.FormatInt(s.ts, 10) + ".000100"
		s.posts = append(s.posts, p)
		s.notify()
		s.mu.Unlock()
		if method == MethodPostEphemeral {
			writeJSON(w, map[string]any{"ok": true, "message_ts": p.TS})
			return
		}
		writeJSON(w, map[string]any{"ok": true, "channel": p.Channel, "ts": p.TS,
			"message": map[string]any{"text": p.Text, "ts": p.TS, "thread_ts": p.ThreadTS}})
	}
}

// history serves conversations.history (replies false: top-level messages
// of a channel) and conversations.replies (a thread's messages) from the
// bot's own chat.postMessage posts, newer than "oldest", with metadata
// when include_all_metadata is set.
func (s *Server) history(replies bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, "bad form", http.StatusBadRequest)
			return
		}
		if s.opts.BotToken != "" && bearer(r) != s.opts.BotToken {
			writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
			return
		}
		f := r.Form
		oldest, _ := strconv.ParseFloat(f.Get("oldest"), 64)
		meta := f.Get("include_all_metadata") == "1"
		var msgs []map[string]any
		for _, p := range s.Posts() {
			ts, _ := strconv.ParseFloat(p.TS, 64)
			if p.Method != MethodPostMessage || p.Channel != f.Get("channel") || ts < oldest {
				continue
			}
			if replies && p.ThreadTS != f.Get("ts") || !replies && p.ThreadTS != "" {
				continue
			}
			m := map[string]any{"type": "message", "ts": p.TS, "thread_ts": p.ThreadTS, "text": p.Text, "bot_id": BotID, "user": BotUserID}
			if meta && p.Metadata != nil {
				m["metadata"] = p.Metadata
			}
			msgs = append(msgs, m)
		}
		writeJSON(w, map[string]any{"ok": true, "messages": msgs, "has_more": false})
	}
}

// Acks returns a copy of every Socket Mode acknowledgement so far.
func (s *Server) Acks() []Ack {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Ack(nil), s.acks...)
}

// ResponseURL returns a fresh response_url served by this server, as Slack
// puts in slash-command and interaction payloads. ExpiredResponseURL is one
// that answers 404, as Slack does after 30 minutes.
func (s *Server) ResponseURL() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.seq++
	return s.URL + "/response/" + strconv.Itoa(s.seq)
}

// ExpiredResponseURL returns a response_url that answers 404 expired_url.
func (s *Server) ExpiredResponseURL() string { return s.URL + "/response/expired" }

func (s *Server) responseURL(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if strings.HasSuffix(r.URL.Path, "/expired") {
		http.Error(w, "expired_url", http.StatusNotFound)
		return
	}
	if s.limited(w, MethodResponseURL) {
		return
	}
	var m struct {
		Text            string          `json:"text"`
		Blocks          json.RawMessage `json:"blocks"`
		ResponseType    string          `json:"response_type"`
		ReplaceOriginal bool            `json:"replace_original"`
		DeleteOriginal  bool            `json:"delete_original"`
		ThreadTS        string          `json:"thread_ts"`
	}
	if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
		http.Error(w, "invalid_payload", http.StatusBadRequest)
		return
	}
	p := Post{Method: MethodResponseURL, ResponseURL: s.URL + r.URL.Path, Text: m.Text, Blocks: m.Blocks,
		ResponseType: m.ResponseType, ReplaceOriginal: m.ReplaceOriginal, DeleteOriginal: m.DeleteOriginal,
		ThreadTS: m.ThreadTS, At: time.Now()}
	if string(p.Blocks) == "null" {
		p.Blocks = nil
	}
	s.mu.Lock()
	s.posts = append(s.posts, p)
	s.notify()
	s.mu.Unlock()
	_, _ = w.Write([]byte("ok"))
}

func (s *Server) websocket(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	ticket := r.URL.Query().Get("ticket")
	valid := s.tickets[ticket] && !s.closed
	delete(s.tickets, ticket)
	s.mu.Unlock()
	if !valid {
		http.Error(w, "invalid ticket", http.StatusUnauthorized)
		return
	}
	ws, err := s.up.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	c := &conn{ws: ws, done: make(chan struct{})}
	s.mu.Lock()
	s.conns[c] = true
	s.current = c
	s.connects++
	n := len(s.conns)
	s.mu.Unlock()
	_ = c.write(map[string]any{"type": "hello", "num_connections": n,
		"debug_info":      map[string]any{"host": "slackfake", "approximate_connection_time": 3600},
		"connection_info": map[string]any{"app_id": AppID}})
	s.mu.Lock()
	s.notify()
	s.mu.Unlock()

	s.wg.Add(1)
	go func() { // pings
		defer s.wg.Done()
		t := time.NewTicker(s.opts.PingInterval)
		defer t.Stop()
		for {
			select {
			case <-c.done:
				return
			case <-t.C:
				if c.noPing.Load() {
					continue
				}
				if ws.WriteControl(websocket.PingMessage, []byte("ping"), time.Now().Add(time.Second)) != nil {
					return
				}
			}
		}
	}()
	defer func() {
		close(c.done)
		_ = ws.Close()
		s.mu.Lock()
		delete(s.conns, c)
		if s.current == c {
			s.current = nil
		}
		s.notify()
		s.mu.Unlock()
	}()
	for {
		_, data, err := ws.ReadMessage()
		if err != nil {
			return
		}
		var a struct {
			EnvelopeID string          `json:"envelope_id"`
			Payload    json.RawMessage `json:"payload"`
		}
		if json.Unmarshal(data, &a) != nil || a.EnvelopeID == "" {
			continue
		}
		s.mu.Lock()
		s.acks = append(s.acks, Ack{EnvelopeID: a.EnvelopeID, Payload: a.Payload})
		s.notify()
		s.mu.Unlock()
	}
}

func (c *conn) write(v any) error {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	_ = c.ws.SetWriteDeadline(time.Now().Add(2 * time.Second))
	return c.ws.WriteJSON(v)
}

// WaitConnected waits until the server has seen at least n websocket
// connections in all and one is open.
func (s *Server) WaitConnected(ctx context.Context, n int) error {
	return s.waitFor(ctx, func() bool { return s.connects >= n && s.current != nil })
}

// Connects is how many websocket connections the server has accepted.
func (s *Server) Connects() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connects
}

// Send sends a Socket Mode envelope of type typ ("events_api",
// "slash_commands", "interactive") with payload on the newest connection
// and returns its envelope ID. retryAttempt > 0 marks a redelivery.
func (s *Server) Send(typ string, payload any, retryAttempt int) (string, error) {
	s.mu.Lock()
	c := s.current
	s.seq++
	id := fmt.Sprintf("env-%d", s.seq)
	s.mu.Unlock()
	if c == nil {
		return "", ErrNotConnected
	}
	env := map[string]any{"envelope_id": id, "type": typ, "payload": payload,
		"accepts_response_payload": typ != "events_api", "retry_attempt": retryAttempt}
	if retryAttempt > 0 {
		env["retry_reason"] = "timeout"
	}
	if err := c.write(env); err != nil {
		return "", fmt.Errorf("slackfake: send envelope: %w", err)
	}
	return id, nil
}

// Disconnect asks the connected client to reconnect, as Slack does before
// it rotates a connection.
func (s *Server) Disconnect() error {
	s.mu.Lock()
	c := s.current
	s.mu.Unlock()
	if c == nil {
		return ErrNotConnected
	}
	return c.write(map[string]any{"type": "disconnect", "reason": "refresh_requested",
		"debug_info": map[string]any{"host": "slackfake"}})
}

// StopPings stops pinging the newest connection while leaving it open, as
// a half-dead network path would; the client should give up on it and
// reconnect. New connections are pinged as usual.
func (s *Server) StopPings() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.current != nil {
		s.current.noPing.Store(true)
	}
}

// DropConnections closes every websocket without a close handshake, as a
// network failure would.
func (s *Server) DropConnections() {
	s.mu.Lock()
	var cs []*conn
	for c := range s.conns {
		cs = append(cs, c)
	}
	s.mu.Unlock()
	for _, c := range cs {
		_ = c.ws.NetConn().Close()
	}
}

// WaitAck waits for the acknowledgement of envelopeID.
func (s *Server) WaitAck(ctx context.Context, envelopeID string) (Ack, error) {
	var got Ack
	err := s.waitFor(ctx, func() bool {
		for _, a := range s.acks {
			if a.EnvelopeID == envelopeID {
				got = a
				return true
			}
		}
		return false
	})
	return got, err
}

// Posts returns a copy of everything posted so far, in arrival order.
func (s *Server) Posts() []Post {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Post(nil), s.posts...)
}

// WaitPosts waits until at least n posts have arrived and returns them all.
func (s *Server) WaitPosts(ctx context.Context, n int) ([]Post, error) {
	if err := s.waitFor(ctx, func() bool { return len(s.posts) >= n }); err != nil {
		return s.Posts(), fmt.Errorf("slackfake: waiting for %d posts (have %d): %w", n, len(s.Posts()), err)
	}
	return s.Posts(), nil
}

// EventPayload builds the payload of an events_api envelope (the same JSON
// Slack posts to an Events API URL) around inner, an event such as
// {"type":"app_mention",...}.
func EventPayload(eventID string, inner map[string]any) map[string]any {
	return map[string]any{
		"token": "legacy", "team_id": TeamID, "api_app_id": AppID, "type": "event_callback",
		"event_id": eventID, "event_time": time.Now().Unix(), "event": inner,
		"authorizations": []any{map[string]any{"team_id": TeamID, "user_id": BotUserID, "is_bot": true}},
	}
}

// SlashPayload builds a slash_commands payload as Slack sends it.
func SlashPayload(command, text, channel, user, responseURL, triggerID string) map[string]any {
	return map[string]any{
		"token": "legacy", "team_id": TeamID, "channel_id": channel, "channel_name": "general",
		"user_id": user, "user_name": "someone", "command": command, "text": text,
		"response_url": responseURL, "trigger_id": triggerID, "api_app_id": AppID,
	}
}

// SlashForm is SlashPayload as the form body Slack posts in HTTP mode.
func SlashForm(command, text, channel, user, responseURL, triggerID string) url.Values {
	v := url.Values{}
	for k, val := range SlashPayload(command, text, channel, user, responseURL, triggerID) {
		v.Set(k, fmt.Sprint(val))
	}
	return v
}

// Sign returns the headers Slack adds to a request with body sent at ts:
// X-Slack-Request-Timestamp and X-Slack-Signature, v0=hex(HMAC-SHA256(
// secret, "v0:"+ts+":"+body)).
func Sign(secret string, ts time.Time, body []byte) http.Header {
	stamp := strconv.FormatInt(ts.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	_, _ = mac.Write([]byte("v0:" + stamp + ":"))
	_, _ = mac.Write(body)
	h := http.Header{}
	h.Set("X-Slack-Request-Timestamp", stamp)
	h.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	return h
}

// User is a person in the fake workspace, as users.info describes them.
type User struct {
	// ID is the user ID ("U0OTHER").
	ID string
	// Name is the user name (handle).
	Name string
	// RealName is the full name.
	RealName string
	// DisplayName is the display name the person chose; may be "".
	DisplayName string
}

// AddUser adds (or replaces) a user that users.info describes.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.users[u.ID] = u
}

// Calls is how many requests the Web API method (such as "users.info")
// has received, including those answered 429.
func (s *Server) Calls(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[method]
}

// counted counts every request to a Web API method.
func (s *Server) counted(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if m, ok := strings.CutPrefix(r.URL.Path, "/api/"); ok {
			s.mu.Lock()
			s.calls[m]++
			s.mu.Unlock()
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) usersInfo(w http.ResponseWriter, r *http.Request) {
	s.slow()
	if s.limited(w, "users.info") {
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	if s.opts.BotToken != "" && bearer(r) != s.opts.BotToken {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	s.mu.Lock()
	u, ok := s.users[r.Form.Get("user")]
	s.mu.Unlock()
	if !ok {
		writeJSON(w, map[string]any{"ok": false, "error": "user_not_found"})
		return
	}
	writeJSON(w, map[string]any{"ok": true, "user": map[string]any{
		"id": u.ID, "team_id": TeamID, "name": u.Name, "real_name": u.RealName, "deleted": false,
		"profile": map[string]any{"real_name": u.RealName, "display_name": u.DisplayName,
			"real_name_normalized": u.RealName, "display_name_normalized": u.DisplayName},
	}})
}

// View is a modal the client opened with views.open.
type View struct {
	TriggerID       string
	CallbackID      string
	PrivateMetadata string
	Title           string
	Blocks          json.RawMessage
	ID              string // the view ID the server assigned
	At              time.Time
}

func (s *Server) viewsOpen(w http.ResponseWriter, r *http.Request) {
	s.slow()
	if s.limited(w, "views.open") {
		return
	}
	if s.opts.BotToken != "" && bearer(r) != s.opts.BotToken {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_auth"})
		return
	}
	var req struct {
		TriggerID string `json:"trigger_id"`
		View      struct {
			Type            string                `json:"type"`
			CallbackID      string                `json:"callback_id"`
			PrivateMetadata string                `json:"private_metadata"`
			Title           struct{ Text string } `json:"title"`
			Blocks          json.RawMessage       `json:"blocks"`
		} `json:"view"`
	}
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_json"})
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range s.views {
		if v.TriggerID == req.TriggerID {
			// A trigger_id opens one view, as on Slack.
			writeJSON(w, map[string]any{"ok": false, "error": "expired_trigger_id"})
			return
		}
	}
	if req.TriggerID == "" || req.View.Type != "modal" {
		writeJSON(w, map[string]any{"ok": false, "error": "invalid_arguments"})
		return
	}
	s.seq++
	v := View{TriggerID: req.TriggerID, CallbackID: req.View.CallbackID, PrivateMetadata: req.View.PrivateMetadata,
		Title: req.View.Title.Text, Blocks: req.View.Blocks, ID: "V" + strconv.Itoa(s.seq), At: time.Now()}
	s.views = append(s.views, v)
	s.notify()
	writeJSON(w, map[string]any{"ok": true, "view": map[string]any{"id": v.ID, "type": "modal",
		"callback_id": v.CallbackID, "private_metadata": v.PrivateMetadata}})
}

// Views returns a copy of every view opened so far.
func (s *Server) Views() []View {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]View(nil), s.views...)
}

// WaitViews waits until at least n views were opened and returns them all.
func (s *Server) WaitViews(ctx context.Context, n int) ([]View, error) {
	if err := s.waitFor(ctx, func() bool { return len(s.views) >= n }); err != nil {
		return s.Views(), fmt.Errorf("slackfake: waiting for %d views (have %d): %w", n, len(s.Views()), err)
	}
	return s.Views(), nil
}

// ButtonClick builds a block_actions payload: user clicked the button
// actionID carrying value under the message ts of channel (in thread when
// set), as Slack sends it over Socket Mode ("interactive") or, form
// encoded as "payload", to the interactivity URL.
func ButtonClick(user, channel, ts, thread, actionID, value, triggerID, responseURL string) map[string]any {
	container := map[string]any{"type": "message", "channel_id": channel, "message_ts": ts, "is_ephemeral": false}
	msg := map[string]any{"type": "message", "ts": ts, "user": BotUserID, "bot_id": BotID}
	if thread != "" {
		container["thread_ts"] = thread
		msg["thread_ts"] = thread
	}
	return map[string]any{
		"type": "block_actions", "trigger_id": triggerID, "response_url": responseURL, "api_app_id": AppID,
		"team":      map[string]any{"id": TeamID},
		"user":      map[string]any{"id": user, "name": strings.ToLower(user)},
		"channel":   map[string]any{"id": channel},
		"container": container,
		"message":   msg,
		"actions": []any{map[string]any{"type": "button", "action_id": actionID, "block_id": "b-" + actionID,
			"value": value, "action_ts": fmt.Sprintf("%d.000200", time.Now().Unix())}},
	}
}

// FormSubmission builds a view_submission payload: user submitted the
// view with text typed into the plain-text input actionID of block blockID.
func FormSubmission(user string, v View, blockID, actionID, text string) map[string]any {
	return map[string]any{
		"type": "view_submission", "api_app_id": AppID, "team": map[string]any{"id": TeamID},
		"user": map[string]any{"id": user, "name": strings.ToLower(user)},
		"view": map[string]any{"id": v.ID, "type": "modal", "callback_id": v.CallbackID, "private_metadata": v.PrivateMetadata,
			"hash": "h-" + v.ID, "state": map[string]any{"values": map[string]any{
				blockID: map[string]any{actionID: map[string]any{"type": "plain_text_input", "value": text}}}}},
	}
}

// Reaction builds a reaction_added (added) or reaction_removed event by
// user with the emoji name reaction on the message ts in channel written
// by itemUser.
func Reaction(added bool, user, reaction, channel, ts, itemUser string) map[string]any {
	typ := "reaction_removed"
	if added {
		typ = "reaction_added"
	}
	return map[string]any{"type": typ, "user": user, "reaction": reaction, "item_user": itemUser,
		"item":     map[string]any{"type": "message", "channel": channel, "ts": ts},
		"event_ts": fmt.Sprintf("%d.000300", time.Now().Unix())}
}
