-- 0007: the listing index carries each event's point-list row (0006), so
-- that a point list is read from the index alone.
CREATE INDEX events_listing ON events(event_date DESC, event_id,
	event_type, sub_event_type, country, admin1, verification, claimed_by,
	document_rid, longitude, latitude, fatalities, points);
