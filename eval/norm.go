package eval

import (
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/lexicon"
)

//go:embed data/*.tsv
var dataFS embed.FS

// fold returns s for comparison: lower case, without diacritics, every run
// of characters other than letters and digits replaced by one space, and
// trimmed. "Mazar-e Sharif" and "MAZAR E SHARIF" fold alike; so do
// "Jowzjān" and "Jowzjan".
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// anyEqual reports whether got folds like one of want.
func anyEqual(want []string, got string) bool {
	g := fold(got)
	for _, w := range want {
		if fold(w) == g {
			return true
		}
	}
	return false
}

// tables holds the embedded scoring tables.
type tables struct {
	families map[string]string // folded alias -> family
	titles   []string          // folded titles, longest first
}

var loadTables = sync.OnceValues(func() (*tables, error) {
	t := &tables{families: map[string]string{}}
	err := lexicon.ReadTSV(dataFS, "data/affiliations.tsv", func(r lexicon.Row) error {
		a, f := fold(r.Get("alias")), r.Get("family")
		if a == "" || f == "" {
			return r.Errorf("alias and family are required")
		}
		t.families[a] = fold(f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	err = lexicon.ReadTSV(dataFS, "data/titles.tsv", func(r lexicon.Row) error {
		if v := fold(r.Get("title")); v != "" {
			t.titles = append(t.titles, v)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	return t, nil
})

func mustTables() *tables {
	t, err := loadTables()
	if err != nil {
		panic(err) // embedded data: a broken file is a build error, caught by the tests
	}
	return t
}

// family returns the affiliation family of name: the family of its folded
// form in affiliations.tsv, else of that form without a trailing
// parenthesised qualifier ("Islamic State (Afghanistan)" -> "Islamic
// State"), else the folded form itself.
func family(name string) string {
	t := mustTables()
	f := fold(name)
	if v, ok := t.families[f]; ok {
		return v
	}
	if i := strings.LastIndexByte(name, '('); i > 0 {
		g := fold(name[:i])
		if v, ok := t.families[g]; ok {
			return v
		}
		return g
	}
	return f
}

// sameAffiliation reports whether an extracted affiliation is right for
// one of the gold's: equal when folded, or of the same family.
func sameAffiliation(want []string, got string) bool {
	if got == "" {
		return anyEqual(want, "")
	}
	if anyEqual(want, got) {
		return true
	}
	fg := family(got)
	for _, w := range want {
		if w != "" && family(w) == fg {
			return true
		}
	}
	return false
}

// personKey folds a person's name and drops leading titles ("Mawlawi",
// "Ustad", "General").
func personKey(name string) string {
	t := mustTables()
	k := fold(name)
	for changed := true; changed; {
		changed = false
		for _, title := range t.titles {
			if strings.HasPrefix(k, title+" ") {
				k = k[len(title)+1:]
				changed = true
			}
		}
	}
	return k
}

// samePerson reports whether an extracted person names a gold person: any
// of the gold name and aliases equals any of the extracted name and
// aliases, compared by personKey.
func samePerson(g GoldPerson, p sitrep.Person) bool {
	keys := make([]string, 0, 1+len(g.Aliases))
	for _, n := range append([]string{g.Name}, g.Aliases...) {
		if k := personKey(n); k != "" {
			keys = append(keys, k)
		}
	}
	for _, n := range append([]string{p.Name}, p.Aliases...) {
		k := personKey(n)
		if k == "" {
			continue
		}
		for _, w := range keys {
			if w == k {
				return true
			}
		}
	}
	return false
}
