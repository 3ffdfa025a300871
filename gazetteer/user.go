package gazetteer

import (
	"bufio"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/gazetteer/internal/geodata"
)

// DataDir returns the directory that holds sitrep's user data, under which
// imported gazetteers live (in "gazetteer/"): $SITREP_DATA_DIR when set,
// else $XDG_DATA_HOME/sitrep, else ~/.local/share/sitrep. It returns ""
// when none can be determined.
func DataDir() string {
	if d := os.Getenv("SITREP_DATA_DIR"); d != "" {
		return d
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "sitrep")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".local", "share", "sitrep")
}

// userHeader is the header of an imported gazetteer file as stored.
const userHeader = "id\tname\tlat\tlon\tclass\tcode\tcc\tadmin1\tadmin2\tpopulation\talternates"

// Record is one feature of an outside gazetteer, as Import stores it.
type Record struct {
	ID         int      // GeoNames id, 0 when none
	Name       string   // the name to print
	Alternates []string // other names
	Lat, Lon   float64
	Class      string // "P" populated place, "A" region
	Code       string // "PPL", "ADM1", "ADM2", ...
	CC         string // ISO 3166-1 alpha-2
	Admin1     string // name of the first-level region
	Admin2     string // name of the second-level region
	Population int
	// HasPoint is false when the source gave no coordinates; the feature
	// then takes the point of its region.
	HasPoint bool
}

func (r Record) tsv() string {
	lat, lon := "", ""
	if r.HasPoint {
		lat, lon = strconv.FormatFloat(r.Lat, 'f', 5, 64), strconv.FormatFloat(r.Lon, 'f', 5, 64)
	}
	clean := func(s string) string {
		return strings.NewReplacer("\t", " ", "\n", " ", "\r", " ", "|", " ").Replace(strings.TrimSpace(s))
	}
	alts := make([]string, 0, len(r.Alternates))
	for _, a := range r.Alternates {
		if a = clean(a); a != "" && a != r.Name {
			alts = append(alts, a)
		}
	}
	return strings.Join([]string{strconv.Itoa(r.ID), clean(r.Name), lat, lon, clean(r.Class), clean(r.Code), clean(r.CC),
		clean(r.Admin1), clean(r.Admin2), strconv.Itoa(r.Population), strings.Join(alts, "|")}, "\t")
}

// loadUser adds the gazetteers stored under dataDir/gazetteer.
func (g *Gazetteer) loadUser(dataDir string) error {
	dir := filepath.Join(dataDir, "gazetteer")
	files, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil || len(files) == 0 {
		return nil
	}
	slices.Sort(files)
	for _, f := range files {
		recs, err := readUserFile(f)
		if err != nil {
			return err
		}
		g.AddRecords(recs)
	}
	return nil
}

func readUserFile(path string) ([]Record, error) {
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	defer fh.Close()
	var out []Record
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if t == "" || t[0] == '#' || t == userHeader {
			continue
		}
		c := strings.Split(t, "\t")
		if len(c) != 11 {
			return nil, fmt.Errorf("gazetteer %s:%d: %d columns, want 11", path, line, len(c))
		}
		r := Record{Name: c[1], Class: c[4], Code: c[5], CC: c[6], Admin1: c[7], Admin2: c[8]}
		r.ID, _ = strconv.Atoi(c[0])
		r.Population, _ = strconv.Atoi(c[9])
		if c[10] != "" {
			r.Alternates = strings.Split(c[10], "|")
		}
		if c[2] != "" {
			lat, err1 := strconv.ParseFloat(c[2], 64)
			lon, err2 := strconv.ParseFloat(c[3], 64)
			if err := errors.Join(err1, err2); err != nil {
				return nil, fmt.Errorf("gazetteer %s:%d: %w", path, line, err)
			}
			r.Lat, r.Lon, r.HasPoint = lat, lon, true
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("gazetteer %s:%d: %w", path, line, err)
	}
	return out, nil
}

// AddRecords adds outside features to g, linked to the embedded regions of
// the same names. A region already in g (same level, country and name) is
// not added twice; a feature without a point takes its region's point.
// AddRecords is not safe to call concurrently with other methods.
func (g *Gazetteer) AddRecords(recs []Record) {
	// Regions first, so that places find them.
	order := make([]int, len(recs))
	for i := range order {
		order[i] = i
	}
	level := func(r Record) int {
		switch r.Code {
		case "ADM1":
			return 0
		case "ADM2":
			return 1
		}
		return 2
	}
	slices.SortStableFunc(order, func(a, b int) int { return level(recs[a]) - level(recs[b]) })
	for _, i := range order {
		r := recs[i]
		cc, ok := g.ccIndex[strings.ToUpper(r.CC)]
		if !ok || strings.TrimSpace(r.Name) == "" {
			continue
		}
		a1 := g.findRegion(r.Admin1, "ADM1", r.CC, NoRef)
		if r.Code == "ADM1" {
			if a1 == NoRef {
				a1 = g.findRegion(r.Name, "ADM1", r.CC, NoRef)
			}
			if a1 != NoRef {
				g.addAltKeys(a1, r)
				continue
			}
		}
		a2 := NoRef
		if r.Admin2 != "" {
			a2 = g.findRegion(r.Admin2, "ADM2", r.CC, a1)
		}
		if r.Code == "ADM2" {
			if e := g.findRegion(r.Name, "ADM2", r.CC, a1); e != NoRef {
				g.addAltKeys(e, r)
				continue
			}
		}
		f := feature{id: uint32(max(r.ID, 0)), name: r.Name, pop: uint32(min(max(r.Population, 0), math.MaxUint32)),
			code: g.code(orDefault(r.Class, "P"), orDefault(r.Code, "PPL")), cc: cc, a1: a1, a2: a2, seat: NoRef}
		switch {
		case r.HasPoint && !(r.Lat == 0 && r.Lon == 0):
			f.lat, f.lon = geodata.Deg(r.Lat), geodata.Deg(r.Lon)
		case a2 != NoRef:
			f.lat, f.lon = g.c.Lat[a2], g.c.Lon[a2]
		case a1 != NoRef:
			f.lat, f.lon = g.c.Lat[a1], g.c.Lon[a1]
		default:
			continue // nowhere to put it
		}
		ref := g.appendFeature(f)
		switch r.Code {
		case "ADM1":
			g.c.Admin1[ref] = int32(ref)
		case "ADM2":
			g.c.Admin2[ref] = int32(ref)
		}
		if (a1 == NoRef && r.Admin1 != "") || (a2 == NoRef && r.Admin2 != "") {
			g.adminNames[ref] = [2]string{r.Admin1, r.Admin2}
		}
		g.addAltKeys(ref, r)
	}
}

func (g *Gazetteer) addAltKeys(ref Ref, r Record) {
	g.addKey(r.Name, ref)
	for _, a := range r.Alternates {
		if geodata.IsLatin(a) {
			g.addKey(a, ref)
		}
	}
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// findRegion returns the region of code code ("ADM1", "ADM2") named name in
// country cc (and inside region in, when not NoRef), or NoRef.
func (g *Gazetteer) findRegion(name, code, cc string, in Ref) Ref {
	if strings.TrimSpace(name) == "" {
		return NoRef
	}
	refs := g.LookupRefs(name + " " + map[string]string{"ADM1": "province", "ADM2": "district"}[code])
	if len(refs) == 0 {
		refs = g.LookupRefs(name)
	}
	for _, r := range refs {
		info := g.Info(r)
		if info.Code == code && info.CC == cc && (in == NoRef || info.Admin1 == in) {
			return r
		}
	}
	return NoRef
}

// ImportOptions control Import.
type ImportOptions struct {
	// Country is the ISO 3166-1 alpha-2 code of every record that names no
	// country; when "", it is inferred from the region names.
	Country string
	// Name is the stored file's name (without extension); when "", the
	// input file's base name.
	Name string
}

// Import reads the outside gazetteer in file (a GeoNames dump, a GeoJSON
// feature collection, a CSV or a JSON list of places with their regions),
// and stores it under dataDir/gazetteer so that Open (and Default) use it.
// It returns the number of features stored and the path written. Errors
// name the file and line.
func (g *Gazetteer) Import(dataDir, file string, opts ImportOptions) (int, string, error) {
	if dataDir == "" {
		return 0, "", errors.New("gazetteer: no data directory: set SITREP_DATA_DIR")
	}
	recs, err := ReadFile(file)
	if err != nil {
		return 0, "", err
	}
	g.resolveCodes(recs)
	if err := g.fillCountry(recs, opts.Country); err != nil {
		return 0, "", fmt.Errorf("gazetteer %s: %w", file, err)
	}
	name := opts.Name
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))
	}
	dir := filepath.Join(dataDir, "gazetteer")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, "", fmt.Errorf("gazetteer: %w", err)
	}
	out := filepath.Join(dir, sanitize(name)+".tsv")
	var b strings.Builder
	b.WriteString("# imported by sitrep gazetteer import from " + strings.ReplaceAll(filepath.Base(file), "\n", " ") + "\n")
	b.WriteString(userHeader + "\n")
	for _, r := range recs {
		b.WriteString(r.tsv())
		b.WriteByte('\n')
	}
	tmp := out + ".tmp"
	if err := os.WriteFile(tmp, []byte(b.String()), 0o644); err != nil {
		return 0, "", fmt.Errorf("gazetteer: %w", err)
	}
	if err := os.Rename(tmp, out); err != nil {
		return 0, "", fmt.Errorf("gazetteer: %w", err)
	}
	return len(recs), out, nil
}

func sanitize(s string) string {
	s = strings.Map(func(r rune) rune {
		if r == '-' || r == '_' || r == '.' || ('0' <= r && r <= '9') || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') {
			return r
		}
		return '_'
	}, s)
	if s == "" || s[0] == '.' {
		s = "import" + s
	}
	return s
}

// fillCountry sets the country of records without one: cc when given, else
// the country whose first-level regions the records' region names match
// most often.
func (g *Gazetteer) fillCountry(recs []Record, cc string) error {
	cc = strings.ToUpper(strings.TrimSpace(cc))
	if cc != "" {
		if _, ok := g.ccIndex[cc]; !ok {
			return fmt.Errorf("unknown country code %q", cc)
		}
	}
	missing := false
	for _, r := range recs {
		if r.CC == "" {
			missing = true
			break
		}
	}
	if !missing {
		return nil
	}
	if cc == "" {
		votes := map[string]int{}
		seen := map[string]bool{}
		for _, r := range recs {
			name := r.Admin1
			if r.Code == "ADM1" {
				name = r.Name
			}
			if r.CC != "" || name == "" || seen[name] {
				continue
			}
			seen[name] = true
			for _, ref := range g.LookupRefs(name) {
				if in := g.Info(ref); in.Code == "ADM1" {
					votes[in.CC]++
				}
			}
		}
		best := 0
		for c, n := range votes {
			if n > best || (n == best && c < cc) {
				cc, best = c, n
			}
		}
		if cc == "" {
			return errors.New("the records name no country and their regions match none: give the country code")
		}
	}
	for i := range recs {
		if recs[i].CC == "" {
			recs[i].CC = cc
		}
	}
	return nil
}

// Imported lists the gazetteer files stored under dataDir.
func Imported(dataDir string) ([]string, error) {
	files, err := fs.Glob(os.DirFS(filepath.Join(dataDir, "gazetteer")), "*.tsv")
	if err != nil {
		return nil, err
	}
	return files, nil
}

// resolveCodes replaces GeoNames admin codes ("=AF.13", from a dump whose
// regions are not in the file) by the embedded regions' names.
func (g *Gazetteer) resolveCodes(recs []Record) {
	var byCode map[string]Ref
	name := func(s string) string {
		if !strings.HasPrefix(s, "=") {
			return s
		}
		if byCode == nil {
			byCode = make(map[string]Ref, len(g.c.AdminCode))
			for r, c := range g.c.AdminCode {
				byCode[c] = Ref(r)
			}
		}
		if r, ok := byCode[s[1:]]; ok {
			return g.Name(r)
		}
		return ""
	}
	for i := range recs {
		recs[i].Admin1 = name(recs[i].Admin1)
		recs[i].Admin2 = name(recs[i].Admin2)
	}
}
