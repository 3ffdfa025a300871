// Package ledger joins the reports of one event told by many documents
// and keeps the ledger of who claimed what.
//
// A report is one event as extracted from one document. When a report
// arrives it is compared with the stored reports that share a block
// (country, first-level region and week of the date window: never all
// pairs); a pair whose score reaches Options.Threshold is one event. An
// event is a connected component of that match graph, so the order in
// which reports arrive does not change which reports end up together,
// and everything derived from a component (its claims, figures,
// claimants, verification and the explanation of every merge) is a
// function of its reports alone.
//
// Derived fields follow ACLED and UCDP: Fatalities is the lowest figure
// reported (ACLED codebook: "the most conservative estimate"), and
// FatalitiesLow/Best/High the range over the claims (UCDP GED's low,
// best and high estimates). An event is confirmed once a document
// independent of the party that claims it reports it, and disputed when
// a party denies it or the figures conflict.
package ledger
