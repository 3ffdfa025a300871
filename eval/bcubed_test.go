package eval

import (
	"math"
	"testing"
)

func TestBCubed(t *testing.T) {
	gold := map[string]string{"a": "1", "b": "1", "c": "2", "d": "2", "e": "3"}
	cases := []struct {
		name    string
		cluster map[string]string
		p, r    float64
	}{
		{"perfect", map[string]string{"a": "x", "b": "x", "c": "y", "d": "y", "e": "z"}, 1, 1},
		{"all apart", map[string]string{}, 1, 0.6},
		{"all together", map[string]string{"a": "x", "b": "x", "c": "x", "d": "x", "e": "x"}, (2*0.4 + 2*0.4 + 0.2) / 5, 1},
		// Bagga and Baldwin's definition, worked by hand: a and b right;
		// c joins e: c and e have precision 1/2.
		{"one wrong join", map[string]string{"a": "x", "b": "x", "c": "y", "e": "y"}, (1 + 1 + 0.5 + 1 + 0.5) / 5, (1 + 1 + 0.5 + 0.5 + 1) / 5},
	}
	for _, tc := range cases {
		p, r, _ := BCubed(tc.cluster, gold)
		if math.Abs(p-tc.p) > 1e-9 || math.Abs(r-tc.r) > 1e-9 {
			t.Errorf("%s: p %.3f r %.3f, want %.3f %.3f", tc.name, p, r, tc.p, tc.r)
		}
	}
}
