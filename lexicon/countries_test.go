package lexicon

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestCountries(t *testing.T) {
	cs, err := Countries()
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) < 240 {
		t.Errorf("got %d countries, want at least 240", len(cs))
	}
	// Every alias and demonym names one country only, and no alias is
	// another country's name.
	owner := make(map[string]string)
	for _, c := range cs {
		owner[strings.ToLower(c.Name)] = c.ISO2
	}
	for _, c := range cs {
		for _, a := range append(append([]string(nil), c.Aliases...), c.Demonyms...) {
			k := strings.ToLower(a)
			if o, ok := owner[k]; ok && o != c.ISO2 {
				t.Errorf("%q is used by %s and %s", a, o, c.ISO2)
			}
			owner[k] = c.ISO2
		}
	}
	tests := []struct {
		iso2, name, alias, demonym string
	}{
		{"AF", "Afghanistan", "", "Afghan"},
		{"CD", "Democratic Republic of Congo", "DRC", "Congolese"},
		{"US", "United States", "U.S.", "American"},
		{"TR", "Turkey", "Türkiye", "Turkish"},
		{"MM", "Myanmar", "Burma", "Burmese"},
		{"CI", "Ivory Coast", "Côte d'Ivoire", "Ivorian"},
		{"PS", "Palestine", "", "Palestinian"},
		{"XK", "Kosovo", "", "Kosovar"},
	}
	for _, tt := range tests {
		t.Run(tt.iso2, func(t *testing.T) {
			c, ok := CountryByISO2(tt.iso2)
			if !ok {
				t.Fatalf("no country %s", tt.iso2)
			}
			if c.Name != tt.name {
				t.Errorf("name = %q, want %q", c.Name, tt.name)
			}
			if tt.alias != "" && !contains(c.Aliases, tt.alias) {
				t.Errorf("aliases %q lack %q", c.Aliases, tt.alias)
			}
			if tt.demonym != "" && !contains(c.Demonyms, tt.demonym) {
				t.Errorf("demonyms %q lack %q", c.Demonyms, tt.demonym)
			}
		})
	}
}

func TestLoadCountriesErrors(t *testing.T) {
	const head = "# test\niso2\tiso3\tname\taliases\tdemonyms\n"
	tests := []struct {
		name, data, want string
	}{
		{"bad iso2", head + "A\tAFG\tAfghanistan\t\t\n", "data/countries.tsv:3: iso2"},
		{"bad iso3", head + "AF\tAF\tAfghanistan\t\t\n", "data/countries.tsv:3: iso3"},
		{"no name", head + "AF\tAFG\t\t\t\n", "data/countries.tsv:3: country AF has no name"},
		{"duplicate", head + "AF\tAFG\tAfghanistan\t\t\n\nAF\tAFX\tAfghanistan 2\t\t\n", "data/countries.tsv:5: duplicate iso2:AF"},
		{"empty", head, "no countries"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{CountriesFile: {Data: []byte(tt.data)}}
			_, err := LoadCountries(fsys)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
