package benchcorpus

import (
	"fmt"
	"sort"
	"strings"

	"liaison/knowledge"
	"liaison/knowledge/lang"
)

// Score is how well a fact base recovers a generated corpus's truth.
type Score struct {
	Releases int `json:"releases"`
	// Missing counts truth releases the base did not load.
	Missing int `json:"missing"`
	// Meetings: true meetings, extracted meetings, and matched pairs. A
	// true meeting matches an extracted meeting of the same release that
	// shares at least one participant (or, for two extracted meetings of
	// one release, the one sharing most).
	TrueMeetings      int     `json:"true_meetings"`
	FoundMeetings     int     `json:"found_meetings"`
	MatchedMeetings   int     `json:"matched_meetings"`
	MeetingRecall     float64 `json:"meeting_recall"`
	MeetingPrecision  float64 `json:"meeting_precision"`
	ParticipantRecall float64 `json:"participant_recall"`
	// ParticipantPrecision counts extracted participants of matched
	// meetings that are true participants.
	ParticipantPrecision float64 `json:"participant_precision"`
	// DateAccuracy and PlaceAccuracy are shares of matched meetings whose
	// date (ISO) and first place equal the truth.
	DateAccuracy  float64 `json:"date_accuracy"`
	PlaceAccuracy float64 `json:"place_accuracy"`
	// ReleaseDateAccuracy is the share of releases whose publication date
	// was read right.
	ReleaseDateAccuracy float64 `json:"release_date_accuracy"`
	// Misses lists a few missed or wrong meetings, for diagnosis.
	Misses []string `json:"misses,omitempty"`
}

// Evaluate scores base against truth.
func Evaluate(base *knowledge.Base, t *Truth) Score {
	var s Score
	docOf := make(map[string]int, len(base.Docs))
	for i, d := range base.Docs {
		docOf[d.File] = i
	}
	byDoc := make(map[int][]*knowledge.Meeting)
	for _, m := range base.Meetings {
		byDoc[m.Doc] = append(byDoc[m.Doc], m)
	}
	var tp, fnP, fpP, dateOK, placeOK, relDateOK int
	miss := func(format string, args ...any) {
		if len(s.Misses) < 20 {
			s.Misses = append(s.Misses, fmt.Sprintf(format, args...))
		}
	}
	for _, r := range t.Releases {
		s.Releases++
		di, ok := docOf[r.File]
		if !ok {
			s.Missing++
			s.TrueMeetings += len(r.Meetings)
			continue
		}
		if base.Docs[di].Date.ISO() == r.Date {
			relDateOK++
		} else {
			miss("%s: release date %q, want %s", r.File, base.Docs[di].Date.ISO(), r.Date)
		}
		found := byDoc[di]
		s.TrueMeetings += len(r.Meetings)
		s.FoundMeetings += len(found)
		used := make([]bool, len(found))
		for _, tm := range r.Meetings {
			best, bestN := -1, 0
			for k, fm := range found {
				if used[k] {
					continue
				}
				if n := overlap(base, fm, tm); n > bestN {
					best, bestN = k, n
				}
			}
			if best < 0 {
				fnP += len(tm.Written)
				miss("%s [%s]: meeting of %s not found", r.File, r.Style, strings.Join(tm.Written, ", "))
				continue
			}
			used[best] = true
			fm := found[best]
			s.MatchedMeetings++
			tp += bestN
			fnP += len(tm.Written) - bestN
			fpP += len(fm.Participants) - bestN
			if len(fm.Participants) > bestN {
				var extra []string
				for _, pid := range fm.Participants {
					if !isTrue(base.People[pid], tm) {
						extra = append(extra, base.People[pid].Name)
					}
				}
				miss("%s [%s]: extra participants %v", r.File, r.Style, extra)
			}
			if fm.Date.ISO() == tm.Date {
				dateOK++
			} else {
				miss("%s [%s]: meeting date %q, want %s", r.File, r.Style, fm.Date.ISO(), tm.Date)
			}
			if len(fm.Places) > 0 && knowledge.PlaceKey(fm.Places[0].Name) == knowledge.PlaceKey(tm.Place) {
				placeOK++
			} else {
				miss("%s [%s]: meeting place %v, want %s", r.File, r.Style, fm.Places, tm.Place)
			}
		}
		for k, u := range used {
			if !u {
				var names []string
				for _, pid := range found[k].Participants {
					names = append(names, base.People[pid].Name)
				}
				miss("%s [%s]: spurious meeting of %v", r.File, r.Style, names)
			}
		}
	}
	s.MeetingRecall = ratio(s.MatchedMeetings, s.TrueMeetings)
	s.MeetingPrecision = ratio(s.MatchedMeetings, s.FoundMeetings)
	s.ParticipantRecall = ratio(tp, tp+fnP)
	s.ParticipantPrecision = ratio(tp, tp+fpP)
	s.DateAccuracy = ratio(dateOK, s.MatchedMeetings)
	s.PlaceAccuracy = ratio(placeOK, s.MatchedMeetings)
	s.ReleaseDateAccuracy = ratio(relDateOK, s.Releases-s.Missing)
	sort.Strings(s.Misses)
	return s
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// overlap counts the true participants of tm among fm's participants.
func overlap(base *knowledge.Base, fm *knowledge.Meeting, tm Meeting) int {
	n := 0
	for _, w := range tm.Written {
		for _, pid := range fm.Participants {
			if sameName(base.People[pid], w) {
				n++
				break
			}
		}
	}
	return n
}

func isTrue(p *knowledge.Person, tm Meeting) bool {
	for _, w := range tm.Written {
		if sameName(p, w) {
			return true
		}
	}
	return false
}

// sameName reports whether an extracted person is the person written w:
// the same folded full name, or a one-word name equal to w's surname.
func sameName(p *knowledge.Person, w string) bool {
	fw := lang.Fold(w)
	if lang.Fold(p.Name) == fw {
		return true
	}
	for _, a := range p.Aliases {
		if a == fw {
			return true
		}
	}
	return !strings.Contains(p.Name, " ") && lang.Fold(p.Name) == lang.Fold(surnameOf(w))
}
