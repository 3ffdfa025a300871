package docid

import "testing"

func TestOf(t *testing.T) {
	a, b := Of("https://example.org/a"), Of("https://example.org/b")
	if len(a) != 16 || a == b || Of("https://example.org/a") != a {
		t.Errorf("Of: %q, %q: want 16 hex digits, distinct per source, stable", a, b)
	}
	// The id is part of the stores' data: it must never change (the
	// value of the rule as both stores had it before it moved here).
	if got, want := Of("https://example.org/a"), "e532f9ae139d8ebf"; got != want {
		t.Errorf("Of changed: %q, want %q", got, want)
	}
}
