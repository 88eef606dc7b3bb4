// Package randtext makes random texts out of given parts, for the tests
// that hold a hand-written scanner to the regular expression it stands
// for on text nobody wrote by hand.
package randtext

import (
	"math/rand/v2"
	"strings"
)

// Join joins random parts: at least one, and while j < 1+IntN(most)
// holds, drawn anew each time (so short texts are the likeliest).
func Join(rng *rand.Rand, parts []string, most int) string {
	var b strings.Builder
	for j := 0; j < 1+rng.IntN(most); j++ {
		b.WriteString(parts[rng.IntN(len(parts))])
	}
	return b.String()
}

// Dates is a random date-like text made of DateParts.
func Dates(rng *rand.Rand) string { return Join(rng, DateParts, 14) }

// DateParts are what random date-like test text is made of: digits,
// separators, month and weekday names and near misses, relative words,
// whole dates of every shape the date scanners read.
var DateParts = []string{"1", "2", "12", "31", "123", "2019", "20190", "1st", "2nd", "3rd", "4th", "th", "st", " ", " ", " ", "  ",
	"\t", "\n", ",", ", ", ".", "-", "–", "—", "and", "to", "until", "of ", "of", "x", "_", "é", "January", "Jan", "Jan.", "June",
	"May", "may", "Mayor", "March", "Mar", "Marija", "September", "Sept", "Sept.", "Sep", "SEPT", "december", "Dec", "Nov.",
	"late", "Late", "early", "mid-", "mid", "MID", "in", "In", "IN", "today", "Today", "yesterday", "this", "last", "next",
	"previous", "week", "year", "summer", "fall", "winter", "month", "Month", "monthly", "last month", "on", "On", "since", "Monday", "monday", "FRIDAY", "Sundays", "sunday",
	"Wednesday", "this week", "last year", "on Monday", "x Tuesday", "12 March 2019", "March 12, 2019", "31st October – 1st November 2019",
	"23 and 24 May", "late June 2019", "in May", "early May", "mid may", "Late MAY", "Sept. 5th", "5 of June",
	"2019-07-19", "2019 07 19", "25.10.2017", "1.2.2019", "07", "-07-", " 07 ", "12.", ".2019", "-", "0", "20190 07 19", "5.6.20190",
	"2020 01 31", "2018 12 01 ", "12.10.2019", "3.4.2020", "1.12.2019x",
	"2021-03-04", "2019-07-19 ", "2017-10-25T"}
