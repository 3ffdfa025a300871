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
	const head = "# test\niso2\tiso3\tname\taliases\tdemonyms\tiso_num\tregion\n"
	tests := []struct {
		name, data, want string
	}{
		{"bad iso2", head + "A\tAFG\tAfghanistan\t\t\t4\tSouth Asia\n", "data/countries.tsv:3: iso2"},
		{"bad iso3", head + "AF\tAF\tAfghanistan\t\t\t4\tSouth Asia\n", "data/countries.tsv:3: iso3"},
		{"no name", head + "AF\tAFG\t\t\t\t4\tSouth Asia\n", "data/countries.tsv:3: country AF has no name"},
		{"duplicate", head + "AF\tAFG\tAfghanistan\t\t\t4\tSouth Asia\n\nAF\tAFX\tAfghanistan 2\t\t\t5\tSouth Asia\n", "data/countries.tsv:5: duplicate iso2:AF"},
		{"duplicate iso_num", head + "AF\tAFG\tAfghanistan\t\t\t4\tSouth Asia\nAL\tALB\tAlbania\t\t\t4\tEurope\n", "data/countries.tsv:4: duplicate iso_num 4"},
		{"bad iso_num", head + "AF\tAFG\tAfghanistan\t\t\t004\tSouth Asia\n", "data/countries.tsv:3: iso_num"},
		{"bad region", head + "AF\tAFG\tAfghanistan\t\t\t4\tCentral Asia\n", "data/countries.tsv:3: region"},
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

// TestCountries_ACLEDColumns checks the ISO 3166-1 numeric codes and ACLED
// regions of a sample of countries, one per region, and that every region
// has at least one country.
func TestCountries_ACLEDColumns(t *testing.T) {
	tests := []struct {
		name   string
		num    int
		region string
	}{
		{"Afghanistan", 4, "South Asia"}, {"Syria", 760, "Middle East"}, {"Nigeria", 566, "Western Africa"},
		{"Democratic Republic of Congo", 180, "Middle Africa"}, {"Somalia", 706, "Eastern Africa"},
		{"Mozambique", 508, "Southern Africa"}, {"Libya", 434, "Northern Africa"}, {"Ukraine", 804, "Europe"},
		{"Armenia", 51, "Caucasus and Central Asia"}, {"Myanmar", 104, "Southeast Asia"}, {"China", 156, "East Asia"},
		{"Mexico", 484, "Central America"}, {"Colombia", 170, "South America"}, {"Haiti", 332, "Caribbean"},
		{"United States", 840, "North America"}, {"Papua New Guinea", 598, "Oceania"},
		{"Antarctica", 10, "Antarctica"}, {"Kosovo", 0, "Europe"}, {"palestine", 275, "Middle East"},
	}
	for _, tt := range tests {
		c, ok := CountryByName(tt.name)
		if !ok {
			t.Errorf("no country named %q", tt.name)
			continue
		}
		if c.ISONumeric != tt.num || c.Region != tt.region {
			t.Errorf("%s: iso %d, region %q; want %d, %q", tt.name, c.ISONumeric, c.Region, tt.num, tt.region)
		}
	}
	if _, ok := CountryByName("DRC"); ok {
		t.Error("CountryByName matched an alias")
	}
	cs, _ := Countries()
	used := map[string]bool{}
	for _, c := range cs {
		used[c.Region] = true
	}
	for _, r := range ACLEDRegions {
		if !used[r] {
			t.Errorf("no country in region %q", r)
		}
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
