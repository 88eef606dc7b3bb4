// Package knowledge builds Liaison's fact base from a folder of press
// releases: documents with their titles and dates, people with their
// offices and countries, meetings, agreements, topics and the sentences
// that carry figures and statements. Every fact keeps its evidence (the
// release and the sentence). The package is pure: no chat platform, no
// network; building is one pass over each release.
package knowledge

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"liaison/knowledge/index"
	"liaison/knowledge/lang"
	"liaison/knowledge/page"
	"os"
	"runtime"
	"time"
)

// Sentence is one sentence of one release.
type Sentence struct {
	// Doc indexes Base.Docs.
	Doc int `json:"doc"`
	// Text is the sentence as written (white space collapsed).
	Text string `json:"text"`
	// Title is true for a release's headline.
	Title bool `json:"title,omitempty"`
	// Contact is true for a contact line ("Name, Title, tel. ...").
	Contact bool `json:"contact,omitempty"`
}

// Base is a built fact base. It is read-only once built and safe for
// concurrent readers; a reload builds a new Base.
type Base struct {
	Docs       []*Document  `json:"documents"`
	Sentences  []Sentence   `json:"-"`
	People     []*Person    `json:"people"`
	Meetings   []*Meeting   `json:"meetings"`
	Agreements []*Agreement `json:"agreements"`
	// Figures index sentences that carry numbers or quoted statements.
	Figures []int `json:"-"`
	// Skipped lists releases that could not be loaded, with the reason.
	Skipped []Skipped `json:"skipped,omitempty"`
	// Built is when the base was built.
	Built time.Time `json:"built"`

	index     *index.Index
	aliases   map[string][]int // folded alias -> people
	aliasList []string         // every alias, for fuzzy matching
	places    map[string]string
	// per-sentence meeting and agreement owners, -1 when none
	sentMeeting   []int32
	sentAgreement []int32
	byPerson      map[int][]int // person -> meetings
	mentions      sentPeople
	look          lookups
}

// Skipped is a release that was not loaded.
type Skipped struct {
	File   string `json:"file"`
	Reason string `json:"reason"`
}

// Warning is something odd about a release that was still loaded, or a
// release that was skipped.
type Warning struct {
	File    string
	Message string
}

// String is "file: message".
func (w Warning) String() string { return w.File + ": " + w.Message }

// ErrNoReleases is returned when a corpus folder holds no loadable release.
var ErrNoReleases = errors.New("knowledge: no releases found")

// LoadDir builds a Base from the releases (.txt, .md, .html) in dir and its
// subfolders. Symbolic links are not followed. Releases that cannot be read
// are skipped and reported as warnings; an error is returned only when the
// folder cannot be read or holds no release at all.
func LoadDir(ctx context.Context, dir string) (*Base, []Warning, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("knowledge: corpus folder: %w", err)
	}
	if !st.IsDir() {
		return nil, nil, fmt.Errorf("knowledge: corpus %s is not a folder", dir)
	}
	fsys := os.DirFS(dir)
	d, err := page.OpenDir(dir)
	if err != nil {
		return LoadFS(ctx, fsys) // not on Linux
	}
	defer d.Close()
	files, err := page.Files(fsys)
	if err != nil {
		return nil, nil, err
	}
	return BuildFiles(ctx, files, page.Pooled(d.Read), nil)
}

// LoadFS builds a Base from the releases in fsys, as LoadDir does.
func LoadFS(ctx context.Context, fsys fs.FS) (*Base, []Warning, error) {
	files, err := page.Files(fsys)
	if err != nil {
		return nil, nil, err
	}
	return BuildFiles(ctx, files, page.Pooled(func(name string, buf []byte) ([]byte, error) {
		return page.ReadCapped(fsys, name, buf)
	}), nil)
}

// BuildFiles builds a Base from the named releases, numbered in the order
// given, as LoadFS does. read returns a release's bytes (as a string, which
// the base may keep a part of or all), or an error to skip the release
// with a warning. fallback, when not nil, is asked for other bytes of a
// release that was read but cannot be loaded (empty or binary), such as
// its last version that could: ok false skips the release. Both are
// called from several goroutines at once. An error is returned only when
// the build is cancelled or no release could be used.
func BuildFiles(ctx context.Context, files []string, read func(name string) (string, error),
	fallback func(name string, err error) (raw string, ok bool)) (*Base, []Warning, error) {
	// Reading, parsing and per-sentence analysis need nothing from other
	// releases and run on every core; facts are merged by this goroutine
	// in file order, so the base is the same as a sequential build's.
	type result struct {
		pr      *prepared
		readErr error
	}
	workers := max(1, min(runtime.GOMAXPROCS(0), 8))
	slots := make([]chan result, len(files))
	for i := range slots {
		slots[i] = make(chan result, 1)
	}
	next := make(chan int, workers*4)
	stop := make(chan struct{})
	defer close(stop)
	// At most cap(window) releases are handed out ahead of the merge; a
	// release takes its place in the window before any later one, so the
	// one the merge waits for always has its place.
	window := make(chan struct{}, workers*16)
	go func() {
		defer close(next)
		for i := range files {
			select {
			case window <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case next <- i:
			case <-stop:
				return
			}
		}
	}()
	b := NewBuilder()
	b.releases = len(files)
	for w := 0; w < workers; w++ {
		go func() {
			c := newPrepCache(b.slots)
			for i := range next {
				raw, err := read(files[i])
				if err != nil {
					slots[i] <- result{readErr: err}
					continue
				}
				pr := prepare(files[i], raw, c)
				if pr.err != nil && fallback != nil {
					if old, ok := fallback(files[i], pr.err); ok {
						pr = prepare(files[i], old, c)
					}
				}
				slots[i] <- result{pr: pr}
			}
		}()
	}
	var warns []Warning
	for i, f := range files {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, fmt.Errorf("knowledge: load cancelled: %w", err)
			}
		}
		r := <-slots[i]
		slots[i] = nil
		<-window
		if r.readErr != nil {
			warns = append(warns, Warning{f, "skipped: " + r.readErr.Error()})
			b.skip(f, r.readErr.Error())
			continue
		}
		for _, w := range b.addPrepared(r.pr) {
			warns = append(warns, Warning{f, w})
		}
	}
	base := b.Build()
	if len(base.Docs) == 0 {
		return base, warns, ErrNoReleases
	}
	return base, warns, nil
}

// Doc returns the document a sentence belongs to.
func (b *Base) Doc(sentence int) *Document { return b.Docs[b.Sentences[sentence].Doc] }

// MeetingOf returns the meeting a sentence reports on, or nil.
func (b *Base) MeetingOf(sentence int) *Meeting {
	if sentence < 0 || sentence >= len(b.sentMeeting) || b.sentMeeting[sentence] < 0 {
		return nil
	}
	return b.Meetings[b.sentMeeting[sentence]]
}

// AgreementOf returns the agreement a sentence reports on, or nil.
func (b *Base) AgreementOf(sentence int) *Agreement {
	if sentence < 0 || sentence >= len(b.sentAgreement) || b.sentAgreement[sentence] < 0 {
		return nil
	}
	return b.Agreements[b.sentAgreement[sentence]]
}

// MeetingsOf returns the meetings a person took part in, oldest first.
func (b *Base) MeetingsOf(person int) []*Meeting {
	var out []*Meeting
	for _, id := range b.byPerson[person] {
		out = append(out, b.Meetings[id])
	}
	return out
}

// PeopleIn returns the people a sentence mentions, by name or by role.
func (b *Base) PeopleIn(sentence int) []*Person {
	var out []*Person
	for _, id := range b.mentions.of(sentence) {
		out = append(out, b.People[id])
	}
	return out
}

// PeopleByAlias returns the people an exact folded alias names.
func (b *Base) PeopleByAlias(alias string) []*Person {
	var out []*Person
	for _, id := range b.aliases[lang.Fold(alias)] {
		out = append(out, b.People[id])
	}
	return out
}

// Aliases returns every folded alias of every person; AliasPeople maps one
// back to its people. The slice must not be modified.
func (b *Base) Aliases() []string { return b.aliasList }

// AliasPeople returns the IDs of the people a folded alias names.
func (b *Base) AliasPeople(alias string) []int { return b.aliases[alias] }

// Place returns the canonical spelling of a folded place name known to the
// base (a meeting place or a city of the gazetteer), or "".
func (b *Base) Place(folded string) string { return b.places[folded] }

// PlaceKeys returns the folded names of the places known to the base (the
// keys Place looks up), sorted. The slice is the base's: read it only.
func (b *Base) PlaceKeys() []string { return b.look.placeKeys }

// Index is the base's sentence index.
func (b *Base) Index() *index.Index { return b.index }

// Stats counts what the base holds.
type Stats struct {
	Releases, Sentences, People, Meetings, Agreements, Figures, Skipped int
}

// Stats returns the base's counts.
func (b *Base) Stats() Stats {
	return Stats{len(b.Docs), len(b.Sentences), len(b.People), len(b.Meetings), len(b.Agreements), len(b.Figures), len(b.Skipped)}
}

// Search ranks the base's sentences for the query terms (as lang.Terms
// returns them) and returns the best k, best first: Index().Search.
func (b *Base) Search(terms []string, k int) []index.Hit { return b.index.Search(terms, k) }

// SearchDocs ranks like Search, but only the sentences of the given
// releases: Index().SearchDocs.
func (b *Base) SearchDocs(terms []string, k int, docs []int) []index.Hit {
	return b.index.SearchDocs(terms, k, docs)
}

// Covers reports whether a hit of Search for the query terms can have a
// Coverage of share or more: Index().Covers.
func (b *Base) Covers(terms []string, share float64) bool { return b.index.Covers(terms, share) }

// DocHasTerm reports whether any sentence of release doc holds the index
// term: Index().DocHasTerm.
func (b *Base) DocHasTerm(doc int, term string) bool { return b.index.DocHasTerm(doc, term) }
