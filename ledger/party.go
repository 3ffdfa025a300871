package ledger

import (
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep/lexicon"
)

// stateNames maps each ACLED name of a state's military or police, of any
// regime period, to "state:" and the country code: the military and the
// police of one government are one party (the Taliban directorate speaks
// for both).
var stateNames = sync.OnceValue(func() map[string]string {
	out := map[string]string{}
	forces, err := lexicon.Forces()
	if err != nil {
		return out
	}
	for _, f := range forces {
		key := "state:" + f.Country + ":" + f.From.Format("2006")
		if f.Military != "" {
			out[f.Military] = key
		}
		if f.Police != "" {
			out[f.Police] = key
		}
	}
	return out
})

// PartyKey names the party an actor or claimant belongs to, so that two
// names of one party compare equal: a state's military and police of one
// period are one party; a named group qualified by a country ("Islamic
// State (Afghanistan)") is the group.
func PartyKey(name string) string {
	if k, ok := stateNames()[name]; ok {
		return k
	}
	if i := strings.LastIndex(name, " ("); i > 0 && strings.HasSuffix(name, ")") {
		return name[:i]
	}
	return name
}
