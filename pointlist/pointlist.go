// Package pointlist writes the compact list of many events' points that
// the map and the timeline read (GET /api/points):
//
//	{"points": [[id, lat, lon, type, day, fatalities], ...],
//	 "types": [...], "count": N, "truncated": false}
//
// where type indexes "types", day counts days since 1970-01-01 (null when
// the date is not a calendar date), and lat/lon are rounded to 5 decimals
// (about a metre), null for an event with no place. "types" starts with
// sitrep.EventTypes(), in that order; a type outside them is added after
// them when the list first meets it.
//
// A store may keep each event's row ready-made (Row), written with the
// event, so that a list is its stored rows joined by commas
// (sitrep.PointRowLister) and nothing is decoded or encoded per event
// when it is read. The bytes of a row are then part of what such stores
// hold: a change to AppendRow's output needs a migration in each of them
// that sets the stored rows to NULL; they are computed again when the
// store is next opened for writing.
package pointlist

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// Head is the start of a list, before its first row.
const Head = `{"points":[`

// Types returns the types a list names before any other, in order: the
// event types of ACLED. A stored row indexes its type in them.
func Types() []string { return sitrep.EventTypes() }

// Row returns the stored form of p's row: AppendRow with p's type indexed
// in Types(). It is "" when p's type is none of them: the index of such a
// type depends on the list the row is in, so the row cannot be made
// ahead.
func Row(p sitrep.EventPoint) string {
	i := slices.Index(Types(), p.Type)
	if i < 0 {
		return ""
	}
	var e Encoder
	return string(e.AppendRow(nil, p, i))
}

// Encoder appends rows. Its zero value is ready to use; it remembers the
// last date it converted, since a listing comes in date order.
type Encoder struct {
	lastDate string
	lastDay  []byte // nil until the first row
}

// AppendRow appends the row of p, whose type is typeIndex in the list's
// types, without a separating comma.
func (e *Encoder) AppendRow(buf []byte, p sitrep.EventPoint, typeIndex int) []byte {
	buf = append(buf, '[')
	buf = AppendString(buf, p.ID)
	buf = append(buf, ',')
	buf = appendCoord(buf, p.Point.Valid, p.Point.Lat)
	buf = append(buf, ',')
	buf = appendCoord(buf, p.Point.Valid, p.Point.Lon)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(typeIndex), 10)
	buf = append(buf, ',')
	if p.Date != e.lastDate || e.lastDay == nil {
		e.lastDate = p.Date
		e.lastDay = e.lastDay[:0]
		if t, err := time.Parse(time.DateOnly, p.Date); err == nil {
			e.lastDay = strconv.AppendInt(e.lastDay, t.Unix()/86400, 10)
		} else {
			e.lastDay = append(e.lastDay, "null"...)
		}
	}
	buf = append(buf, e.lastDay...)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(p.Fatalities), 10)
	return append(buf, ']')
}

// AppendTail appends the end of a list of count rows: its types, its
// count and whether the cap cut it short, and a newline.
func AppendTail(buf []byte, types []string, count int, truncated bool) []byte {
	buf = append(buf, `],"types":[`...)
	for i, t := range types {
		if i > 0 {
			buf = append(buf, ',')
		}
		buf = AppendString(buf, t)
	}
	buf = append(buf, `],"count":`...)
	buf = strconv.AppendInt(buf, int64(count), 10)
	buf = append(buf, `,"truncated":`...)
	buf = strconv.AppendBool(buf, truncated)
	return append(buf, "}\n"...)
}

// AppendString appends s as a JSON string: as it is between quotes when
// it is printable ASCII with no quote or backslash (an id, a type), else
// as encoding/json writes it (HTML characters escaped, invalid UTF-8 as
// U+FFFD).
func AppendString(buf []byte, s string) []byte {
	simple := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			simple = false
			break
		}
	}
	if simple {
		buf = append(buf, '"')
		buf = append(buf, s...)
		return append(buf, '"')
	}
	b, _ := json.Marshal(s)
	return append(buf, b...)
}

// appendCoord appends a coordinate rounded to 5 decimals, or null when
// there is none.
func appendCoord(buf []byte, valid bool, v float64) []byte {
	if !valid {
		return append(buf, "null"...)
	}
	return strconv.AppendFloat(buf, math.Round(v*1e5)/1e5, 'f', -1, 64)
}
