-- 0009: each day's joined point-list rows (0008) compressed ahead, as a
-- raw DEFLATE segment (sitrep.PointChunk), so that the API sends a
-- compressed list without compressing it: segments concatenate into one
-- stream. NULL when rows is. Made in Go when the day is joined; every day
-- is joined again now.
ALTER TABLE points_days ADD COLUMN deflate BLOB;
INSERT OR IGNORE INTO points_days_dirty (event_date) SELECT event_date FROM points_days;
