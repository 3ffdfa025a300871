package ingest

import (
	"crypto/sha256"
	"strings"
	"unicode"

	"github.com/sitrep-dev/sitrep"
)

// dedup remembers the documents Read has emitted, by canonical URL and by
// a hash of their normalised body text.
type dedup struct {
	urls  map[string]string   // canonical URL -> first document id
	texts map[[32]byte]string // hash of normalised body -> first document id
}

func newDedup() *dedup {
	return &dedup{urls: map[string]string{}, texts: map[[32]byte]string{}}
}

// check records doc and reports whether an earlier document had the same
// canonical URL or the same normalised text, and which one. Empty texts
// are never duplicates.
func (d *dedup) check(doc *sitrep.Document) (string, bool) {
	key := ""
	if doc.URL != "" {
		key = urlKey(doc.URL)
		if prev, ok := d.urls[key]; ok {
			return prev, true
		}
	}
	b := doc.BodySpan()
	norm := normaliseText(doc.Text[b.Start:b.End])
	if norm == "" {
		return "", false
	}
	h := sha256.Sum256([]byte(norm))
	if prev, ok := d.texts[h]; ok {
		return prev, true
	}
	d.texts[h] = doc.ID
	if key != "" {
		d.urls[key] = doc.ID
	}
	return "", false
}

// normaliseText lower-cases s, keeps only letters and digits and
// separates words by one space, so that re-wrapped, re-punctuated or
// re-quoted copies of a text compare equal.
func normaliseText(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		} else {
			space = true
		}
	}
	return b.String()
}
