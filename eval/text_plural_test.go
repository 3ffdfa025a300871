package eval

import "testing"

func TestPlural(t *testing.T) {
	for n, want := range map[int]string{0: "0 documents", 1: "1 document", 2: "2 documents"} {
		if got := plural(n, "document"); got != want {
			t.Errorf("plural(%d) = %q, want %q", n, got, want)
		}
	}
}
