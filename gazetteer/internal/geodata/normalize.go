// Package geodata holds what the gazetteer generator and the gazetteer
// loader share: the name-matching key and the binary file format.
package geodata

import (
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns the matching key of a place name. Two spellings that a
// transliteration could produce for one name should give one key:
//
//   - case and diacritics are dropped ("Mazār-e Sharīf" -> "mazar-e sharif");
//   - every character that is not a letter or a digit is dropped, so
//     apostrophes, hyphens, dots and spaces do not matter ("Mazar-i-Sharif" =
//     "Mazari Sharif");
//   - vowels fold by class: e and i become i, o and u become u ("-e-" and
//     "-i-" joins, Shiberghan = Sheberghan, Kaboul = Kabul);
//   - "aw"/"ow" before a consonant become o (Jawzjan = Jowzjan = Jozjan), a y
//     that does not start a word becomes i (Maymana = Maimana, Paktya = Paktia);
//   - "sch" becomes "sh", "q" and "ck" become "k", "ph" becomes "f";
//   - doubled letters are single (Butkhaak = Butkhak), and an h ending a
//     word after a vowel is dropped (Maymanah = Maymana).
//
// Letters of other scripts are kept, lower-cased.
func Normalize(s string) string {
	var buf [64]byte
	return string(AppendKey(buf[:0], s))
}

// AppendKey appends the key of s (see Normalize) to dst.
func AppendKey(dst []byte, s string) []byte {
	start := len(dst)
	// Pass 1: fold to lower-case ASCII letters and digits (other scripts
	// kept as UTF-8), dropping everything else. A space marks a word end
	// for the final-h rule and is removed in pass 2.
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			default:
				dst = appendBoundary(dst, start)
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if f, ok := foldRune(r); ok {
			if f == "" {
				dst = appendBoundary(dst, start)
			} else {
				dst = append(dst, f...)
			}
			continue
		}
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			dst = utf8.AppendRune(dst, unicode.ToLower(r))
		} else if !unicode.Is(unicode.Mn, r) {
			dst = appendBoundary(dst, start)
		}
	}
	return phonetic(dst, start)
}

func appendBoundary(dst []byte, start int) []byte {
	if len(dst) > start && dst[len(dst)-1] != ' ' {
		dst = append(dst, ' ')
	}
	return dst
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' }

// plain marks the bytes that no phonetic rule starts at: they are only
// vowel-folded and deduplicated.
var plain = func() (t [256]bool) {
	for c := 0; c < 256; c++ {
		switch c {
		case ' ', 's', 'q', 'c', 'p', 'a', 'o', 'y', 'h':
		default:
			t[c] = true
		}
	}
	return t
}()

// phonetic rewrites dst[start:] in place (it never grows) and returns dst.
func phonetic(dst []byte, start int) []byte {
	src := dst[start:]
	out := src[:0]
	n := len(src)
	for i := 0; i < n; i++ {
		c := src[i]
		if plain[c] {
			if c == 'e' {
				c = 'i'
			}
			if len(out) > 0 && out[len(out)-1] == c && c < utf8.RuneSelf {
				continue
			}
			out = append(out, c)
			continue
		}
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

// AppendFold appends Fold(s) to dst.
func AppendFold(dst []byte, s string) []byte {
	start := len(dst)
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		var f string
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				space = len(dst) > start
				continue
			}
			if space {
				dst = append(dst, ' ')
				space = false
			}
			dst = append(dst, c)
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		if ff, ok := foldRune(r); ok {
			f = ff
		} else if unicode.IsLetter(r) || unicode.IsDigit(r) {
			f = string(unicode.ToLower(r))
		} else if unicode.Is(unicode.Mn, r) {
			continue
		}
		if f == "" {
			space = len(dst) > start
			continue
		}
		if space {
			dst = append(dst, ' ')
			space = false
		}
		dst = append(dst, f...)
	}
	return dst
}

// Fold returns s in lower case without diacritics, with runs of
// non-alphanumeric characters replaced by one space and no leading or
// trailing space: the strict form of a name that ranks exact spellings first.
func Fold(s string) string {
	var buf [64]byte
	return string(AppendFold(buf[:0], s))
}

// foldTable maps Latin letters with diacritics (and a few special letters)
// to ASCII; punctuation outside ASCII maps to "". It is built on first use,
// not at init: commands that never fold a name do not pay for it.
var foldTable = sync.OnceValue(buildFoldTable)

func buildFoldTable() map[rune]string {
	m := map[rune]string{
		'ß': "ss", 'ẞ': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d",
		'ł': "l", 'Ł': "l", 'ı': "i", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th", 'ð': "d",
		'Ð': "d", 'ŋ': "n", 'Ŋ': "n", 'ħ': "h", 'Ħ': "h", 'ŧ': "t", 'Ŧ': "t", 'ĸ': "k",
		'ʻ': "", 'ʼ': "", 'ʿ': "", 'ʾ': "", '‘': "", '’': "", '‐': "", '‑': "", '–': "", '—': "",
		'´': "", '`': "", '«': "", '»': "", '“': "", '”': "", '\u00a0': "", '·': "",
	}
	for _, lo := range [][2]rune{{0x00C0, 0x024F}, {0x1E00, 0x1EFF}} {
		for r := lo[0]; r <= lo[1]; r++ {
			if _, ok := m[r]; ok {
				continue
			}
			d := norm.NFD.String(string(r))
			var b []byte
			for _, x := range d {
				if x < utf8.RuneSelf {
					b = append(b, byte(unicode.ToLower(x)))
				}
			}
			if len(b) > 0 {
				m[r] = string(b)
			}
		}
	}
	return m
}

func foldRune(r rune) (string, bool) {
	f, ok := foldTable()[r]
	return f, ok
}

// IsLatin reports whether every letter of s is in a Latin script (ASCII or
// Latin with diacritics), so that it can appear in English news.
func IsLatin(s string) bool {
	for _, r := range s {
		if r < utf8.RuneSelf {
			continue
		}
		if _, ok := foldTable()[r]; ok {
			continue
		}
		if unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// Skeleton returns the consonant skeleton of a name's key (Normalize):
// its first letter, then its consonants without the vowels a, i, u, the
// semivowel y, and an h after a vowel. Arabic script, in which Dari,
// Pashto, Arabic and Urdu names are written, leaves short vowels
// unwritten and writes long ones with the letters ye and waw that stand
// for consonants too, and a final he is often silent: romanisations of one
// name differ in their vowels and in these letters (Tarin Kowt = Tirin
// Kot, Panjwaye = Panjwayi, Zharai = Zhari, Deh Rahwod = Dihrawud), seldom
// in their consonants. Matching by skeleton is loose: callers use it
// only where a kind word or a containing region narrows the choice.
func Skeleton(s string) string {
	var buf [64]byte
	key := AppendKey(buf[:0], s)
	out := make([]byte, 0, len(key))
	for i, c := range key {
		if i == 0 {
			out = append(out, c)
			continue
		}
		prev := key[i-1]
		switch {
		case c == 'a' || c == 'i' || c == 'u' || c == 'y':
			continue
		case c == 'h' && (prev == 'a' || prev == 'i' || prev == 'u' || prev == 'y'):
			continue
		}
		if n := len(out); n > 0 && out[n-1] == c {
			continue
		}
		out = append(out, c)
	}
	return string(out)
}
