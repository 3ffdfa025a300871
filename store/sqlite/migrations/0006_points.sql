-- 0006: each event's row of the map's point list (package pointlist),
-- made when the event is written, so that GET /api/points joins stored
-- rows rather than reading six columns and encoding them per event.
--
-- points is NULL when the event has no row: its type is outside ACLED's
-- (the index of such a type in the list depends on the list), or an
-- older program wrote it. The program fills the rows of events of ACLED's
-- types that have none, in Go, at the end of this migration and whenever
-- it opens the database for writing, finding them through the partial
-- index (which holds only the events of other types otherwise). Readers
-- list points from the columns whenever a matching event has no row.
ALTER TABLE events ADD COLUMN points TEXT;
CREATE INDEX events_points_missing ON events(rid) WHERE points IS NULL;
-- Built again with the rows in 0007, once they are filled.
DROP INDEX events_listing;
