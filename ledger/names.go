package ledger

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// Names returns the distinctive names of a document: runs of two or three
// capitalised words ("Burning Tree Apartments", "Kevin Barbee", "Curtis
// Street") that are not the event's own place names and hold no word of
// the calendar or of the generic vocabulary of institutions ("Police
// Department", "County Sheriff"). News about one incident names the
// same streets, buildings and people, while reports of two incidents in
// one town rarely share such a name; the place itself, the police and
// the day are shared by both and say nothing.
func Names(text string, ev *sitrep.Event) []string {
	own := map[string]bool{}
	for _, p := range []string{ev.Location, ev.Admin1, ev.Admin2, ev.Admin3, ev.Country} {
		if p != "" {
			own[strings.ToLower(p)] = true
		}
	}
	seen := map[string]bool{}
	var run []string
	flush := func() {
		for n := 2; n <= 3; n++ {
			for i := 0; i+n <= len(run); i++ {
				name := strings.Join(run[i:i+n], " ")
				if own[name] || generic(run[i:i+n]) {
					continue
				}
				seen[name] = true
			}
		}
		run = run[:0]
	}
	for _, w := range strings.FieldsFunc(text, func(r rune) bool {
		return unicode.IsSpace(r) || r == '"' || r == '“' || r == '”' || r == '(' || r == ')'
	}) {
		end := strings.IndexAny(w, ",.;:!?") >= 0
		core := strings.TrimRight(w, ",.;:!?")
		core = strings.TrimSuffix(strings.TrimSuffix(core, "'s"), "’s")
		if capitalised(core) {
			run = append(run, strings.ToLower(core))
		} else {
			flush()
		}
		if end {
			flush()
		}
	}
	flush()
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// capitalised reports whether w is a word that starts with a capital and
// goes on in lower case, at least three letters long ("Barbee", not "FBI"
// or "A").
func capitalised(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) || utf8.RuneCountInString(w) < 3 {
		return false
	}
	for _, c := range w[size:] {
		if !unicode.IsLower(c) && c != '-' {
			return false
		}
	}
	return true
}

// genericWords are words of the calendar, of institutions and of news
// furniture: a name that holds one is shared by unrelated reports.
var genericWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`monday tuesday wednesday thursday friday saturday sunday
		january february march april may june july august september october november december
		police department sheriff sheriff's office county city state district court attorney
		news press associated reuters staff reporter editor copyright rights reserved posted updated
		the and but for his her their this that with from after before when where what who
		officer officers deputy deputies chief detective detectives sergeant lieutenant captain
		hospital medical center university school high street avenue road
		mr mrs ms dr said says north south east west new united states america american`) {
		genericWords[w] = true
	}
}

// generic reports whether a name has a generic word at its start or end,
// or is made of nothing else.
func generic(ws []string) bool {
	if genericWords[ws[0]] || genericWords[ws[len(ws)-1]] && len(ws) == 2 {
		return true
	}
	n := 0
	for _, w := range ws {
		if genericWords[w] {
			n++
		}
	}
	return n*2 >= len(ws)+1
}
