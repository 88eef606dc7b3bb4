package knowledge_test

import (
	"bytes"
	"context"
	"fmt"
	"liaison/knowledge"
	"liaison/knowledge/snapshot"
	"strings"
	"testing"
	"testing/fstest"
)

// TestReleaseLink covers the "URL:" header line that release files
// written from feeds carry: it becomes the document's URL, survives a
// snapshot, and is not read as text; a line that is not an http(s)
// address, or one in the body, is text as before.
func TestReleaseLink(t *testing.T) {
	body := "Finnish and Estonian interior ministers met in Tallinn\nSource: Ministry of the Interior\nPublished: 2024-05-24\n" +
		"URL: https://intermin.example/en/-/1410869/ministers-met\n\nThe ministers discussed border security in Tallinn on Friday.\n"
	tests := []struct {
		name, file, wantURL string
		wantText            string // a sentence the release must hold, "" for none
	}{
		{"header", body, "https://intermin.example/en/-/1410869/ministers-met", ""},
		{"not http", strings.Replace(body, "https://intermin.example/en/-/1410869/ministers-met", "javascript:alert(1)", 1), "", "URL: javascript:alert(1)"},
		{"with spaces", strings.Replace(body, "ministers-met", "ministers met", 1), "", ""},
		{"in the body", "Ministers met in Tallinn today\n\n" + paragraphs(9) + "URL: https://intermin.example/a\n", "", "URL: https://intermin.example/a"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, _, err := knowledge.LoadFS(context.Background(), fstest.MapFS{"feeds/a.txt": {Data: []byte(tt.file)}})
			if err != nil {
				t.Fatal(err)
			}
			d := b.Docs[0]
			if d.URL != tt.wantURL {
				t.Errorf("URL = %q, want %q", d.URL, tt.wantURL)
			}
			var sents []string
			for _, s := range d.Sentences {
				sents = append(sents, b.Sentences[s].Text)
			}
			all := strings.Join(sents, "\n")
			if tt.wantURL != "" && strings.Contains(all, tt.wantURL) {
				t.Errorf("the link line was read as text:\n%s", all)
			}
			if tt.wantText != "" && !strings.Contains(all, tt.wantText) {
				t.Errorf("missing text %q:\n%s", tt.wantText, all)
			}
			if tt.name == "header" {
				if d.Title != "Finnish and Estonian interior ministers met in Tallinn" || d.Publisher != "Ministry of the Interior" || d.Date.ISO() != "2024-05-24" {
					t.Errorf("header read as title %q, publisher %q, date %q", d.Title, d.Publisher, d.Date.ISO())
				}
				var buf bytes.Buffer
				if err := snapshot.Write(&buf, b, []byte("k")); err != nil {
					t.Fatal(err)
				}
				b2, err := snapshot.Read(&buf, []byte("k"))
				if err != nil {
					t.Fatal(err)
				}
				if b2.Docs[0].URL != tt.wantURL {
					t.Errorf("after a snapshot URL = %q", b2.Docs[0].URL)
				}
				if e := knowledge.Export(b); e.Documents[0].URL != tt.wantURL {
					t.Errorf("export URL = %q", e.Documents[0].URL)
				}
			}
		})
	}
}

// Paragraphs returns n different paragraphs, one a line.
func paragraphs(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "Paragraph %d of the release says something about the meeting.\n", i+1)
	}
	return b.String()
}
