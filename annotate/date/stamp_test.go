package date_test

import (
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/date"
)

// TestStamp checks the article's own date line: the date after "Posted:"
// or "Updated" and a dateline's date before a wire service's name are
// stamps, the reference of an undated text; other dates are not. Our own
// text.
func TestStamp(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text    string
		stamps  []string // texts of the stamped expressions
		ref     string   // inferred reference
		dateOf  string   // an expression to resolve against it
		dateVal string
	}{
		{"Boy hurt in park shooting Posted: Tuesday, May 5, 2015 5:36 PM\n\nThe boy was shot in the park on Monday night.",
			[]string{"Tuesday, May 5, 2015 5:36 PM"}, "2015-05-05", "Tuesday, May 5, 2015 5:36 PM", "2015-05-05T17:36"},
		{"Boy hurt in park shooting Posted: Tuesday, May 5, 2015\n\nThe boy was shot in the park on Monday night.",
			[]string{"Tuesday, May 5, 2015"}, "2015-05-05", "Monday night", "2015-05-04TNI"},
		{"TOLEDO, March 3, 2014 (Reuters) - Two men were shot on Sunday, police said.",
			[]string{"March 3, 2014"}, "2014-03-03", "Sunday", "2014-03-02"},
		{"Last updated June 9, 2016.\nA man was shot on June 7, 2016, and died on Wednesday.",
			[]string{"June 9, 2016"}, "2016-06-09", "Wednesday", "2016-06-08"},
	} {
		f, err := date.Default()
		if err != nil {
			t.Fatal(err)
		}
		got, r, found := f.FindInferred(tc.text, sitrep.Span{}, now)
		if !found || r.Format(time.DateOnly) != tc.ref {
			t.Errorf("%q: reference %v (%v), want %s", tc.text, r, found, tc.ref)
		}
		var stamps []string
		for _, e := range got {
			if e.Stamp {
				stamps = append(stamps, tc.text[e.Start:e.End])
			}
			if tc.text[e.Start:e.End] == tc.dateOf && e.Value != tc.dateVal {
				t.Errorf("%q: %q = %s, want %s", tc.text, tc.dateOf, e.Value, tc.dateVal)
			}
		}
		if len(stamps) != len(tc.stamps) || len(stamps) > 0 && stamps[0] != tc.stamps[0] {
			t.Errorf("%q: stamps %q, want %q", tc.text, stamps, tc.stamps)
		}
	}
}

// TestWeekdayAfterPlace checks that a weekday right after a place named
// with a preposition of place is a time ("shot in Lynwood Wednesday"),
// while a weekday inside a name is none. Our own sentences.
func TestWeekdayAfterPlace(t *testing.T) {
	ref := time.Date(2016, 11, 24, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		text, want string // want: the value found, "" for none
	}{
		{"A girl was struck by gunfire in Lynwood Wednesday while walking home.", "2016-11-23"},
		{"Two men were shot at Riverside Park Sunday after a game.", "2016-11-20"},
		{"Thousands marched to remember Bloody Sunday in the city.", ""},
		{"The mayor wrote in the Sunday Times about the shooting.", ""},
	} {
		got := ""
		for _, e := range date.Find(tc.text, sitrep.Span{}, ref) {
			got = e.Value
		}
		if got != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestWritersDay checks that a text is read from its dateline's day when
// the page was published within a week after it: deixis counts from the
// day the text was written. A dateline with no wire credit ("LVIV,
// Ukraine, March 9 -") is a date line too. Our own text.
func TestWritersDay(t *testing.T) {
	published := time.Date(2024, 3, 11, 0, 0, 0, 0, time.UTC) // a Monday
	for _, tc := range []struct {
		text, expr, want string
	}{
		// Written Saturday 9 March, put online Monday.
		{"LVIV, Ukraine, March 9 - Drones hit a fuel depot in the city.\n\nEarlier in the day, a shell struck a school.", "Earlier in the day", "2024-03-09"},
		{"LVIV, Ukraine, March 9 - Drones hit a depot on Friday night.", "Friday night", "2024-03-08TNI"},
		{"LVIV, March 9 (Wire) - Officials said yesterday that the road was shut.", "yesterday", "2024-03-08"},
		// A dateline more than a week old is not the writer's day of this page.
		{"LVIV, Ukraine, February 9 - Drones hit a depot on Friday night.", "Friday night", "2024-03-08TNI"},
		// A date opening a line that is no dateline leaves the publication date.
		{"Police said, March 9 - the day of the march - was calm. Drones hit a depot on Friday night.", "Friday night", "2024-03-08TNI"},
	} {
		got := ""
		for _, e := range date.Find(tc.text, sitrep.Span{}, published) {
			if tc.text[e.Start:e.End] == tc.expr {
				got = e.Value
			}
		}
		if got != tc.want {
			t.Errorf("%q: %q = %q, want %q", tc.text, tc.expr, got, tc.want)
		}
	}
}
