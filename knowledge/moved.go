package knowledge

import (
	"liaison/knowledge/dates"
	"liaison/knowledge/index"
	"liaison/knowledge/lang"
)

// Forwarders for the core (bot/) while the package is split; the last
// commit of the split moves the core to the new packages and drops them.

type Topic = lang.Topic

var Topics = lang.Topics

func Fold(s string) string                           { return lang.Fold(s) }
func Words(s string) []string                        { return lang.Words(s) }
func Terms(s string) []string                        { return lang.Terms(s) }
func Stem(w string) string                           { return lang.Stem(w) }
func SplitSentences(p string) []string               { return lang.SplitSentences(p) }
func CountryOf(s string) string                      { return lang.CountryOf(s) }
func CountryIn(s string) string                      { return lang.CountryIn(s) }
func Demonym(c string) string                        { return lang.Demonym(c) }
func Countries() []string                            { return lang.Countries() }
func TopicMatches(t lang.Topic, terms []string) bool { return lang.TopicMatches(t, terms) }

type Date = dates.Date

func DatesIn(s string, anchor dates.Date) []dates.Date { return dates.DatesIn(s, anchor) }
func MonthOf(w string) int                             { return dates.MonthOf(w) }
func IsWeekday(w string) bool                          { return dates.IsWeekday(w) }

type Hit = index.Hit
