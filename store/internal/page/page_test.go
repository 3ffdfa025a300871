package page

import (
	"errors"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func TestRoundTrip(t *testing.T) {
	for _, c := range []Cursor{
		{Date: "2024-03-01", ID: "ev-1"},
		{Date: "", ID: "only-id"},
		{Date: "2024-03-01", ID: "with \x00 nul and é"},
	} {
		got, err := Decode(Encode(c))
		if err != nil || got != c {
			t.Errorf("Decode(Encode(%+v)) = %+v, %v", c, got, err)
		}
	}
}

func TestDecodeBad(t *testing.T) {
	for _, s := range []string{"", "!!!", Encode(Cursor{Date: "2024-03-01"}), "bm90IGpzb24"} {
		if _, err := Decode(s); !errors.Is(err, sitrep.ErrInvalid) {
			t.Errorf("Decode(%q) = %v, want ErrInvalid", s, err)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add(Encode(Cursor{Date: "2024-03-01", ID: "a"}))
	f.Add("x")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := Decode(s)
		if err != nil {
			if !errors.Is(err, sitrep.ErrInvalid) {
				t.Fatalf("Decode(%q): %v is not ErrInvalid", s, err)
			}
			return
		}
		if back, err := Decode(Encode(c)); err != nil || back != c {
			t.Fatalf("cursor %+v does not round-trip: %+v, %v", c, back, err)
		}
	})
}

func TestSize(t *testing.T) {
	for _, tc := range []struct{ limit, want int }{
		{0, DefaultLimit}, {1, 1}, {MaxLimit, MaxLimit}, {MaxLimit + 1, MaxLimit},
	} {
		if got, err := Size(tc.limit); err != nil || got != tc.want {
			t.Errorf("Size(%d) = %d, %v; want %d", tc.limit, got, err, tc.want)
		}
	}
	if _, err := Size(-1); !errors.Is(err, sitrep.ErrInvalid) {
		t.Errorf("Size(-1) = %v, want ErrInvalid", err)
	}
}
