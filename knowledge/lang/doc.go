// Package lang is the language the fact base is read in: folding
// (accents and case), words, index terms and their Snowball stems,
// sentence splitting, the gazetteers (countries and their adjectives,
// cities and capitals, office and organisation words, function and stop
// words, meeting cues, agreement nouns, topics) and the cue words that
// mark what a sentence reports (a meeting, a signing, a discussion ...),
// read by one scanner that gives exactly the answers of their regular
// expressions. It knows nothing of releases or of the base.
package lang
