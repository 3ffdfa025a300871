package geodata

import (
	"math/rand/v2"
	"testing"
	"unicode/utf8"
)

// phonetic rewrites dst[start:] in place (it never grows) and returns dst.
func phoneticOld(dst []byte, start int) []byte {
	src := dst[start:]
	out := src[:0]
	n := len(src)
	for i := 0; i < n; i++ {
		c := src[i]
		var next, next2 byte
		if i+1 < n {
			next = src[i+1]
		}
		if i+2 < n {
			next2 = src[i+2]
		}
		switch {
		case c == ' ':
			continue
		case c == 's' && next == 'c' && next2 == 'h':
			c = 's'
			i++ // drop the c; the h follows
		case c == 'q':
			c = 'k'
		case c == 'c' && next == 'k':
			continue // "ck" -> "k"
		case c == 'p' && next == 'h':
			c = 'f'
			i++
		case (c == 'a' || c == 'o') && next == 'w' && isLetter(next2) && !isVowel(next2):
			c = 'o'
			i++
		case c == 'y' && i > 0 && src[i-1] != ' ':
			c = 'i'
		case c == 'h' && i > 0 && isVowel(src[i-1]) && (next == ' ' || next == 0):
			continue
		}
		switch c {
		case 'e':
			c = 'i'
		case 'o':
			c = 'u'
		}
		if len(out) > 0 && out[len(out)-1] == c && c < utf8.RuneSelf {
			continue
		}
		out = append(out, c)
	}
	return dst[:start+len(out)]
}

// TestPhoneticFastPath checks phonetic against its plain form on random
// strings over the letters the rules look at.
func TestPhoneticFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const alphabet = "aeiouschkpqwyhtn  é"
	for n := 0; n < 200000; n++ {
		b := make([]byte, rng.IntN(12))
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		got := string(phonetic(append([]byte("x"), b...), 1))
		want := string(phoneticOld(append([]byte("x"), b...), 1))
		if got != want {
			t.Fatalf("phonetic(%q) = %q, want %q", b, got, want)
		}
	}
}
