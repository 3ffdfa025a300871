-- 0001: documents, events and their claims, people, evidence and actors;
-- FTS5 over article text and event notes; an R*Tree over event points.

CREATE TABLE documents (
	rid          INTEGER PRIMARY KEY,          -- stable rowid for FTS
	id           TEXT NOT NULL UNIQUE,         -- derived from source
	source       TEXT NOT NULL UNIQUE,
	url          TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	author       TEXT NOT NULL DEFAULT '',
	language     TEXT NOT NULL DEFAULT '',
	published    TEXT NOT NULL DEFAULT '',     -- YYYY-MM-DD or ''
	text         TEXT NOT NULL,
	content_hash TEXT NOT NULL UNIQUE,
	ingested_at  TEXT NOT NULL                 -- RFC 3339, UTC
);

CREATE TABLE events (
	rid            INTEGER PRIMARY KEY,        -- stable rowid for FTS and R*Tree
	event_id       TEXT NOT NULL UNIQUE,
	document_rid   INTEGER NOT NULL REFERENCES documents(rid) ON DELETE CASCADE,
	event_date     TEXT NOT NULL,
	time_precision INTEGER NOT NULL,
	event_type     TEXT NOT NULL,
	sub_event_type TEXT NOT NULL,
	actor1         TEXT NOT NULL,
	assoc_actor_1  TEXT NOT NULL,
	actor2         TEXT NOT NULL,
	assoc_actor_2  TEXT NOT NULL,
	country        TEXT NOT NULL,
	admin1         TEXT NOT NULL,
	admin2         TEXT NOT NULL,
	admin3         TEXT NOT NULL,
	location       TEXT NOT NULL,
	latitude       REAL,
	longitude      REAL,
	geo_precision  INTEGER NOT NULL,
	fatalities     INTEGER NOT NULL,
	notes          TEXT NOT NULL,
	source         TEXT NOT NULL,
	claimed_by     TEXT NOT NULL,
	verification   TEXT NOT NULL,
	date_basis     TEXT NOT NULL,
	date_from      TEXT NOT NULL,
	inter1         INTEGER NOT NULL,
	inter2         INTEGER NOT NULL,
	injuries       INTEGER NOT NULL,
	arrests        INTEGER NOT NULL,
	geonameid      INTEGER NOT NULL
);
CREATE INDEX events_date ON events(event_date DESC, event_id);
CREATE INDEX events_document ON events(document_rid);
-- Few indexes on purpose: each costs every ingest a page write per commit.
-- Each ends in the listing order, so a page of results is an index walk
-- that stops early; other filters scan in date order.
CREATE INDEX events_type ON events(event_type, event_date DESC, event_id);
CREATE INDEX events_sub_type ON events(sub_event_type, event_date DESC, event_id);
CREATE INDEX events_country ON events(country, event_date DESC, event_id);

-- The whole event as sitrep.Event JSON, apart from the events row so that
-- filter scans read narrow rows.
CREATE TABLE event_json (
	rid  INTEGER PRIMARY KEY REFERENCES events(rid) ON DELETE CASCADE,
	json TEXT NOT NULL
);

-- Every actor of an event: actor1, actor2 and each associated actor.
CREATE TABLE event_actors (
	event_rid INTEGER NOT NULL REFERENCES events(rid) ON DELETE CASCADE,
	actor     TEXT NOT NULL,
	PRIMARY KEY (event_rid, actor)
) WITHOUT ROWID;
CREATE INDEX event_actors_actor ON event_actors(actor);

CREATE TABLE claims (
	event_rid INTEGER NOT NULL REFERENCES events(rid) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	claimant  TEXT NOT NULL,
	cue       TEXT NOT NULL,
	stance    TEXT NOT NULL,
	text      TEXT NOT NULL,
	start     INTEGER NOT NULL,                -- byte offset, starting at 0
	end       INTEGER NOT NULL,                -- byte offset, exclusive
	PRIMARY KEY (event_rid, ord)
) WITHOUT ROWID;

CREATE TABLE people (
	event_rid   INTEGER NOT NULL REFERENCES events(rid) ON DELETE CASCADE,
	ord         INTEGER NOT NULL,
	name        TEXT NOT NULL,
	aliases     TEXT NOT NULL,                 -- JSON array
	role        TEXT NOT NULL,
	affiliation TEXT NOT NULL,
	fate        TEXT NOT NULL,
	PRIMARY KEY (event_rid, ord)
) WITHOUT ROWID;

CREATE TABLE evidence (
	event_rid INTEGER NOT NULL REFERENCES events(rid) ON DELETE CASCADE,
	ord       INTEGER NOT NULL,
	field     TEXT NOT NULL,
	text      TEXT NOT NULL,
	start     INTEGER NOT NULL,                -- byte offset, starting at 0
	end       INTEGER NOT NULL,                -- byte offset, exclusive
	PRIMARY KEY (event_rid, ord)
) WITHOUT ROWID;

-- Full text: external-content FTS5 tables kept in step by triggers.
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rid');
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
	INSERT INTO documents_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
	INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
	INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
	INSERT INTO documents_fts(rowid, title, text) VALUES (new.rid, new.title, new.text);
END;

CREATE VIRTUAL TABLE events_fts USING fts5(notes, content='events', content_rowid='rid');
CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
	INSERT INTO events_fts(rowid, notes) VALUES (new.rid, new.notes);
END;
CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
	INSERT INTO events_fts(events_fts, rowid, notes) VALUES ('delete', old.rid, old.notes);
END;

-- Spatial index: one point box per event with coordinates.
CREATE VIRTUAL TABLE events_rtree USING rtree(rid, min_lon, max_lon, min_lat, max_lat);
CREATE TRIGGER events_rtree_ai AFTER INSERT ON events
WHEN new.latitude IS NOT NULL AND new.longitude IS NOT NULL BEGIN
	INSERT INTO events_rtree(rid, min_lon, max_lon, min_lat, max_lat)
	VALUES (new.rid, new.longitude, new.longitude, new.latitude, new.latitude);
END;
CREATE TRIGGER events_rtree_ad AFTER DELETE ON events BEGIN
	DELETE FROM events_rtree WHERE rid = old.rid;
END;
