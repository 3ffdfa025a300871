package eval

import "hash/fnv"

// Halves. Every gold file is split in two fixed halves, "tune" and
// "check", so that errors are studied on one and the other stays unseen:
// the check-minus-tune gap gauges overfitting. A document's half follows
// the 32-bit FNV-1a hash of its key: even is tune, odd is check. The key
// is the document's incident when the gold gives one (the articles that
// tell one shooting stay on one side, so the check half never holds an
// incident studied on the tune half), its id otherwise.
const (
	HalfTune  = "tune"
	HalfCheck = "check"
)

// HalfOf returns the half of a document with the given incident and id.
func HalfOf(incident, id string) string {
	key := id
	if incident != "" {
		key = incident
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	if h.Sum32()%2 == 0 {
		return HalfTune
	}
	return HalfCheck
}

// Half returns the half d belongs to.
func (d *GoldDoc) Half() string { return HalfOf(d.Incident, d.ID) }

// inHalf reports whether d belongs to half ("" keeps every document).
func inHalf(d *GoldDoc, half string) bool { return half == "" || d.Half() == half }
