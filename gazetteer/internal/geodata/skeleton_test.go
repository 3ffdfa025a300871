package geodata

import (
	"strings"
	"testing"
)

// TestSkeleton checks that romanisations of one Arabic-script name that
// differ in vowels, vowel letters and a silent h share a skeleton, and
// that names differing in consonants do not.
func TestSkeleton(t *testing.T) {
	same := [][]string{
		{"Tarin Kowt", "Tirin Kot", "Tarinkot"},
		{"Panjwaye", "Panjwayi", "Panjway"},
		{"Zharai", "Zhari", "Zharey"},
		{"Deh Rahwod", "Dihrawud", "Deh Rawud"},
		{"Nad-e Ali", "Nad Ali", "Nad-i-Ali"},
		{"Khugiani", "Khugyani", "Khogyani"},
		{"Shahidi Hassas", "Shahid-e Hasas"},
	}
	for _, names := range same {
		want := Skeleton(names[0])
		for _, n := range names[1:] {
			if got := Skeleton(n); got != want {
				t.Errorf("Skeleton(%q) = %q, Skeleton(%q) = %q; want equal", n, got, names[0], want)
			}
		}
	}
	differ := [][2]string{{"Kabul", "Kapisa"}, {"Khost", "Kunduz"}, {"Ghazni", "Ghor"}, {"Nili", "Nimroz"}}
	for _, p := range differ {
		if Skeleton(p[0]) == Skeleton(p[1]) {
			t.Errorf("Skeleton(%q) = Skeleton(%q) = %q", p[0], p[1], Skeleton(p[0]))
		}
	}
	if got := Skeleton(""); got != "" {
		t.Errorf("Skeleton(\"\") = %q", got)
	}
}

// FuzzSkeleton checks that Skeleton never panics, never grows its key and
// keeps the key's first letter.
func FuzzSkeleton(f *testing.F) {
	for _, s := range []string{"Tarin Kowt", "Qal'a-i-Naw", "Mazār-e Sharīf", "", "ها", "aaaa", "h"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		key := Normalize(s)
		sk := Skeleton(s)
		if len(sk) > len(key) {
			t.Fatalf("Skeleton(%q) = %q longer than its key %q", s, sk, key)
		}
		if key != "" && (sk == "" || !strings.HasPrefix(key, sk[:1])) {
			t.Fatalf("Skeleton(%q) = %q does not start as its key %q", s, sk, key)
		}
	})
}
