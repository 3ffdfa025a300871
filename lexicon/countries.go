package lexicon

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
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
	// ISONumeric is the ISO 3166-1 numeric code (4 for Afghanistan), ACLED's
	// iso column; 0 when the country has none (Kosovo).
	ISONumeric int
	// Region is the region ACLED files the country under, one of
	// ACLEDRegions ("South Asia").
	Region string
}

// ACLEDRegions are the region names of ACLED's region column.
var ACLEDRegions = []string{
	"Antarctica", "Caribbean", "Caucasus and Central Asia", "Central America", "East Asia",
	"Eastern Africa", "Europe", "Middle Africa", "Middle East", "North America", "Northern Africa",
	"Oceania", "South America", "South Asia", "Southeast Asia", "Southern Africa", "Western Africa",
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

var countryByNameOnce = sync.OnceValue(func() map[string]*Country {
	cs, err := Countries()
	if err != nil {
		return nil
	}
	m := make(map[string]*Country, len(cs))
	for i := range cs {
		m[strings.ToLower(cs[i].Name)] = &cs[i]
	}
	return m
})

// CountryByName returns the embedded country whose name, as ACLED spells
// it, is name (case-insensitive); aliases do not count.
func CountryByName(name string) (Country, bool) {
	c, ok := countryByNameOnce()[strings.ToLower(name)]
	if !ok {
		return Country{}, false
	}
	return *c, true
}

// LoadCountries reads data/countries.tsv from fsys. It rejects rows without
// codes or name, malformed codes, duplicate codes or names, and regions
// that are not ACLED's.
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
		if v := r.Get("iso_num"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 || n > 999 || v[0] == '0' {
				return r.Errorf("iso_num %q: want an ISO 3166-1 numeric code without leading zeros", v)
			}
			c.ISONumeric = n
			if line, dup := seen["num:"+v]; dup {
				return r.Errorf("duplicate iso_num %s (first on line %d)", v, line)
			}
			seen["num:"+v] = r.Line
		}
		c.Region = r.Get("region")
		if !slices.Contains(ACLEDRegions, c.Region) {
			return r.Errorf("region %q: want one of ACLED's regions (%s)", c.Region, strings.Join(ACLEDRegions, ", "))
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
