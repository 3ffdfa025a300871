-- 0005: the claim ledger (package ledger). With Options.Ledger the events
-- table holds the events that many documents tell together; these
-- tables keep each document's own report of an event, the blocks reports
-- are found by, why reports were joined, each event's history, and the
-- pairs of reports a split keeps apart.
CREATE TABLE ledger_reports (
	source   TEXT NOT NULL,                -- the document
	event_id TEXT NOT NULL,                -- the report's own event id
	event    TEXT NOT NULL,                -- the stored event it belongs to
	json     TEXT NOT NULL,                -- ledger.Report
	PRIMARY KEY (source, event_id)
) WITHOUT ROWID;
CREATE INDEX ledger_reports_event ON ledger_reports(event);
CREATE INDEX ledger_reports_id ON ledger_reports(event_id);

-- Block keys (ledger.Blocks): a report is compared only with the
-- reports stored under the keys it looks in.
CREATE TABLE ledger_blocks (
	block    TEXT NOT NULL,
	source   TEXT NOT NULL,
	event_id TEXT NOT NULL,
	PRIMARY KEY (block, source, event_id)
) WITHOUT ROWID;
CREATE INDEX ledger_blocks_report ON ledger_blocks(source, event_id);

CREATE TABLE ledger_events (
	event   TEXT PRIMARY KEY,
	merges  TEXT NOT NULL,                 -- JSON array of sitrep.Merge
	history TEXT NOT NULL                  -- JSON array of sitrep.Change
) WITHOUT ROWID;

-- Report keys (source NUL event_id) a split keeps apart, both ways.
CREATE TABLE ledger_apart (
	a TEXT NOT NULL,
	b TEXT NOT NULL,
	PRIMARY KEY (a, b)
) WITHOUT ROWID;
