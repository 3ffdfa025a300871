-- The listing index carries fatalities too, so that the map's points
-- (id, date, type, place, fatalities) are read from the index alone,
-- without a lookup of each event's row.
DROP INDEX events_listing;
CREATE INDEX events_listing ON events(event_date DESC, event_id,
	event_type, sub_event_type, country, admin1, verification, claimed_by,
	document_rid, longitude, latitude, fatalities);
