package lexicon

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

// CountriesFile is the name of the countries data file.
const CountriesFile = "data/countries.tsv"

// Country is one sovereign state or territory from countries.tsv.
type Country struct {
	// ISO2 is the ISO 3166-1 alpha-2 code ("AF"; "XK" for Kosovo).
	ISO2 string
	// ISO3 is the ISO 3166-1 alpha-3 code ("AFG"; "XKX" for Kosovo).
	ISO3 string
	// Name is the country name as ACLED spells it ("Democratic Republic of Congo").
	Name string
	// Aliases are other names used in English news ("DRC", "DR Congo").
	Aliases []string
	// Demonyms are adjectives and people forms ("Congolese").
	Demonyms []string
}

var countriesOnce = sync.OnceValues(func() ([]Country, error) {
	return LoadCountries(dataFS)
})

// Countries returns the embedded countries, loaded once. The slice is shared:
// callers must not modify it.
func Countries() ([]Country, error) { return countriesOnce() }

// CountryByISO2 returns the embedded country with the given alpha-2 code
// (case-insensitive).
func CountryByISO2(iso2 string) (Country, bool) {
	cs, err := Countries()
	if err != nil {
		return Country{}, false
	}
	iso2 = strings.ToUpper(iso2)
	for _, c := range cs {
		if c.ISO2 == iso2 {
			return c, true
		}
	}
	return Country{}, false
}

// LoadCountries reads data/countries.tsv from fsys. It rejects rows without
// codes or name, malformed codes, and duplicate codes or names.
func LoadCountries(fsys fs.FS) ([]Country, error) {
	var out []Country
	seen := make(map[string]int) // iso2, iso3 and lower-case name -> line
	err := ReadTSV(fsys, CountriesFile, func(r Row) error {
		c := Country{
			ISO2:     r.Get("iso2"),
			ISO3:     r.Get("iso3"),
			Name:     r.Get("name"),
			Aliases:  r.List("aliases"),
			Demonyms: r.List("demonyms"),
		}
		if !isUpperCode(c.ISO2, 2) {
			return r.Errorf("iso2 %q: want two upper-case letters", c.ISO2)
		}
		if !isUpperCode(c.ISO3, 3) {
			return r.Errorf("iso3 %q: want three upper-case letters", c.ISO3)
		}
		if c.Name == "" {
			return r.Errorf("country %s has no name", c.ISO2)
		}
		for _, k := range []string{"iso2:" + c.ISO2, "iso3:" + c.ISO3, "name:" + strings.ToLower(c.Name)} {
			if line, dup := seen[k]; dup {
				return r.Errorf("duplicate %s (first on line %d)", k, line)
			}
			seen[k] = r.Line
		}
		out = append(out, c)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("lexicon %s: no countries", CountriesFile)
	}
	return out, nil
}

func isUpperCode(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
