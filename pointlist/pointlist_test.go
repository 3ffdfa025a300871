package pointlist

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// legacyWriter is the point writer of httpapi as it was before rows were
// stored (commit 0895b70, httpapi/events.go), kept verbatim but for its
// output going to a buffer: the reference that AppendRow and AppendTail
// must match byte for byte, since rows written by one are served beside
// lists written by the other.
type legacyWriter struct {
	bw        *bufio.Writer
	max       int
	count     int
	truncated bool
	types     []string
	buf       []byte
	lastDate  string
	lastDay   []byte
}

func (pw *legacyWriter) add(p sitrep.EventPoint) {
	if pw.count == pw.max {
		pw.truncated = true
		return
	}
	buf := pw.buf[:0]
	if pw.count > 0 {
		buf = append(buf, ',')
	}
	buf = append(buf, '[')
	buf = legacyJSONString(buf, p.ID)
	buf = append(buf, ',')
	buf = legacyCoord(buf, p.Point.Valid, p.Point.Lat)
	buf = append(buf, ',')
	buf = legacyCoord(buf, p.Point.Valid, p.Point.Lon)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(pw.typeIndex(p.Type)), 10)
	buf = append(buf, ',')
	if p.Date != pw.lastDate || pw.lastDay == nil {
		pw.lastDate = p.Date
		pw.lastDay = pw.lastDay[:0]
		if t, err := time.Parse(time.DateOnly, p.Date); err == nil {
			pw.lastDay = strconv.AppendInt(pw.lastDay, t.Unix()/86400, 10)
		} else {
			pw.lastDay = append(pw.lastDay, "null"...)
		}
	}
	buf = append(buf, pw.lastDay...)
	buf = append(buf, ',')
	buf = strconv.AppendInt(buf, int64(p.Fatalities), 10)
	buf = append(buf, ']')
	pw.bw.Write(buf)
	pw.buf = buf
	pw.count++
}

func (pw *legacyWriter) typeIndex(t string) int {
	for i, x := range pw.types {
		if x == t {
			return i
		}
	}
	pw.types = append(pw.types, t)
	return len(pw.types) - 1
}

func (pw *legacyWriter) finish() {
	bw := pw.bw
	bw.WriteString(`],"types":[`)
	for i, t := range pw.types {
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.Write(legacyJSONString(nil, t))
	}
	fmt.Fprintf(bw, `],"count":%d,"truncated":%t}`, pw.count, pw.truncated)
	bw.WriteByte('\n')
	_ = bw.Flush()
}

func legacyJSONString(buf []byte, s string) []byte {
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

func legacyCoord(buf []byte, valid bool, v float64) []byte {
	if !valid {
		return append(buf, "null"...)
	}
	return strconv.AppendFloat(buf, math.Round(v*1e5)/1e5, 'f', -1, 64)
}

// legacyList is the whole body the legacy writer makes of points.
func legacyList(points []sitrep.EventPoint, max int) []byte {
	var out bytes.Buffer
	pw := &legacyWriter{bw: bufio.NewWriter(&out), max: max, types: sitrep.EventTypes()}
	pw.bw.WriteString(Head)
	for _, p := range points {
		pw.add(p)
		if pw.truncated {
			break
		}
	}
	pw.finish()
	return out.Bytes()
}

// storedList is the body made of stored rows (Row), as a store that
// keeps them serves it; ok is false when a point has no stored row.
func storedList(points []sitrep.EventPoint, max int) (body []byte, ok bool) {
	buf := []byte(Head)
	n := 0
	for _, p := range points {
		if n == max {
			break
		}
		row := Row(p)
		if row == "" {
			return nil, false
		}
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = append(buf, row...)
		n++
	}
	return AppendTail(buf, Types(), n, len(points) > max), true
}

// encodedList is the body AppendRow makes, types added as met.
func encodedList(points []sitrep.EventPoint, max int) []byte {
	var e Encoder
	types := Types()
	buf := []byte(Head)
	n := 0
	for _, p := range points {
		if n == max {
			break
		}
		i := -1
		for k, t := range types {
			if t == p.Type {
				i = k
			}
		}
		if i < 0 {
			types = append(types, p.Type)
			i = len(types) - 1
		}
		if n > 0 {
			buf = append(buf, ',')
		}
		buf = e.AppendRow(buf, p, i)
		n++
	}
	return AppendTail(buf, types, n, len(points) > max)
}

func pt(id, date, typ string, lat, lon float64, fat int) sitrep.EventPoint {
	return sitrep.EventPoint{ID: id, Date: date, Type: typ, Point: sitrep.PointAt(lat, lon), Fatalities: fat}
}

// edgePoints are points whose encoding has something to get wrong.
var edgePoints = []sitrep.EventPoint{
	pt("a1", "2024-03-01", sitrep.Battles, 34.512345, 69.123456, 3),
	pt("a2", "2024-03-01", sitrep.Protests, 0, 0, 0),
	pt("neg-zero", "2024-03-01", sitrep.Riots, math.Copysign(0, -1), -0.000001, 0),
	pt("round-half", "2024-02-29", sitrep.Riots, 12.345675, -179.999995, -1),
	pt("tiny", "1969-12-31", sitrep.ExplosionsRemote, 1e-9, -1e-7, 1<<40),
	pt("ends", "1900-01-01", sitrep.StrategicDevelopments, -90, 180, 0),
	pt("out-of-range", "2024-03-01", sitrep.Battles, 91, 0, 0),
	{ID: "no-place", Date: "2024-03-01", Type: sitrep.Battles},
	{ID: "no-date", Type: sitrep.Battles, Point: sitrep.PointAt(1, 2)},
	{ID: "bad-date", Date: "2024-02-30", Type: sitrep.Battles},
	{ID: "month", Date: "2024-02", Type: sitrep.Battles},
	{ID: `quote"back\slash`, Date: "2024-03-01", Type: sitrep.Battles},
	{ID: "<script>&amp;", Date: "2024-03-01", Type: sitrep.Battles},
	{ID: "tab\tnul\x00", Date: "2024-03-01", Type: sitrep.Battles},
	{ID: "bad\xffutf8", Date: "2024-03-01", Type: sitrep.Battles},
	{ID: "ünïcødé-😀", Date: "2024-03-01", Type: sitrep.ViolenceAgainstCivilian},
	{ID: "", Date: "", Type: sitrep.Battles},
}

func TestRow_SameAsLegacy(t *testing.T) {
	for _, p := range edgePoints {
		t.Run(p.ID, func(t *testing.T) {
			want := legacyList([]sitrep.EventPoint{p}, 10)
			got, ok := storedList([]sitrep.EventPoint{p}, 10)
			if !ok {
				t.Fatalf("no stored row for %+v", p)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("stored row:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func TestLists_SameAsLegacy(t *testing.T) {
	other := []sitrep.EventPoint{
		{ID: "x", Date: "2024-01-01", Type: "Crime"},
		{ID: "y", Date: "2024-01-01", Type: ""},
		{ID: "z", Date: "2024-01-01", Type: "Crime"},
	}
	tests := []struct {
		name   string
		points []sitrep.EventPoint
		max    int
		stored bool // every point has a stored row
	}{
		{"Empty", nil, 10, true},
		{"Edges", edgePoints, 1000, true},
		{"Capped", edgePoints, 5, true},
		{"CappedAtLength", edgePoints, len(edgePoints), true},
		{"CapZero", edgePoints, 0, true},
		{"OtherTypes", append(append([]sitrep.EventPoint{}, edgePoints[:3]...), other...), 100, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := legacyList(tc.points, tc.max)
			if got := encodedList(tc.points, tc.max); !bytes.Equal(got, want) {
				t.Errorf("AppendRow:\n got %s\nwant %s", got, want)
			}
			got, ok := storedList(tc.points, tc.max)
			if ok != tc.stored {
				t.Fatalf("stored rows: %v, want %v", ok, tc.stored)
			}
			if ok && !bytes.Equal(got, want) {
				t.Errorf("stored rows:\n got %s\nwant %s", got, want)
			}
			var v any
			if err := json.Unmarshal(want, &v); err != nil {
				t.Errorf("not JSON: %v\n%s", err, want)
			}
		})
	}
}

// FuzzRow checks AppendRow and Row against the legacy writer on any
// point.
func FuzzRow(f *testing.F) {
	for _, p := range edgePoints {
		f.Add(p.ID, p.Date, p.Type, p.Point.Lat, p.Point.Lon, p.Fatalities)
	}
	f.Fuzz(func(t *testing.T, id, date, typ string, lat, lon float64, fat int) {
		p := sitrep.EventPoint{ID: id, Date: date, Type: typ, Point: sitrep.PointAt(lat, lon), Fatalities: fat}
		pts := []sitrep.EventPoint{p, p}
		want := legacyList(pts, 10)
		if got := encodedList(pts, 10); !bytes.Equal(got, want) {
			t.Fatalf("AppendRow:\n got %s\nwant %s", got, want)
		}
		if got, ok := storedList(pts, 10); ok && !bytes.Equal(got, want) {
			t.Fatalf("Row:\n got %s\nwant %s", got, want)
		}
	})
}

func BenchmarkRow(b *testing.B) {
	p := pt("syn-001234", "2024-03-01", sitrep.Battles, 34.512345, 69.123456, 3)
	for b.Loop() {
		_ = Row(p)
	}
}
