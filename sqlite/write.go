package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// writeStmts are the statements PutDocument runs, prepared once on the
// writer connection. Rows go in with multi-row INSERTs: a batch of n rows
// is split into power-of-two chunks, so each table needs at most a few
// prepared statements and a document costs a handful of statements, not
// several per event.
type writeStmts struct {
	db                      *sql.DB
	upsertDoc, deleteEvents *sql.Stmt
	maxRID                  *sql.Stmt
	inserts                 map[insertKey]*sql.Stmt // read-only once prepared
}

type insertKey struct {
	table *table
	rows  int
}

// table describes a multi-row INSERT target.
type table struct {
	head string // "INSERT INTO t (a, b) VALUES "
	cols int
}

var (
	eventsTable = &table{`INSERT INTO events (rid, event_id, document_rid, event_date, time_precision,
	event_type, sub_event_type, actor1, assoc_actor_1, actor2, assoc_actor_2,
	country, admin1, admin2, admin3, location, latitude, longitude, geo_precision,
	fatalities, notes, source, claimed_by, verification, date_basis, date_from,
	inter1, inter2, injuries, arrests, geonameid) VALUES `, 31}
	jsonTable     = &table{`INSERT INTO event_json (rid, json) VALUES `, 2}
	actorsTable   = &table{`INSERT OR IGNORE INTO event_actors (event_rid, actor) VALUES `, 2}
	claimsTable   = &table{`INSERT INTO claims (event_rid, ord, claimant, cue, stance, text, start, end) VALUES `, 8}
	peopleTable   = &table{`INSERT INTO people (event_rid, ord, name, aliases, role, affiliation, fate) VALUES `, 7}
	evidenceTable = &table{`INSERT INTO evidence (event_rid, ord, field, text, start, end) VALUES `, 6}
)

// maxChunk is the most rows one INSERT takes (a power of two).
const maxChunk = 128

func prepareWriteStmts(ctx context.Context, db *sql.DB) (*writeStmts, error) {
	s := &writeStmts{db: db, inserts: map[insertKey]*sql.Stmt{}}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&s.upsertDoc, `INSERT INTO documents (id, source, url, title, author, language, published, text, content_hash, ingested_at)
			VALUES (?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(source) DO UPDATE SET url = excluded.url, title = excluded.title,
				author = excluded.author, language = excluded.language, published = excluded.published,
				text = excluded.text, content_hash = excluded.content_hash, ingested_at = excluded.ingested_at
			RETURNING rid, id`},
		{&s.deleteEvents, `DELETE FROM events WHERE document_rid = ?`},
		{&s.maxRID, `SELECT coalesce(max(rid), 0) FROM events`},
	} {
		st, err := db.PrepareContext(ctx, p.sql)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
		*p.dst = st
	}
	// Every chunk size of every table, now: preparing inside a write
	// transaction would wait for the writer's only connection.
	for _, t := range []*table{eventsTable, jsonTable, actorsTable, claimsTable, peopleTable, evidenceTable} {
		for n := 1; n <= maxChunk; n *= 2 {
			if err := s.prepareInsert(ctx, t, n); err != nil {
				s.close()
				return nil, fmt.Errorf("sqlite: prepare: %w", err)
			}
		}
	}
	return s, nil
}

// prepareInsert prepares the INSERT of rows rows into t.
func (s *writeStmts) prepareInsert(ctx context.Context, t *table, rows int) error {
	var sb strings.Builder
	sb.WriteString(t.head)
	one := "(" + strings.Repeat(",?", t.cols)[1:] + ")"
	for i := range rows {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(one)
	}
	st, err := s.db.PrepareContext(ctx, sb.String())
	if err != nil {
		return err
	}
	s.inserts[insertKey{t, rows}] = st
	return nil
}

func (s *writeStmts) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{s.upsertDoc, s.deleteEvents, s.maxRID} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	for _, st := range s.inserts {
		errs = append(errs, st.Close())
	}
	return errors.Join(errs...)
}

// batch collects the rows of one table and writes them in chunks.
type batch struct {
	t    *table
	args []any
}

func (b *batch) add(vals ...any) { b.args = append(b.args, vals...) }

func (b *batch) flush(ctx context.Context, tx *sql.Tx, s *writeStmts) error {
	rows := len(b.args) / b.t.cols
	args := b.args
	for rows > 0 {
		n := min(maxChunk, 1<<(bits.Len(uint(rows))-1)) // largest power of two <= rows
		st := s.inserts[insertKey{b.t, n}]
		k := n * b.t.cols
		if _, err := tx.StmtContext(ctx, st).ExecContext(ctx, args[:k]...); err != nil {
			return err
		}
		args, rows = args[k:], rows-n
	}
	b.args = b.args[:0]
	return nil
}

// DocumentID returns the stored id of the document with this source: the
// first 16 hex digits of SHA-256 over it, stable across re-ingests.
func DocumentID(source string) string {
	h := sha256.Sum256([]byte("sitrep-document\x00" + source))
	return hex.EncodeToString(h[:8])
}

// nullFloat maps nil to SQL NULL.
func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// PutDocument stores doc and replaces every event stored for it with
// events, in one transaction. Events whose Source is empty get doc.ID.
// An event id already stored for another document, or repeated in events,
// is an error wrapping sitrep.ErrInvalid, and nothing is written.
func (db *DB) PutDocument(ctx context.Context, doc *sitrep.Document, events []sitrep.Event) (string, error) {
	ids, err := db.PutDocuments(ctx, []DocumentEvents{{Doc: doc, Events: events}})
	if err != nil {
		return "", err
	}
	return ids[0], nil
}

// DocumentEvents is a document and its events, for PutDocuments.
type DocumentEvents struct {
	Doc    *sitrep.Document
	Events []sitrep.Event
}

// PutDocuments does what PutDocument does for each document in turn, in a
// single transaction: one commit for many small documents is several
// times faster, and a crash loses the whole batch, never part of a
// document. On error nothing is written. It returns the documents' ids.
func (db *DB) PutDocuments(ctx context.Context, docs []DocumentEvents) ([]string, error) {
	type prepared struct {
		published string
		jsons     []string
	}
	preps := make([]prepared, len(docs))
	for k, de := range docs {
		doc, events := de.Doc, de.Events
		if doc == nil || doc.ID == "" {
			return nil, fmt.Errorf("sqlite: put document: empty source: %w", sitrep.ErrInvalid)
		}
		seen := make(map[string]struct{}, len(events))
		for i := range events {
			id := events[i].EventID
			if id == "" {
				return nil, fmt.Errorf("sqlite: put document %s: event %d has no id: %w", doc.ID, i, sitrep.ErrInvalid)
			}
			if _, dup := seen[id]; dup {
				return nil, fmt.Errorf("sqlite: put document %s: event id %s repeated: %w", doc.ID, id, sitrep.ErrInvalid)
			}
			seen[id] = struct{}{}
		}
		if !doc.Published.IsZero() {
			preps[k].published = doc.Published.Format("2006-01-02")
		}
		// Encode outside the transaction: the write lock is held only for
		// SQLite's own work.
		preps[k].jsons = make([]string, len(events))
		for i := range events {
			ev := &events[i]
			if ev.Source == "" {
				c := *ev
				c.Source = doc.ID
				ev = &c
			}
			b, err := json.Marshal(ev)
			if err != nil {
				return nil, fmt.Errorf("sqlite: put document %s: event %s: %w", doc.ID, ev.EventID, err)
			}
			preps[k].jsons[i] = string(b)
		}
	}

	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put documents: %w", err)
	}
	defer tx.Rollback()
	ids := make([]string, len(docs))
	now := time.Now().UTC().Format(time.RFC3339Nano)
	for k, de := range docs {
		doc, events := de.Doc, de.Events
		var docRID, maxRID int64
		err = tx.StmtContext(ctx, db.stmts.upsertDoc).QueryRowContext(ctx,
			DocumentID(doc.ID), doc.ID, doc.URL, doc.Title, doc.Author, doc.Language, preps[k].published,
			doc.Text, sitrep.ContentHash(doc), now,
		).Scan(&docRID, &ids[k])
		if err != nil {
			return nil, fmt.Errorf("sqlite: put document %s: %w", doc.ID, err)
		}
		if _, err := tx.StmtContext(ctx, db.stmts.deleteEvents).ExecContext(ctx, docRID); err != nil {
			return nil, fmt.Errorf("sqlite: put document %s: delete old events: %w", doc.ID, err)
		}
		if len(events) == 0 {
			continue
		}
		// The write lock is ours: rids after the largest are free.
		if err := tx.StmtContext(ctx, db.stmts.maxRID).QueryRowContext(ctx).Scan(&maxRID); err != nil {
			return nil, fmt.Errorf("sqlite: put document %s: %w", doc.ID, err)
		}
		if err := db.insertEvents(ctx, tx, docRID, maxRID, doc.ID, events, preps[k].jsons); err != nil {
			if isUniqueViolation(err) {
				return nil, fmt.Errorf("sqlite: put document %s: an event id is stored for another document: %w",
					doc.ID, sitrep.ErrInvalid)
			}
			return nil, fmt.Errorf("sqlite: put document %s: %w", doc.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: put documents: commit: %w", err)
	}
	return ids, nil
}

func (db *DB) insertEvents(ctx context.Context, tx *sql.Tx, docRID, maxRID int64, source string, events []sitrep.Event, jsons []string) error {
	evs := batch{t: eventsTable, args: make([]any, 0, len(events)*eventsTable.cols)}
	js := batch{t: jsonTable, args: make([]any, 0, len(events)*jsonTable.cols)}
	var act, cl, ppl, evd batch
	act.t, cl.t, ppl.t, evd.t = actorsTable, claimsTable, peopleTable, evidenceTable
	for i := range events {
		ev := &events[i]
		rid := maxRID + 1 + int64(i)
		src := ev.Source
		if src == "" {
			src = source
		}
		evs.add(rid, ev.EventID, docRID, ev.EventDate, ev.TimePrecision,
			ev.EventType, ev.SubEventType, ev.Actor1, ev.AssocActor1, ev.Actor2, ev.AssocActor2,
			ev.Country, ev.Admin1, ev.Admin2, ev.Admin3, ev.Location,
			nullFloat(ev.Latitude), nullFloat(ev.Longitude), ev.GeoPrecision,
			ev.Fatalities, ev.Notes, src, ev.ClaimedBy, ev.Verification, ev.DateBasis, ev.DateFrom,
			ev.Inter1, ev.Inter2, ev.Injuries, ev.Arrests, ev.GeonameID)
		js.add(rid, jsons[i])
		for _, a := range actors(ev) {
			act.add(rid, a)
		}
		for j, c := range ev.Claims {
			cl.add(rid, j, c.Claimant, c.Cue, c.Stance, c.Text, c.Start, c.End)
		}
		for j, p := range ev.People {
			aliases := "[]"
			if len(p.Aliases) > 0 {
				b, err := json.Marshal(p.Aliases)
				if err != nil {
					return err
				}
				aliases = string(b)
			}
			ppl.add(rid, j, p.Name, aliases, p.Role, p.Affiliation, p.Fate)
		}
		for j, e := range ev.Evidence {
			evd.add(rid, j, e.Field, e.Text, e.Start, e.End)
		}
	}
	for _, b := range []*batch{&evs, &js, &act, &cl, &ppl, &evd} {
		if err := b.flush(ctx, tx, db.stmts); err != nil {
			return err
		}
	}
	return nil
}

func isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// actors returns actor1, actor2 and each ";"-separated associated actor,
// trimmed, without empties.
func actors(ev *sitrep.Event) []string {
	var out []string
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
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
