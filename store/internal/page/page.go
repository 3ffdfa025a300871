// Package page is the cursor of a page of events that the SQL stores
// share, so that a cursor means the same in either.
package page

import (
	"encoding/base64"
	"encoding/json"

	"github.com/sitrep-dev/sitrep"
)

// Cursor is the position after the last event of a page, in (date desc,
// event_id) order.
type Cursor struct {
	Date string `json:"d"`
	ID   string `json:"i"`
}

// Encode returns c as base64url of {"d": date, "i": id}.
func Encode(c Cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

// Decode reads a cursor Encode wrote; anything else is an error wrapping
// sitrep.ErrInvalid.
func Decode(s string) (Cursor, error) {
	var c Cursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" {
		return c, sitrep.Invalidf("bad cursor %q: pass the next_cursor of the previous page", s)
	}
	return c, nil
}

// Page sizes of the stores' Events.
const (
	DefaultLimit = 100
	MaxLimit     = 10000
)

// Size returns the size of the page a filter's Limit asks for: 0 is
// DefaultLimit, and more than MaxLimit is MaxLimit. A negative limit is
// an error wrapping sitrep.ErrInvalid.
func Size(limit int) (int, error) {
	switch {
	case limit < 0:
		return 0, sitrep.Invalidf("negative limit %d", limit)
	case limit == 0:
		return DefaultLimit, nil
	case limit > MaxLimit:
		return MaxLimit, nil
	}
	return limit, nil
}
