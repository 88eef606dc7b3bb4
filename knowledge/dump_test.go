package knowledge

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"
)

func TestDumpDebug(t *testing.T) {
	dir := os.Getenv("DUMP")
	if dir == "" {
		t.Skip()
	}
	b, w, err := LoadDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(w)
	for _, d := range b.Docs {
		fmt.Printf("DOC %s | %q | pub=%q | %s\n", d.File, d.Title, d.Publisher, d.Date.ISO())
	}
	for _, p := range b.People {
		j, _ := json.Marshal(p.Offices)
		fmt.Printf("PERSON %d %s [%s] %v %s\n", p.ID, p.Name, p.Country, p.Aliases, j)
	}
	for _, m := range b.Meetings {
		var names []string
		for _, p := range m.Participants {
			names = append(names, b.People[p].Name)
		}
		var tops []string
		for _, t := range m.Topics {
			tops = append(tops, t.Name)
		}
		fmt.Printf("MEETING %d doc=%s name=%q people=%v places=%v date=%s countries=%v topics=%v\n  anchor=%q\n", m.ID, b.Docs[m.Doc].File[:8], m.Name, names, m.Places, m.Date.Human(), m.Countries, tops, b.Sentences[m.Anchor].Text)
	}
	for _, a := range b.Agreements {
		var names []string
		for _, p := range a.Signatories {
			names = append(names, b.People[p].Name)
		}
		fmt.Printf("AGREEMENT %d doc=%s %q parties=%v signed=%s(%s) place=%s status=%s expires=%s init=%s sig=%v\n", a.ID, b.Docs[a.Doc].File[:8], a.Name, a.Parties, a.Signed.Human(), a.SignedVerb, a.Place, a.Status, a.Expires.Human(), a.Initiator, names)
	}
}
