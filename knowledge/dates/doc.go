// Package dates reads the dates a release writes: full dates in every
// shape the releases use ("25 October 2017", "October 25, 2017",
// "25.10.2017", "2019-07-19", "2019 07 19"), ranges, months and years,
// weekdays and relative phrases ("last year", "on Tuesday"), resolved
// against the release's own date, and the header lines that date a
// release. Its hand-written matchers try the alternatives of the regular
// expressions they stand for in the same order, and are tested equal to
// them; cheap gates tell the text no matcher can match.
package dates
