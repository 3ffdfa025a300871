-- 0001: documents and events, full text over article text and event
-- notes, and the indexes the filters of sitrep.EventFilter use.
--
-- Identifiers, dates and sources compare byte by byte (COLLATE "C"), so
-- that the listing order and cursors do not depend on the database's
-- locale. The spatial index is added after the migrations when PostGIS is
-- there (see spatial in db.go); without it, bounding boxes use the plain
-- longitude/latitude index below.

-- The full-text configuration 'sitrep': PostgreSQL's default parser, words
-- lower-cased as written (no stemming, no stop words, as 'simple'), and
-- diacritics removed by the unaccent dictionary where that extension
-- (PostgreSQL's contrib) can be had: sitrep.ParseQuery's "case and
-- diacritics do not matter", as SQLite's FTS5 does it.
DO $$
DECLARE nsp text;
BEGIN
	CREATE TEXT SEARCH CONFIGURATION sitrep (COPY = pg_catalog.simple);
	IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent') THEN
		BEGIN
			CREATE EXTENSION IF NOT EXISTS unaccent;
		EXCEPTION WHEN insufficient_privilege THEN
			RAISE NOTICE 'unaccent not created: %', SQLERRM;
		END;
	END IF;
	SELECT n.nspname INTO nsp FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
	WHERE e.extname = 'unaccent';
	IF nsp IS NOT NULL THEN
		EXECUTE format('ALTER TEXT SEARCH CONFIGURATION sitrep ALTER MAPPING FOR asciihword, asciiword,
			hword, hword_asciipart, hword_part, word WITH %I.unaccent, simple', nsp);
	END IF;
END $$;

CREATE TABLE documents (
	rid          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	id           text COLLATE "C" NOT NULL UNIQUE,       -- derived from source
	source       text COLLATE "C" NOT NULL UNIQUE,
	url          text NOT NULL DEFAULT '',
	title        text NOT NULL DEFAULT '',
	author       text NOT NULL DEFAULT '',
	language     text NOT NULL DEFAULT '',
	published    text NOT NULL DEFAULT '',               -- YYYY-MM-DD or ''
	text         text NOT NULL,
	content_hash text COLLATE "C" NOT NULL,              -- sitrep.ContentHash
	events_hash  text COLLATE "C" NOT NULL DEFAULT '',   -- SHA-256 over the events' JSON
	ingested_at  timestamptz NOT NULL,
	-- PostgreSQL's own full text (the configuration above). A tsvector
	-- holds at most 1 MB of lexemes: the first 250,000 characters of an
	-- article are indexed, far more than any news report.
	fts tsvector GENERATED ALWAYS AS (to_tsvector('sitrep'::regconfig, left(title || ' ' || text, 250000))) STORED
);
CREATE INDEX documents_content_hash ON documents (content_hash);
CREATE INDEX documents_fts ON documents USING gin (fts);

CREATE TABLE events (
	rid            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	event_id       text COLLATE "C" NOT NULL UNIQUE,
	document_rid   bigint NOT NULL REFERENCES documents (rid) ON DELETE CASCADE,
	event_date     text COLLATE "C" NOT NULL,
	time_precision integer NOT NULL,
	event_type     text NOT NULL,
	sub_event_type text NOT NULL,
	actor1         text NOT NULL,
	assoc_actor_1  text NOT NULL,
	actor2         text NOT NULL,
	assoc_actor_2  text NOT NULL,
	country        text NOT NULL,
	admin1         text NOT NULL,
	admin2         text NOT NULL,
	admin3         text NOT NULL,
	location       text NOT NULL,
	latitude       double precision,
	longitude      double precision,
	geo_precision  integer NOT NULL,
	fatalities     integer NOT NULL,
	notes          text NOT NULL,
	source         text NOT NULL,
	claimed_by     text NOT NULL,
	verification   text NOT NULL,
	date_basis     text NOT NULL,
	date_from      text NOT NULL,
	inter1         integer NOT NULL,
	inter2         integer NOT NULL,
	injuries       integer NOT NULL,
	arrests        integer NOT NULL,
	geonameid      integer NOT NULL,
	-- actor1, actor2 and each associated actor, for the actor filter.
	actors         text[] NOT NULL,
	-- The whole event as the JSON of sitrep.Event (text, not jsonb: the
	-- bytes are handed out as they are, and jsonb refuses \u0000).
	json           text NOT NULL,
	notes_fts      tsvector GENERATED ALWAYS AS (to_tsvector('sitrep'::regconfig, left(notes, 250000))) STORED
);
-- The listing order; a page is a walk of this index that stops early.
CREATE INDEX events_listing ON events (event_date DESC, event_id);
CREATE INDEX events_document ON events (document_rid);
CREATE INDEX events_country ON events (country, event_date DESC, event_id);
CREATE INDEX events_actors ON events USING gin (actors);
CREATE INDEX events_notes_fts ON events USING gin (notes_fts);
CREATE INDEX events_lonlat ON events (longitude, latitude) WHERE longitude IS NOT NULL AND latitude IS NOT NULL;

-- The rows of the nested lists, for SQL users; the JSON is the record.
CREATE VIEW claims AS
SELECT e.rid AS event_rid, c.ord - 1 AS ord,
	c.value ->> 'claimant' AS claimant, coalesce(c.value ->> 'cue', '') AS cue,
	c.value ->> 'stance' AS stance, c.value ->> 'text' AS text,
	(c.value ->> 'start')::integer AS start, (c.value ->> 'end')::integer AS "end"
FROM events e, json_array_elements(CASE WHEN json_typeof(e.json::json -> 'claims') = 'array' THEN e.json::json -> 'claims' ELSE '[]' END) WITH ORDINALITY AS c(value, ord);

CREATE VIEW people AS
SELECT e.rid AS event_rid, p.ord - 1 AS ord,
	p.value ->> 'name' AS name, coalesce(p.value -> 'aliases', '[]') AS aliases,
	coalesce(p.value ->> 'role', '') AS role, coalesce(p.value ->> 'affiliation', '') AS affiliation,
	coalesce(p.value ->> 'fate', '') AS fate
FROM events e, json_array_elements(CASE WHEN json_typeof(e.json::json -> 'people') = 'array' THEN e.json::json -> 'people' ELSE '[]' END) WITH ORDINALITY AS p(value, ord);

CREATE VIEW evidence AS
SELECT e.rid AS event_rid, v.ord - 1 AS ord,
	v.value ->> 'field' AS field, v.value ->> 'text' AS text,
	(v.value ->> 'start')::integer AS start, (v.value ->> 'end')::integer AS "end"
FROM events e, json_array_elements(CASE WHEN json_typeof(e.json::json -> 'evidence') = 'array' THEN e.json::json -> 'evidence' ELSE '[]' END) WITH ORDINALITY AS v(value, ord);
