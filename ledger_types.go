package sitrep

import "context"

// EventSource is one document that reports a stored event.
type EventSource struct {
	// Source is the document (its id, as Event.Source).
	Source string `json:"source"`
	// EventID is the id the event had when extracted from this document
	// alone; the stored event answers to it too.
	EventID string `json:"event_id"`
	// Published is the document's publication date, YYYY-MM-DD, or "".
	Published string `json:"published,omitempty"`
	// ClaimedBy and Verification are what this document alone says.
	ClaimedBy    string `json:"claimed_by"`
	Verification string `json:"verification"`
}

// MatchFeature is one reason for (or against) joining two reports of an
// event: its name, the value it took in [-1, 1], its weight in the score
// and a readable detail ("12.3 km", "shared: Mawlawi Ziauddin").
type MatchFeature struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Weight float64 `json:"weight"`
	Detail string  `json:"detail,omitempty"`
}

// Merge explains why a report was joined to an event: the report (its
// document and the event id it was extracted under), the stored report it
// matched best, the score and the features behind it.
type Merge struct {
	EventID   string         `json:"event_id"` // the stored event it joined
	Source    string         `json:"source"`
	ReportID  string         `json:"report_id"`
	With      string         `json:"with"`    // the matched report's document
	WithID    string         `json:"with_id"` // the matched report's event id
	Score     float64        `json:"score"`
	Threshold float64        `json:"threshold"`
	Features  []MatchFeature `json:"features"`
}

// Change is one entry of an event's history: a derived field that
// changed, when and why.
type Change struct {
	// At is when the change was recorded, RFC 3339 UTC.
	At string `json:"at"`
	// Cause is the operation: "add <source>", "remove <source>",
	// "split <source>".
	Cause string `json:"cause"`
	Field string `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// EventLedger is an event of a store with its ledger: why its reports
// were joined and what changed when.
type EventLedger struct {
	Event   Event    `json:"event"`
	Merges  []Merge  `json:"merges"`
	History []Change `json:"history"`
}

// LedgerStore is implemented by stores that join the reports of one
// event told by many documents (package ledger). Callers test for it
// with a type assertion.
type LedgerStore interface {
	// EventLedger returns an event, by its id or the id of any of its
	// reports, with its merges and history; ErrNotFound when there is
	// none.
	EventLedger(ctx context.Context, id string) (*EventLedger, error)
	// SplitEvent takes the reports of the document source out of the
	// event id and keeps them apart from its other reports from then on:
	// the reversal of a wrong merge. It returns the ids of the events
	// that result; ErrNotFound when the event does not exist or source
	// does not report it.
	SplitEvent(ctx context.Context, id, source string) ([]string, error)
}
