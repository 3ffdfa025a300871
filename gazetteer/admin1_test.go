package gazetteer_test

import "testing"

// TestFirstLevelRegions checks first-level regions that an earlier build
// lacked: names with a generic word (GeoNames' "Zamfara State"), regions
// whose places carry a newer admin code than cities500's (Vietnam's
// provinces), and that the display name drops the generic word.
func TestFirstLevelRegions(t *testing.T) {
	g := gz(t)
	tests := []struct{ query, name, cc string }{
		{"Zamfara", "Zamfara", "NG"},
		{"Zamfara State", "Zamfara", "NG"},
		{"Kano State", "Kano", "NG"},
		{"Rivers State", "Rivers", "NG"},
		{"Nghe An", "Nghe An", "VN"},
		{"Thanh Hoa Province", "Thanh Hoa", "VN"},
		{"Volgograd Oblast", "Volgograd", "RU"},
		{"Free State", "Free State", "ZA"},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			for _, p := range g.Lookup(tc.query) {
				if p.FeatureCode == "ADM1" && p.CountryCode == tc.cc {
					if p.Name != tc.name {
						t.Errorf("name %q, want %q", p.Name, tc.name)
					}
					if p.Lat == 0 && p.Lon == 0 {
						t.Errorf("no point")
					}
					return
				}
			}
			t.Errorf("no first-level region of %s named %q", tc.cc, tc.query)
		})
	}
}
