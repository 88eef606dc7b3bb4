package knowledge

import (
	"liaison/knowledge/dates"
	"strings"
	"testing"
)

// TestMeetingName checks the name of the body that met, read from a
// sentence: modifiers to the left, "on/for/of …" to the right, an acronym
// in parentheses, and two countries joined by "and".
func TestMeetingName(t *testing.T) {
	for _, tc := range []struct{ s, want string }{
		{"The plans were adopted at the meeting of the Finnish and Russian crime prevention committee held in Murmansk last summer.",
			"Finnish and Russian crime prevention committee"},
		{"A meeting of the Russian-Finnish interdepartmental working group on customs matters has begun in St. Petersburg today.",
			"Russian-Finnish interdepartmental working group on customs matters"},
		{"The Baltic Sea Task Force on Organised Crime (BSTF) met in Berlin.", "Baltic Sea Task Force on Organised Crime (BSTF)"},
		{"Orpo and the committee met in Vantaa.", ""},
		{"Finland and Russia signed a protocol.", ""},
		{"The Investigative Committee Chairman visited Helsinki.", ""},
	} {
		if got := meetingName(tc.s); got != tc.want {
			t.Errorf("meetingName(%q) = %q, want %q", tc.s, got, tc.want)
		}
	}
}

// TestCalendarWords checks the month and weekday look-ups the core uses.
func TestCalendarWords(t *testing.T) {
	for _, tc := range []struct {
		w       string
		month   int
		weekday bool
	}{
		{"October", 10, false}, {"Nov.", 11, false}, {"sept", 9, false}, {"MAY", 5, false},
		{"Wednesday", 0, true}, {"sunday", 0, true}, {"Mayor", 0, false}, {"Marc", 0, false}, {"", 0, false},
	} {
		if got := dates.MonthOf(tc.w); got != tc.month {
			t.Errorf("MonthOf(%q) = %d, want %d", tc.w, got, tc.month)
		}
		if got := dates.IsWeekday(tc.w); got != tc.weekday {
			t.Errorf("IsWeekday(%q) = %v, want %v", tc.w, got, tc.weekday)
		}
	}
}

// TestNextMeetingPlace: an undated "the next meeting will be held in X" is
// not a place of the meeting the release reports; a dated one is a
// meeting of its own.
func TestNextMeetingPlace(t *testing.T) {
	for _, tc := range []struct {
		next   string
		places []string // of the first meeting
		count  int      // meetings
	}{
		{"The next ministerial meeting will be held in Oslo in spring 2023.", []string{"Stockholm"}, 1},
		{"The next meeting will take place in Oslo.", []string{"Stockholm"}, 1},
		{"The next meeting will be held in Oslo on 3 May 2023.", []string{"Stockholm"}, 2},
		{"The talks continued in Uppsala the same day.", []string{"Stockholm", "Uppsala"}, 1},
	} {
		bl := NewBuilder()
		bl.Add("a.txt", []byte("Ministers meet in Stockholm\n\nPress release, 14 June 2022\n\n"+
			"Minister for Justice Morgan Johansson met Minister of Justice Emilie Enger Mehl in Stockholm on Monday 13 June.\n\n"+tc.next))
		b := bl.Build()
		var got []string
		if len(b.Meetings) > 0 {
			for _, p := range b.Meetings[0].Places {
				got = append(got, p.Name)
			}
		}
		if len(b.Meetings) != tc.count || strings.Join(got, ",") != strings.Join(tc.places, ",") {
			t.Errorf("%q: %d meetings, first in %v; want %d, in %v", tc.next, len(b.Meetings), got, tc.count, tc.places)
		}
	}
}
