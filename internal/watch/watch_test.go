package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"liaison/bot"
	"liaison/corpus"
	"liaison/internal/store"
	"liaison/knowledge"
)

// newReleases are releases as the feed reader writes them.
var newReleases = map[string]string{
	"feeds/ee/2024-05-24-ministers-meet-in-tallinn-1.txt": "Estonian and Finnish interior ministers meet in Tallinn\nSource: Ministry of the Interior\nPublished: 2024-05-24\nURL: https://intermin.example/tallinn\n\n" +
		"Estonian Minister of the Interior Lauri Läänemets met Finnish Minister of the Interior Mari Rantanen in Tallinn on Friday.\n\n" +
		"The ministers discussed the closure of the border crossing points with Russia and cooperation against instrumentalised migration.\n",
	"feeds/ru/2024-06-01-kolokoltsev-2.txt": "Russian interior minister receives delegation\nSource: MVD\nPublished: 2024-06-01\nURL: https://mvd.example/news/2\n\n" +
		"Minister of Internal Affairs of the Russian Federation Vladimir Kolokoltsev received a delegation of the Ministry of Public Security of Vietnam in Moscow.\n\n" +
		"The parties discussed cooperation in combating drug trafficking.\n",
	"feeds/se/2024-06-02-sweden-3.txt": "Swedish police report\nSource: Police\nPublished: 2024-06-02\nURL: https://polisen.example/3\n\n" +
		"The Swedish Police Authority published its annual report on organised crime in Stockholm on Monday.\n",
}

// baseWith builds a fact base of the built-in corpus and the named new
// releases.
func baseWith(t testing.TB, files ...string) *knowledge.Base {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(corpus.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(corpus.FS, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		m[f] = &fstest.MapFile{Data: []byte(newReleases[f])}
	}
	b, _, err := knowledge.LoadFS(context.Background(), m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestResolve(t *testing.T) {
	b := baseWith(t)
	for _, tt := range []struct {
		text     string
		kind     Kind
		term     string
		noted    bool
		multiple bool
	}{
		{"Kolokoltsev", KindPerson, "Vladimir Kolokoltsev", false, false},
		{"kolokoltsev", KindPerson, "Vladimir Kolokoltsev", false, false},
		{"Kolokoltsov", KindPerson, "Vladimir Kolokoltsev", true, false},
		{"Paula Risikko", KindPerson, "Paula Risikko", false, false},
		{"Hakkanen", KindPerson, "Antti Häkkänen", false, false},
		{"Estonia", KindCountry, "Estonia", false, false},
		{"estonian", KindCountry, "Estonia", false, false},
		{"border closure", KindTopic, "border closure", false, false},
		{"drug trafficking", KindTopic, "drug trafficking", false, false},
		{"Angela Merkel", KindPerson, "Angela Merkel", false, false},
		{"topic: Schengen", KindTopic, "Schengen", false, false},
		{"person: Orpo", KindPerson, "Orpo", false, false},
		{"country: Sweden", KindCountry, "Sweden", false, false},
	} {
		r := resolve(b, tt.text)
		if r.kind != tt.kind || r.term != tt.term || (r.note != "") != tt.noted || (len(r.choices) > 1) != tt.multiple {
			t.Errorf("resolve(%q) = %+v, want %s %q (note %v)", tt.text, r, tt.kind, tt.term, tt.noted)
		}
	}
}

func TestMatch(t *testing.T) {
	files := []string{"feeds/ee/2024-05-24-ministers-meet-in-tallinn-1.txt", "feeds/ru/2024-06-01-kolokoltsev-2.txt", "feeds/se/2024-06-02-sweden-3.txt"}
	b := baseWith(t, files...)
	doc := map[string]int{}
	for i, d := range b.Docs {
		doc[d.File] = i
	}
	for _, tt := range []struct {
		file  string
		kind  Kind
		term  string
		quote string // "" for no match
	}{
		{files[1], KindPerson, "Vladimir Kolokoltsev", "Vladimir Kolokoltsev received a delegation"},
		{files[0], KindPerson, "Vladimir Kolokoltsev", ""},
		{files[0], KindPerson, "Mari Rantanen", "met Finnish Minister of the Interior Mari Rantanen"},
		{files[0], KindCountry, "Estonia", "Estonian Minister of the Interior"},
		{files[0], KindCountry, "Russia", "border crossing points with Russia"},
		{files[1], KindCountry, "Russia", "Russian Federation"},
		{files[2], KindCountry, "Russia", ""},
		{files[2], KindCountry, "Sweden", "The Swedish Police Authority"},
		{files[0], KindTopic, "border closure", "the closure of the border crossing points"},
		{files[1], KindTopic, "border closure", ""},
		{files[1], KindTopic, "drug trafficking", "combating drug trafficking"},
		{files[2], KindTopic, "organised crime", "annual report on organised crime"},
	} {
		q, ok := match(b, doc[tt.file], tt.kind, tt.term)
		if ok != (tt.quote != "") || !strings.Contains(q, tt.quote) {
			t.Errorf("match(%s, %s %q) = %q, %v; want %q", filepath.Base(tt.file), tt.kind, tt.term, q, ok, tt.quote)
		}
	}
}

// fakePoster records notices; fail decides an error per call.
type fakePoster struct {
	name string
	mu   sync.Mutex
	got  []bot.Notice
	fail func(n bot.Notice) error
}

func (p *fakePoster) Name() string { return p.name }

func (p *fakePoster) Post(_ context.Context, n bot.Notice) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.fail != nil {
		if err := p.fail(n); err != nil {
			return err
		}
	}
	p.got = append(p.got, n)
	return nil
}

func (p *fakePoster) notices() []bot.Notice {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]bot.Notice(nil), p.got...)
}

type rig struct {
	t      *testing.T
	st     *store.Store
	path   string
	base   *knowledge.Base
	slack  *fakePoster
	matrix *fakePoster
	svc    *Service
	cmds   bot.Answerer
	now    time.Time
}

type echo struct{}

func (echo) Answer(_ context.Context, m bot.Message) (bot.Reply, error) {
	if m.Text == "help" {
		return bot.Reply{Intent: bot.IntentHelp, Summary: "help"}, nil
	}
	return bot.Reply{Intent: bot.IntentSearch, Summary: "core: " + m.Text}, nil
}

func newRig(t *testing.T) *rig {
	t.Helper()
	path := filepath.Join(t.TempDir(), "state.db")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	r := &rig{t: t, st: st, path: path, base: baseWith(t), slack: &fakePoster{name: "slack"}, matrix: &fakePoster{name: "matrix"},
		now: time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)}
	r.start()
	return r
}

// start makes the service (again, as after a restart).
func (r *rig) start() {
	r.svc = New(Options{Store: r.st, Base: func() *knowledge.Base { return r.base }, Posters: []bot.Poster{r.slack, r.matrix}, Feeds: true})
	r.svc.now = func() time.Time { return r.now }
	r.cmds = r.svc.Commands(echo{}, func(m bot.Message) bool { return m.Sender != "U0BLOCKED" })
}

func (r *rig) ask(platform bot.Platform, room, text string) bot.Reply {
	r.t.Helper()
	rep, err := r.cmds.Answer(context.Background(), bot.Message{Platform: platform, Room: room, Sender: "U0ALICE", Text: text})
	if err != nil {
		r.t.Fatal(err)
	}
	return rep
}

func (r *rig) tick(d time.Duration) { r.now = r.now.Add(d) }

// arrive queues the release file as the feed reader does, then loads it.
func (r *rig) arrive(files ...string) {
	r.t.Helper()
	for _, f := range files {
		if err := r.svc.Enqueue(context.Background(), Release{File: f, Title: "t", URL: "https://x.example/" + f}); err != nil {
			r.t.Fatal(err)
		}
	}
	r.tick(time.Second)
	var all []string
	for _, d := range r.base.Docs {
		if strings.HasPrefix(d.File, "feeds/") {
			all = append(all, d.File)
		}
	}
	r.base = baseWith(r.t, append(all, files...)...)
}

func (r *rig) pass() {
	r.t.Helper()
	if err := r.svc.Pass(context.Background()); err != nil {
		r.t.Fatal(err)
	}
}

func TestCommands(t *testing.T) {
	r := newRig(t)
	rep := r.ask(bot.PlatformSlack, "C1", "/watch Kolokoltsov")
	if !rep.Found || rep.Intent != bot.IntentWatch || !strings.Contains(rep.Summary, "Watching Vladimir Kolokoltsev") ||
		!strings.Contains(strings.Join(rep.Details, " "), "as Vladimir Kolokoltsev") {
		t.Errorf("watch: %+v", rep)
	}
	r.ask(bot.PlatformSlack, "C1", "!watch Estonia")
	r.ask(bot.PlatformSlack, "C1", "/watch border closure")
	if rep := r.ask(bot.PlatformSlack, "C1", "/watch kolokoltsev"); !strings.Contains(rep.Summary, "already watches Vladimir Kolokoltsev") {
		t.Errorf("twice: %+v", rep)
	}
	rep = r.ask(bot.PlatformSlack, "C1", "/watch")
	if want := []string{"1. Vladimir Kolokoltsev (person)", "2. Estonia (country)", "3. border closure (topic)"}; rep.Summary != "This channel watches 3:" ||
		len(rep.Details) != 4 || !sameSet(rep.Details[:3], want) {
		t.Errorf("list: %+v", rep)
	}
	if rep := r.ask(bot.PlatformMatrix, "!room:x", "!watch"); rep.Found || !strings.Contains(rep.Summary, "This room watches nothing yet") {
		t.Errorf("another room's list: %+v", rep)
	}
	if rep := r.ask(bot.PlatformSlack, "C1", "/unwatch estonia"); rep.Summary != "Stopped watching Estonia in this channel." {
		t.Errorf("unwatch: %+v", rep)
	}
	if rep := r.ask(bot.PlatformSlack, "C1", "/unwatch Merkel"); rep.Found || !strings.Contains(rep.Summary, "does not watch “Merkel”") {
		t.Errorf("unwatch unknown: %+v", rep)
	}
	rep = r.ask(bot.PlatformSlack, "C1", "/watch")
	n := 0
	for i, d := range rep.Details {
		if strings.Contains(d, "border closure") {
			n = i + 1
		}
	}
	if rep := r.ask(bot.PlatformSlack, "C1", fmt.Sprintf("/unwatch %d", n)); !strings.Contains(rep.Summary, "Stopped watching the topic “border closure”") {
		t.Errorf("unwatch by number %d: %+v", n, rep)
	}
	r.ask(bot.PlatformSlack, "C1", "/watch Sweden")
	if rep := r.ask(bot.PlatformSlack, "C1", "/unwatch all"); !strings.Contains(rep.Summary, "Vladimir Kolokoltsev") || !strings.Contains(rep.Summary, "Sweden") {
		t.Errorf("unwatch all: %+v", rep)
	}
	if rep := r.ask(bot.PlatformSlack, "C1", "/watch"); rep.Found {
		t.Errorf("after unwatch all: %+v", rep)
	}
	// others pass through; help learns of /watch
	if rep := r.ask(bot.PlatformSlack, "C1", "who met Orpo?"); rep.Summary != "core: who met Orpo?" {
		t.Errorf("pass-through: %+v", rep)
	}
	if rep := r.ask(bot.PlatformSlack, "C1", "help"); len(rep.Details) != 1 || rep.Details[0] != HelpLine {
		t.Errorf("help: %+v", rep)
	}
	rep, _ = r.cmds.Answer(context.Background(), bot.Message{Platform: bot.PlatformSlack, Room: "C1", Sender: "U0BLOCKED", Text: "/watch Estonia"})
	if rep.Found || !strings.Contains(rep.Summary, "restricted") {
		t.Errorf("not permitted: %+v", rep)
	}
	if rep := r.ask(bot.PlatformSlack, "C1", "/watch "+strings.Repeat("x", 300)); rep.Found {
		t.Errorf("too long: %+v", rep)
	}
	if rep := r.ask(bot.PlatformSlack, "C1", "/watch the and of"); rep.Found {
		t.Errorf("stop words only: %+v", rep)
	}
	for i := range MaxPerRoom {
		r.ask(bot.PlatformSlack, "C2", fmt.Sprintf("/watch topic: word%c%c", 'a'+i/26, 'a'+i%26))
	}
	if rep := r.ask(bot.PlatformSlack, "C2", "/watch Estonia"); rep.Found || !strings.Contains(rep.Summary, "the most it can") {
		t.Errorf("over the limit: %+v", rep)
	}
}

func sameSet(a, b []string) bool {
	return fmt.Sprint(sortedCopy(a)) == fmt.Sprint(sortedCopy(b))
}

func sortedCopy(a []string) []string {
	out := append([]string(nil), a...)
	for i := range out {
		out[i] = out[i][strings.Index(out[i], ".")+1:]
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// TestAlertsOncePerSubscription: a new release that names what rooms
// watch gets one alert per room (all its matching subscriptions in one),
// with title, date, sentence and link; nothing twice, also after a
// restart; nothing for a release that came in before the subscription.
func TestAlertsOncePerSubscription(t *testing.T) {
	r := newRig(t)
	r.ask(bot.PlatformSlack, "C1", "/watch Kolokoltsev")
	r.ask(bot.PlatformSlack, "C1", "/watch Russia")
	r.ask(bot.PlatformMatrix, "!m:x", "!watch border closure")
	r.ask(bot.PlatformMatrix, "!other:x", "!watch Sweden")
	r.tick(time.Minute)
	ru, ee := "feeds/ru/2024-06-01-kolokoltsev-2.txt", "feeds/ee/2024-05-24-ministers-meet-in-tallinn-1.txt"
	r.arrive(ru, ee)
	r.pass()
	sl, mx := r.slack.notices(), r.matrix.notices()
	if len(sl) != 2 || len(mx) != 1 {
		t.Fatalf("slack %d, matrix %d alerts: %+v %+v", len(sl), len(mx), sl, mx)
	}
	var kolo bot.Notice
	for _, n := range sl {
		if n.Reply.Sources[0].Doc == ru {
			kolo = n
		}
	}
	if kolo.Room != "C1" || kolo.Reply.Summary != "New release naming Vladimir Kolokoltsev, about Russia" || kolo.Retry {
		t.Errorf("alert %+v", kolo)
	}
	src := kolo.Reply.Sources[0]
	if src.Title != "Russian interior minister receives delegation" || src.Date != "2024-06-01" || src.URL != "https://mvd.example/news/2" ||
		!strings.Contains(src.Quote, "Vladimir Kolokoltsev received a delegation") {
		t.Errorf("source %+v", src)
	}
	if mx[0].Room != "!m:x" || mx[0].Reply.Summary != "New release on “border closure”" || mx[0].Reply.Sources[0].Doc != ee {
		t.Errorf("matrix alert %+v", mx[0])
	}

	// again, and after a restart: nothing more
	r.pass()
	r.start()
	r.pass()
	if len(r.slack.notices()) != 2 || len(r.matrix.notices()) != 1 {
		t.Errorf("posted again: %d %d", len(r.slack.notices()), len(r.matrix.notices()))
	}
	// subscribed after the release came in: no alert for it
	r.ask(bot.PlatformMatrix, "!late:x", "!watch Kolokoltsev")
	se := "feeds/se/2024-06-02-sweden-3.txt"
	r.arrive(se)
	r.pass()
	mx = r.matrix.notices()
	if len(mx) != 2 || mx[1].Room != "!other:x" || mx[1].Reply.Sources[0].Doc != se {
		t.Errorf("after the late subscription: %+v", mx)
	}
}

// TestAlertSurvivesCrash: a release queued but not yet loaded waits; an
// alert whose post failed is tried again; one that may have been posted
// before a crash is posted with Retry set; a room the bot cannot post in
// drops it; a platform not connected keeps it.
func TestAlertSurvivesCrash(t *testing.T) {
	r := newRig(t)
	r.ask(bot.PlatformSlack, "C1", "/watch Kolokoltsev")
	r.ask(bot.PlatformSlack, "CGONE", "/watch Kolokoltsev")
	r.ask(bot.PlatformMatrix, "!m:x", "!watch Kolokoltsev")
	r.tick(time.Minute)
	ru := "feeds/ru/2024-06-01-kolokoltsev-2.txt"
	if err := r.svc.Enqueue(context.Background(), Release{File: ru}); err != nil {
		t.Fatal(err)
	}
	r.pass() // not in the fact base yet
	if len(r.slack.notices())+len(r.matrix.notices()) != 0 {
		t.Fatal("alerted before the release was loaded")
	}
	r.base = baseWith(t, ru)
	crashed := false
	r.slack.fail = func(n bot.Notice) error {
		switch {
		case n.Room == "CGONE":
			return fmt.Errorf("slack: %w: channel_not_found", bot.ErrCannotPost)
		case !crashed:
			crashed = true
			return errors.New("slack: connection reset (the process died here)")
		}
		return nil
	}
	r.matrix.fail = func(bot.Notice) error { return fmt.Errorf("matrix: %w", bot.ErrNotConnected) }
	r.pass()
	if !crashed || len(r.slack.notices()) != 0 {
		t.Fatalf("first pass: %v %+v", crashed, r.slack.notices())
	}
	r.start() // a restart
	r.pass()
	sl := r.slack.notices()
	if len(sl) != 1 || sl[0].Room != "C1" || !sl[0].Retry {
		t.Errorf("after the restart: %+v", sl)
	}
	r.pass()
	if len(r.slack.notices()) != 1 {
		t.Error("posted twice")
	}
	// Matrix comes back: its alert is still owed
	r.matrix.fail = nil
	r.pass()
	if mx := r.matrix.notices(); len(mx) != 1 || mx[0].Room != "!m:x" {
		t.Errorf("matrix after reconnecting: %+v", mx)
	}
	rows, _ := r.st.Scan(context.Background(), prefixOut)
	if len(rows) != 0 {
		t.Errorf("alerts left owed: %v", rows)
	}
}

// TestManyReleasesAtOnce: a room that would get more than a handful of
// alerts from one batch gets the first ones and one list of the rest.
func TestManyReleasesAtOnce(t *testing.T) {
	r := newRig(t)
	r.ask(bot.PlatformSlack, "C1", "/watch Russia")
	r.tick(time.Minute)
	var files []string
	for i := range maxAlertsPerPass + 4 {
		f := fmt.Sprintf("feeds/ru/2024-06-%02d-news-%d.txt", i+1, i)
		newReleases[f] = fmt.Sprintf("Russian ministry news number %d\nSource: MVD\nPublished: 2024-06-%02d\n\nThe Russian delegation number %d arrived in Helsinki for consultations.\n", i, i+1, i)
		files = append(files, f)
	}
	r.arrive(files...)
	r.pass()
	sl := r.slack.notices()
	if len(sl) != maxAlertsPerPass+1 {
		t.Fatalf("%d alerts", len(sl))
	}
	last := sl[len(sl)-1]
	if last.Reply.Summary != "4 more new releases name what this room watches:" || len(last.Reply.Details) != 4 {
		t.Errorf("list: %+v", last.Reply)
	}
}
