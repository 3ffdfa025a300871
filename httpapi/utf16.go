package httpapi

import (
	"slices"
	"unicode/utf8"
)

// utf16Offsets converts UTF-8 byte offsets into text to UTF-16 code unit
// offsets, the indices of a JavaScript string holding the same text. It
// returns -1 for an offset that is out of range or falls inside a
// character. Invalid bytes count as one unit each, as U+FFFD does once a
// browser decodes them. One pass over text serves every offset.
func utf16Offsets(text string, offs []int) []int {
	out := make([]int, len(offs))
	order := make([]int, len(offs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return offs[a] - offs[b] })

	pos, units := 0, 0 // byte offset and UTF-16 offset of the next character
	for _, i := range order {
		off := offs[i]
		if off < 0 || off > len(text) {
			out[i] = -1
			continue
		}
		for pos < off {
			r, size := utf8.DecodeRuneInString(text[pos:])
			pos += size
			if r >= 0x10000 {
				units += 2
			} else {
				units++
			}
		}
		if pos != off {
			out[i] = -1 // inside a character
			continue
		}
		out[i] = units
	}
	return out
}
