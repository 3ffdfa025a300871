package mock

import (
	"context"
	"math"

	"github.com/sitrep-dev/sitrep"
)

var _ sitrep.PointLister = (*MemStore)(nil)

// EventPoints calls fn with the point of every event matching f, in the
// order of Events; f.Cursor and f.Limit are ignored.
func (s *MemStore) EventPoints(ctx context.Context, f sitrep.EventFilter, fn func(sitrep.EventPoint) error) error {
	f.Cursor, f.Limit = "", 10000
	for {
		page, next, err := s.Events(ctx, f)
		if err != nil {
			return err
		}
		for i := range page {
			ev := &page[i]
			p := sitrep.EventPoint{ID: ev.EventID, Date: ev.EventDate, Type: ev.EventType,
				Lat: math.NaN(), Lon: math.NaN(), Fatalities: ev.Fatalities}
			if ev.Latitude != nil && ev.Longitude != nil {
				p.Lat, p.Lon = *ev.Latitude, *ev.Longitude
			}
			if err := fn(p); err != nil {
				return err
			}
		}
		if next == "" {
			return nil
		}
		f.Cursor = next
	}
}
