-- 0002: the claim ledger (package ledger), as the SQLite store keeps it.
-- With Options.Ledger the events table holds the events that many
-- documents tell together; these tables keep each document's own report
-- of an event, the blocks reports are found by, why reports were joined,
-- each event's history, and the pairs of reports a split keeps apart.
CREATE TABLE ledger_reports (
	source   text COLLATE "C" NOT NULL,   -- the document
	event_id text COLLATE "C" NOT NULL,   -- the report's own event id
	event    text COLLATE "C" NOT NULL,   -- the stored event it belongs to
	json     text NOT NULL,               -- ledger.Report
	PRIMARY KEY (source, event_id)
);
CREATE INDEX ledger_reports_event ON ledger_reports (event);
CREATE INDEX ledger_reports_id ON ledger_reports (event_id);

-- Block keys (ledger.Blocks): a report is compared only with the reports
-- stored under the keys it looks in.
CREATE TABLE ledger_blocks (
	block    text COLLATE "C" NOT NULL,
	source   text COLLATE "C" NOT NULL,
	event_id text COLLATE "C" NOT NULL,
	PRIMARY KEY (block, source, event_id)
);
CREATE INDEX ledger_blocks_report ON ledger_blocks (source, event_id);

CREATE TABLE ledger_events (
	event   text COLLATE "C" PRIMARY KEY,
	merges  text NOT NULL,                -- JSON array of sitrep.Merge
	history text NOT NULL                 -- JSON array of sitrep.Change
);

-- Report keys (source NUL event_id: bytes, since text holds no NUL) a
-- split keeps apart, both ways.
CREATE TABLE ledger_apart (
	a bytea NOT NULL,
	b bytea NOT NULL,
	PRIMARY KEY (a, b)
);
