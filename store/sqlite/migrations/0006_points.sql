-- 0006: each event's row of the map's point list (package pointlist),
-- made when the event is written, so that GET /api/points joins stored
-- rows rather than reading six columns and encoding them per event.
--
-- points is NULL until computed: the program fills the NULL rows in Go at
-- the end of this migration and whenever it opens the database for
-- writing (rows an older program wrote since), finding them through the
-- partial index, which stays empty otherwise. It is '' for an event whose
-- row cannot be made ahead (a type outside ACLED's, whose index in the
-- list depends on the list). Readers list points from the columns
-- whenever a matching event has no row.
ALTER TABLE events ADD COLUMN points TEXT;
CREATE INDEX events_points_missing ON events(rid) WHERE points IS NULL;
-- Built again with the rows in 0007, once they are filled.
DROP INDEX events_listing;
