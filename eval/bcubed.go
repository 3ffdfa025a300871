package eval

import (
	"fmt"
	"io"
	"sort"

	"github.com/sitrep-dev/sitrep"
)

// Cross-document merging is scored with B-cubed over documents (Bagga and
// Baldwin 1998): each gold document that groups with others by
// `incident` is assigned to the stored event that tells its gold event:
// of the events it is a source of, the one that fails the fewest
// matching checks of its gold event (type, date, place), then the one
// with the most sources; a document that is a source of no event is a
// cluster of its own. A document's precision is the
// share of its cluster that tells its incident, its recall the share of
// its incident in its cluster; the figures are the means over documents.

// MergeScore is the B-cubed score of a store's events against the gold
// incidents.
type MergeScore struct {
	Documents int     `json:"documents"` // gold documents with an incident
	Incidents int     `json:"incidents"`
	Events    int     `json:"events"`    // stored events the documents are assigned to
	Unplaced  int     `json:"unplaced"`  // documents assigned to no stored event
	Precision float64 `json:"precision"` // B-cubed
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Mixed counts the stored events that have sources from two or more
	// incidents: a wrong merge.
	Mixed int `json:"mixed"`
	// EventsPerIncident is the mean number of stored events an incident's
	// documents are assigned to.
	EventsPerIncident float64 `json:"events_per_incident"`
	// MixedEvents lists the mixed events: id and the incidents joined.
	MixedEvents []string `json:"mixed_events,omitempty"`
	// Unplaced lists the documents in no event, with how many events
	// they are a source of (0: nothing extracted; more: none matched).
	UnplacedDocs []string `json:"unplaced_docs,omitempty"`
}

// ScoreMerge scores events, the stored events with their Sources, against
// the incidents of docs. Documents without an incident are left out.
func ScoreMerge(docs []*GoldDoc, events []sitrep.Event) MergeScore {
	incident := map[string]string{}
	gold := map[string]*GoldDoc{}
	for _, d := range docs {
		if d.Incident != "" && !d.Unscored {
			incident[d.ID] = d.Incident
			gold[d.ID] = d
		}
	}
	var s MergeScore
	// The events each document is a source of.
	of := map[string][]int{}
	for i := range events {
		seen := map[string]bool{}
		incs := map[string]bool{}
		for _, src := range sourcesOf(&events[i]) {
			if _, ok := incident[src]; ok && !seen[src] {
				seen[src] = true
				of[src] = append(of[src], i)
				incs[incident[src]] = true
			}
		}
		if len(incs) > 1 {
			s.Mixed++
			var names []string
			for inc := range incs {
				names = append(names, inc)
			}
			sort.Strings(names)
			s.MixedEvents = append(s.MixedEvents, fmt.Sprintf("%s: %v", events[i].EventID, names))
		}
	}
	// Assign each document to one cluster.
	cluster := map[string]string{}
	for id, d := range gold {
		evs := of[id]
		// The event that tells the gold event: the fewest failed
		// matching checks, then the most sources, then the first.
		choice, fails := -1, 0
		for _, i := range evs {
			for _, g := range d.Events {
				n := len(matchFailures(g, &events[i]))
				if choice < 0 || n < fails || n == fails && len(sourcesOf(&events[i])) > len(sourcesOf(&events[choice])) {
					choice, fails = i, n
				}
			}
		}
		if choice < 0 && len(evs) == 1 {
			choice = evs[0]
		}
		if choice < 0 {
			cluster[id] = "doc:" + id
			s.Unplaced++
			s.UnplacedDocs = append(s.UnplacedDocs, fmt.Sprintf("%s (%d events)", id, len(evs)))
			continue
		}
		cluster[id] = events[choice].EventID
	}
	s.Precision, s.Recall, s.F1 = BCubed(cluster, incident)
	s.Documents = len(gold)
	clusters := map[string]bool{}
	perInc := map[string]map[string]bool{}
	for id, c := range cluster {
		clusters[c] = true
		if perInc[incident[id]] == nil {
			perInc[incident[id]] = map[string]bool{}
		}
		perInc[incident[id]][c] = true
	}
	s.Incidents, s.Events = len(perInc), len(clusters)
	n := 0
	for _, cs := range perInc {
		n += len(cs)
	}
	if len(perInc) > 0 {
		s.EventsPerIncident = float64(n) / float64(len(perInc))
	}
	sort.Strings(s.MixedEvents)
	sort.Strings(s.UnplacedDocs)
	return s
}

// sourcesOf returns the documents of an event: its Sources, or its
// Source when it has none.
func sourcesOf(e *sitrep.Event) []string {
	if len(e.Sources) == 0 {
		return []string{e.Source}
	}
	out := make([]string, len(e.Sources))
	for i, s := range e.Sources {
		out[i] = s.Source
	}
	return out
}

// BCubed returns B-cubed precision, recall and F1 of a clustering
// (item -> cluster) against the gold (item -> class), over the items of
// gold. An item missing from cluster is a cluster of its own.
func BCubed(cluster, gold map[string]string) (p, r, f1 float64) {
	if len(gold) == 0 {
		return 0, 0, 0
	}
	members := map[string][]string{}
	classSize := map[string]int{}
	for id, g := range gold {
		c, ok := cluster[id]
		if !ok {
			c = "\x00" + id
		}
		members[c] = append(members[c], id)
		classSize[g]++
	}
	for id, g := range gold {
		c, ok := cluster[id]
		if !ok {
			c = "\x00" + id
		}
		same := 0
		for _, o := range members[c] {
			if gold[o] == g {
				same++
			}
		}
		p += float64(same) / float64(len(members[c]))
		r += float64(same) / float64(classSize[g])
	}
	n := float64(len(gold))
	p, r = p/n, r/n
	if p+r > 0 {
		f1 = 2 * p * r / (p + r)
	}
	return p, r, f1
}

// WriteMerge prints a merge score in one paragraph.
func WriteMerge(w io.Writer, name string, s MergeScore) error {
	_, err := fmt.Fprintf(w, "%s: B-cubed over %d documents of %d incidents: precision %.3f, recall %.3f, F1 %.3f; %d stored events (%.2f per incident), %d joining two incidents, %d documents in no event\n",
		name, s.Documents, s.Incidents, s.Precision, s.Recall, s.F1, s.Events, s.EventsPerIncident, s.Mixed, s.Unplaced)
	for _, m := range s.MixedEvents {
		if _, err := fmt.Fprintf(w, "  mixed %s\n", m); err != nil {
			return err
		}
	}
	return err
}
