package gazetteer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/lexicon"
)

// ReadFile reads an outside gazetteer: a GeoNames dump (the 19-column
// tab-separated XX.txt or allCountries.txt), a GeoJSON FeatureCollection
// (points, or polygons placed at the mean of their outer ring), a CSV with
// a header (name, lat/latitude, lon/lng/longitude, and optionally country,
// admin1/province/region/state, admin2/district/county, population,
// feature_code, alternates), or a JSON array of such objects, in which an
// array of objects under a key nests places in their parent ("districts"
// of a province). Errors name the file and line.
func ReadFile(path string) ([]Record, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	recs, err := Parse(b, filepath.Ext(path))
	if err != nil {
		return nil, fmt.Errorf("gazetteer %s%w", path, err)
	}
	return recs, nil
}

// Parse is ReadFile on data; ext (".txt", ".csv", ".json", ".geojson")
// helps tell the format. Errors start with ":LINE: ".
func Parse(data []byte, ext string) ([]Record, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trim := bytes.TrimSpace(data)
	if len(trim) == 0 {
		return nil, errors.New(": empty file")
	}
	switch {
	case trim[0] == '{' || trim[0] == '[':
		return parseJSON(data)
	case strings.EqualFold(ext, ".csv"):
		return parseCSV(data)
	}
	first, _, _ := bytes.Cut(trim, []byte("\n"))
	if bytes.Count(first, []byte("\t")) >= 18 {
		return parseGeoNames(data)
	}
	if bytes.IndexByte(first, ',') >= 0 {
		return parseCSV(data)
	}
	return nil, errors.New(":1: unknown format: want a GeoNames dump (19 tab-separated columns), GeoJSON, CSV or JSON")
}

func parseGeoNames(data []byte) ([]Record, error) {
	var out []Record
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64*1024), 1<<24)
	line := 0
	// GeoNames gives region codes; the file's own ADM rows name them.
	type coded struct {
		rec      int
		a1, a2   string
		cc, code string
	}
	var codes []coded
	names := map[string]string{}
	for sc.Scan() {
		line++
		t := strings.TrimRight(sc.Text(), "\r")
		if t == "" || t[0] == '#' {
			continue
		}
		c := strings.Split(t, "\t")
		if len(c) != 19 {
			return nil, fmt.Errorf(":%d: %d columns, want 19 (GeoNames dump)", line, len(c))
		}
		id, err := strconv.Atoi(c[0])
		if err != nil {
			return nil, fmt.Errorf(":%d: geonameid %q: not a number", line, c[0])
		}
		lat, err1 := strconv.ParseFloat(c[4], 64)
		lon, err2 := strconv.ParseFloat(c[5], 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return nil, fmt.Errorf(":%d: bad coordinates %q, %q", line, c[4], c[5])
		}
		if c[1] == "" {
			return nil, fmt.Errorf(":%d: no name", line)
		}
		pop, _ := strconv.Atoi(c[14])
		r := Record{ID: id, Name: c[1], Lat: lat, Lon: lon, HasPoint: true, Class: c[6], Code: c[7], CC: c[8], Population: pop}
		if c[2] != "" && c[2] != c[1] {
			r.Alternates = append(r.Alternates, c[2])
		}
		for _, a := range strings.Split(c[3], ",") {
			if a != "" && len(a) < 80 {
				r.Alternates = append(r.Alternates, a)
			}
		}
		a1 := c[8] + "." + c[10]
		a2 := a1 + "." + c[11]
		switch r.Code {
		case "ADM1":
			names[a1] = r.Name
		case "ADM2":
			names[a2] = r.Name
		}
		if r.Class != "P" && r.Class != "A" && r.Class != "L" && r.Class != "S" && r.Class != "T" && r.Class != "H" {
			continue // roads, vegetation, undersea features
		}
		codes = append(codes, coded{rec: len(out), a1: a1, a2: a2, cc: c[8]})
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf(":%d: %w", line, err)
	}
	for _, c := range codes {
		r := &out[c.rec]
		r.Admin1 = names[c.a1]
		if r.Admin1 == "" && !strings.HasSuffix(c.a1, ".") {
			r.Admin1 = "=" + c.a1 // resolved by the embedded codes at import
		}
		if r.Code != "ADM1" {
			r.Admin2 = names[c.a2]
			if r.Admin2 == "" && !strings.HasSuffix(c.a2, ".") {
				r.Admin2 = "=" + c.a2
			}
		}
	}
	return out, nil
}

// field names, lower-case without spaces or underscores.
var (
	nameKeys  = []string{"name", "villagename", "placename", "place", "location", "shapename", "title", "asciiname"}
	latKeys   = []string{"lat", "latitude", "y"}
	lonKeys   = []string{"lon", "lng", "long", "longitude", "x"}
	ccKeys    = []string{"cc", "countrycode", "iso2", "country", "shapegroup"}
	a1Keys    = []string{"admin1", "province", "region", "state", "governorate", "admin1name"}
	a2Keys    = []string{"admin2", "district", "county", "admin2name"}
	popKeys   = []string{"population", "pop"}
	codeKeys  = []string{"featurecode", "fcode", "code", "shapetype"}
	altKeys   = []string{"alternates", "alternatenames", "aliases", "altnames"}
	childKeys = map[string]string{"districts": "ADM2", "provinces": "ADM1", "villages": "PPL", "places": "PPL"}
)

func canon(k string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '_' || r == '-' {
			return -1
		}
		return r
	}, strings.ToLower(k))
}

// fields is one source record as strings by canonical key.
type fields map[string]string

func (f fields) get(keys []string) string {
	for _, k := range keys {
		if v, ok := f[k]; ok && strings.TrimSpace(v) != "" {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// record turns source fields into a Record; parent supplies region names.
func record(f fields, parent *Record, code string) (Record, error) {
	r := Record{Name: f.get(nameKeys), Class: "P", Code: "PPL"}
	if r.Name == "" {
		return r, errors.New("no name")
	}
	if la, lo := f.get(latKeys), f.get(lonKeys); la != "" || lo != "" {
		lat, err1 := strconv.ParseFloat(la, 64)
		lon, err2 := strconv.ParseFloat(lo, 64)
		if err1 != nil || err2 != nil || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
			return r, fmt.Errorf("bad coordinates %q, %q", la, lo)
		}
		r.Lat, r.Lon, r.HasPoint = lat, lon, !(lat == 0 && lon == 0)
	}
	switch cc := f.get(ccKeys); len(cc) {
	case 2:
		r.CC = strings.ToUpper(cc)
	case 3:
		r.CC = iso3to2(cc)
	}
	r.Admin1, r.Admin2 = f.get(a1Keys), f.get(a2Keys)
	r.Population, _ = strconv.Atoi(f.get(popKeys))
	if c := strings.ToUpper(f.get(codeKeys)); c != "" {
		code = c
	}
	if alts := f.get(altKeys); alts != "" {
		for _, a := range strings.FieldsFunc(alts, func(r rune) bool { return r == '|' || r == ',' || r == ';' }) {
			r.Alternates = append(r.Alternates, strings.TrimSpace(a))
		}
	}
	if parent != nil {
		if r.CC == "" {
			r.CC = parent.CC
		}
		switch parent.Code {
		case "ADM1":
			r.Admin1 = orDefault(r.Admin1, parent.Name)
		case "ADM2":
			r.Admin1 = orDefault(r.Admin1, parent.Admin1)
			r.Admin2 = orDefault(r.Admin2, parent.Name)
		default:
			r.Admin1 = orDefault(r.Admin1, parent.Admin1)
			r.Admin2 = orDefault(r.Admin2, parent.Admin2)
		}
	}
	if code != "" {
		r.Code = code
		if strings.HasPrefix(code, "ADM") {
			r.Class = "A"
		}
	}
	if r.Name == "N/A" || r.Name == "N/A." || r.Admin1 == "N/A" {
		return r, errSkip
	}
	return r, nil
}

var errSkip = errors.New("skip")

func parseCSV(data []byte) ([]Record, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf(":1: %w", err)
	}
	for i := range header {
		header[i] = canon(header[i])
	}
	var out []Record
	for {
		row, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, fmt.Errorf(":%d: %w", pe.StartLine, err)
			}
			return nil, fmt.Errorf(": %w", err)
		}
		line, _ := cr.FieldPos(0)
		f := fields{}
		for i, h := range header {
			if i < len(row) {
				f[h] = row[i]
			}
		}
		r, err := record(f, nil, "")
		if err == errSkip {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf(":%d: %w", line, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// lineAt returns the 1-based line of byte offset off in data.
func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return bytes.Count(data[:off], []byte("\n")) + 1
}

func parseJSON(data []byte) ([]Record, error) {
	var top any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&top); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return nil, fmt.Errorf(":%d: %w", lineAt(data, se.Offset), err)
		}
		return nil, fmt.Errorf(":%d: %w", lineAt(data, dec.InputOffset()), err)
	}
	// Records are reported by index; lines are found by searching for
	// their names in order, which is good enough to point at the record.
	var out []Record
	w := &jsonWalker{data: data}
	switch v := top.(type) {
	case map[string]any:
		if t, _ := v["type"].(string); t == "FeatureCollection" {
			feats, _ := v["features"].([]any)
			for i, ft := range feats {
				r, err := geoJSONFeature(ft)
				if err == errSkip {
					continue
				}
				if err != nil {
					return nil, fmt.Errorf(":%d: feature %d: %w", w.line(i), i, err)
				}
				out = append(out, r)
			}
			return out, nil
		}
		return w.walk([]any{v}, nil, "", out)
	case []any:
		return w.walk(v, nil, "", out)
	}
	return nil, errors.New(":1: want a JSON array of places or a GeoJSON FeatureCollection")
}

type jsonWalker struct {
	data []byte
	n    int // records seen
}

// line estimates the line of the i-th object in the file: the line of the
// i-th occurrence of '{' after the first.
func (w *jsonWalker) line(i int) int {
	off, seen := 0, -1
	for p, c := range w.data {
		if c == '{' {
			seen++
			if seen == i+1 || (seen == i && i == 0) {
				off = p
				break
			}
		}
	}
	return lineAt(w.data, int64(off))
}

func (w *jsonWalker) walk(items []any, parent *Record, code string, out []Record) ([]Record, error) {
	for _, it := range items {
		w.n++
		obj, ok := it.(map[string]any)
		if !ok {
			return nil, fmt.Errorf(":%d: record %d: not an object", w.line(w.n-1), w.n)
		}
		f := fields{}
		var children []string
		for k, v := range obj {
			switch x := v.(type) {
			case string:
				f[canon(k)] = x
			case json.Number:
				f[canon(k)] = x.String()
			case []any:
				children = append(children, k)
			}
		}
		myCode := code
		for _, k := range children {
			if c, ok := childKeys[canon(k)]; ok && c == "ADM2" && myCode == "" {
				myCode = "ADM1"
			}
		}
		r, err := record(f, parent, myCode)
		if err == errSkip {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf(":%d: record %d: %w", w.line(w.n-1), w.n, err)
		}
		out = append(out, r)
		sort.Strings(children)
		for _, k := range children {
			c, ok := childKeys[canon(k)]
			if !ok {
				continue
			}
			sub, _ := obj[k].([]any)
			var err error
			if out, err = w.walk(sub, &r, c, out); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

func geoJSONFeature(ft any) (Record, error) {
	obj, ok := ft.(map[string]any)
	if !ok {
		return Record{}, errors.New("not an object")
	}
	props, _ := obj["properties"].(map[string]any)
	f := fields{}
	for k, v := range props {
		switch x := v.(type) {
		case string:
			f[canon(k)] = x
		case json.Number:
			f[canon(k)] = x.String()
		}
	}
	geom, _ := obj["geometry"].(map[string]any)
	lat, lon, err := geomPoint(geom)
	if err != nil {
		return Record{}, err
	}
	f["lat"], f["lon"] = strconv.FormatFloat(lat, 'f', 6, 64), strconv.FormatFloat(lon, 'f', 6, 64)
	code := ""
	if t := f.get([]string{"shapetype"}); strings.HasPrefix(t, "ADM") {
		code = t
	}
	return record(f, nil, code)
}

// geomPoint returns a point of a GeoJSON geometry: the point itself, or the
// mean of the first ring's vertices of a (multi)polygon.
func geomPoint(g map[string]any) (lat, lon float64, err error) {
	if g == nil {
		return 0, 0, errors.New("no geometry")
	}
	t, _ := g["type"].(string)
	coords := g["coordinates"]
	num := func(v any) (float64, bool) {
		n, ok := v.(json.Number)
		if !ok {
			return 0, false
		}
		f, err := n.Float64()
		return f, err == nil
	}
	pair := func(v any) (float64, float64, bool) {
		a, ok := v.([]any)
		if !ok || len(a) < 2 {
			return 0, 0, false
		}
		x, ok1 := num(a[0])
		y, ok2 := num(a[1])
		return y, x, ok1 && ok2
	}
	ring := func(v any) (float64, float64, bool) {
		pts, ok := v.([]any)
		if !ok || len(pts) == 0 {
			return 0, 0, false
		}
		var sy, sx float64
		for _, p := range pts {
			y, x, ok := pair(p)
			if !ok {
				return 0, 0, false
			}
			sy, sx = sy+y, sx+x
		}
		return sy / float64(len(pts)), sx / float64(len(pts)), true
	}
	var ok bool
	switch t {
	case "Point":
		lat, lon, ok = pair(coords)
	case "Polygon":
		if rings, _ := coords.([]any); len(rings) > 0 {
			lat, lon, ok = ring(rings[0])
		}
	case "MultiPolygon":
		if polys, _ := coords.([]any); len(polys) > 0 {
			if rings, _ := polys[0].([]any); len(rings) > 0 {
				lat, lon, ok = ring(rings[0])
			}
		}
	}
	if !ok || lat < -90 || lat > 90 || lon < -180 || lon > 180 {
		return 0, 0, fmt.Errorf("unsupported or bad geometry %q", t)
	}
	return lat, lon, nil
}

// iso3to2 maps an ISO 3166-1 alpha-3 code to alpha-2, "" when unknown.
func iso3to2(iso3 string) string {
	cs, err := lexicon.Countries()
	if err != nil {
		return ""
	}
	for _, c := range cs {
		if strings.EqualFold(c.ISO3, iso3) {
			return c.ISO2
		}
	}
	return ""
}
