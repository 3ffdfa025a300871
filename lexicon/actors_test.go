package lexicon

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// overlaps reports whether two periods (To exclusive, zero = open) share a day.
func overlaps(af, at, bf, bt time.Time) bool {
	aBeforeB := !at.IsZero() && !bf.IsZero() && !bf.Before(at)
	bBeforeA := !bt.IsZero() && !af.IsZero() && !af.Before(bt)
	return !aBeforeB && !bBeforeA
}

func TestActors(t *testing.T) {
	as, err := Actors()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) < 300 {
		t.Errorf("got %d actors, want at least 300", len(as))
	}
	names := make(map[string]Actor, len(as))
	for _, a := range as {
		if _, dup := names[a.Name]; dup {
			t.Errorf("duplicate actor name %q", a.Name)
		}
		names[a.Name] = a
	}
	for _, a := range as {
		if a.Parent != "" {
			if _, ok := names[a.Parent]; !ok {
				t.Errorf("%s: parent %q is not an actor", a.Name, a.Parent)
			}
		}
		if a.Country != "" {
			if _, ok := CountryByISO2(a.Country); !ok {
				t.Errorf("%s: country %s is not in countries.tsv", a.Name, a.Country)
			}
		}
	}
	// Every alias (and name) resolves to one actor at any date: two actors
	// may share an alias only when their periods do not overlap.
	seen := make(map[string][]Actor)
	for _, a := range as {
		keys := map[string]bool{aliasKey(a.Name): true}
		for _, al := range a.Aliases {
			keys[aliasKey(al)] = true
		}
		for k := range keys {
			for _, b := range seen[k] {
				if overlaps(a.From, a.To, b.From, b.To) {
					t.Errorf("alias %q is shared by %q and %q", k, b.Name, a.Name)
				}
			}
			seen[k] = append(seen[k], a)
		}
	}
}

// aliasKey folds case except for short acronyms, which the data file
// declares case-sensitive ("JeM" and "JEM" are different groups).
func aliasKey(s string) string {
	if len(s) <= 5 && strings.ToLower(s) != s {
		return s
	}
	return strings.ToLower(s)
}

func TestActorLookups(t *testing.T) {
	as, err := Actors()
	if err != nil {
		t.Fatal(err)
	}
	find := func(alias string, day time.Time) []Actor {
		var out []Actor
		for _, a := range as {
			if !a.Contains(day) {
				continue
			}
			for _, al := range append([]string{a.Name}, a.Aliases...) {
				if strings.EqualFold(al, alias) {
					out = append(out, a)
					break
				}
			}
		}
		return out
	}
	tests := []struct {
		alias, day, country, want string
		inter                     int
	}{
		{"IS", "2023-03-26", "Syria", "Islamic State (Syria)", 2},
		{"Daesh", "2023-03-26", "Iraq", "Islamic State (Iraq)", 2},
		{"ISKP", "2023-03-26", "Afghanistan", "Islamic State (Afghanistan)", 2},
		{"IS-K", "2023-03-26", "Pakistan", "Islamic State (Pakistan)", 2},
		{"ISWAP", "2021-11-15", "Nigeria", "Islamic State (West Africa)", 2},
		{"Taliban", "2019-06-01", "Afghanistan", "Taliban", 2},
		{"TTP", "2024-01-01", "Pakistan", "TTP: Tehreek-i-Taliban Pakistan", 2},
		{"al-Shabaab", "2024-01-01", "Somalia", "Al Shabaab", 2},
		{"Houthis", "2024-01-01", "Yemen", "Military Forces of Yemen (2017-) Houthi", 1},
		{"Qassam Brigades", "2024-01-01", "Palestine", "Hamas Movement", 2},
		{"RSF", "2024-01-01", "Sudan", "RSF: Rapid Support Forces", 2},
		{"RSF", "2021-01-01", "Sudan", "Military Forces of Sudan (2019-) Rapid Support Forces", 1},
		{"HTS", "2020-01-01", "Syria", "HTS: Hayat Tahrir al Sham", 2},
		{"Wagner", "2022-01-01", "Mali", "Wagner Group", 8},
		{"M23", "2025-01-01", "Democratic Republic of Congo", "M23: March 23 Movement", 2},
	}
	for _, tt := range tests {
		t.Run(tt.alias+"/"+tt.day, func(t *testing.T) {
			got := find(tt.alias, day(tt.day))
			if len(got) != 1 {
				t.Fatalf("%q on %s: %d actors, want 1", tt.alias, tt.day, len(got))
			}
			if n := got[0].ACLEDName(tt.country); n != tt.want {
				t.Errorf("ACLEDName = %q, want %q", n, tt.want)
			}
			if got[0].Inter != tt.inter {
				t.Errorf("inter = %d, want %d", got[0].Inter, tt.inter)
			}
		})
	}
	if got := find("Taliban", day("2023-03-26")); len(got) != 0 {
		t.Errorf("Taliban after 2021-08-15: got actor %q, want none (state forces)", got[0].Name)
	}
	if got := find("HTS", day("2025-03-01")); len(got) != 0 {
		t.Errorf("HTS after 2024-12-08: got actor %q, want none (state forces)", got[0].Name)
	}
}

func TestLoadActorsErrors(t *testing.T) {
	const head = "name\tinter\tcountry\taliases\tparent\tfrom\tto\tqualify\tacled\tnote\n"
	tests := []struct {
		name, data, want string
	}{
		{"no name", head + "\t2\t\t\t\t\t\t\t\t\n", "data/actors.tsv:2: actor has no name"},
		{"bad inter", head + "X\t9\t\t\t\t\t\t\t\t\n", "data/actors.tsv:2: inter \"9\""},
		{"bad country", head + "X\t2\tAFG\t\t\t\t\t\t\t\n", "data/actors.tsv:2: X: country"},
		{"bad qualify", head + "X\t2\t\t\t\t\t\tyes\t\t\n", "data/actors.tsv:2: X: qualify"},
		{"bad to", head + "X\t2\t\t\t\t\t2021-02-30\t\t\t\n", "data/actors.tsv:2: to"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadActors(fstest.MapFS{ActorsFile: {Data: []byte(tt.data)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestBrokenFixture loads testdata/broken, whose files each have one bad
// row, and checks that every error names the file and line.
func TestBrokenFixture(t *testing.T) {
	fsys := os.DirFS("testdata/broken")
	tests := []struct {
		name string
		load func() error
		want string
	}{
		{"countries", func() error { _, err := LoadCountries(fsys); return err }, "data/countries.tsv:4:"},
		{"state_forces", func() error { _, err := LoadForces(fsys); return err }, "data/state_forces.tsv:4:"},
		{"actors", func() error { _, err := LoadActors(fsys); return err }, "data/actors.tsv:4:"},
		{"agents", func() error { _, err := LoadAgents(fsys); return err }, "data/agents.tsv:4:"},
		{"person_titles", func() error { _, err := LoadPersonTitles(fsys); return err }, "data/person_titles.tsv:4:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.load()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

// TestCrossFileAliases checks that a name means one thing across files: an
// actor alias is not also a state-forces alias in an overlapping period, a
// country name, alias or demonym, or a generic agent term.
func TestCrossFileAliases(t *testing.T) {
	as, err := Actors()
	if err != nil {
		t.Fatal(err)
	}
	fs, err := Forces()
	if err != nil {
		t.Fatal(err)
	}
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	ags, err := Agents()
	if err != nil {
		t.Fatal(err)
	}
	other := make(map[string]string)
	for _, c := range cs {
		for _, n := range append(append([]string{c.Name}, c.Aliases...), c.Demonyms...) {
			other[aliasKey(n)] = "country " + c.ISO2
		}
	}
	for _, g := range ags {
		for _, n := range g.Terms {
			other[aliasKey(n)] = "agent " + g.Terms[0]
		}
	}
	for _, a := range as {
		for _, al := range append([]string{a.Name}, a.Aliases...) {
			k := aliasKey(al)
			if o, ok := other[k]; ok {
				t.Errorf("actor %q alias %q is also %s", a.Name, al, o)
			}
			for _, f := range fs {
				if !overlaps(a.From, a.To, f.From, f.To) {
					continue
				}
				for _, fa := range f.Aliases {
					if aliasKey(fa) == k {
						t.Errorf("actor %q alias %q is also an alias of %s", a.Name, al, f.Military)
					}
				}
			}
		}
	}
}
