package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/internal/page"
)

// Page sizes of Events (the SQLite store's).
const (
	DefaultLimit = page.DefaultLimit
	MaxLimit     = page.MaxLimit
)

// Document returns the stored document whose id is id or, failing that,
// whose source is id (events name their document by source);
// sitrep.ErrNotFound when there is none.
func (db *DB) Document(ctx context.Context, id string) (*sitrep.StoredDocument, error) {
	const q = `SELECT id, source, url, title, author, language, published, text, content_hash, ingested_at
		FROM documents WHERE id = $1 OR source = $1 ORDER BY id = $1 DESC LIMIT 1`
	var d sitrep.StoredDocument
	err := db.pool.QueryRow(ctx, q, clean(id)).Scan(&d.ID, &d.Source, &d.URL, &d.Title, &d.Author,
		&d.Language, &d.Published, &d.Text, &d.ContentHash, &d.IngestedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: document %q: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: document %q: %w", id, err)
	}
	d.IngestedAt = d.IngestedAt.UTC()
	return &d, nil
}

// HasDocument reports whether a document with this content hash (see
// sitrep.ContentHash) is stored.
func (db *DB) HasDocument(ctx context.Context, contentHash string) (bool, error) {
	var ok bool
	err := db.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM documents WHERE content_hash = $1)`, clean(contentHash)).Scan(&ok)
	if err != nil {
		return false, fmt.Errorf("postgres: has document: %w", err)
	}
	return ok, nil
}

// Event returns the event with this id; sitrep.ErrNotFound when there is
// none.
func (db *DB) Event(ctx context.Context, id string) (*sitrep.Event, error) {
	var js []byte
	err := db.pool.QueryRow(ctx, `SELECT json FROM events WHERE event_id = $1`, clean(id)).Scan(&js)
	if errors.Is(err, pgx.ErrNoRows) && db.opts.Ledger {
		// The id of a report: the event it joined.
		if ev, rerr := resolveEvent(ctx, db.pool, id); rerr == nil && ev != id {
			return db.Event(ctx, ev)
		}
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, fmt.Errorf("postgres: event %q: %w", id, sitrep.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres: event %q: %w", id, err)
	}
	var ev sitrep.Event
	if err := json.Unmarshal(js, &ev); err != nil {
		return nil, fmt.Errorf("postgres: event %q: %w", id, err)
	}
	return &ev, nil
}

// query builds the WHERE clause of an events query. Every value the
// caller gives is a bound parameter; only fixed SQL text is concatenated.
type query struct {
	where []string
	args  []any
}

// arg adds a parameter and returns its placeholder.
func (q *query) arg(v any) string {
	q.args = append(q.args, v)
	return "$" + strconv.Itoa(len(q.args))
}

func (q *query) add(cond string) { q.where = append(q.where, cond) }

// in adds "col = ANY(values)" for the non-empty values, if any.
func (q *query) in(col string, vals []string) {
	var vs []string
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			vs = append(vs, clean(v))
		}
	}
	if len(vs) > 0 {
		q.add(col + " = ANY(" + q.arg(vs) + "::text[])")
	}
}

// tsQuery writes the terms of sitrep.ParseQuery as the text of a tsquery:
// each term its words joined by <-> (followed by), a prefix term's last
// word marked :*, the terms ANDed. The words hold letters, digits and
// marks only, so quoting them needs no escapes and the query cannot be a
// syntax error.
func tsQuery(terms []sitrep.QueryTerm) string {
	var sb strings.Builder
	for i, t := range terms {
		if i > 0 {
			sb.WriteString(" & ")
		}
		sb.WriteByte('(')
		for j, w := range t.Words {
			if j > 0 {
				sb.WriteString(" <-> ")
			}
			sb.WriteByte('\'')
			sb.WriteString(w)
			sb.WriteByte('\'')
			if t.Prefix && j == len(t.Words)-1 {
				sb.WriteString(":*")
			}
		}
		sb.WriteByte(')')
	}
	return sb.String()
}

// buildQuery validates f and returns its conditions and the page size.
func (db *DB) buildQuery(f sitrep.EventFilter) (*query, int, error) {
	q := &query{}
	limit, err := page.Size(f.Limit)
	if err != nil {
		return nil, 0, err
	}
	if err := f.Validate(); err != nil {
		return nil, 0, fmt.Errorf("postgres: events: %w", err)
	}
	if !f.From.IsZero() {
		q.add("e.event_date >= " + q.arg(f.From.String()))
	}
	if !f.To.IsZero() {
		q.add("e.event_date <= " + q.arg(f.To.String()))
	}
	q.in("e.event_type", f.EventType)
	q.in("e.sub_event_type", f.SubEventType)
	q.in("e.verification", f.Verification)
	if f.Actor != "" {
		q.add("e.actors @> ARRAY[" + q.arg(clean(f.Actor)) + "::text]")
	}
	if f.Country != "" {
		q.add("e.country = " + q.arg(clean(f.Country)))
	}
	if f.Admin1 != "" {
		q.add("e.admin1 = " + q.arg(clean(f.Admin1)))
	}
	if f.ClaimedBy != "" {
		q.add("e.claimed_by = " + q.arg(clean(f.ClaimedBy)))
	}
	if f.Source != "" {
		q.add("e.document_rid = (SELECT rid FROM documents WHERE source = " + q.arg(clean(f.Source)) + ")")
	}
	if b := f.BBox; b != nil {
		minLon, minLat, maxLon, maxLat := b.MinLon, b.MinLat, b.MaxLon, b.MaxLat
		x0, y0, x1, y1 := q.arg(minLon), q.arg(minLat), q.arg(maxLon), q.arg(maxLat)
		if db.postgis {
			// The GiST index finds the candidates by their (float4,
			// rounded outward) boxes; the exact comparisons decide.
			q.add("e.geom && ST_MakeEnvelope(" + x0 + "::float8, " + y0 + "::float8, " + x1 + "::float8, " + y1 + "::float8, 4326)")
		}
		q.add("e.longitude BETWEEN " + x0 + "::float8 AND " + x1 + "::float8 AND e.latitude BETWEEN " + y0 + "::float8 AND " + y1 + "::float8")
	}
	if strings.TrimSpace(f.Query) != "" {
		terms, err := sitrep.ParseQuery(f.Query)
		if err != nil {
			return nil, 0, fmt.Errorf("postgres: events: %w", err)
		}
		tq := tsQuery(terms)
		// Each GIN index drives its half; the union is probed per row.
		p := q.arg(tq)
		q.add(`e.rid IN (SELECT rid FROM events WHERE notes_fts @@ to_tsquery('sitrep', ` + p + `)
			UNION SELECT x.rid FROM events x JOIN documents d ON d.rid = x.document_rid
			WHERE d.fts @@ to_tsquery('sitrep', ` + p + `))`)
	}
	if f.Cursor != "" {
		c, err := page.Decode(f.Cursor)
		if err != nil {
			return nil, 0, err
		}
		d, i := q.arg(clean(c.Date)), q.arg(clean(c.ID))
		// The first condition bounds the walk of the listing index.
		q.add("e.event_date <= " + d + " AND (e.event_date < " + d + " OR e.event_id > " + i + ")")
	}
	return q, limit, nil
}

// writeWhere writes q's conditions as a WHERE clause, or nothing.
func (q *query) writeWhere(sb *strings.Builder) {
	if len(q.where) > 0 {
		sb.WriteString(" WHERE ")
		sb.WriteString(strings.Join(q.where, " AND "))
	}
}

// Events returns a page of events matching f in (event_date desc,
// event_id) order, and the cursor of the next page ("" after the last).
// A malformed filter is an error wrapping sitrep.ErrInvalid.
func (db *DB) Events(ctx context.Context, f sitrep.EventFilter) ([]sitrep.Event, string, error) {
	events := []sitrep.Event{}
	next, err := db.EventsJSON(ctx, f, func(js []byte) error {
		events = append(events, sitrep.Event{})
		if err := json.Unmarshal(js, &events[len(events)-1]); err != nil {
			return fmt.Errorf("postgres: events: decoding an event: %w", err)
		}
		return nil
	})
	if err != nil {
		return nil, "", err
	}
	return events, next, nil
}

// EventsJSON is Events that passes each event of the page to fn as the
// JSON the store keeps (json.Marshal of the sitrep.Event when it was
// stored) rather than decoding it. js is valid only during the call; an
// error from fn stops the page and is returned as it is. It implements
// sitrep.RawEventLister.
func (db *DB) EventsJSON(ctx context.Context, f sitrep.EventFilter, fn func(js []byte) error) (string, error) {
	q, limit, err := db.buildQuery(f)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.WriteString("SELECT e.event_date, e.event_id, e.json FROM events e")
	q.writeWhere(&sb)
	sb.WriteString(" ORDER BY e.event_date DESC, e.event_id LIMIT " + q.arg(limit+1))

	rows, err := db.pool.Query(ctx, sb.String(), q.args...)
	if err != nil {
		return "", fmt.Errorf("postgres: events: %w", err)
	}
	defer rows.Close()
	var last page.Cursor
	n, more := 0, false
	for rows.Next() {
		if n == limit {
			more = true
			break
		}
		// RawValues are valid until the next call to Next: the text
		// columns are handed out without a copy.
		raw := rows.RawValues()
		if len(raw) != 3 || len(raw[2]) == 0 {
			return "", fmt.Errorf("postgres: events: an event has no JSON")
		}
		if err := fn(raw[2]); err != nil {
			return "", err
		}
		last.Date, last.ID = string(raw[0]), string(raw[1])
		n++
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("postgres: events: %w", err)
	}
	if !more {
		return "", nil
	}
	return page.Encode(last), nil
}
