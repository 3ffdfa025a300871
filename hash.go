package sitrep

import (
	"crypto/sha256"
	"encoding/hex"
)

// ContentHash returns the hash a Store keeps for doc: SHA-256 over the
// source, the publication date and the text, in hex. Two documents with
// the same hash yield the same events, so an ingest may skip a document
// whose hash is already stored.
func ContentHash(doc *Document) string {
	h := sha256.New()
	h.Write([]byte(doc.ID))
	h.Write([]byte{0})
	if !doc.Published.IsZero() {
		h.Write([]byte(doc.Published.String()))
	}
	h.Write([]byte{0})
	h.Write([]byte(doc.Text))
	return hex.EncodeToString(h.Sum(nil))
}
