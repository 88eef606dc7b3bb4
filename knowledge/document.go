package knowledge

import "liaison/knowledge/dates"

// Document is one release.
type Document struct {
	// File is the release's path relative to the corpus folder.
	File string `json:"file"`
	// Title is the release's headline, or "" when none was found.
	Title string `json:"title,omitempty"`
	// Publisher is the issuing body when the release names it.
	Publisher string `json:"publisher,omitempty"`
	// URL is the address the release was read from, when its file
	// carries one (a "URL:" header line); "" otherwise.
	URL string `json:"url,omitempty"`
	// Date is the publication date; zero when the release states none.
	Date dates.Date `json:"date"`
	// Sentences indexes Base.Sentences: the title first (when there is one),
	// then the body in order, each repeated block counted once.
	Sentences []int `json:"-"`
	// Warnings say what was odd about the file (truncated, not UTF-8, ...).
	Warnings []string `json:"warnings,omitempty"`
}

// Label is the title, or the file name when the release has no title.
func (d *Document) Label() string {
	if d.Title != "" {
		return d.Title
	}
	return d.File
}
