// Package docid is the stored id of a document, one rule for every SQL
// store so that a document has the same id in each.
package docid

import (
	"crypto/sha256"
	"encoding/hex"
)

// Of returns the stored id of the document with this source: the first
// 16 hex digits of SHA-256 over it, stable across re-ingests.
func Of(source string) string {
	h := sha256.Sum256([]byte("sitrep-document\x00" + source))
	return hex.EncodeToString(h[:8])
}
