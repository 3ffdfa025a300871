package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/internal/page"
	"github.com/sitrep-dev/sitrep/store/sqlite/internal/cell"
)

// Page sizes of Events.
const (
	DefaultLimit = page.DefaultLimit
	MaxLimit     = page.MaxLimit
)

// Document returns the stored document whose id is id or, failing that,
// whose source is id (events name their document by source);
// sitrep.ErrNotFound when there is none.
func (db *DB) Document(ctx context.Context, id string) (*sitrep.StoredDocument, error) {
	const q = `SELECT id, source, url, title, author, language, published, text, content_hash, ingested_at
		FROM documents WHERE id = ?1 OR source = ?1 ORDER BY id = ?1 DESC LIMIT 1`
	var d sitrep.StoredDocument
	var ingested string
	err := db.reader.QueryRowContext(ctx, q, id).Scan(&d.ID, &d.Source, &d.URL, &d.Title, &d.Author,
		&d.Language, &d.Published, &d.Text, &d.ContentHash, &ingested)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: document %q: %w", id, err)
	}
	if d.IngestedAt, err = time.Parse(time.RFC3339Nano, ingested); err != nil {
		return nil, fmt.Errorf("sqlite: document %q: ingested_at: %w", id, err)
	}
	return &d, nil
}

// HasDocument reports whether a document with this content hash (see
// sitrep.ContentHash) is stored.
func (db *DB) HasDocument(ctx context.Context, contentHash string) (bool, error) {
	var n int
	err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM documents WHERE content_hash = ?`, contentHash).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("sqlite: has document: %w", err)
	}
	return n > 0, nil
}

// Event returns the event with this id; sitrep.ErrNotFound when there is
// none.
func (db *DB) Event(ctx context.Context, id string) (*sitrep.Event, error) {
	var js string
	err := db.reader.QueryRowContext(ctx, `SELECT j.json FROM events e JOIN event_json j ON j.rid = e.rid WHERE e.event_id = ?`, id).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) && db.opts.Ledger {
		// The id of a report: the event it joined.
		if ev, rerr := resolveEvent(ctx, db.reader, id); rerr == nil && ev != id {
			return db.Event(ctx, ev)
		}
	}
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlite: event %q: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite: event %q: %w", id, err)
	}
	var ev sitrep.Event
	if err := json.Unmarshal([]byte(js), &ev); err != nil {
		return nil, fmt.Errorf("sqlite: event %q: %w", id, err)
	}
	return &ev, nil
}

// query builds the WHERE clause of an events query. Every value the
// caller gives is a bound parameter; only fixed SQL text is concatenated.
type query struct {
	where []string
	args  []any
	sets  []set
}

// set is a filter that selects events through a side index (actors, the
// cells, full text). It is written one of two ways, chosen per query by
// how many events the index selects: few, and the index drives the query
// (those events are fetched and sorted); many, and the query walks the
// listing index in order and tests each event, stopping after a page.
type set struct {
	count  string // SELECT count(*) of up to ? selected events
	args   []any  // arguments of count, before the cap
	drive  string // condition with the index as the source of rows
	filter string // condition tested per row of the listing walk; "" for none
	cargs  []any  // arguments of drive and of filter
}

func (q *query) add(cond string, args ...any) {
	q.where = append(q.where, cond)
	q.args = append(q.args, args...)
}

func (q *query) in(col string, vals []string) {
	vals = nonEmpty(vals)
	if len(vals) == 0 {
		return
	}
	ph := strings.Repeat(",?", len(vals))[1:]
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	q.add(col+" IN ("+ph+")", args...)
}

func nonEmpty(vals []string) []string {
	var out []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// ftsQuery writes the terms of sitrep.ParseQuery as an FTS5 query: each
// term a quoted phrase (with * for a prefix), the phrases ANDed. The words
// hold letters, digits and marks only, so the query cannot be an FTS5
// syntax error.
func ftsQuery(terms []sitrep.QueryTerm) string {
	var sb strings.Builder
	for i, t := range terms {
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteByte('"')
		sb.WriteString(strings.Join(t.Words, " "))
		sb.WriteByte('"')
		if t.Prefix {
			sb.WriteByte('*')
		}
	}
	return sb.String()
}

// buildQuery validates f and returns its conditions and the page size.
func buildQuery(f sitrep.EventFilter) (*query, int, error) {
	q := &query{}
	limit, err := page.Size(f.Limit)
	if err != nil {
		return nil, 0, err
	}
	if err := f.Validate(); err != nil {
		return nil, 0, fmt.Errorf("sqlite: events: %w", err)
	}
	if !f.From.IsZero() {
		q.add("e.event_date >= ?", f.From.String())
	}
	if !f.To.IsZero() {
		q.add("e.event_date <= ?", f.To.String())
	}
	q.in("e.event_type", f.EventType)
	q.in("e.sub_event_type", f.SubEventType)
	q.in("e.verification", f.Verification)
	if f.Actor != "" {
		q.sets = append(q.sets, set{
			count:  `SELECT count(*) FROM (SELECT 1 FROM event_actors WHERE actor = ? LIMIT ?)`,
			args:   []any{f.Actor},
			drive:  `e.rid IN (SELECT event_rid FROM event_actors WHERE actor = ?)`,
			filter: `EXISTS (SELECT 1 FROM event_actors a WHERE a.event_rid = e.rid AND a.actor = ?)`,
			cargs:  []any{f.Actor},
		})
	}
	if f.Country != "" {
		q.add("e.country = ?", f.Country)
	}
	if f.Admin1 != "" {
		q.add("e.admin1 = ?", f.Admin1)
	}
	if f.ClaimedBy != "" {
		q.add("e.claimed_by = ?", f.ClaimedBy)
	}
	if f.Source != "" {
		q.add("e.document_rid = (SELECT rid FROM documents WHERE source = ?)", f.Source)
	}
	if b := f.BBox; b != nil {
		minLon, minLat, maxLon, maxLat := b.MinLon, b.MinLat, b.MaxLon, b.MaxLat
		// Cells find the candidates (and some just outside the box); the
		// REAL columns, in the listing index, decide.
		q.add(`e.longitude BETWEEN ? AND ? AND e.latitude BETWEEN ? AND ?`, minLon, maxLon, minLat, maxLat)
		var cond strings.Builder
		var args []any
		for i, r := range cell.Ranges(minLon, minLat, maxLon, maxLat) {
			if i > 0 {
				cond.WriteString(" OR ")
			}
			cond.WriteString("e.cell BETWEEN ? AND ?")
			args = append(args, r.Lo, r.Hi)
		}
		q.sets = append(q.sets, set{
			count:  `SELECT count(*) FROM (SELECT 1 FROM events e WHERE ` + cond.String() + ` LIMIT ?)`,
			args:   args,
			drive:  "(" + cond.String() + ")",
			filter: "", // the BETWEENs suffice
			cargs:  args,
		})
	}
	if strings.TrimSpace(f.Query) != "" {
		terms, err := sitrep.ParseQuery(f.Query)
		if err != nil {
			return nil, 0, fmt.Errorf("sqlite: events: %w", err)
		}
		fq := ftsQuery(terms)
		// In the filter form, unary + keeps the planner from driving by
		// the subqueries: each is computed once and probed per row.
		q.sets = append(q.sets, set{
			count: `SELECT count(*) FROM (SELECT 1 FROM events_fts WHERE events_fts MATCH ?
				UNION ALL SELECT 1 FROM documents_fts f JOIN events e ON e.document_rid = f.rowid WHERE documents_fts MATCH ?
				LIMIT ?)`,
			args: []any{fq, fq},
			drive: `(e.rid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)
				OR e.document_rid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))`,
			filter: `(+e.rid IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)
				OR +e.document_rid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?))`,
			cargs: []any{fq, fq},
		})
	}
	if f.Cursor != "" {
		c, err := page.Decode(f.Cursor)
		if err != nil {
			return nil, 0, err
		}
		q.add("(e.event_date < ? OR (e.event_date = ? AND e.event_id > ?))", c.Date, c.Date, c.ID)
	}
	return q, limit, nil
}

// Events returns a page of events matching f in (event_date desc,
// event_id) order, and the cursor of the next page ("" after the last).
// A malformed filter is an error wrapping sitrep.ErrInvalid.
func (db *DB) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, string, error) {
	var events []sitrep.Event
	next, err := db.EventsJSON(ctx, f, func(js []byte) error {
		if events == nil {
			events = make([]sitrep.Event, 0, min(max(f.Limit, DefaultLimit), 256))
		}
		events = append(events, sitrep.Event{})
		ev := &events[len(events)-1]
		if err := json.Unmarshal(js, ev); err != nil {
			return fmt.Errorf("sqlite: events: decoding an event: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	if events == nil {
		events = []sitrep.Event{}
	}
	return events, next, nil
}

// EventsJSON is Events that passes each event of the page to fn as the
// JSON the store keeps (json.Marshal of the sitrep.Event when it was
// stored) rather than decoding it: a server can copy the bytes into its
// response. js is valid only during the call; an error from fn stops the
// page and is returned as it is. It implements sitrep.RawEventLister.
//
// The bytes are the event as encoded when it was stored: a change to the
// JSON fields of sitrep.Event needs a migration that re-encodes the
// event_json table, or this path serves the old fields.
func (db *DB) EventsJSON(ctx context.Context, f sitrep.EventFilter, fn func(js []byte) error) (string, error) {
	q, limit, err := buildQuery(f)
	if err != nil {
		return "", err
	}
	if err := db.chooseForms(ctx, q, limit); err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.WriteString("SELECT e.event_date, e.event_id, (SELECT json FROM event_json WHERE rid = e.rid) FROM events e")
	q.writeWhere(&sb)
	sb.WriteString(" ORDER BY e.event_date DESC, e.event_id LIMIT ?")
	args := append(q.args, limit+1)

	rows, err := db.query(ctx, sb.String(), args...)
	if err != nil {
		return "", fmt.Errorf("sqlite: events: %w", err)
	}
	defer rows.Close()
	// RawBytes reuse one buffer per column across the rows; the last
	// row's date and id are copied for the cursor, since RawBytes may not
	// outlive the next call to rows.Next.
	var date, id, js sql.RawBytes
	var last page.Cursor
	lastDate, lastID := []byte{}, []byte{}
	n, more := 0, false
	for rows.Next() {
		if n == limit {
			more = true
			break
		}
		if err := rows.Scan(&date, &id, &js); err != nil {
			return "", fmt.Errorf("sqlite: events: %w", err)
		}
		if len(js) == 0 {
			return "", fmt.Errorf("sqlite: events: event %s has no JSON", id)
		}
		if err := fn(js); err != nil {
			return "", err
		}
		lastDate, lastID = append(lastDate[:0], date...), append(lastID[:0], id...)
		n++
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("sqlite: events: %w", err)
	}
	if !more {
		return "", nil
	}
	last.Date, last.ID = string(lastDate), string(lastID)
	return page.Encode(last), nil
}

// writeWhere writes q's conditions as a WHERE clause, or nothing.
func (q *query) writeWhere(sb *strings.Builder) {
	if len(q.where) > 0 {
		sb.WriteString(" WHERE ")
		sb.WriteString(strings.Join(q.where, " AND "))
	}
}

// chooseForms adds each set filter of q in its drive or filter form. An
// index that selects at most max(1000, 20 * limit) events drives: fetching
// and sorting that many costs less than walking the listing to fill a
// page when one event in hundreds matches.
func (db *DB) chooseForms(ctx context.Context, q *query, limit int) error {
	small := min(max(1000, 20*limit), 20000)
	for _, s := range q.sets {
		var n int
		args := append(slices.Clip(s.args), small+1)
		if err := db.queryRow(ctx, s.count, args...).Scan(&n); err != nil {
			return fmt.Errorf("sqlite: events: %w", err)
		}
		switch {
		case n <= small:
			q.add(s.drive, s.cargs...)
		case s.filter != "":
			q.add(s.filter, s.cargs...)
		}
	}
	return nil
}

// Stats returns the number of stored documents and events. It implements
// sitrep.StatsReader.
func (db *DB) Stats(ctx context.Context) (sitrep.StoreStats, error) {
	var s sitrep.StoreStats
	err := db.reader.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM events)`).Scan(&s.Documents, &s.Events)
	if err != nil {
		return s, fmt.Errorf("sqlite: stats: %w", err)
	}
	return s, nil
}

// Check runs SQLite's integrity and foreign key checks and returns an
// error describing the first problems found, nil when the file is sound.
func (db *DB) Check(ctx context.Context) error {
	rows, err := db.reader.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("sqlite: check: %w", err)
	}
	var problems []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return fmt.Errorf("sqlite: check: %w", err)
		}
		if s != "ok" {
			problems = append(problems, s)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlite: check: %w", err)
	}
	var n int
	if err := db.reader.QueryRowContext(ctx, `SELECT count(*) FROM pragma_foreign_key_check`).Scan(&n); err != nil {
		return fmt.Errorf("sqlite: check: %w", err)
	}
	if n > 0 {
		problems = append(problems, fmt.Sprintf("%d foreign key violations", n))
	}
	// The FTS5 checks compare each index with its content table; they
	// are INSERT commands, so they run on the writer.
	for _, t := range []string{"events_fts", "documents_fts"} {
		if db.writer == nil {
			break
		}
		if _, err := db.writer.ExecContext(ctx, `INSERT INTO `+t+`(`+t+`, rank) VALUES ('integrity-check', 1)`); err != nil {
			problems = append(problems, t+": "+err.Error())
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("sqlite: check: %s", strings.Join(problems, "; "))
	}
	return nil
}
