package syntax

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Features are 64-bit hashes of a template number and atoms (word hashes,
// tag and label numbers, counts). The model keeps weights only for features
// that training changed, keyed by the top 32 bits of the hash.

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// mix is the splitmix64 finaliser: it spreads every input bit over the output.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

func f1(t, a uint64) uint64       { return mix(t*0x9e3779b97f4a7c15 ^ mix(a)) }
func f2(t, a, b uint64) uint64    { return mix(f1(t, a) ^ mix(b+0x632be59bd9b4e019)) }
func f3(t, a, b, c uint64) uint64 { return mix(f2(t, a, b) ^ mix(c+0x8cb92ba72f3d8dd7)) }

// hashBytes is FNV-1a of b.
func hashBytes(b []byte) uint64 {
	h := uint64(fnvOffset)
	for _, c := range b {
		h ^= uint64(c)
		h *= fnvPrime
	}
	return h
}

// hashString is FNV-1a of s.
func hashString(s string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// appendLower appends the lower case of s to dst, with curly apostrophes
// and quotes made straight, so that "Don’t" and "don't" share features.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			dst = append(dst, c)
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '’', '‘', 'ʼ', '´':
			dst = append(dst, '\'')
			continue
		case '“', '”':
			dst = append(dst, '"')
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// appendNorm rewrites a lower-cased word for word features: every digit
// becomes 0, so that numbers share features.
func normDigits(b []byte) {
	for i, c := range b {
		if '0' <= c && c <= '9' {
			b[i] = '0'
		}
	}
}

// appendShape appends the shape of s: X for upper-case letters, x for
// lower, d for digits, the character itself otherwise; runs longer than
// two of a class are cut to two ("Xxxx-dd" -> "Xxx-dd").
func appendShape(dst []byte, s string) []byte {
	var last byte
	run := 0
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		default:
			c = '~'
		}
		if c == last {
			run++
			if run > 2 {
				continue
			}
		} else {
			run = 1
			last = c
		}
		dst = append(dst, c)
	}
	return dst
}

// suffixStart returns the byte offset where the last k runes of b begin.
func suffixStart(b []byte, k int) int {
	i := len(b)
	for ; k > 0 && i > 0; k-- {
		_, size := utf8.DecodeLastRune(b[:i])
		i -= size
	}
	return i
}

// prefixEnd returns the byte offset where the first k runes of b end.
func prefixEnd(b []byte, k int) int {
	i := 0
	for ; k > 0 && i < len(b); k-- {
		_, size := utf8.DecodeRune(b[i:])
		i += size
	}
	return i
}

// sortedKeys returns the keys of m in increasing order.
func sortedKeys[V any](m map[uint64]V) []uint64 {
	ks := make([]uint64, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// sortedStrings returns the keys of m in increasing order.
func sortedStrings[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
