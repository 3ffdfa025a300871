package place_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

// TestSeed checks the places of the seed article (../shared, skipped when
// absent), with the embedded gazetteer and with the Afghan data imported.
func TestSeed(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "seed", "taliban-isis-balkh.txt"))
	if err != nil {
		t.Skip("no seed article")
	}
	text := string(b)
	type want struct {
		phrase, name string
		prec         int
		lat, lon, km float64
	}
	check := func(t *testing.T, ms []place.Mention, ws []want) {
		t.Helper()
		for _, w := range ws {
			found := false
			for _, m := range ms {
				if strings.Contains(m.Text, w.phrase) {
					found = true
					if m.Name != w.name || m.Precision != w.prec || place.DistanceKm(m.Place.Lat, m.Place.Lon, w.lat, w.lon) > w.km {
						t.Errorf("%q: got %q -> %s precision %d at %.3f,%.3f; want %s precision %d within %.0f km of %.3f,%.3f",
							w.phrase, m.Text, m.Name, m.Precision, m.Place.Lat, m.Place.Lon, w.name, w.prec, w.km, w.lat, w.lon)
					}
					break
				}
			}
			if !found {
				t.Errorf("%q: not found in %s", w.phrase, dump(ms))
			}
		}
	}
	common := []want{
		{"districts of Balkh", "Mazar-e Sharif", 2, 36.709, 67.111, 40},
		{"Faryab Province", "Faryab", 3, 35.921, 64.784, 120},
		{"Mazar-e-Sharif", "Mazar-e Sharif", 1, 36.709, 67.111, 25},
		{"Shiberghan", "Shibirghan", 1, 36.668, 65.753, 25},
		{"Sakhi Abad village of Shiberghan", "Shibirghan", 2, 36.668, 65.753, 25},
		{"Jawzjan", "Jowzjan", 3, 36.668, 65.753, 25},
	}
	t.Run("Embedded", func(t *testing.T) {
		ms := annotate(t, resolver(t), text)
		check(t, ms, append(common, want{"PD 12 of Kabul city", "Kabul", 2, 34.528, 69.172, 30}))
	})
	t.Run("AfghanImport", func(t *testing.T) {
		data := filepath.Join("..", "..", "..", "shared", "data", "afghanistan")
		if _, err := os.Stat(data); err != nil {
			t.Skip("no Afghan data")
		}
		dir := t.TempDir()
		g, err := gazetteer.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range []string{"provinces-and-districts.json", "villages.json"} {
			if _, _, err := g.Import(dir, filepath.Join(data, f), gazetteer.ImportOptions{}); err != nil {
				t.Fatal(err)
			}
		}
		g, err = gazetteer.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		ms := annotate(t, place.New(g), text)
		check(t, ms, append(common,
			want{"Butkhaak", "Butkhak", 1, 34.528, 69.172, 30},
			want{"PD 12", "PD 12", 2, 34.528, 69.172, 30}))
	})
}
