package sitrep_test

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

func TestParseDay(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" with ok: the zero Day
		ok   bool
	}{
		{"2024-05-13", "2024-05-13", true},
		{"", "", true},
		{"2024-02-29", "2024-02-29", true},
		{"2023-02-29", "", false},
		{"2024-13-01", "", false},
		{"2024-1-1", "", false},
		{" 2024-05-13", "", false},
		{"13/05/2024", "", false},
		{"yesterday", "", false},
		{"2024-05-13T00:00:00Z", "", false},
	}
	for _, tc := range tests {
		d, err := sitrep.ParseDay(tc.in)
		if tc.ok != (err == nil) || d.String() != tc.want {
			t.Errorf("ParseDay(%q) = %q, %v", tc.in, d, err)
		}
		if err != nil && !errors.Is(err, sitrep.ErrInvalid) {
			t.Errorf("ParseDay(%q): %v does not wrap ErrInvalid", tc.in, err)
		}
	}
}

func TestDay_JSON(t *testing.T) {
	type rec struct {
		D sitrep.Day `json:"d,omitzero"`
	}
	for _, tc := range []struct {
		d    sitrep.Day
		want string
	}{
		{sitrep.NewDay(2024, 5, 13), `{"d":"2024-05-13"}`},
		{sitrep.Day{}, `{}`},
	} {
		b, err := json.Marshal(rec{tc.d})
		if err != nil || string(b) != tc.want {
			t.Errorf("Marshal(%v) = %s, %v", tc.d, b, err)
		}
		var back rec
		if err := json.Unmarshal(b, &back); err != nil || back.D != tc.d {
			t.Errorf("Unmarshal(%s) = %v, %v", b, back.D, err)
		}
	}
	var r rec
	if err := json.Unmarshal([]byte(`{"d":"May 13"}`), &r); err == nil {
		t.Error("Unmarshal accepted a day that is not YYYY-MM-DD")
	}
}

func TestDayOf(t *testing.T) {
	kabul := time.FixedZone("AFT", 4*3600+1800)
	// Late evening in Kabul is still the same day there, whatever UTC says.
	if got := sitrep.DayOf(time.Date(2024, 5, 13, 23, 30, 0, 0, kabul)); got != sitrep.NewDay(2024, 5, 13) {
		t.Errorf("DayOf = %v", got)
	}
	if !sitrep.DayOf(time.Time{}).IsZero() {
		t.Error("DayOf(zero time) is not the zero Day")
	}
	a, b := sitrep.NewDay(2024, 5, 13), sitrep.NewDay(2024, 5, 14)
	if !a.Before(b) || !b.After(a) || a.Compare(b) != -1 || a.AddDays(1) != b {
		t.Error("Day order")
	}
}

func FuzzParseDay(f *testing.F) {
	for _, s := range []string{"2024-05-13", "", "2024-02-30", "0000-01-01", "9999-12-31", "2024-05-13x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := sitrep.ParseDay(s)
		if err != nil {
			return
		}
		if d.String() != s {
			t.Fatalf("ParseDay(%q).String() = %q", s, d.String())
		}
	})
}
