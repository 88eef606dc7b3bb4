package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"liaison/corpus"
	"liaison/knowledge"
	"liaison/knowledge/dates"
	"liaison/knowledge/lang"
)

var (
	builtinOnce sync.Once
	builtin     *knowledge.Base
	bothOnce    sync.Once
	both        *knowledge.Base
	unseenOnce  sync.Once
	unseen      *knowledge.Base
	classesOnce sync.Once
	classes     *knowledge.Base
)

// classesBase is testdata/classes: fictional releases written to hold the
// answers the five classes of failure on unseen text missed (issue 14).
func classesBase(t testing.TB) *knowledge.Base {
	t.Helper()
	classesOnce.Do(func() {
		b, warns, err := knowledge.LoadDir(context.Background(), "testdata/classes")
		if err != nil || len(warns) > 0 {
			panic(fmt.Sprint(err, warns))
		}
		classes = b
	})
	return classes
}

// unseenBase is testdata/unseen: fictional releases in other house
// styles; it fails the test when they do not load without warnings.
func unseenBase(t testing.TB) *knowledge.Base {
	t.Helper()
	unseenOnce.Do(func() {
		b, warns, err := knowledge.LoadDir(context.Background(), "testdata/unseen")
		if err != nil || len(warns) > 0 {
			panic(fmt.Sprint(err, warns))
		}
		unseen = b
	})
	return unseen
}

// builtinBase is the user's corpus, shipped with the binary.
func builtinBase(t testing.TB) *knowledge.Base {
	builtinOnce.Do(func() {
		b, _, err := knowledge.LoadFS(context.Background(), corpus.FS)
		if err != nil {
			panic(err)
		}
		builtin = b
	})
	return builtin
}

// bothBase is the built-in corpus plus testdata/corpus-extra in one folder.
func bothBase(t testing.TB) *knowledge.Base {
	bothOnce.Do(func() {
		m := fstest.MapFS{}
		for _, src := range []struct {
			fsys interface {
				ReadDir(string) ([]os.DirEntry, error)
				ReadFile(string) ([]byte, error)
			}
		}{{corpus.FS}, {dirFS("testdata/corpus-extra")}} {
			es, err := src.fsys.ReadDir(".")
			if err != nil {
				panic(err)
			}
			for _, e := range es {
				b, err := src.fsys.ReadFile(e.Name())
				if err != nil {
					panic(err)
				}
				m[e.Name()] = &fstest.MapFile{Data: b}
			}
		}
		b, _, err := knowledge.LoadFS(context.Background(), m)
		if err != nil {
			panic(err)
		}
		both = b
	})
	return both
}

type dirFS string

func (d dirFS) ReadDir(name string) ([]os.DirEntry, error) { return os.ReadDir(string(d) + "/" + name) }
func (d dirFS) ReadFile(name string) ([]byte, error)       { return os.ReadFile(string(d) + "/" + name) }

func ask(t testing.TB, b *Bot, room, q string) Reply {
	t.Helper()
	r, err := b.Answer(context.Background(), Message{Platform: PlatformTerminal, Text: q, Room: room, Sender: "u", Time: time.Now()})
	if err != nil {
		t.Fatalf("Answer(%q): %v", q, err)
	}
	return r
}

// evalQuestion is one line of the question sets in testdata.
type evalQuestion struct {
	ID         string   `json:"id"`
	Question   string   `json:"question"`
	Found      *bool    `json:"found"`
	Sources    []string `json:"sources"`
	ExpectAll  []string `json:"expect_all"`
	ExpectAny  []string `json:"expect_any"`
	ExpectNone []string `json:"expect_none"`
}

// The same matching rules as the scorer: case, accents and spacing ignored,
// ISO dates also matched in their written forms.
func foldForMatch(s string) string {
	s = norm.NFKD.String(s)
	var b strings.Builder
	for _, r := range s {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return strings.ToLower(strings.Join(strings.Fields(b.String()), " "))
}

var reISODate = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})$`)

func phraseVariants(p string) []string {
	m := reISODate.FindStringSubmatch(p)
	if m == nil {
		return []string{p}
	}
	var y, mo, d int
	fmt.Sscanf(p, "%d-%d-%d", &y, &mo, &d)
	full := time.Month(mo).String()
	out := []string{p}
	for _, name := range []string{full, full[:3]} {
		out = append(out, fmt.Sprintf("%d %s %d", d, name, y), fmt.Sprintf("%s %d, %d", name, d, y),
			fmt.Sprintf("%s %d %d", name, d, y), fmt.Sprintf("%d. %s %d", d, name, y), fmt.Sprintf("%d %s, %d", d, name, y))
	}
	return append(out, fmt.Sprintf("%d.%d.%d", d, mo, y), fmt.Sprintf("%02d.%02d.%d", d, mo, y))
}

func containsPhrase(text, phrase string) bool {
	t := foldForMatch(text)
	for _, v := range phraseVariants(phrase) {
		if strings.Contains(t, foldForMatch(v)) {
			return true
		}
	}
	return false
}

func checkEval(q evalQuestion, r Reply) []string {
	var why []string
	text := PlainText(r)
	want := q.Found == nil || *q.Found
	if r.Found != want {
		why = append(why, fmt.Sprintf("found=%v want %v", r.Found, want))
	}
	for _, p := range q.ExpectAll {
		if !containsPhrase(text, p) {
			why = append(why, "missing "+p)
		}
	}
	if len(q.ExpectAny) > 0 {
		ok := false
		for _, p := range q.ExpectAny {
			ok = ok || containsPhrase(text, p)
		}
		if !ok {
			why = append(why, fmt.Sprintf("none of %q", q.ExpectAny))
		}
	}
	for _, p := range q.ExpectNone {
		if containsPhrase(text, p) {
			why = append(why, "has "+p)
		}
	}
	docs := map[string]bool{}
	for _, s := range r.Sources {
		docs[s.Doc] = true
	}
	for _, d := range q.Sources {
		if !docs[d] {
			why = append(why, "no source "+d)
		}
	}
	return why
}

func loadEval(t *testing.T, path string) []evalQuestion {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []evalQuestion
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q evalQuestion
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatal(err)
		}
		qs = append(qs, q)
	}
	return qs
}

// TestSeedQuestions runs the user's question set through the core: all 26
// must pass, as they do through `liaison ask --json`.
func TestSeedQuestions(t *testing.T) {
	b := New(builtinBase(t), Options{})
	for i, q := range loadEval(t, "testdata/seed-questions.jsonl") {
		r := ask(t, b, fmt.Sprint("seed", i), q.Question)
		if why := checkEval(q, r); len(why) > 0 {
			t.Errorf("%s %q: %s\n%s", q.ID, q.Question, strings.Join(why, "; "), PlainText(r))
		}
	}
}

// TestExtraQuestions runs the second question set over both corpora; the
// bar is 36 of 40, and a drop below the current score fails too.
func TestExtraQuestions(t *testing.T) {
	b := New(bothBase(t), Options{})
	qs := loadEval(t, "testdata/extra-questions.jsonl")
	failed := 0
	for i, q := range qs {
		r := ask(t, b, fmt.Sprint("extra", i), q.Question)
		if why := checkEval(q, r); len(why) > 0 {
			failed++
			t.Logf("%s %q: %s", q.ID, q.Question, strings.Join(why, "; "))
		}
	}
	if failed > 0 {
		t.Errorf("%d of %d extra questions failed (must all pass)", failed, len(qs))
	}
}

func TestIntents(t *testing.T) {
	tests := []struct {
		q    string
		want Intent
	}{
		{"Who met Kolokoltsev?", IntentWhoMet},
		{"/who-met Risikko", IntentWhoMet},
		{"!who-met Risikko in Helsinki", IntentWhoMet},
		{"who did the Russian interior minister meet in Sweden?", IntentWhoMet},
		{"Who did Alexander Bastrykin hold talks with in Helsinki?", IntentWhoMet},
		{"Where did Risikko and Kolokoltsev meet?", IntentWhere},
		{"In which city did the talks continue?", IntentWhere},
		{"When did Paula Risikko meet Vladimir Kolokoltsev?", IntentWhen},
		{"Who is Mikael Damberg?", IntentWhoIs},
		{"What is Stanislav Maslov's position?", IntentWhoIs},
		{"/who-is Damberg", IntentWhoIs},
		{"Who opened the meeting in Murmansk?", IntentWho},
		{"Which meetings took place in Stockholm?", IntentMeetings},
		{"/meetings in Helsinki 2017", IntentMeetings},
		{"What did the Finnish and Russian justice ministers discuss?", IntentTopics},
		{"/agreements Finland", IntentAgreements},
		{"What was signed at the end of the Murmansk meeting?", IntentAgreements},
		{"How many asylum seekers arrived in Finland?", IntentSearch},
		{"/sources", IntentSources},
		{"help", IntentHelp},
		{"/help", IntentHelp},
		{"!status", IntentStatus},
		{"/liaison who met Risikko", IntentWhoMet},
		{"/frobnicate x", IntentUnknown},
		{"", IntentEmpty},
		{"   ", IntentEmpty},
	}
	for _, tt := range tests {
		if got := parse(tt.q).intent; got != tt.want {
			t.Errorf("parse(%q).intent = %s, want %s", tt.q, got, tt.want)
		}
	}
}

func TestNameResolution(t *testing.T) {
	b := bothBase(t)
	tests := []struct {
		q     string
		want  string // full name, or "" for none
		ambig bool
	}{
		{"who met hakkanen", "Antti Häkkänen", false},
		{"who met Häkkänen", "Antti Häkkänen", false},
		{"/who-met Kolokoltsov", "Vladimir Kolokoltsev", false},
		{"where did orpo and kolokolstev meet", "Petteri Orpo", false},
		{"who met Risiko", "Paula Risikko", false},
		{"who met GIRGENS", "Sandis Girgens", false},
		{"who met Ģirģens", "Sandis Girgens", false},
		{"who met Popov", "", true},
		{"who met Angela Merkel", "", false},
	}
	for _, tt := range tests {
		p := parse(tt.q)
		n := resolveNames(b, p.text, true)
		got := ""
		if len(n.people) > 0 {
			got = n.people[0].Name
		}
		if got != tt.want || (len(n.ambiguous) > 0) != tt.ambig {
			t.Errorf("resolveNames(%q) = %q ambiguous=%d, want %q ambiguous=%v", tt.q, got, len(n.ambiguous), tt.want, tt.ambig)
		}
	}
	n := resolveNames(b, "where did orpo and kolokolstev meet", true)
	if len(n.people) != 2 || n.people[1].Name != "Vladimir Kolokoltsev" {
		t.Errorf("two names with a transposition typo: %+v", n.people)
	}
}

func TestDamerau(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"kolokolstev", "kolokoltsev", 1},
		{"kolokoltsov", "kolokoltsev", 1},
		{"risiko", "risikko", 1},
		{"abc", "abc", 0},
		{"merkel", "konovalov", 3}, // capped at limit+1
		{"häkkänen", "hakkanen", 2},
		// longer than the stack buffers
		{strings.Repeat("ab", 30) + "xy", strings.Repeat("ab", 30) + "yx", 1},
		{strings.Repeat("ä", 45), strings.Repeat("ä", 44), 1},
		{strings.Repeat("ab", 30), strings.Repeat("ba", 30), 2},
		{strings.Repeat("ab", 30), strings.Repeat("cd", 30), 3},
	}
	for _, tt := range tests {
		if got := damerau(tt.a, tt.b, 2); got != tt.want {
			t.Errorf("damerau(%q,%q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNotFoundNamesNothingUnrelated(t *testing.T) {
	b := New(builtinBase(t), Options{})
	for _, q := range []string{
		"Who met Angela Merkel?",
		"What's the weather like in Helsinki tomorrow?",
		"/who-met Nobody Atall",
		"What is the capital of Australia?",
		"Who won the football match?",
	} {
		r := ask(t, b, "nf", q)
		if r.Found {
			t.Errorf("%q: found=true: %s", q, PlainText(r))
		}
		for _, name := range []string{"Risikko", "Kolokoltsev", "Damberg", "Konovalov", "Popov"} {
			if strings.Contains(PlainText(r), name) {
				t.Errorf("%q: not-found reply names %s: %s", q, name, PlainText(r))
			}
		}
		if len(r.Sources) != 0 {
			t.Errorf("%q: not-found reply cites sources", q)
		}
	}
}

// TestWhenWeakDatedSentence: a dated sentence well below the best match
// answers a "when" question only with a date the question's words point
// to, not because it is the only dated one.
func TestWhenWeakDatedSentence(t *testing.T) {
	b := New(builtinBase(t), Options{})
	q := "When: Closer cooperation between Finland and Russia key to combating illegal immigration?"
	checkPhrases(t, q, "answer", ask(t, b, "weak", q).Text(), nil, []string{"concluded in 1993"})
}

// TestReleasesMentioning: each release is listed once, with its best
// sentence, however many of its sentences match.
func TestReleasesMentioning(t *testing.T) {
	b := New(bothBase(t), Options{})
	r := ask(t, b, "releases", "Which releases mention drug trafficking?")
	lines := r.Details
	seen := map[string]bool{}
	for _, l := range lines {
		label, _, _ := strings.Cut(l, " (")
		if seen[label] {
			t.Errorf("%s listed twice:\n%s", label, PlainText(r))
		}
		seen[label] = true
	}
	if len(lines) < 2 || len(r.Sources) != len(lines) {
		t.Errorf("%d releases, %d sources:\n%s", len(lines), len(r.Sources), PlainText(r))
	}
}

// TestOutcomeFollowUp: "did they agree on anything?" goes on about the
// meeting of the answer before.
func TestOutcomeFollowUp(t *testing.T) {
	b := New(bothBase(t), Options{})
	ask(t, b, "outcome", "Where did Orpo meet Kolokoltsev?")
	r := ask(t, b, "outcome", "Did they agree on anything?")
	if !r.Found || r.Intent != IntentOutcomes {
		t.Fatalf("found=%v intent=%s\n%s", r.Found, r.Intent, PlainText(r))
	}
	checkPhrases(t, "follow-up", "answer", r.Text(), []string{"Vantaa", "new forms of cooperation should be agreed"}, []string{"Stockholm"})
}

func TestDidYouMean(t *testing.T) {
	b := New(bothBase(t), Options{})
	r := ask(t, b, "dym", "who met Popov?")
	if r.Found || len(r.Suggestions) != 2 {
		t.Fatalf("ambiguous name: found=%v suggestions=%+v", r.Found, r.Suggestions)
	}
	for _, s := range r.Suggestions {
		if !strings.Contains(s.Query, "Popov") {
			t.Errorf("suggestion %+v does not ask again with the name", s)
		}
	}
	// choosing a suggestion answers
	r = ask(t, b, "dym", r.Suggestions[0].Query)
	if !r.Found {
		t.Errorf("suggested query %q found nothing", r.Suggestions[0].Query)
	}
}

func TestFollowUp(t *testing.T) {
	b := New(builtinBase(t), Options{})
	r := ask(t, b, "room-a", "who met Risikko?")
	if !r.Found {
		t.Fatal(PlainText(r))
	}
	r = ask(t, b, "room-a", "and where was that?")
	if !r.Found || !strings.Contains(r.Summary, "Helsinki") {
		t.Errorf("follow-up where: %s", PlainText(r))
	}
	r = ask(t, b, "room-a", "when was that?")
	if !r.Found || !strings.Contains(r.Summary, "25 October 2017") {
		t.Errorf("follow-up when: %s", PlainText(r))
	}
	// a meeting without a date says so
	ask(t, b, "room-a", "who met hakkanen?")
	r = ask(t, b, "room-a", "and when was that?")
	if r.Found || !strings.Contains(r.Summary, "does not say when") || strings.Contains(r.Summary, "date not stated.") {
		t.Errorf("follow-up when, undated meeting: %s", PlainText(r))
	}
	// another conversation has no such context
	r = ask(t, b, "room-b", "and where was that?")
	if r.Found && strings.Contains(r.Summary, "Helsinki") {
		t.Errorf("context leaked across conversations: %s", PlainText(r))
	}
}

// TestFollowUpAfterList: after an answer that lists several meetings
// ("who met Kolokoltsev?": Helsinki and Stockholm), "where did they meet?"
// and "when?" answer for each meeting, not for the last only.
func TestFollowUpAfterList(t *testing.T) {
	b := New(builtinBase(t), Options{})
	if r := ask(t, b, "list", "who met Kolokoltsev?"); !r.Found || strings.Count(PlainText(r), "\n• ") != 2 {
		t.Fatalf("want two meetings listed first:\n%s", PlainText(r))
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"where did they meet?", []string{"Helsinki", "Stockholm", "25 October 2017", "1 January 2020"}},
		{"and when was that?", []string{"25 October 2017", "1 January 2020"}},
	} {
		r := ask(t, b, "list", tc.q)
		if !r.Found {
			t.Errorf("%q: not found: %s", tc.q, PlainText(r))
		}
		checkPhrases(t, tc.q, "summary", r.Summary, tc.want, nil)
	}
	// after one meeting, the follow-up is about that one alone
	ask(t, b, "one", "who met Risikko?")
	r := ask(t, b, "one", "where did they meet?")
	checkPhrases(t, "where did they meet? (one meeting)", "summary", r.Summary, []string{"Helsinki"}, []string{"Stockholm"})
}

func TestMemoryIsBounded(t *testing.T) {
	b := New(builtinBase(t), Options{MemorySize: 3})
	for i := 0; i < 10; i++ {
		ask(t, b, fmt.Sprint("room", i), "who met Risikko?")
	}
	if n := b.order.Len(); n != 3 {
		t.Errorf("memory holds %d conversations, want 3", n)
	}
}

func TestHostileInput(t *testing.T) {
	b := New(builtinBase(t), Options{})
	inputs := []string{
		strings.Repeat("who met Risikko ", 70000),
		"\xff\xfe who met \xc3\x28 Risikko",
		"who met \u202eokkisiR\u202c",
		"who\u200d met\u200b Risikko",
		"<script>alert(1)</script> who met Risikko?",
		"@channel @here <!everyone> who met <@U123|bob>?",
		"\x00\x01\x02\x1b[31m",
		"/who-met",
		"!who-met    ",
		"/meetings in",
		"?",
		"who met " + strings.Repeat("a", 1500),
	}
	for _, in := range inputs {
		r := ask(t, b, "hostile", in)
		if r.Summary == "" {
			t.Errorf("empty reply to %q", clip(in, 40))
		}
		if strings.ContainsAny(r.Summary, "\x00\x1b\u202e") {
			t.Errorf("control characters echoed for %q: %q", clip(in, 40), r.Summary)
		}
	}
	if r := ask(t, b, "hostile", inputs[0]); r.Found || !strings.Contains(r.Summary, "too long") {
		t.Errorf("1 MB question: %s", r.Summary)
	}
	if r := ask(t, b, "hostile", "who\u200d met\u200b Risikko"); !r.Found {
		t.Errorf("zero-width characters broke a simple question: %s", r.Summary)
	}
}

func TestNoBase(t *testing.T) {
	b := New(nil, Options{})
	if _, err := b.Answer(context.Background(), Message{Text: "help"}); err != ErrUnavailable {
		t.Fatalf("err = %v, want ErrUnavailable", err)
	}
	b.SetBase(builtinBase(t))
	if r := ask(t, b, "x", "who met Risikko"); !r.Found {
		t.Fatal("SetBase did not take effect")
	}
}

func TestConcurrentAnswersAndReload(t *testing.T) {
	b := New(builtinBase(t), Options{})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 50; i++ {
				r := ask(t, b, fmt.Sprint("c", g%3), "who met Kolokoltsev?")
				if !r.Found {
					t.Error("lost an answer during reload")
					return
				}
				if i%10 == 0 {
					b.SetBase(builtinBase(t))
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestHelpListsCommands(t *testing.T) {
	r := helpReply()
	text := PlainText(r)
	for _, c := range Commands {
		if !strings.Contains(text, "/"+c.Name) {
			t.Errorf("help lacks /%s", c.Name)
		}
	}
}

// TestUnseenStyles asks about releases written in other house styles
// (fictional people; an HTML page with chrome, a Markdown dateline story)
// that the extraction rules were not written against.
func TestUnseenStyles(t *testing.T) {
	b := New(unseenBase(t), Options{})
	tests := []struct {
		q     string
		found bool
		want  []string
		not   []string
	}{
		{"Who did Krista Aaltonen meet?", true, []string{"Lauri Kask", "Tallinn", "6 March 2023"}, []string{"Gulf"}},
		{"Who is Krista Aaltonen?", true, []string{"Minister of the Interior", "Finland"}, nil},
		{"Who did Bergstrom meet?", true, []string{"Gunnar Holm", "Oslo", "15 November 2022"}, nil},
		{"What did the Norwegian and Swedish justice ministers discuss?", true, []string{"gang violence"}, nil},
		{"What did the ministers agree to establish?", true, []string{"joint investigation team"}, nil},
		{"Where were the consultations between the FSB and the Norwegian police held?", true, []string{"Moscow"}, nil},
		{"What protocol did the parties sign?", true, []string{"procedure for border incidents"}, nil},
		{"How many people were refused entry at the eastern border in 2022?", true, []string{"1,250"}, nil},
		{"who did the estonian interior minister meet?", true, []string{"Krista Aaltonen"}, nil},
		{"Who met Aaltonnen?", true, []string{"Lauri Kask"}, nil},
		{"/meetings 2018", true, []string{"Viktor Lebedko", "Sten Hagen"}, []string{"Aaltonen"}},
		{"Who did Lebedko meet in Oslo?", false, nil, []string{"Hagen"}},
		{"Who did Agne Bilotaite meet?", true, []string{"Marija Golubeva", "Vilnius", "13 September 2022"}, []string{"Riga"}},
		{"Where will the next meeting be held?", true, []string{"Riga"}, nil},
		{"When is the next meeting?", true, []string{"is to take place in December 2022"}, []string{"took place"}},
		{"When will the customs working group meet next?", false, []string{"don't say when the next meeting"}, []string{"14 October"}},
		{"How many irregular migrants were prevented from entering Lithuania?", true, []string{"4,100"}, nil},
		{"Who met Kolokoltsev in Moscow?", true, []string{"Rune Resaland", "Ambassador"}, []string{"Extraordinary ("}},
		{"What did Kolokoltsev and the Norwegian ambassador discuss?", true, []string{"road safety"}, nil},
		{"Who signed the agreement between Finland and Estonia on the transfer of sentenced persons?", true, []string{"Anna-Maja Henriksson", "Maris Lauri"}, nil},
		{"When was the agreement on the transfer of sentenced persons signed?", true, []string{"15 February 2021"}, nil},
		{"Where was the sentenced persons agreement signed?", true, []string{"Tallinn"}, nil},
		{"When will the agreement on the transfer of sentenced persons enter into force?", true, []string{"enters into force on 1 January 2022"}, nil},
		{"When was the joint patrols agreement terminated?", true, []string{"dated 3 February 2020", "has decided to terminate"}, []string{"2009,"}},
		{"Who did Mäkelä meet?", true, []string{"Andres Tamm", "28 August 2018, Helsinki", "29 August 2018, Riga", "Ivan Sokolov", "5 March 2019, Moscow"}, nil},
		{"What did Makela and Ozols discuss?", true, []string{"hybrid threats"}, []string{"maritime"}},
		{"What did Sokolov and Mäkelä sign?", true, []string{"Action Plan"}, nil},
		{"What is the population of Oslo?", false, nil, nil},
		{"When did Tamberg take over as head of the Southern Customs District?", true, []string{"March 2021"}, []string{"does not say"}},
		{"When did Lillemets become chief?", false, []string{"don't say when"}, []string{"Valga"}},
		{"Who is the Polish interior minister?", false, []string{"no one from Poland in that office"}, []string{"Aaltonen", "Kask"}},
		{"/meetings Orpo", false, []string{"never mention Orpo"}, []string{"Tallinn"}},
		{"meetings in Talinn", true, []string{"2 meeting(s) in Tallinn"}, []string{"Riga"}},
		{"who did aaltonen meet in talinn", true, []string{"Lauri Kask", `(I read "talinn" as "Tallinn".)`}, nil},
		{"Orpo meetings", false, []string{"never mention Orpo"}, nil},
		{"meetings about maritime surveillance", true, []string{"1 meeting(s) about maritime surveillance", "Andres Tamm"}, []string{"Rihards Ozols"}},
		{"meetings about cybersecurity", true, []string{"1 meeting(s) about cybersecurity", "Rihards Ozols"}, []string{"Andres Tamm"}},
		{"What did Estonia and Norway sign?", false, []string{"no agreement with Estonia and Norway as parties"}, nil},
		{"What did Finland and Estonia sign?", true, []string{"transfer of sentenced persons"}, nil},
		{"Which agreements were signed in 1850?", false, []string{"no agreements"}, nil},
	}
	for _, tt := range tests {
		r := ask(t, b, "unseen", tt.q)
		text := PlainText(r)
		if r.Found != tt.found {
			t.Errorf("%q: found=%v want %v\n%s", tt.q, r.Found, tt.found, text)
		}
		checkPhrases(t, tt.q, "answer", text, tt.want, nil)
		checkPhrases(t, tt.q, "answer", r.Text(), nil, tt.not)
	}
}

// TestRoleSummaries checks the first line of answers that pick people by
// role among several in one release (fictional people): both co-chairs,
// not the one whose office happens to share the question's country or
// place; the office holder a description fits best; the meetings a place
// held when the question names only the place.
func TestRoleSummaries(t *testing.T) {
	b := New(unseenBase(t), Options{})
	for _, tt := range []struct {
		q         string
		want, not []string
	}{
		{"Who co-chairs the Estonian-Latvian customs working group?", []string{"Heino Tamberg", "Juris Ozols-Kalns"}, []string{"Lillemets"}},
		{"Who co-chaired the Riga customs working group?", []string{"Heino Tamberg", "Juris Ozols-Kalns"}, nil},
		{"Who chaired the Estonian-Latvian customs working group?", []string{"Heino Tamberg", "Juris Ozols-Kalns"}, nil},
		{"Who is the head of the Riga Customs Office?", []string{"Juris Ozols-Kalns"}, []string{"Tamberg", "Several"}},
		{"Who is the head of the Estonian Defence Forces?", []string{"Margus Lillemets"}, []string{"Tamberg"}},
		{"Who is the chief of the Southern Customs District?", []string{"Heino Tamberg"}, []string{"Ozols"}},
		{"What was discussed in Valga?", []string{"Valga", "Juris Ozols-Kalns", "customs cooperation"}, nil},
		{"What topics were on the agenda in Valga?", []string{"Valga", "customs cooperation"}, nil},
		{"Which agreements were terminated in 2020?", []string{"1 agreement(s) reported terminated in releases of 2020"}, nil},
		{"Which agreements has Estonia terminated?", []string{"1 terminated agreement(s)"}, nil},
		{"/agreements Estonia", []string{"3 agreement(s)"}, []string{"terminated"}},
		{"Which Estonian officials are mentioned?", []string{"7 people fit"}, nil},
		{"Who are the customs officials?", []string{"2 people fit"}, nil},
		{"Which ambassadors are mentioned?", []string{"1 person fits"}, nil},
		{"Who is the Estonian interior minister?", []string{"3 people in that office", "most recent is Lauri Kask (Estonian Minister of the Interior)", "7 March 2023"}, []string{"Tamm", "Kivi"}},
		{"Who is the Estonian deputy interior minister?", []string{"Mart Kivi (Estonian Deputy Minister of the Interior)"}, []string{"Kask", "Tamm"}},
		{"Who was the Estonian interior minister in 2020?", []string{"In releases of 2020: Kalle Vaher"}, []string{"Kask", "Tamm"}},
	} {
		r := ask(t, b, "roles", tt.q)
		if !r.Found {
			t.Errorf("%q: not found: %s", tt.q, PlainText(r))
			continue
		}
		checkPhrases(t, tt.q, "summary", r.Summary, tt.want, tt.not)
	}
}

// TestQuestionForms covers question forms outside the eval sets: yes/no,
// a day, frequency, country-typed meetings, shared plural offices.
func TestQuestionForms(t *testing.T) {
	b := New(bothBase(t), Options{})
	tests := []struct {
		q     string
		found bool
		want  []string
		not   []string
	}{
		{"Did Risikko meet Kolokoltsev?", true, []string{"Yes", "Helsinki", "25 October 2017"}, nil},
		{"Did Orpo meet Damberg?", false, []string{"No"}, []string{"Yes"}},
		{"Has Kolokoltsev met anyone in Stockholm?", true, []string{"Yes", "Mikael Damberg"}, []string{"Risikko"}},
		{"What happened on 25 October 2017?", true, []string{"Paula Risikko", "Helsinki"}, []string{"summer 2017"}},
		{"What happened on 8 April?", true, []string{"1 meeting(s) on 8 April", "Alexander Bastrykin"}, []string{"Orpo"}},
		{"/meetings on 1 November 2019", true, []string{"Baltic Sea Task Force"}, []string{"Murmansk"}},
		{"How often does the Finland-Russia police working group meet?", true, []string{"once a year"}, nil},
		{"Which Russian officials did Finnish ministers meet?", true, []string{"Vladimir Kolokoltsev", "Alexander Konovalov"}, []string{"Damberg"}},
		{"Which Norwegian officials did Estonian ministers meet?", false, nil, []string{"Kolokoltsev"}},
		{"Who is Sandis Girgens?", true, []string{"Latvian Minister of the Interior"}, []string{"Lithuanian and Latvian"}},
		{"Who was Kolokoltsev's counterpart in Stockholm?", true, []string{"Mikael Damberg"}, []string{"Risikko"}},
		{"With whom did Orpo discuss illegal immigration?", true, []string{"Vladimir Kolokoltsev"}, nil},
		{"Who heads the North-West Customs Office?", true, []string{"Vladimir Vyunov"}, []string{"Kivilaakso ("}},
		{"When were the plans for 2018 adopted?", true, []string{"in summer 2017", "last summer"}, nil},
		{"What did the crime prevention committee discuss in Murmansk?", true, []string{"does not say what was discussed", "Finnish and Russian crime prevention committee"}, []string{"these matters were discussed:"}},
		{"What topics were discussed in Kirkenes?", true, []string{"Odlo", "border security"}, nil},
		{"When did Yngve Odlo take over as Chief of Joint Headquarters?", true, []string{"February 2021"}, []string{"does not say"}},
		{"When was Kolokoltsev appointed?", false, []string{"don't say when"}, nil},
		{"Who is the head of the North-West Customs Office?", true, []string{"Vladimir Vyunov"}, []string{"Popov", "Odlo", "Several"}},
		{"Who co-chairs the Russian-Finnish customs working group?", true, []string{"Tommi Kivilaakso (", "Vladimir Vyunov ("}, nil},
		{"Who is the Minister of Internal Affairs?", true, []string{"Kolokoltsev"}, []string{"Damberg"}},
		{"Who hosted the BSTF annual strategic meeting?", true, []string{"Federal Ministry of the Interior, Building and Community of Germany and the BSTF Secretariat hosted"}, []string{"Krings (Parliamentary"}},
		{"Who received Bastrykin?", true, []string{"Mikko Paatero"}, nil},
		{"Which agreements has Finland terminated?", true, []string{"1 terminated agreement(s)", "cross-border cooperation agreement"}, []string{"Memorandum of Understanding on migration"}},
		{"Which agreements are still in force?", true, []string{"8 in force agreement(s)", "treaties", "crime prevention agreement"}, []string{"cross-border cooperation agreement"}},
		{"What agreements did Lithuania end?", false, []string{"no terminated agreements"}, nil},
		{"What did Konovalov sign?", false, []string{"no agreement signed by Alexander Konovalov"}, []string{"Häkkänen met"}},
		{"Did Konovalov sign anything?", false, []string{"no agreement signed by Alexander Konovalov"}, nil},
		{"What did Orpo and Kolokoltsev sign?", false, []string{"no agreement signed by Petteri Orpo and Vladimir Kolokoltsev"}, nil},
		{"Has Damberg signed any agreement?", true, []string{"agreement on police cooperation in the border area"}, nil},
		{"How many joint operations were there?", false, []string{"no figure"}, []string{"counterfeiting"}},
		{"How many delegates attended the BSTF meeting?", false, []string{"no figure"}, nil},
		{"How many countries met in Riga?", true, []string{"Finland, Norway, Estonia, Lithuania, Latvia and Poland"}, nil},
		{"How many asylum seekers arrived in Finland in November 2023?", true, []string{"900"}, nil},
		{"How long did the customs meeting last?", true, []string{"two-day"}, []string{"Murmansk"}},
		{"How many agreements did Damberg sign?", true, []string{"1 agreement(s)", "police cooperation in the border area"}, nil},
		{"What will the Joint Commission be responsible for?", true, []string{"It will be responsible for control of the maintenance of the state border"}, nil},
		{"meetings about Schengen", true, []string{"1 meeting(s) about schengen", "Petteri Orpo"}, []string{"Konovalov"}},
		{"kolokoltsev meetings", true, []string{"3 meeting(s) with Vladimir Kolokoltsev"}, nil},
		{"Who leads the Finnish police?", true, []string{"Mikko Paatero (National Commissar of the Finnish Police)"}, []string{"Kolokoltsev"}},
		{"When did Merkel visit Helsinki?", false, []string{"never mention Merkel"}, []string{"8 April"}},
		{"Did Kolokoltsev meet Merkel?", false, []string{"No: the releases never mention Merkel."}, []string{"Yes"}},
		{"Who did Risikko meet in December?", false, []string{"no meeting of Paula Risikko in December"}, []string{"Kolokoltsev"}},
		{"Which meetings took place in May 2019?", true, []string{"1 meeting(s) in May 2019", "Petrozavodsk"}, []string{"Murmansk"}},
		{"Who met Kolokoltsev and Merkel?", false, []string{"never mention Merkel"}, []string{"Risikko"}},
		{"Quickly: who did Kolokoltsev meet?", true, []string{"met Petteri Orpo, Paula Risikko"}, []string{"never mention"}},
		{"Where did Merkel meet Kolokoltsev?", false, []string{"never mention Merkel"}, []string{"Helsinki"}},
		{"What did Merkel and Kolokoltsev discuss?", false, []string{"never mention Merkel"}, []string{"migration"}},
		{"Which agreements did Merkel sign?", false, []string{"never mention Merkel"}, []string{"Memorandum"}},
		{"Which Danish officials are mentioned?", false, []string{"no one from Denmark"}, []string{"Stermann"}},
		{"Who are the Estonian ministers?", false, []string{"no one from Estonia"}, []string{"Rantanen"}},
		{"Who leads the Norwegian Joint Headquarters?", true, []string{"Yngve Odlo ("}, []string{"Maslov ("}},
		{"who did kolokoltsev meet in Stokholm", true, []string{"met Mikael Damberg."}, []string{"Risikko"}},
		{"wher did risikko and kolokoltsev meet", true, []string{"met in Helsinki", `(I read "wher" as "where".)`}, nil},
		{"who met kolokoltsov", true, []string{"Paula Risikko", `(I read "kolokoltsov" as "Kolokoltsev".)`}, nil}, // the name as the releases spell it
		{"who met misiunaas", true, []string{"Sandis Girgens", `(I read "misiunaas" as "Misiūnas".)`}, nil},
		{"which meetigns took place in helsinki", true, []string{"in Helsinki:", `(I read "meetigns" as "meetings".)`}, []string{"Stockholm"}},
		{"Where will the next meeting be held?", false, []string{"don't say where the next meeting"}, []string{"Murmansk"}},
		{"Which memorandum did Finland and Russia sign in 2016?", true, []string{"Memorandum of Understanding"}, nil},
		{"How long was the customs working group meeting in Saint Petersburg?", true, []string{"two-day"}, nil},
		// who attended: the meetings there and their participants
		{"Who attended the meeting in Petrozavodsk?", true, []string{"Risto Lammi (", "Pjotr Popov ("}, nil},
		{"Who participated in the Berlin meeting?", true, []string{"Günter Krings (", "Simon Stermann ("}, nil},
		{"Which agencies took part in the Petrozavodsk meeting?", true, []string{"Police Department of the Finnish Ministry of the Interior"}, nil},
		{"Who took part in the Murmansk meeting?", true, []string{"Vitaly Zaikov ("}, nil},
		{"What positions does Bastrykin hold?", true, []string{"Chairman of the Russia’s Investigative Committee"}, nil},
		// a measure needs a figure; a duration may be dates
		{"How long is the Lithuanian-Latvian border?", false, []string{"no figure"}, []string{"Riga"}},
		{"How long is the BSTF meeting?", true, []string{"31st October – 1st November 2019"}, []string{"no figure"}},
		// of a sentence's dates, the one the question's words stand by
		{"When did Finland decide to close the border crossing points?", true, []string{"22 November 2023, going by this sentence", "decision of 22 November 2023"}, []string{"meeting took place"}},
		// a field the release does not give is not found, with what it says
		{"When will the Lithuania-Latvia agreement enter into force?", false, []string{"don't say when the agreement", "enters into force", "Within six months of the entry into force", "It was signed on"}, []string{"was signed on the date of the release, 19 July 2019 (the release gives no other date).\nSigned by"}},
		{"When does the Finland-Sweden police agreement enter into force?", false, []string{"don't say when the agreement on police cooperation in the border area enters into force", "19 October 2021"}, nil},
		{"When does the Finland-Sweden police agreement expire?", false, []string{"expires or ends"}, nil},
		// an agreement between countries the releases never pair
		{"When was the Finnish-Polish police agreement signed?", false, []string{"no agreement between Finland and Poland"}, []string{"2012", "Riga"}},
		{"Who signed the Finnish-Polish police agreement?", false, []string{"no agreement between Finland and Poland"}, []string{"2012"}},
		{"When does the Finnish-Polish police agreement expire?", false, []string{"no agreement between Finland and Poland"}, []string{"24 January 2024"}},
		{"When was the Finland-Norway-Russia protocol signed?", true, []string{"25 September 2019"}, []string{"no agreement between"}},
		// what a meeting agreed or decided: results first, no background
		{"What did Kolokoltsev and Damberg agree on?", true, []string{"From the meeting in Stockholm (1 January 2020)", "The parties agree that", "confirmed their readiness"}, []string{"Risikko", "Today in Stockholm"}},
		{"What did Orpo and Kolokoltsev agree on?", true, []string{"new forms of cooperation should be agreed"}, []string{"Stockholm"}},
		{"What was decided in Murmansk?", true, []string{"From 2 meetings", "The plans for 2018 were adopted", "tripartite protocol was signed"}, nil},
		{"What was the outcome of the Helsinki meeting?", true, []string{"managed to drive things forward", "Helsinki (19 July 2019)"}, []string{"Last year, Finland and Russia signed", "September 2011"}},
		{"What did Häkkänen and Konovalov agree?", false, []string{"does not say what was agreed or decided at the meeting in Moscow"}, []string{"Prosecutor General"}},
		{"What were the results of the Petrozavodsk meeting?", false, []string{"does not say what was agreed or decided"}, nil},
		// when an agreement was ended: not its signing date
		{"When did Finland terminate the agreement?", true, []string{"only a day of the week", "on Thursday"}, []string{"2012,"}},
		// a plural meets its singular ("crimes", "offence")
		{"Which offences count as serious crimes under the agreement?", true, []string{"rape, aggravated assault and homicide"}, nil},
		// the releases that mention something, each once
		{"Which releases mention drugs?", true, []string{"4 release(s) mention drugs:", "004_90fdd230b0fe3864.txt (1 January 2020): Particular emphasis"}, nil},
		{"which documents talk about cybercrime", true, []string{"2 release(s) mention cybercrime:"}, nil},
		{"Which releases mention Merkel?", false, []string{"No release mentions that."}, nil},
		// describe a meeting: who, when and what was discussed
		{"Tell me about the Murmansk meeting", true, []string{"Finland-Norway-Russia group on law enforcement cooperation in Murmansk (25 September 2019)", "psychoactive substances"}, nil},
		{"Summarize the Stockholm meeting", true, []string{"At the meeting in Stockholm (1 January 2020), Vladimir Kolokoltsev and Mikael Damberg discussed"}, []string{"never mention"}},
		{"Describe the talks in Vantaa", true, []string{"Petteri Orpo", "illegal migration"}, []string{"never mention"}},
		{"Tell me about Kolokoltsev", true, []string{"Minister of Internal Affairs"}, nil},
		{"Who accompanied Kolokoltsev to Helsinki?", true, []string{"Olga Kirillova (", "Andrey Khrapov ("}, nil},
		// what someone said: each thing the release quotes them saying
		{"What did Risikko say about the meeting with Kolokoltsev?", true, []string{"fruitful conversation", "extremely important"}, nil},
		// a count of people of any kind, a cause the sentence gives, a
		// who-met question in the perfect
		{"How many people had come to Finland from Russia without a visa?", true, []string{"a thousand people"}, nil},
		{"Why did Finland terminate the cross-border cooperation agreement?", true, []string{"citing concerns over border security"}, nil},
		{"Which officials has Kolokoltsev held talks with?", true, []string{"Paula Risikko", "Mikael Damberg"}, nil},
		// a body the question names must be the one that met: the police
		// working group met in Petrozavodsk, not in Murmansk
		{"When did the Finnish-Russian police working group meet in Murmansk?", false, nil, []string{"25 September 2019"}},
		{"How often does the Finland-Russia police working group meet?", true, []string{"once a year"}, nil},
		// each time the release tells the person doing what was asked
		{"What did Minister Rantanen brief her colleagues about?", true, []string{"border security act", "civil defence system"}, nil},
		// topics over all meetings, the most frequent first
		{"Which topics were discussed most often?", true, []string{"across 16 meetings:", "• border security (8 meeting(s))\n• illegal migration (5 meeting(s))"}, nil},
		{"What were the main topics in Murmansk?", true, []string{"Murmansk (25 September 2019)"}, []string{"across 16 meetings"}},
	}
	for _, tt := range tests {
		r := ask(t, b, "forms", tt.q)
		text := r.Text()
		if r.Found != tt.found {
			t.Errorf("%q: found=%v want %v\n%s", tt.q, r.Found, tt.found, PlainText(r))
		}
		checkPhrases(t, tt.q, "answer", text, tt.want, tt.not)
	}
}

// TestNamedEntitiesMustMatch: questions naming people, places, countries
// or years that the releases never put together get no answer from some
// other release.
func TestNamedEntitiesMustMatch(t *testing.T) {
	b := New(bothBase(t), Options{})
	for _, q := range []string{
		"When did Risikko meet Damberg?",
		"Where did Orpo meet Konovalov?",
		"What did Häkkänen and Damberg discuss?",
		"When did Kolokoltsev visit Berlin?",
		"What agreement did Norway sign with Sweden?",
		"How many asylum seekers arrived in Sweden in 2015?",
		"Did Orpo meet Damberg?",
	} {
		r := ask(t, b, "entities", q)
		if r.Found || len(r.Sources) > 0 {
			t.Errorf("%q answered from an unrelated release:\n%s", q, PlainText(r))
		}
	}
}

// TestMeetingListsAgree checks that lists of meetings read from the
// base's index (meetingIndexLists) answer, and leave the conversation, as
// filtering and sorting every meeting does, for each person, place,
// country and year of the releases, alone, together, and with days and
// topics.
func TestMeetingListsAgree(t *testing.T) {
	b := bothBase(t)
	var qs []string
	seen := map[string]bool{}
	add := func(q string) {
		if !seen[q] {
			seen[q] = true
			qs = append(qs, q)
		}
	}
	add("/meetings")
	add("/meetings 1871")
	for _, m := range b.Meetings {
		y := m.Date.Year
		if y == 0 {
			y = b.Docs[m.Doc].Date.Year
		}
		add(fmt.Sprintf("/meetings %d", y))
		add(fmt.Sprintf("Which meetings took place in %d and %d?", y, y+1))
		if d := m.Date; d.Day != 0 {
			add("Which meetings took place on " + d.Human() + "?")
		}
		for _, pl := range m.Places {
			add("/meetings " + pl.Name)
			add(fmt.Sprintf("Which meetings took place in %s in %d?", pl.Name, y))
			add(fmt.Sprintf("Which meetings took place in %s or Helsinki in %d?", pl.Name, y))
			add("/meetings " + pl.Country)
			add(fmt.Sprintf("/meetings %s %d", pl.Country, y))
		}
		for _, tp := range m.Topics {
			add(fmt.Sprintf("Which meetings in %d discussed %s?", y, tp.Name))
		}
		for i, id := range m.Participants {
			q := b.People[id]
			add("/meetings " + q.Name)
			add(fmt.Sprintf("/meetings %s %d", q.Name, y))
			for _, pl := range m.Places {
				add(fmt.Sprintf("/meetings %s in %s %d", q.Name, pl.Name, y))
				add(fmt.Sprintf("/meetings %s in %s", q.Name, pl.Country))
			}
			for _, tp := range m.Topics {
				add(fmt.Sprintf("Which meetings with %s discussed %s?", q.Name, tp.Name))
			}
			if i > 0 {
				add(fmt.Sprintf("/meetings %s %s", b.People[m.Participants[0]].Name, q.Name))
			}
		}
	}
	if len(qs) < 50 {
		t.Fatalf("only %d questions", len(qs))
	}
	want, wantMem, _ := answersWith(b, qs, &meetingIndexLists, false, nil)
	got, gotMem, _ := answersWith(b, qs, &meetingIndexLists, true, nil)
	sameAnswers(t, qs, got, gotMem, want, wantMem)
	listed := 0
	for i := range qs {
		if len(got[i].Details) > maxListed {
			listed++
		}
	}
	if listed == 0 {
		t.Errorf("no question lists more than %d meetings", maxListed)
	}
	// a list shows the first meetings, counts the rest and remembers the
	// last
	for n := 1; n <= 2*maxListed && n <= len(b.Meetings); n++ {
		ms := b.Meetings[:n]
		mem := convo{}
		a := &answerer{b: b, mem: &mem}
		r := a.describeMeetings(&query{parsed: parsed{intent: IntentMeetings}}, ms, []string{"note"}, "")
		want := min(n, maxListed) + 1
		if n > maxListed {
			want++
		}
		if len(r.Details) != want || mem.lastMeeting() != ms[n-1].ID || !slices.Equal(mem.people, ms[n-1].Participants) {
			t.Errorf("%d meetings: %d details, remembered meeting %d; want %d details, meeting %d", n, len(r.Details), mem.lastMeeting(), want, ms[n-1].ID)
		}
	}
}

// answersWith answers each of qs in a new conversation with *flag set to
// on (true again after), and returns the replies, the conversations and
// for how many answerers count (when not nil) held.
func answersWith(b *knowledge.Base, qs []string, flag *bool, on bool, count func(*answerer) bool) ([]Reply, []convo, int) {
	*flag = on
	defer func() { *flag = true }()
	var rs []Reply
	var mems []convo
	n := 0
	for _, q := range qs {
		mem := convo{}
		a := &answerer{b: b, mem: &mem}
		rs = append(rs, a.answer(q))
		mems = append(mems, mem)
		if count != nil && count(a) {
			n++
		}
	}
	return rs, mems, n
}

// sameAnswers reports each question whose reply or conversation differs.
func sameAnswers(t *testing.T, qs []string, got []Reply, gotMem []convo, want []Reply, wantMem []convo) {
	t.Helper()
	for i, q := range qs {
		if !reflect.DeepEqual(got[i], want[i]) || !reflect.DeepEqual(gotMem[i], wantMem[i]) {
			t.Errorf("%q:\n%s\n%+v\nwant\n%s\n%+v", q, PlainText(got[i]), gotMem[i], PlainText(want[i]), wantMem[i])
		}
	}
}

// TestCoverGateAgrees checks that answers skipping the rankings no hit of
// which can reach minCoverage (coverGate) are those ranking gives, and
// leave the conversation alike, for the question sets, questions about
// nothing the releases hold, and word mixes drawn from their sentences.
func TestCoverGateAgrees(t *testing.T) {
	b := bothBase(t)
	qs := []string{"What was said about deep-sea mining licences?", "Where did Zorbri Vunmeytov and Zorvun Quabrimey meet?",
		"/sources deep-sea mining", "Who opened the zorquaxel bridge?", "When was the zorquaxel agreement signed?",
		"Which meetings discussed zorquaxel?", "How many zorquaxel were seized?"}
	for _, f := range []string{"testdata/seed-questions.jsonl", "testdata/extra-questions.jsonl"} {
		for _, q := range loadEval(t, f) {
			qs = append(qs, q.Question)
		}
	}
	rng := rand.New(rand.NewPCG(3, 5))
	for i := 0; i < 200; i++ {
		var ws []string
		for j := 0; j < 2+rng.IntN(4); j++ {
			f := strings.Fields(b.Sentences[rng.IntN(len(b.Sentences))].Text)
			ws = append(ws, f[rng.IntN(len(f))])
		}
		lead := []string{"What about ", "Who ", "Where was ", "When was ", "/sources ", "what did "}[i%6]
		qs = append(qs, lead+strings.Join(ws, " ")+"?")
	}
	want, wantMem, _ := answersWith(b, qs, &coverGate, false, nil)
	got, gotMem, gated := answersWith(b, qs, &coverGate, true, func(a *answerer) bool { return a.coverDone && !a.cover })
	sameAnswers(t, qs, got, gotMem, want, wantMem)
	if gated < 20 {
		t.Errorf("only %d of %d questions skipped ranking", gated, len(qs))
	}
}

// TestResolveNamesTyped checks that when reading lower-case words as
// possible names makes no difference, as resolveNamesTyped reports, the
// names are those read without it: the answerer then reads the question
// once.
func TestResolveNamesTyped(t *testing.T) {
	b := bothBase(t)
	var qs []string
	for _, f := range []string{"testdata/seed-questions.jsonl", "testdata/extra-questions.jsonl"} {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
			var q struct{ Question string }
			if err := json.Unmarshal([]byte(line), &q); err != nil {
				t.Fatal(err)
			}
			qs = append(qs, q.Question, strings.ToLower(q.Question))
		}
	}
	qs = append(qs, "who met kolokoltsov", "who met Kolokoltsov", "who did kolokoltsev meet", "meetings in helsinki 2017")
	same := 0
	for _, q := range qs {
		for _, personal := range []bool{true, false} {
			n, mattered := resolveNamesTyped(b, q, personal)
			if !reflect.DeepEqual(n, resolveNames(b, q, personal)) {
				t.Fatalf("%q (personal %v): resolveNamesTyped differs from resolveNames", q, personal)
			}
			if mattered {
				continue
			}
			same++
			if other := resolveNames(b, q, !personal); !reflect.DeepEqual(n, other) {
				t.Errorf("%q: personal %v said to make no difference, but names differ:\n%+v\n%+v", q, personal, n, other)
			}
		}
	}
	if same < len(qs)/2 {
		t.Fatalf("only %d of %d readings said to be the same either way", same, 2*len(qs))
	}
}

// TestOnDay checks which meeting dates hold a day a question names, with
// and without its year.
func TestOnDay(t *testing.T) {
	d := ymd
	span := dateSpan(d(2024, 5, 23), d(2024, 5, 24))
	for _, tc := range []struct {
		meeting, day dates.Date
		want         bool
	}{
		{d(2017, 10, 25), d(2017, 10, 25), true},
		{d(2017, 10, 25), d(2018, 10, 25), false},
		{d(2017, 10, 25), d(0, 10, 25), true},
		{d(2017, 10, 25), d(0, 10, 26), false},
		{d(0, 4, 8), d(0, 4, 8), true},
		{d(0, 4, 8), d(0, 4, 9), false},
		{d(0, 4, 8), d(2014, 4, 8), false}, // the meeting's year is unknown
		{span, d(0, 5, 24), true},
		{span, d(0, 5, 22), false},
		{span, d(2024, 5, 24), true},
		{d(2017, 10, 0), d(0, 10, 25), false}, // a month is too vague
		{d(2017, 10, 0), d(2017, 10, 25), true},
		{dates.Date{}, d(0, 10, 25), false},
	} {
		if got := onDay(tc.meeting, tc.day); got != tc.want {
			t.Errorf("onDay(%+v, %+v) = %v, want %v", tc.meeting, tc.day, got, tc.want)
		}
	}
}

// TestListsPeople checks which questions ask for a list of people of a
// kind, and who is on the list.
func TestListsPeople(t *testing.T) {
	b := New(unseenBase(t), Options{})
	for _, tt := range []struct {
		q         string
		list      bool
		want, not []string
	}{
		{"Which Estonian officials are mentioned?", true, []string{"Lauri Kask", "Heino Tamberg", "Margus Lillemets"}, []string{"Ozols-Kalns", "Aaltonen"}},
		{"Who are the customs officials?", true, []string{"Heino Tamberg", "Juris Ozols-Kalns"}, []string{"Lillemets"}},
		{"Which ambassadors are mentioned?", true, []string{"Rune Resaland"}, []string{"Kolokoltsev ("}},
		{"list all people from Norway", true, []string{"Emilie Mehl Bergstrom", "Sten Hagen"}, []string{"Gunnar Holm"}},
		{"Who are the interior ministers?", true, []string{"Krista Aaltonen", "Lauri Kask", "Agne Bilotaite", "Vladimir Kolokoltsev"}, []string{"Maris Lauri"}},
		{"Which kinds of joint river operations by customs officers were planned?", false, nil, nil},
		{"What did the ministers agree to establish?", false, nil, nil},
		{"Which kinds of joint operations did the customs officers consider?", false, nil, nil},
		{"Which ministers met in Tallinn?", false, nil, nil},
		{"Which officials signed the agreement?", false, nil, nil},
		{"Who is the Estonian interior minister?", false, nil, nil},
		{"/who-is ministers", false, nil, nil},
	} {
		p := parse(tt.q)
		n := resolveNames(b.Base(), p.text, false)
		if got := listsPeople(&query{parsed: p, names: n}); got != tt.list {
			t.Errorf("listsPeople(%q) = %v, want %v", tt.q, got, tt.list)
			continue
		}
		if !tt.list {
			continue
		}
		r := ask(t, b, "lists", tt.q)
		text := strings.Join(r.Details, "\n") // the list, not the quotes
		if !r.Found || !strings.Contains(r.Summary, " fit") {
			t.Errorf("%q: not a list of people: %s", tt.q, PlainText(r))
		}
		checkPhrases(t, tt.q, "list", text, tt.want, tt.not)
	}
}

// TestOfficeIndexFollowsBase: the office index answers from the base in
// use, and a new base drops the old index (which would keep the old base
// in memory) until a question needs one again.
func TestOfficeIndexFollowsBase(t *testing.T) {
	unseen := unseenBase(t)
	b := New(unseen, Options{})
	if r := ask(t, b, "idx", "Who is the head of the Riga Customs Office?"); !strings.Contains(r.Summary, "Juris Ozols-Kalns") {
		t.Fatalf("unseen base: %s", PlainText(r))
	}
	if x := b.offices.Load(); x == nil || x.base != unseen {
		t.Fatal("no office index of the base in use")
	}
	b.SetBase(bothBase(t))
	if b.offices.Load() != nil {
		t.Error("the old base's office index was kept")
	}
	if r := ask(t, b, "idx", "Who is the head of the North-West Customs Office?"); !strings.Contains(r.Summary, "Vladimir Vyunov") {
		t.Errorf("new base: %s", PlainText(r))
	}
	if x := b.offices.Load(); x == nil || x.base != b.Base() {
		t.Error("no office index of the new base")
	}
}

// TestSignedFollowUp: "what did he sign?" after a question about someone
// asks about what that person signed.
func TestSignedFollowUp(t *testing.T) {
	b := New(bothBase(t), Options{})
	for _, tc := range []struct{ first, want string }{
		{"who is konovalov", "no agreement signed by Alexander Konovalov"},
		{"who is damberg", "agreement on police cooperation in the border area"},
	} {
		room := "follow-" + tc.first
		ask(t, b, room, tc.first)
		if r := ask(t, b, room, "what did he sign?"); !strings.Contains(PlainText(r), tc.want) {
			t.Errorf("after %q: %s", tc.first, PlainText(r))
		}
	}
	ask(t, b, "follow-sign", "What did Konovalov sign?")
	if r := ask(t, b, "follow-sign", "who did he meet?"); !strings.Contains(r.Summary, "Alexander Konovalov") {
		t.Errorf("after a signature not found: %s", PlainText(r))
	}
}

// TestHasFigure checks what counts as a figure in an answer to "how
// many": numbers and number words, not years or the days of dates.
func TestHasFigure(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want bool
	}{
		{"Around 900 asylum seekers arrived in November 2023.", true},
		{"approximately a thousand people have come", true},
		{"A two-day meeting has begun.", true},
		{"Some 1,250 people were refused entry.", true},
		{"Crime fell by 12% in 2019.", true},
		{"On 31st October – 1st November 2019 the Ministry hosted the meeting.", false},
		{"The ministers met on May 24, 2024 in Riga.", false},
		{"The agreement was signed in 2012.", false},
		{"The parties discussed joint operations.", false},
		{"It was held on 24 Nov.", false},
		{"The ministers met in Riga on 23 and 24 May.", false},
		{"They arrested 23 and seized 40 kilograms in May.", true},
	} {
		if got := hasFigure(tc.s); got != tc.want {
			t.Errorf("hasFigure(%q) = %v, want %v", tc.s, got, tc.want)
		}
	}
}

func TestNearestDate(t *testing.T) {
	release := dates.Date{Year: 2023, Month: 11, Day: 24}
	for _, tc := range []struct {
		text, asked string
		want        string // ISO date, or "" for no choice
	}{
		{"The ambassador visited the ministry on 24 November to inform on the decision of 22 November 2023 to close the crossing points.",
			"decide close crossing points", "2023-11-22"},
		{"The ambassador visited the ministry on 24 November to inform on the decision of 22 November 2023 to close the crossing points.",
			"ambassador visit ministry", "2023-11-24"},
		{"The agreement was signed on 3 March 2020 and enters into force on 1 January 2021.", "force", "2021-01-01"},
		{"The agreement was signed on 3 March 2020 and enters into force on 1 January 2021.", "signed", "2020-03-03"},
		{"The agreement was signed on 3 March 2020.", "signed", ""},                                          // one date: nothing to choose
		{"The agreement was signed on 3 March 2020 and enters into force on 1 January 2021.", "weather", ""}, // no asked word
		{"From 3 March 2020 reports 1 January 2021 on.", "report", ""},                                       // a tie
	} {
		asked := map[string]bool{}
		for _, w := range lang.Terms(tc.asked) {
			asked[w] = true
		}
		d, ok := nearestDate(tc.text, dates.DatesIn(tc.text, release), asked)
		got := ""
		if ok {
			got = d.ISO()
		}
		if got != tc.want {
			t.Errorf("nearestDate(%q, %q) = %q, want %q", tc.text, tc.asked, got, tc.want)
		}
	}
}

func TestHyphenCountries(t *testing.T) {
	for _, tc := range []struct {
		w    string
		want []string
	}{
		{"finnish-polish", []string{"Finland", "Poland"}},
		{"finland-norway-russia", []string{"Finland", "Norway", "Russia"}},
		{"lithuanian-latvian", []string{"Lithuania", "Latvia"}},
		{"cross-border", nil},
		{"finnish-led", nil},
		{"finnish", nil},
	} {
		if got := hyphenCountries(tc.w); !slices.Equal(got, tc.want) {
			t.Errorf("hyphenCountries(%q) = %q, want %q", tc.w, got, tc.want)
		}
	}
}

// checkPhrases fails unless text, the part of the answer to q named by
// what ("answer", "summary", "list"), holds every phrase of want and none
// of not.
func checkPhrases(t *testing.T, q, what, text string, want, not []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("%q: %s lacks %q:\n%s", q, what, w, text)
		}
	}
	for _, w := range not {
		if strings.Contains(text, w) {
			t.Errorf("%q: %s has %q:\n%s", q, what, w, text)
		}
	}
}

// TestCorrectGrammar checks which mistyped grammar words are corrected:
// one edit away (two for long words) from exactly one of them, or the
// start of one; never a word of the releases, a name, or a word already
// right.
func TestCorrectGrammar(t *testing.T) {
	b := bothBase(t)
	for _, tc := range []struct{ in, want string }{
		{"wher did Risikko meet Kolokoltsev", "where did Risikko meet Kolokoltsev"},
		{"which meetigns took place", "which meetings took place"},
		{"what agrements did Finland sign", "what agreements did Finland sign"},
		{"wen did they meet", "when did they meet"},
		{"who met Kolokoltsov", "who met Kolokoltsov"}, // a name: resolved elsewhere
		{"what was said about migration", "what was said about migration"},
		{"which meetings took place", "which meetings took place"},
		{"wht did they sign", "wht did they sign"},                         // "what" and "who" are both one edit away
		{"tell me about official visits", "tell me about official visits"}, // a form of "visit", not a typo
		{"anything on signing ceremonies", "anything on signing ceremonies"},
	} {
		if got, _ := correctGrammar(b, tc.in); got != tc.want {
			t.Errorf("correctGrammar(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	// a mistyped surname one edit from a grammar word is left to name
	// resolution
	bl := knowledge.NewBuilder()
	bl.Add("a.txt", []byte("Ministers meet in Turku\n\nMinister of the Interior Anna Helle met Minister of Justice Piet Vos in Turku on 3 May 2021."))
	if got, notes := correctGrammar(bl.Build(), "who is Helde"); got != "who is Helde" || len(notes) != 0 {
		t.Errorf("a mistyped name was read as a grammar word: %q %v", got, notes)
	}
}

// TestInMonth checks which meetings a month without a day holds: by the
// meeting's date or range, by its release's date when it has none, never
// by a season or a bare year.
func TestInMonth(t *testing.T) {
	d := ymd
	span := dateSpan(d(2019, 10, 31), d(2019, 11, 1))
	pub := d(2017, 10, 25)
	for _, tc := range []struct {
		meeting, month dates.Date
		want           bool
	}{
		{d(2017, 10, 25), d(0, 10, 0), true},
		{d(2017, 10, 25), d(2017, 10, 0), true},
		{d(2017, 10, 25), d(2018, 10, 0), false},
		{d(2017, 10, 25), d(0, 11, 0), false},
		{span, d(0, 11, 0), true},
		{span, d(2019, 12, 0), false},
		{dates.Date{}, d(0, 10, 0), true}, // undated: the release of 25 October 2017
		{dates.Date{}, d(0, 9, 0), false},
		{dates.Date{Year: 2017, Season: "summer"}, d(0, 10, 0), false},
		{d(2017, 0, 0), d(2017, 10, 0), false},
	} {
		if got := inMonth(&knowledge.Meeting{Date: tc.meeting}, tc.month, pub); got != tc.want {
			t.Errorf("inMonth(%+v, %+v) = %v, want %v", tc.meeting, tc.month, got, tc.want)
		}
	}
}

// ymd is a date of the fact base (0 for an unknown part).
func ymd(y, m, d int) dates.Date { return dates.Date{Year: y, Month: m, Day: d} }

// dateSpan is the date from from to to.
func dateSpan(from, to dates.Date) dates.Date {
	from.End = &to
	return from
}

// TestFailureClasses covers the five classes of wrong answers seen on
// releases and questions nobody tuned for, over fictional releases
// (testdata/classes): each row names its class.
func TestFailureClasses(t *testing.T) {
	b := New(classesBase(t), Options{})
	tests := []struct {
		class int
		q     string
		found bool
		want  []string
		not   []string
	}{
		// 1: "not found" although a release states the answer
		{1, "When was the Lithuanian-Belarusian interior ministries agreement concluded?", true, []string{"1995"}, nil},
		{1, "What did the Lithuanian ministry suspend in February 2023?", true, []string{"border demarcation protocol"}, nil},
		{1, "Since when had Lithuania and Belarus been holding the border talks?", true, []string{"October 2019"}, nil},
		// ... said with a generic verb the index drops ("give")
		{1, "What did Hallikainen give to the Estonian board?", true, []string{"thermal imaging cameras"}, nil},
		{1, "What was given to the Estonian hosts?", true, []string{"thermal imaging cameras"}, nil},
		// 2: the answer must hold what was asked: a person, a figure,
		// countries, a date
		{2, "Who received the Finnish guests?", true, []string{"Egert Belitsev"}, nil},
		{2, "How many lorries cross the Narva border point every day?", true, []string{"1,240"}, nil},
		{2, "Within how many days must a country take back its own nationals?", true, []string{"30 days"}, nil},
		{2, "Which countries took part in the drone demonstration?", true, []string{"Finland, Latvia and Lithuania."}, nil},
		{2, "Which country asked the European Commission for funding together with Lithuania?", true, []string{"Latvia."}, nil},
		{2, "Who hosted the visit to Narva?", true, []string{"Police and Border Guard Board"}, nil},
		{2, "What is the annual budget of the Baltic Border Centre?", true, []string{"4.2 million euros"}, nil},
		// 3: ordinary words are not names
		{3, "Which facility did the Finnish delegation visit besides the border crossing point?", true, []string{"Koidula training centre"}, []string{"never mention", "no meetings with"}},
		{3, "Together with which country did Lithuania ask for funding?", true, []string{"Latvia"}, []string{"never mention"}},
		{3, "Who else visited the Koidula training centre?", true, []string{"Hallikainen"}, []string{"never mention", "no meetings with"}},
		// 4: the right kind of thing, and the right one of its kind
		{4, "When was the readmission agreement signed?", true, []string{"13 June 2022"}, []string{"2004"}},
		{4, "When was the police cooperation agreement between Estonia and Latvia signed?", true, []string{"2004"}, []string{"13 June"}},
		{4, "/agreements Latvia", true, []string{"2 agreement(s)", "readmission", "police cooperation"}, []string{"1995"}},
		{4, "Why did Lithuania suspend the talks with Belarus?", true, []string{"repeated incidents"}, nil},
		// 5: no answer where the releases give none
		{5, "When did Lepik sign the police cooperation agreement?", false, []string{"don't report Mart Lepik signing"}, nil},
		{5, "How did Belarus respond to the suspension of the talks?", false, nil, []string{"suspended"}},
		{5, "How did Lukashenko react to the decision?", false, []string{"never mention Lukashenko"}, nil},
		{5, "Did Vaitkute meet Lepik?", false, []string{"No"}, []string{"Yes"}},
		{5, "What is the population of Narva?", false, nil, nil},
		{5, "What is the budget of Frontex?", false, nil, []string{"4.2 million"}},
		{5, "How many lorries cross the Latvian border every day?", false, nil, nil},
		{5, "How long is the border between Estonia and Latvia?", false, []string{"no figure"}, nil},
	}
	for _, tt := range tests {
		r := ask(t, b, fmt.Sprint("class", tt.class), tt.q)
		text := PlainText(r)
		if r.Found != tt.found {
			t.Errorf("class %d %q: found=%v want %v\n%s", tt.class, tt.q, r.Found, tt.found, text)
		}
		checkPhrases(t, tt.q, "answer", text, tt.want, nil)
		checkPhrases(t, tt.q, "answer", r.Text(), nil, tt.not)
	}
}
