package feedback

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Question is one line of a question file in the format of the eval
// scorer (../shared/eval/README.md, score.py): the fields score.py reads
// (id, question, kind, found, expect_all, sources) and, for the maintainer
// who fills in expect_all, what the bot answered and what people said.
// score.py ignores the extra fields.
type Question struct {
	ID       string `json:"id"`
	Question string `json:"question"`
	Kind     string `json:"kind"`
	// Found is what a right answer's "found" is. For a complaint about an
	// answer that found nothing it is true (the person expected one); else
	// it is what the bot said, and the maintainer corrects it when the
	// right answer is that the releases hold none.
	Found bool `json:"found"`
	// ExpectAll is left empty for the maintainer to fill in with the
	// phrases a right answer holds.
	ExpectAll []string `json:"expect_all"`
	// Sources is left empty: the files a wrong answer cited are no
	// requirement.
	Sources []string `json:"sources"`

	// Rating is "bad" when anyone rated an answer to it 👎, else "good".
	Rating Rating `json:"rating"`
	// Comments are what people said was wrong, newest first.
	Comments []string `json:"comments,omitempty"`
	// Answer, AnswerFound and AnswerSources are the bot's latest rated
	// answer, and AskedAt when it was given.
	Answer        string   `json:"answer"`
	AnswerFound   bool     `json:"answer_found"`
	AnswerSources []string `json:"answer_sources"`
	AskedAt       string   `json:"asked_at"`
	// Votes counts the ratings of answers to this question.
	Votes int `json:"votes"`
}

// Questions turns entries (newest first, as List returns them) into one
// question per distinct question text (compared without case, accents or
// extra spaces), newest first. A question is "bad" when any entry rating it
// is; its answer is then the newest bad one.
func Questions(entries []Entry) []Question {
	var out []Question
	index := map[string]int{}
	for _, e := range entries {
		text := strings.Join(strings.Fields(e.Question), " ")
		if text == "" {
			continue
		}
		key := fold(text)
		i, seen := index[key]
		if !seen {
			i = len(out)
			index[key] = i
			out = append(out, Question{ID: "fb-" + shortHash(key), Question: text,
				Kind: strings.ReplaceAll(string(e.Intent), "_", "-"), ExpectAll: []string{}, Sources: []string{}})
		}
		q := &out[i]
		q.Votes++
		if e.Comment != "" {
			q.Comments = append(q.Comments, e.Comment)
		}
		// The first entry seen is the newest; a bad one wins over good.
		if seen && !(q.Rating == Good && e.Rating == Bad) {
			continue
		}
		q.Rating = e.Rating
		q.Answer, q.AnswerFound, q.AskedAt = e.Answer, e.Found, e.AnsweredAt.Format("2006-01-02T15:04:05Z")
		q.Kind = strings.ReplaceAll(string(e.Intent), "_", "-")
		q.AnswerSources = []string{}
		for _, s := range e.Sources {
			q.AnswerSources = append(q.AnswerSources, s.Doc)
		}
		q.Found = e.Found || e.Rating == Bad
	}
	return out
}

// WriteQuestions writes questions as a question file: one JSON object per
// line.
func WriteQuestions(w io.Writer, qs []Question) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, q := range qs {
		if err := enc.Encode(q); err != nil {
			return fmt.Errorf("feedback: write question file: %w", err)
		}
	}
	return nil
}

// fold is s without case, accents or repeated spaces, for comparing
// questions.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFKD.String(strings.ToLower(s)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// shortHash names a question stably across exports.
func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])[:10]
}
