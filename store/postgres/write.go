package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/internal/docid"
)

// DocumentID returns the stored id of the document with this source: the
// first 16 hex digits of SHA-256 over it, stable across re-ingests (the
// same ids as the SQLite store's).
func DocumentID(source string) string {
	return docid.Of(source)
}

// clean returns s as PostgreSQL text takes it: NUL becomes a space and
// each byte of an invalid UTF-8 sequence a '?', so that byte offsets into
// s stay right.
func clean(s string) string {
	if utf8.ValidString(s) && strings.IndexByte(s, 0) < 0 {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			b = append(b, '?')
			n = 1
		case r == 0:
			b = append(b, ' ')
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return string(b)
}

// actors returns actor1, actor2 and each ";"-separated associated actor,
// trimmed, without empties or repeats.
func actors(ev *sitrep.Event) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(clean(s)); s != "" && !contains(out, s) {
			out = append(out, s)
		}
	}
	add(ev.Actor1)
	add(ev.Actor2)
	for _, assoc := range []string{ev.AssocActor1, ev.AssocActor2} {
		for a := range strings.SplitSeq(assoc, ";") {
			add(a)
		}
	}
	return out
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// encoded is a document's events ready for the database.
type encoded struct {
	jsons []string
	hash  string // SHA-256 over the JSON of every event, in order
}

// encode validates events and encodes them as JSON, giving an empty
// Source the document's.
func encode(doc *sitrep.Document, events []sitrep.Event) (encoded, error) {
	var enc encoded
	if doc == nil || doc.ID == "" {
		return enc, fmt.Errorf("postgres: put document: empty source: %w", sitrep.ErrInvalid)
	}
	seen := make(map[string]struct{}, len(events))
	h := sha256.New()
	enc.jsons = make([]string, len(events))
	for i := range events {
		ev := &events[i]
		if ev.EventID == "" {
			return enc, fmt.Errorf("postgres: put document %s: event %d has no id: %w", doc.ID, i, sitrep.ErrInvalid)
		}
		if _, dup := seen[ev.EventID]; dup {
			return enc, fmt.Errorf("postgres: put document %s: event id %s repeated: %w", doc.ID, ev.EventID, sitrep.ErrInvalid)
		}
		seen[ev.EventID] = struct{}{}
		if ev.Source == "" {
			c := *ev
			c.Source = doc.ID
			ev = &c
		}
		b, err := json.Marshal(ev)
		if err != nil {
			return enc, fmt.Errorf("postgres: put document %s: event %s: %w", doc.ID, ev.EventID, err)
		}
		enc.jsons[i] = string(b)
		h.Write(b)
		h.Write([]byte{'\n'})
	}
	enc.hash = hex.EncodeToString(h.Sum(nil))
	return enc, nil
}

// PutDocument stores doc and replaces every event stored for it with
// events, in one transaction. Events whose Source is empty get doc.ID.
// An event id already stored for another document, or repeated in events,
// is an error wrapping sitrep.ErrInvalid, and nothing is written.
//
// It is idempotent: when the stored document has doc's content hash and
// the same events, it writes nothing at all, so a redelivered message
// costs one indexed read and changes no row (not even ingested_at).
// Concurrent calls for one source serialise on its row lock.
func (db *DB) PutDocument(ctx context.Context, doc *sitrep.Document, events []sitrep.Event) (string, error) {
	ids, err := db.PutDocuments(ctx, []sitrep.DocumentEvents{{Doc: doc, Events: events}})
	if err != nil {
		return "", err
	}
	return ids[0], nil
}

// PutDocuments does what PutDocument does for each document in turn, in a
// single transaction: on error nothing is written. It returns the
// documents' ids. It implements sitrep.BatchPutter.
func (db *DB) PutDocuments(ctx context.Context, docs []sitrep.DocumentEvents) ([]string, error) {
	encs := make([]encoded, len(docs))
	for i, de := range docs {
		var err error
		if encs[i], err = encode(de.Doc, de.Events); err != nil {
			return nil, err
		}
	}
	ids := make([]string, len(docs))
	locks := db.lockKeys(docs)
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if err := lockAll(ctx, tx, locks); err != nil {
			return err
		}
		changed := false
		for i, de := range docs {
			id, wrote, err := db.put(ctx, tx, de.Doc, de.Events, encs[i])
			if err != nil {
				return fmt.Errorf("put document %s: %w", de.Doc.ID, err)
			}
			ids[i] = id
			changed = changed || wrote
		}
		if changed {
			return bumpVersion(ctx, tx)
		}
		return nil
	})
	if err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "23505" && pe.ConstraintName == "events_event_id_key" {
			return nil, fmt.Errorf("postgres: an event id is stored for another document or given to two: %w", sitrep.ErrInvalid)
		}
		return nil, fmt.Errorf("postgres: %w", err)
	}
	return ids, nil
}

// LockKey returns the advisory lock id of a merge key: the first 8 bytes
// of SHA-256 over it, as an integer.
func LockKey(key string) int64 {
	h := sha256.Sum256([]byte("sitrep-merge\x00" + key))
	return int64(binary.BigEndian.Uint64(h[:8]))
}

// lockKeys returns the sorted, distinct advisory lock ids of the merge
// keys of the events of docs.
func (db *DB) lockKeys(docs []sitrep.DocumentEvents) []int64 {
	var ids []int64
	for _, de := range docs {
		for i := range de.Events {
			for _, k := range db.opts.MergeKeys(&de.Events[i]) {
				ids = append(ids, LockKey(k))
			}
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// lockAll takes the transaction-level advisory locks ids, sorted, all
// at once: transactions that take theirs before any row lock never wait
// for each other in a cycle.
func lockAll(ctx context.Context, tx pgx.Tx, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if _, err := tx.Exec(ctx, `SELECT count(pg_advisory_xact_lock(k))
		FROM (SELECT k FROM unnest($1::bigint[]) AS k ORDER BY k) AS s`, ids); err != nil {
		return fmt.Errorf("merge locks: %w", err)
	}
	return nil
}

// put is PutDocument inside the transaction tx. wrote is false when the
// stored document was the same and nothing was written.
func (db *DB) put(ctx context.Context, tx pgx.Tx, doc *sitrep.Document, events []sitrep.Event, enc encoded) (id string, wrote bool, err error) {
	published := doc.Published.String()
	source := clean(doc.ID)
	hash := sitrep.ContentHash(doc)
	var (
		rid               int64
		oldHash, oldEvent string
	)
	// The row lock serialises writers of one source; a new source is
	// inserted, and a writer that loses the race to insert it locks the
	// winner's row on its second pass.
	for pass := 0; ; pass++ {
		err = tx.QueryRow(ctx, `SELECT rid, id, content_hash, events_hash FROM documents WHERE source = $1 FOR UPDATE`,
			source).Scan(&rid, &id, &oldHash, &oldEvent)
		if err == nil {
			break
		}
		if !errors.Is(err, pgx.ErrNoRows) || pass > 0 {
			return "", false, err
		}
		id = DocumentID(doc.ID)
		err = tx.QueryRow(ctx, `INSERT INTO documents (id, source, url, title, author, language, published, text,
				content_hash, events_hash, ingested_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			ON CONFLICT (source) DO NOTHING RETURNING rid`,
			id, source, clean(doc.URL), clean(doc.Title), clean(doc.Author), clean(doc.Language), published,
			clean(doc.Text), hash, enc.hash, now()).Scan(&rid)
		if err == nil {
			return id, true, db.putEvents(ctx, tx, rid, doc, events, enc)
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return "", false, err
		}
	}
	if oldHash == hash && oldEvent == enc.hash {
		return id, false, nil
	}
	b := &pgx.Batch{}
	if !db.opts.Ledger {
		// With the ledger, the document's events may be told by others
		// too: putLedger rewrites them.
		b.Queue(`DELETE FROM events WHERE document_rid = $1`, rid)
	}
	b.Queue(`UPDATE documents SET url = $1, title = $2, author = $3, language = $4, published = $5, text = $6,
		content_hash = $7, events_hash = $8, ingested_at = $9 WHERE rid = $10`,
		clean(doc.URL), clean(doc.Title), clean(doc.Author), clean(doc.Language), published, clean(doc.Text),
		hash, enc.hash, now(), rid)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return "", false, err
	}
	return id, true, db.putEvents(ctx, tx, rid, doc, events, enc)
}

// putEvents stores the events of doc: as they are, or joined to the
// stored events through the ledger.
func (db *DB) putEvents(ctx context.Context, tx pgx.Tx, rid int64, doc *sitrep.Document, events []sitrep.Event, enc encoded) error {
	if db.opts.Ledger {
		if err := db.putLedger(ctx, tx, doc, events); err != nil {
			return fmt.Errorf("ledger: %w", err)
		}
		return nil
	}
	return insertEvents(ctx, tx, rid, doc.ID, events, enc)
}

// Columns of the events table that insertEvents fills from arrays, in the
// order of its unnest.
var (
	textCols = []string{"event_id", "event_date", "event_type", "sub_event_type",
		"actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "admin2", "admin3",
		"location", "notes", "source", "claimed_by", "verification", "date_basis", "date_from", "json"}
	intCols = []string{"time_precision", "geo_precision", "fatalities", "inter1", "inter2",
		"injuries", "arrests", "geonameid"}
	insertEventsSQL = func() string {
		var cols, params, names []string
		p := 2
		for _, c := range textCols {
			cols = append(cols, c)
			params = append(params, fmt.Sprintf("$%d::text[]", p))
			p++
		}
		for _, c := range intCols {
			cols = append(cols, c)
			params = append(params, fmt.Sprintf("$%d::integer[]", p))
			p++
		}
		cols = append(cols, "latitude", "longitude", "points")
		params = append(params, fmt.Sprintf("$%d::float8[]", p), fmt.Sprintf("$%d::float8[]", p+1), fmt.Sprintf("$%d::text[]", p+2))
		names = append(names, cols...)
		params = append(params, fmt.Sprintf("$%d::text[]", p+3))
		names = append(names, "actors_json")
		return "INSERT INTO events (document_rid, " + strings.Join(cols, ", ") + ", actors) " +
			"SELECT $1, u." + strings.Join(cols, ", u.") + ", ARRAY(SELECT json_array_elements_text(u.actors_json::json)) " +
			"FROM unnest(" + strings.Join(params, ", ") + ") AS u(" + strings.Join(names, ", ") + ")"
	}()
)

// insertEvents inserts the rows of events of the document docRID whose
// source is source, all in one statement: each column goes as one array
// parameter, and unnest turns the arrays into rows.
func insertEvents(ctx context.Context, tx pgx.Tx, docRID int64, source string, events []sitrep.Event, enc encoded) error {
	n := len(events)
	if n == 0 {
		return nil
	}
	args := make([]any, 0, 2+len(textCols)+len(intCols)+4)
	args = append(args, docRID)
	texts := make([][]string, len(textCols))
	for c := range texts {
		texts[c] = make([]string, n)
	}
	ints := make([][]int32, len(intCols))
	for c := range ints {
		ints[c] = make([]int32, n)
	}
	lat, lon, actorJS := make([]*float64, n), make([]*float64, n), make([]string, n)
	points := make([]*string, n) // nil (NULL) for an event without a row
	for i := range events {
		ev := &events[i]
		src := ev.Source
		if src == "" {
			src = source
		}
		for c, v := range [...]string{ev.EventID, ev.EventDate, ev.EventType, ev.SubEventType,
			ev.Actor1, ev.AssocActor1, ev.Actor2, ev.AssocActor2, ev.Country, ev.Admin1, ev.Admin2, ev.Admin3,
			ev.Location, ev.Notes, src, ev.ClaimedBy, ev.Verification, ev.DateBasis, ev.DateFrom, enc.jsons[i]} {
			texts[c][i] = clean(v)
		}
		if row := pointRow(ev); row != "" {
			points[i] = &row
		}
		for c, v := range [...]int{ev.TimePrecision, ev.GeoPrecision, ev.Fatalities, ev.Inter1, ev.Inter2,
			ev.Injuries, ev.Arrests, ev.GeonameID} {
			ints[c][i] = int32(v)
		}
		lat[i], lon[i] = ev.Latitude, ev.Longitude
		// "[]", never "null", for an event without actors.
		js, _ := json.Marshal(append([]string{}, actors(ev)...))
		actorJS[i] = string(js)
	}
	for _, t := range texts {
		args = append(args, t)
	}
	for _, v := range ints {
		args = append(args, v)
	}
	args = append(args, lat, lon, points, actorJS)
	_, err := tx.Exec(ctx, insertEventsSQL, args...)
	return err
}
