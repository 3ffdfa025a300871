-- 0008: the point-list rows of each day joined, in the listing's order
-- (event_id within the day), so that the map's whole list, or a window
-- of dates, is a few hundred joined days rather than an aggregate over
-- every event: the map asks for those far more than for anything else.
--
-- Triggers note every day whose events change in points_days_dirty,
-- whoever writes (an older program too); the program joins the dirty
-- days again at the end of each write transaction, so readers find the
-- table clean unless an older program wrote, and read the events
-- whenever it is not. rows is NULL when an event of the day has no row.
CREATE TABLE points_days (
	event_date TEXT PRIMARY KEY,
	n          INTEGER NOT NULL, -- the day's events
	rows       TEXT
) WITHOUT ROWID;

CREATE TABLE points_days_dirty (
	event_date TEXT PRIMARY KEY
) WITHOUT ROWID;

CREATE TRIGGER points_days_ai AFTER INSERT ON events BEGIN
	INSERT OR IGNORE INTO points_days_dirty (event_date) VALUES (new.event_date);
END;
CREATE TRIGGER points_days_ad AFTER DELETE ON events BEGIN
	INSERT OR IGNORE INTO points_days_dirty (event_date) VALUES (old.event_date);
END;
CREATE TRIGGER points_days_au AFTER UPDATE OF event_date, event_id, points ON events BEGIN
	INSERT OR IGNORE INTO points_days_dirty (event_date) VALUES (old.event_date), (new.event_date);
END;

-- Every day, joined by the migration's step in Go.
INSERT INTO points_days_dirty (event_date) SELECT DISTINCT event_date FROM events;
