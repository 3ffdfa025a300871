package lexicon

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestForces(t *testing.T) {
	fs, err := Forces()
	if err != nil {
		t.Fatal(err)
	}
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	known := make(map[string]bool, len(cs))
	for _, c := range cs {
		known[c.ISO2] = true
	}
	// Every state_forces country exists; every country with an own row has
	// a current period; an alias means one country's forces only.
	current := make(map[string]bool)
	aliasOwner := make(map[string]string)
	for _, f := range fs {
		if !known[f.Country] {
			t.Errorf("state_forces country %s is not in countries.tsv", f.Country)
		}
		if f.To.IsZero() {
			current[f.Country] = true
		}
		for _, a := range f.Aliases {
			k := strings.ToLower(a)
			if o, ok := aliasOwner[k]; ok && o != f.Country {
				t.Errorf("state forces alias %q is used by %s and %s", a, o, f.Country)
			}
			aliasOwner[k] = f.Country
		}
	}
	for c := range known {
		_, has := ForcesAt(c, time.Time{})
		if has && !current[c] {
			t.Errorf("%s has no current period", c)
		}
	}
	if len(current) < 190 {
		t.Errorf("%d countries have a current period, want at least 190", len(current))
	}
}

func TestForcesAt(t *testing.T) {
	tests := []struct {
		iso2, day, military, police string
	}{
		{"AF", "2023-03-26", "Military Forces of Afghanistan (2021-)", "Police Forces of Afghanistan (2021-)"},
		{"AF", "2021-08-15", "Military Forces of Afghanistan (2021-)", ""},
		{"AF", "2021-08-14", "Military Forces of Afghanistan (2014-2021)", ""},
		{"af", "2019-01-01", "Military Forces of Afghanistan (2014-2021)", ""},
		{"CD", "2022-05-01", "Military Forces of the Democratic Republic of Congo (2019-)", ""},
		{"SY", "2020-01-01", "Military Forces of Syria (2000-2024)", ""},
		{"NG", "2021-11-15", "Military Forces of Nigeria (2015-2023)", ""},
		{"RU", "2023-01-01", "Military Forces of Russia (2000-)", ""},
		{"US", "", "Military Forces of the United States (2025-)", ""},
	}
	for _, tt := range tests {
		t.Run(tt.iso2+"/"+tt.day, func(t *testing.T) {
			var d time.Time
			if tt.day != "" {
				d = day(tt.day)
			}
			f, ok := ForcesAt(tt.iso2, d)
			if !ok {
				t.Fatal("not found")
			}
			if f.Military != tt.military {
				t.Errorf("military = %q, want %q", f.Military, tt.military)
			}
			if tt.police != "" && f.Police != tt.police {
				t.Errorf("police = %q, want %q", f.Police, tt.police)
			}
		})
	}
	if _, ok := ForcesAt("AF", day("1990-01-01")); ok {
		t.Error("AF 1990: want no period")
	}
	if _, ok := ForcesAt("ZZ", time.Time{}); ok {
		t.Error("ZZ: want no period")
	}
}

func TestLoadForcesErrors(t *testing.T) {
	const head = "country\tfrom\tto\tmilitary\tpolice\taliases\tnote\n"
	tests := []struct {
		name, data, want string
	}{
		{"bad country", head + "AFG\t\t\tM\tP\t\t\n", "data/state_forces.tsv:2: country"},
		{"no names", head + "AF\t\t\t\tP\t\t\n", "data/state_forces.tsv:2: AF: military and police"},
		{"bad date", head + "AF\t2021-13-01\t\tM\tP\t\t\n", "data/state_forces.tsv:2: from"},
		{"reversed", head + "AF\t2021-01-01\t2020-01-01\tM\tP\t\t\n", "data/state_forces.tsv:2: period"},
		{"overlap", head + "AF\t2014-01-01\t2021-08-16\tM\tP\t\t\n# c\nAF\t2021-08-15\t\tM2\tP2\t\t\n",
			"data/state_forces.tsv:4: AF period 2021-08-15.. overlaps the period on line 2"},
		{"two open", head + "AF\t\t\tM\tP\t\t\nAF\t2021-08-15\t\tM2\tP2\t\t\n", "overlaps"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadForces(fstest.MapFS{StateForcesFile: {Data: []byte(tt.data)}})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
