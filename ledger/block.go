package ledger

import (
	"strconv"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// blockDays is the width of a date bucket of a block key.
const blockDays = 7

// Blocks returns the block keys a report is stored under (index) and the
// keys whose reports it must be compared with (query). A key is the
// country, the first-level region and a week; a report is under every
// week its widened date window touches. Two reports that Score could join
// share a key: their windows share a day, and their regions are equal or
// one of them names none. A report without a country or a date has no
// keys: it stays an event of its own.
//
// A report that names a region is stored under "country|region|week"
// and "country|*|week", and looks in "country|region|week" and
// "country||week" (the reports that name no region); one that names no
// region is stored under "country||week" and "country|*|week", and looks
// in "country|*|week": the whole country that week.
func Blocks(e *sitrep.Event) (index, query []string) {
	if e.Country == "" {
		return nil, nil
	}
	w, ok := window(e)
	if !ok {
		return nil, nil
	}
	epoch := time.Unix(0, 0).UTC()
	first := int(w.from.Sub(epoch).Hours()/24) / blockDays
	last := int(w.to.Sub(epoch).Hours()/24) / blockDays
	for b := first; b <= last; b++ {
		wk := "|" + strconv.Itoa(b)
		all := e.Country + "|*" + wk
		none := e.Country + "|" + wk
		if e.Admin1 != "" {
			own := e.Country + "|" + e.Admin1 + wk
			index = append(index, own, all)
			query = append(query, own, none)
		} else {
			index = append(index, none, all)
			query = append(query, all)
		}
	}
	return index, query
}
