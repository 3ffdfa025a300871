package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Fold returns the matching key of a word: lower case, with curly
// apostrophes made straight and typographic hyphens plain. It returns s
// itself, without allocating, when s is already folded.
func Fold(s string) string {
	if folded(s) {
		return s
	}
	return string(AppendFold(make([]byte, 0, len(s)+4), s))
}

// AppendFold appends the fold of s (see Fold) to dst.
func AppendFold(dst []byte, s string) []byte {
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
		case '’', '‘', 'ʼ', '`', '´':
			dst = append(dst, '\'')
			continue
		case '‐', '‑', '–':
			dst = append(dst, '-')
			continue
		}
		dst = utf8.AppendRune(dst, unicode.ToLower(r))
	}
	return dst
}

// folded reports whether s is its own fold: ASCII without upper case.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			return false
		}
	}
	return true
}

// foldLen returns len(AppendFold(nil, s)) without building it.
func foldLen(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '’', '‘', 'ʼ', '`', '´', '‐', '‑', '–':
			n++
			continue
		}
		n += utf8.RuneLen(unicode.ToLower(r))
	}
	return n
}

// foldTokens sets the Fold of every token. Tokens that are already folded
// share text; the others share one buffer, so that folding a document
// makes at most one allocation.
func foldTokens(text string, toks []Token) {
	n := 0
	for i := range toks {
		t := &toks[i]
		w := text[t.Start:t.End]
		if folded(w) {
			t.Fold = w
			continue
		}
		n += foldLen(w)
	}
	if n == 0 {
		return
	}
	var b strings.Builder
	b.Grow(n)
	buf := make([]byte, 0, 64)
	for i := range toks {
		t := &toks[i]
		if t.Fold != "" {
			continue
		}
		buf = AppendFold(buf[:0], text[t.Start:t.End])
		start := b.Len()
		b.Write(buf)
		// b never grows past n, so earlier bytes stay where they are.
		t.Fold = b.String()[start:]
	}
}
