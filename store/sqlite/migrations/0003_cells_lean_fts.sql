-- 0003: cheaper spatial and full-text indexes.
--
-- A Z-order cell (see cell.go) with a B-tree index replaces the R*Tree:
-- a bounding box becomes a few ranges of cells, and an insert costs what
-- any index insert costs, several times less than an R*Tree's. The
-- arithmetic below matches cellOf operation for operation.
DROP TRIGGER events_rtree_ai;
DROP TRIGGER events_rtree_ad;
DROP TABLE events_rtree;
ALTER TABLE events ADD COLUMN cell INTEGER; -- NULL without coordinates
UPDATE events SET cell = m.cell FROM (
	SELECT rid, x4 | (y4 << 1) AS cell FROM (
	SELECT rid, (x3 | (x3 << 1)) & 0x55555555 AS x4, (y3 | (y3 << 1)) & 0x55555555 AS y4 FROM (
	SELECT rid, (x2 | (x2 << 2)) & 0x33333333 AS x3, (y2 | (y2 << 2)) & 0x33333333 AS y3 FROM (
	SELECT rid, (x1 | (x1 << 4)) & 0x0F0F0F0F AS x2, (y1 | (y1 << 4)) & 0x0F0F0F0F AS y2 FROM (
	SELECT rid, (x0 | (x0 << 8)) & 0x00FF00FF AS x1, (y0 | (y0 << 8)) & 0x00FF00FF AS y1 FROM (
	SELECT rid,
		min(65535, max(0, CAST((longitude + 180.0) / 360.0 * 65536.0 AS INTEGER))) AS x0,
		min(65535, max(0, CAST((latitude + 90.0) / 180.0 * 65536.0 AS INTEGER))) AS y0
	FROM events WHERE latitude IS NOT NULL AND longitude IS NOT NULL)))))
) AS m WHERE events.rid = m.rid;
CREATE INDEX events_cell ON events(cell);

-- Full text without per-row token counts (columnsize=0): nothing ranks by
-- them, and they cost a row per event and per document.
DROP TRIGGER events_fts_ad;
DROP TABLE events_fts;
CREATE VIRTUAL TABLE events_fts USING fts5(notes, content='events', content_rowid='rid', columnsize=0);
INSERT INTO events_fts(events_fts) VALUES ('rebuild');
CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
	INSERT INTO events_fts(events_fts, rowid, notes) VALUES ('delete', old.rid, old.notes);
END;

DROP TRIGGER documents_ad;
DROP TABLE documents_fts;
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='rid', columnsize=0);
INSERT INTO documents_fts(documents_fts) VALUES ('rebuild');
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
	INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.rid, old.title, old.text);
END;
