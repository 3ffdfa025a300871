package gazetteer_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/gazetteer"
)

const afghanData = "../../shared/data/afghanistan"

// TestImportAfghanistan imports the Afghan districts and villages (when
// ../shared is present) and checks that they are used on top of the
// embedded gazetteer.
func TestImportAfghanistan(t *testing.T) {
	if _, err := os.Stat(afghanData); err != nil {
		t.Skip("no ../shared/data/afghanistan")
	}
	dir := t.TempDir()
	g := gz(t)
	for _, f := range []string{"provinces-and-districts.json", "villages.json", "geoBoundaries-AFG-ADM2_simplified.geojson"} {
		n, _, err := g.Import(dir, filepath.Join(afghanData, f), gazetteer.ImportOptions{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if n == 0 {
			t.Errorf("%s: nothing imported", f)
		}
	}
	g2, err := gazetteer.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, code, admin1, admin2 string }{
		{"Butkhak", "PPL", "Kabul", "Bagrami"},
		{"Butkhaak", "PPL", "Kabul", "Bagrami"},
		{"PD 12", "ADM2", "Kabul", "PD 12"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ps := g2.Lookup(tc.name)
			if len(ps) == 0 {
				t.Fatal("not found")
			}
			p := ps[0]
			if p.FeatureCode != tc.code || p.Admin1 != tc.admin1 || p.Admin2 != tc.admin2 || p.CountryCode != "AF" {
				t.Errorf("got %+v", p)
			}
		})
	}
	// The embedded gazetteer alone does not know Butkhak.
	if ps := g.Lookup("Butkhak"); len(ps) > 0 {
		t.Errorf("embedded gazetteer has %+v", ps[0])
	}
}

func TestImportFormats(t *testing.T) {
	tests := []struct {
		name, file, data string
		wantN            int
		wantErr          string // substring of the error; "" for none
	}{
		{"CSV", "p.csv", "name,lat,lon,province,district\nQala-e Naw Bazaar,34.98,63.12,Badghis,Qala-e-Naw\n", 1, ""},
		{"CSVBadCoordinates", "p.csv", "name,lat,lon,province\nA,34.9,63.1,Badghis\nB,north,63.1,Badghis\n", 0, ":3:"},
		{"GeoNames", "AF.txt", "1\tFoo Kalay\tFoo Kalay\tFoo Kalai\t34.5\t69.3\tP\tPPL\tAF\t\t13\t\t\t\t0\t\t1800\tAsia/Kabul\t2020-01-01\n", 1, ""},
		{"GeoNamesShortLine", "AF.txt", "1\tFoo Kalay\tFoo Kalay\t\t34.5\t69.3\tP\tPPL\tAF\t\t13\t\t\t\t0\t\t1800\tAsia/Kabul\t2020-01-01\n2\tBar\t34.5\n", 0, ":2:"},
		{"GeoJSON", "p.geojson", `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Foo Kalay","province":"Kabul"},"geometry":{"type":"Point","coordinates":[69.3,34.5]}}]}`, 1, ""},
		{"JSONSyntax", "p.json", "[\n{\"name\": \"A\",\n \"lat\": 1,,\n}]", 0, ":3:"},
		{"Empty", "p.csv", "", 0, "empty"},
	}
	g := gz(t)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, tc.file)
			if err := os.WriteFile(path, []byte(tc.data), 0o644); err != nil {
				t.Fatal(err)
			}
			n, _, err := g.Import(filepath.Join(dir, "data"), path, gazetteer.ImportOptions{Country: "AF"})
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				if !strings.Contains(err.Error(), path) {
					t.Errorf("error %q does not name the file", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if n != tc.wantN {
				t.Errorf("imported %d, want %d", n, tc.wantN)
			}
			g2, err := gazetteer.Open(filepath.Join(dir, "data"))
			if err != nil {
				t.Fatal(err)
			}
			if tc.name == "CSV" {
				if ps := g2.Lookup("Qala-i-Naw Bazar"); len(ps) == 0 || ps[0].Admin1 != "Badghis" {
					t.Errorf("lookup after import: %+v", ps)
				}
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("name,lat,lon\nA,1,2\n"), ".csv")
	f.Add([]byte(`{"type":"FeatureCollection","features":[{"properties":{"name":"A"},"geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4],[5,2]]]}}]}`), ".geojson")
	f.Add([]byte(`[{"name":"P","districts":[{"name":"D","latitude":"1","longitude":"2"}]}]`), ".json")
	f.Add([]byte("1\tA\tA\t\t1\t2\tP\tPPL\tAF\t\t13\t\t\t\t0\t\t1\tX\t2020-01-01\n"), ".txt")
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		recs, err := gazetteer.Parse(data, ext)
		if err != nil {
			return
		}
		for _, r := range recs {
			if r.Name == "" {
				t.Errorf("record without a name: %+v", r)
			}
			if r.HasPoint && (r.Lat < -90 || r.Lat > 90 || r.Lon < -180 || r.Lon > 180) {
				t.Errorf("bad point: %+v", r)
			}
		}
	})
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"Mazar-i-Sharif", "Jowzjān", "Ṣanʿāʾ", "", "ÿ\xff", "Kabul's", "PD 12"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := gazetteer.Normalize(s)
		if k != gazetteer.Normalize(k) && isASCII(k) {
			// Keys of ASCII keys are stable except for the phonetic
			// rewrites, which must not grow the key.
			if len(gazetteer.Normalize(k)) > len(k) {
				t.Errorf("Normalize(%q) = %q grows to %q", s, k, gazetteer.Normalize(k))
			}
		}
		if strings.ContainsAny(k, " -'") {
			t.Errorf("Normalize(%q) = %q keeps separators", s, k)
		}
	})
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
