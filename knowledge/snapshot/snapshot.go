// Package snapshot saves a built fact base to a file and reads it back,
// so that a restart over the same releases starts in about a second
// instead of building: gob records in chunks, raw little-endian
// sections for the sentence texts and the index's postings, a CRC-32C,
// all keyed by what the base was built from.
package snapshot

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"liaison/knowledge"
	"liaison/knowledge/index"
	"strings"
	"time"
)

// A snapshot is a built base saved to a file, so that a restart over the
// same releases reads it back instead of building. It holds:
//
//   - snapshotMagic, the format version and the caller's key (what the
//     base was built from);
//   - gob messages: snapshotData, then the releases, people, meetings
//     and agreements in chunks of snapshotChunk (gob reads a large message
//     in small steps, copying it many times);
//   - raw little-endian sections, streamed without copies of the base:
//     every sentence's text, where each text ends, every term's postings;
//   - a CRC-32C of everything after the key, so that a damaged file is
//     told from a whole one.
//
// Derived indexes (length norms, release postings, lookups) are rebuilt
// on reading: they cost little next to extraction.

// snapshotMagic starts every snapshot.
const snapshotMagic = "LIAISON-FACTBASE\n"

// snapshotVersion changes with the layout of a snapshot, and with the
// index terms Stem gives (a snapshot holds the postings of its terms).
// Version 2: a plural drops -es only after ch, sh and x. Version 3: an
// agreement keeps the sentence its status was read from. Version 4: terms
// are Snowball English stems (stem.go).
const snapshotVersion = 5

// snapshotChunk is how many records go in one gob message.
const snapshotChunk = 4096

// ErrStale is returned by Read for a snapshot of another
// format version or with another key: the releases or the program that
// built it have changed, so it must be built again.
var ErrStale = errors.New("snapshot: stale")

// ErrCorrupt is returned by Read for data that is not a
// whole, consistent snapshot.
var ErrCorrupt = errors.New("snapshot: damaged")

// snapshotData is the gob-encoded part of a snapshot besides the records:
// counts and the base's smaller tables.
type snapshotData struct {
	Docs, People, Meetings, Agreements int // record counts

	Figures  []int
	Skipped  []knowledge.Skipped
	Built    time.Time
	DocSents []int32 // number of sentences of each release, in order

	SentDoc   []int32
	SentFlags []uint8 // 1: title, 2: contact

	AliasList     []string
	AliasPeople   [][]int
	Places        map[string]string
	SentMeeting   []int32
	SentAgreement []int32
	ByPerson      map[int][]int
	MentionSent   []int32
	MentionPeople [][]int32

	Terms    []string
	PostLens []uint32 // number of postings of each term, in Terms order
	Lens     []uint16

	// read back from the records and raw sections
	docs       []*knowledge.Document
	people     []*knowledge.Person
	meetings   []*knowledge.Meeting
	agreements []*knowledge.Agreement
	text       string   // every sentence's text, one after another
	sentEnd    []uint64 // where each sentence's text ends in text
	post       []index.Posting
}

// Write writes the base to w as a snapshot with the given key (a
// digest of what it was built from; Read wants the same one). It
// allocates little beyond the base's smaller tables.
func Write(w io.Writer, b *knowledge.Base, key []byte) error {
	d := snapshotTables(b)
	bw := bufio.NewWriterSize(w, 1<<20)
	head := []byte(snapshotMagic)
	head = binary.LittleEndian.AppendUint32(head, snapshotVersion)
	head = binary.LittleEndian.AppendUint32(head, uint32(len(key)))
	head = append(head, key...)
	if _, err := bw.Write(head); err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	cw := &crcWriter{w: bw}
	enc := gob.NewEncoder(cw)
	err := enc.Encode(d)
	for _, recs := range []any{b.Docs, b.People, b.Meetings, b.Agreements} {
		if err == nil {
			err = encodeChunks(enc, recs)
		}
	}
	if err == nil {
		err = writeSections(cw, b, d)
	}
	if err == nil {
		_, err = bw.Write(binary.LittleEndian.AppendUint32(nil, cw.sum))
	}
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return fmt.Errorf("write snapshot: %w", err)
	}
	return nil
}

// encodeChunks writes a slice of records as gob messages of at most
// snapshotChunk records.
func encodeChunks(enc *gob.Encoder, recs any) error {
	switch rs := recs.(type) {
	case []*knowledge.Document:
		return encodeSlice(enc, rs)
	case []*knowledge.Person:
		return encodeSlice(enc, rs)
	case []*knowledge.Meeting:
		return encodeSlice(enc, rs)
	case []*knowledge.Agreement:
		return encodeSlice(enc, rs)
	}
	return fmt.Errorf("no records of type %T", recs)
}

func encodeSlice[T any](enc *gob.Encoder, rs []T) error {
	for len(rs) > 0 {
		n := min(len(rs), snapshotChunk)
		if err := enc.Encode(rs[:n]); err != nil {
			return err
		}
		rs = rs[n:]
	}
	return nil
}

// decodeSlice reads n records that encodeSlice wrote.
func decodeSlice[T any](dec *gob.Decoder, n int) ([]T, error) {
	if n < 0 {
		return nil, errors.New("negative record count")
	}
	out := make([]T, 0, min(n, 1<<20))
	for len(out) < n {
		var chunk []T
		if err := dec.Decode(&chunk); err != nil {
			return nil, err
		}
		if len(chunk) == 0 || len(out)+len(chunk) > n {
			return nil, errors.New("record chunks do not add up")
		}
		out = append(out, chunk...)
	}
	return out, nil
}

// writeSections streams the raw sections: sentence texts, their ends,
// postings (of d's terms, in order).
func writeSections(w io.Writer, b *knowledge.Base, d *snapshotData) error {
	size := 0
	for _, s := range b.Sentences {
		size += len(s.Text)
	}
	buf := binary.LittleEndian.AppendUint64(make([]byte, 0, 64<<10), uint64(size))
	flush := func(force bool) error {
		if len(buf) >= 60<<10 || force {
			_, err := w.Write(buf)
			buf = buf[:0]
			return err
		}
		return nil
	}
	for _, s := range b.Sentences {
		buf = append(buf, s.Text...)
		if err := flush(false); err != nil {
			return err
		}
	}
	buf = binary.LittleEndian.AppendUint64(buf, uint64(len(b.Sentences)))
	end := uint64(0)
	for _, s := range b.Sentences {
		end += uint64(len(s.Text))
		buf = binary.LittleEndian.AppendUint64(buf, end)
		if err := flush(false); err != nil {
			return err
		}
	}
	total := uint64(0)
	for _, n := range d.PostLens {
		total += uint64(n)
	}
	buf = binary.LittleEndian.AppendUint64(buf, total)
	for _, t := range d.Terms {
		for _, p := range b.Index().Postings(t) {
			buf = binary.LittleEndian.AppendUint32(buf, uint32(p))
			if err := flush(false); err != nil {
				return err
			}
		}
	}
	return flush(true)
}

// snapshotTables gathers the base's smaller tables for a snapshot.
func snapshotTables(b *knowledge.Base) *snapshotData {
	t := b.Tables()
	d := &snapshotData{Docs: len(b.Docs), People: len(b.People), Meetings: len(b.Meetings), Agreements: len(b.Agreements),
		Figures: b.Figures, Skipped: b.Skipped, Built: b.Built, Places: t.Places,
		SentMeeting: t.SentMeeting, SentAgreement: t.SentAgreement, ByPerson: t.ByPerson, AliasList: t.AliasList,
		AliasPeople: t.AliasPeople, MentionSent: t.MentionSent, MentionPeople: t.MentionPeople}
	d.DocSents = make([]int32, len(b.Docs))
	for i, doc := range b.Docs {
		d.DocSents[i] = int32(len(doc.Sentences))
	}
	d.SentDoc = make([]int32, len(b.Sentences))
	d.SentFlags = make([]uint8, len(b.Sentences))
	for i, s := range b.Sentences {
		d.SentDoc[i] = int32(s.Doc)
		if s.Title {
			d.SentFlags[i] |= 1
		}
		if s.Contact {
			d.SentFlags[i] |= 2
		}
	}
	d.Terms = t.Index.Terms()
	d.PostLens = make([]uint32, len(d.Terms))
	for i, term := range d.Terms {
		d.PostLens[i] = uint32(len(t.Index.Postings(term)))
	}
	if t.Index != nil {
		d.Lens = t.Index.Lens()
	}
	return d
}

// Read reads a base that Write wrote with the same key.
// It returns an error wrapping ErrStale when the snapshot has
// another key or format version, and ErrCorrupt when it is not a
// whole, consistent snapshot. Snapshots are the program's own files: the
// checks find damage, not crafted data.
func Read(r io.Reader, key []byte) (*knowledge.Base, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	head := make([]byte, len(snapshotMagic)+8)
	if _, err := io.ReadFull(br, head); err != nil || string(head[:len(snapshotMagic)]) != snapshotMagic {
		return nil, fmt.Errorf("%w: no snapshot header", ErrCorrupt)
	}
	if v := binary.LittleEndian.Uint32(head[len(snapshotMagic):]); v != snapshotVersion {
		return nil, fmt.Errorf("%w: format version %d, want %d", ErrStale, v, snapshotVersion)
	}
	n := binary.LittleEndian.Uint32(head[len(snapshotMagic)+4:])
	if n > 1<<16 {
		return nil, fmt.Errorf("%w: key of %d bytes", ErrCorrupt, n)
	}
	got := make([]byte, n)
	if _, err := io.ReadFull(br, got); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	if !bytes.Equal(got, key) {
		return nil, fmt.Errorf("%w: built from other releases or by another version", ErrStale)
	}
	cr := &crcReader{r: br}
	d, err := readSnapshotBody(cr)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	var sum [4]byte
	if _, err := io.ReadFull(br, sum[:]); err != nil || binary.LittleEndian.Uint32(sum[:]) != cr.sum {
		return nil, fmt.Errorf("%w: checksum does not match", ErrCorrupt)
	}
	b, err := d.base()
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCorrupt, err)
	}
	return b, nil
}

// readSnapshotBody reads what follows the key, up to the checksum.
func readSnapshotBody(r *crcReader) (*snapshotData, error) {
	var d snapshotData
	dec := gob.NewDecoder(r)
	err := dec.Decode(&d)
	if err == nil {
		d.docs, err = decodeSlice[*knowledge.Document](dec, d.Docs)
	}
	if err == nil {
		d.people, err = decodeSlice[*knowledge.Person](dec, d.People)
	}
	if err == nil {
		d.meetings, err = decodeSlice[*knowledge.Meeting](dec, d.Meetings)
	}
	if err == nil {
		d.agreements, err = decodeSlice[*knowledge.Agreement](dec, d.Agreements)
	}
	if err != nil {
		return nil, err
	}
	// sentence texts, straight into the string that holds them all
	size, err := readCount(r, 1)
	if err != nil {
		return nil, err
	}
	var text strings.Builder
	text.Grow(int(min(size, 256<<20)))
	if m, err := io.CopyN(&text, r, int64(size)); err != nil || uint64(m) != size {
		return nil, fmt.Errorf("sentence texts cut short: %w", err)
	}
	d.text = text.String()
	ends, err := readCount(r, 8)
	if err != nil {
		return nil, err
	}
	d.sentEnd = make([]uint64, 0, min(ends, 1<<24))
	buf := make([]byte, 64<<10)
	for rest := ends * 8; rest > 0; {
		chunk := buf[:min(rest, uint64(len(buf)))]
		if _, err := io.ReadFull(r, chunk); err != nil {
			return nil, fmt.Errorf("sentence ends cut short: %w", err)
		}
		for i := 0; i < len(chunk); i += 8 {
			d.sentEnd = append(d.sentEnd, binary.LittleEndian.Uint64(chunk[i:]))
		}
		rest -= uint64(len(chunk))
	}
	posts, err := readCount(r, 4)
	if err != nil {
		return nil, err
	}
	d.post = make([]index.Posting, 0, min(posts, 1<<26))
	for rest := posts * 4; rest > 0; {
		chunk := buf[:min(rest, uint64(len(buf)))]
		if _, err := io.ReadFull(r, chunk); err != nil {
			return nil, fmt.Errorf("postings cut short: %w", err)
		}
		for i := 0; i < len(chunk); i += 4 {
			d.post = append(d.post, index.Posting(binary.LittleEndian.Uint32(chunk[i:])))
		}
		rest -= uint64(len(chunk))
	}
	return &d, nil
}

// readCount reads a section's count of items of the given size, refusing
// counts no file could hold.
func readCount(r io.Reader, size uint64) (uint64, error) {
	var n [8]byte
	if _, err := io.ReadFull(r, n[:]); err != nil {
		return 0, fmt.Errorf("section cut short: %w", err)
	}
	c := binary.LittleEndian.Uint64(n[:])
	if c > (1<<50)/size {
		return 0, fmt.Errorf("section of %d items", c)
	}
	return c, nil
}

// base rebuilds a base from snapshot data, checking that it hangs
// together (every sentence, person and meeting number in range).
func (d *snapshotData) base() (*knowledge.Base, error) {
	ns := len(d.SentDoc)
	if len(d.sentEnd) != ns || len(d.SentFlags) != ns || len(d.SentMeeting) != ns || len(d.SentAgreement) != ns ||
		len(d.DocSents) != len(d.docs) || len(d.AliasPeople) != len(d.AliasList) || len(d.PostLens) != len(d.Terms) ||
		len(d.MentionPeople) != len(d.MentionSent) || len(d.Lens) > ns {
		return nil, errors.New("tables of different lengths")
	}
	for i, p := range d.people {
		if p == nil || p.ID != i {
			return nil, fmt.Errorf("person %d out of order", i)
		}
	}
	for i, m := range d.meetings {
		if m == nil || m.ID != i || m.Doc < 0 || m.Doc >= len(d.docs) {
			return nil, fmt.Errorf("meeting %d out of order", i)
		}
	}
	for i, a := range d.agreements {
		if a == nil || a.ID != i || a.Doc < 0 || a.Doc >= len(d.docs) {
			return nil, fmt.Errorf("agreement %d out of order", i)
		}
	}
	b := &knowledge.Base{Docs: d.docs, People: d.people, Meetings: d.meetings, Agreements: d.agreements,
		Figures: d.Figures, Skipped: d.Skipped, Built: d.Built}
	text := d.text
	b.Sentences = make([]knowledge.Sentence, ns)
	start, s := uint64(0), 0
	for i, doc := range d.docs {
		if doc == nil {
			return nil, fmt.Errorf("release %d missing", i)
		}
		doc.Sentences = make([]int, d.DocSents[i])
		for j := range doc.Sentences {
			if s >= ns || int(d.SentDoc[s]) != i {
				return nil, fmt.Errorf("sentence %d not in release %d", s, i)
			}
			doc.Sentences[j] = s
			s++
		}
	}
	if s != ns {
		return nil, errors.New("sentences outside every release")
	}
	for i := range b.Sentences {
		end := d.sentEnd[i]
		if end < start || end > uint64(len(text)) {
			return nil, fmt.Errorf("sentence %d text out of range", i)
		}
		b.Sentences[i] = knowledge.Sentence{Doc: int(d.SentDoc[i]), Text: text[start:end], Title: d.SentFlags[i]&1 != 0, Contact: d.SentFlags[i]&2 != 0}
		start = end
	}
	x, err := index.Restore(d.Lens, d.Terms, d.PostLens, d.post, d.SentDoc, len(b.Docs))
	if err != nil {
		return nil, err
	}
	return knowledge.Restore(b, knowledge.Tables{AliasList: d.AliasList, AliasPeople: d.AliasPeople, Places: d.Places,
		SentMeeting: d.SentMeeting, SentAgreement: d.SentAgreement, ByPerson: d.ByPerson,
		MentionSent: d.MentionSent, MentionPeople: d.MentionPeople, Index: x})
}

// castagnoli is the CRC-32C table (computed in hardware where it can be).
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// crcWriter passes writes on and sums them.
type crcWriter struct {
	w   io.Writer
	sum uint32
}

// Write writes p on and adds it to the sum.
func (c *crcWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.sum = crc32.Update(c.sum, castagnoli, p[:n])
	return n, err
}

// crcReader passes reads on and sums them. It is an io.ByteReader, so gob
// reads no further than its messages.
type crcReader struct {
	r   *bufio.Reader
	sum uint32
}

// Read reads on and adds what it read to the sum.
func (c *crcReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.sum = crc32.Update(c.sum, castagnoli, p[:n])
	return n, err
}

// ReadByte reads a byte on and adds it to the sum.
func (c *crcReader) ReadByte() (byte, error) {
	v, err := c.r.ReadByte()
	if err == nil {
		c.sum = crc32.Update(c.sum, castagnoli, []byte{v})
	}
	return v, err
}
