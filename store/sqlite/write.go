package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math/bits"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/internal/docid"
	"github.com/sitrep-dev/sitrep/store/sqlite/internal/cell"
)

// writeStmts are the statements PutDocuments runs, prepared once on the
// writer connection. Rows go in with multi-row INSERTs: a batch of n rows
// is split into power-of-two chunks, so each table needs at most a few
// prepared statements and a transaction costs a handful of statements,
// not several per event.
type writeStmts struct {
	db                               *sql.DB
	findDoc, insertDoc, updateDoc    *sql.Stmt
	unindexDoc, deleteEvents, maxRID *sql.Stmt
	indexDocs, indexEvents           *sql.Stmt
	joinDays                         []*sql.Stmt             // joinDaysSQL
	inserts                          map[insertKey]*sql.Stmt // read-only once prepared
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
	inter1, inter2, injuries, arrests, geonameid, cell, points) VALUES `, 33}
	jsonTable   = &table{`INSERT INTO event_json (rid, json) VALUES `, 2}
	actorsTable = &table{`INSERT OR IGNORE INTO event_actors (event_rid, actor) VALUES `, 2}
)

// maxChunk is the most rows one INSERT takes (a power of two).
const maxChunk = 128

func prepareWriteStmts(ctx context.Context, db *sql.DB) (*writeStmts, error) {
	s := &writeStmts{db: db, inserts: map[insertKey]*sql.Stmt{}}
	for _, p := range []struct {
		dst **sql.Stmt
		sql string
	}{
		{&s.findDoc, `SELECT rid, id FROM documents WHERE source = ?`},
		{&s.insertDoc, `INSERT INTO documents (id, source, url, title, author, language, published, text, content_hash, ingested_at)
			VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING rid`},
		{&s.updateDoc, `UPDATE documents SET url = ?, title = ?, author = ?, language = ?, published = ?,
			text = ?, content_hash = ?, ingested_at = ? WHERE rid = ?`},
		// External-content FTS5 deletes a row by the values it indexed.
		{&s.unindexDoc, `INSERT INTO documents_fts(documents_fts, rowid, title, text)
			SELECT 'delete', rid, title, text FROM documents WHERE rid = ?`},
		{&s.deleteEvents, `DELETE FROM events WHERE document_rid = ?`},
		{&s.maxRID, `SELECT coalesce(max(rid), 0) FROM events`},
		{&s.indexDocs, `INSERT INTO documents_fts(rowid, title, text)
			SELECT rid, title, text FROM documents WHERE rid IN (SELECT value FROM json_each(?))`},
		{&s.indexEvents, `INSERT INTO events_fts(rowid, notes) SELECT rid, notes FROM events WHERE rid > ?`},
	} {
		st, err := db.PrepareContext(ctx, p.sql)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
		*p.dst = st
	}
	for _, q := range joinDaysSQL {
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
		s.joinDays = append(s.joinDays, st)
	}
	// Every chunk size of every table, now: preparing inside a write
	// transaction would wait for the writer's only connection.
	for _, t := range []*table{eventsTable, jsonTable, actorsTable} {
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
	for _, st := range []*sql.Stmt{s.findDoc, s.insertDoc, s.updateDoc, s.unindexDoc, s.deleteEvents, s.maxRID, s.indexDocs, s.indexEvents} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	for _, st := range s.inserts {
		errs = append(errs, st.Close())
	}
	for _, st := range s.joinDays {
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
	return docid.Of(source)
}

// eventCell returns the cell of ev's point, or nil (SQL NULL) without one.
func eventCell(ev *sitrep.Event) any {
	if ev.Latitude == nil || ev.Longitude == nil {
		return nil
	}
	return cell.Of(*ev.Longitude, *ev.Latitude)
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
	ids, err := db.PutDocuments(ctx, []sitrep.DocumentEvents{{Doc: doc, Events: events}})
	if err != nil {
		return "", err
	}
	return ids[0], nil
}

// PutDocuments does what PutDocument does for each document in turn, in a
// single transaction: one commit for many small documents is several
// times faster, and a crash loses the whole batch, never part of a
// document. On error nothing is written. It returns the documents' ids.
// It implements sitrep.BatchPutter.
func (db *DB) PutDocuments(ctx context.Context, docs []sitrep.DocumentEvents) ([]string, error) {
	if db.writer == nil {
		return nil, errReadOnly
	}
	jsons := make([][]string, len(docs))
	// A source given twice is stored as its last version: the same as
	// putting the versions in turn.
	last := make(map[string]int, len(docs))
	for k, de := range docs {
		doc, events := de.Doc, de.Events
		if doc == nil || doc.ID == "" {
			return nil, fmt.Errorf("sqlite: put document: empty source: %w", sitrep.ErrInvalid)
		}
		last[doc.ID] = k
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
		// Encode outside the transaction: the write lock is held only for
		// SQLite's own work.
		jsons[k] = make([]string, len(events))
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
			jsons[k][i] = string(b)
		}
	}

	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite: put documents: %w", err)
	}
	defer tx.Rollback()
	st := func(s *sql.Stmt) *sql.Stmt { return tx.StmtContext(ctx, s) }
	// The write lock is ours: rids after the largest are free.
	var firstRID int64
	if err := st(db.stmts.maxRID).QueryRowContext(ctx).Scan(&firstRID); err != nil {
		return nil, fmt.Errorf("sqlite: put documents: %w", err)
	}
	nextRID := firstRID + 1
	w := newEventWriter()
	ids := make([]string, len(docs))
	docRIDs := make([]int64, 0, len(docs))
	now := time.Now().UTC().Format(time.RFC3339Nano)
	for k, de := range docs {
		doc, events := de.Doc, de.Events
		if last[doc.ID] != k {
			continue
		}
		docRID, id, err := db.putDocumentRow(ctx, st, doc, now)
		if err != nil {
			return nil, fmt.Errorf("sqlite: put document %s: %w", doc.ID, err)
		}
		ids[k] = id
		docRIDs = append(docRIDs, docRID)
		if db.opts.Ledger {
			// Each document's reports join the events stored before it,
			// those of this batch included.
			if err := db.putLedger(ctx, tx, doc, events, &nextRID); err != nil {
				return nil, fmt.Errorf("sqlite: put document %s: ledger: %w", doc.ID, err)
			}
			continue
		}
		w.add(docRID, doc.ID, nextRID, events, jsons[k])
		nextRID += int64(len(events))
	}
	for k, de := range docs {
		ids[k] = ids[last[de.Doc.ID]]
	}
	if err := w.flush(ctx, tx, db.stmts); err != nil {
		if isUniqueViolation(err) && len(docs) == 1 {
			return nil, fmt.Errorf("sqlite: put document %s: an event id is stored for another document: %w",
				docs[0].Doc.ID, sitrep.ErrInvalid)
		}
		if isUniqueViolation(err) {
			return nil, fmt.Errorf("sqlite: put documents: an event id is stored for another document or given to two: %w",
				sitrep.ErrInvalid)
		}
		return nil, fmt.Errorf("sqlite: put documents: %w", err)
	}
	// Full text last, one statement per table: FTS5 writes what it has
	// pending whenever a statement opens a savepoint.
	rids, _ := json.Marshal(docRIDs)
	if _, err := st(db.stmts.indexDocs).ExecContext(ctx, string(rids)); err != nil {
		return nil, fmt.Errorf("sqlite: put documents: index text: %w", err)
	}
	if nextRID > firstRID+1 {
		if _, err := st(db.stmts.indexEvents).ExecContext(ctx, firstRID); err != nil {
			return nil, fmt.Errorf("sqlite: put documents: index notes: %w", err)
		}
	}
	if err := joinDays(ctx, tx, db.stmts.joinDays); err != nil {
		return nil, fmt.Errorf("sqlite: put documents: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite: put documents: commit: %w", err)
	}
	db.version.commits.Add(1)
	return ids, nil
}

// putDocumentRow inserts doc's row or, when its source is stored, takes
// the stored row out of the full-text index, deletes its events and
// updates it. It returns the row's rid and the document's id.
func (db *DB) putDocumentRow(ctx context.Context, st func(*sql.Stmt) *sql.Stmt, doc *sitrep.Document, now string) (int64, string, error) {
	published := doc.Published.String()
	hash := sitrep.ContentHash(doc)
	var rid int64
	var id string
	err := st(db.stmts.findDoc).QueryRowContext(ctx, doc.ID).Scan(&rid, &id)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		id = DocumentID(doc.ID)
		err = st(db.stmts.insertDoc).QueryRowContext(ctx, id, doc.ID, doc.URL, doc.Title, doc.Author,
			doc.Language, published, doc.Text, hash, now).Scan(&rid)
		return rid, id, err
	case err != nil:
		return 0, "", err
	}
	if _, err := st(db.stmts.unindexDoc).ExecContext(ctx, rid); err != nil {
		return 0, "", fmt.Errorf("unindex text: %w", err)
	}
	if !db.opts.Ledger {
		// With the ledger, the document's events may be told by others
		// too: putLedger rewrites them.
		if _, err := st(db.stmts.deleteEvents).ExecContext(ctx, rid); err != nil {
			return 0, "", fmt.Errorf("delete old events: %w", err)
		}
	}
	_, err = st(db.stmts.updateDoc).ExecContext(ctx, doc.URL, doc.Title, doc.Author, doc.Language, published,
		doc.Text, hash, now, rid)
	return rid, id, err
}

// eventWriter collects the rows of a transaction's events.
type eventWriter struct {
	evs, js, act batch
}

func newEventWriter() *eventWriter {
	return &eventWriter{evs: batch{t: eventsTable}, js: batch{t: jsonTable}, act: batch{t: actorsTable}}
}

// add queues the rows of events of the document docRID, the first taking
// rid firstRID and the others the rids after it.
func (w *eventWriter) add(docRID int64, source string, firstRID int64, events []sitrep.Event, jsons []string) {
	for i := range events {
		ev := &events[i]
		rid := firstRID + int64(i)
		src := ev.Source
		if src == "" {
			src = source
		}
		w.evs.add(rid, ev.EventID, docRID, ev.EventDate, ev.TimePrecision,
			ev.EventType, ev.SubEventType, ev.Actor1, ev.AssocActor1, ev.Actor2, ev.AssocActor2,
			ev.Country, ev.Admin1, ev.Admin2, ev.Admin3, ev.Location,
			nullFloat(ev.Latitude), nullFloat(ev.Longitude), ev.GeoPrecision,
			ev.Fatalities, ev.Notes, src, ev.ClaimedBy, ev.Verification, ev.DateBasis, ev.DateFrom,
			ev.Inter1, ev.Inter2, ev.Injuries, ev.Arrests, ev.GeonameID, eventCell(ev), pointRow(ev))
		w.js.add(rid, jsons[i])
		for _, a := range actors(ev) {
			w.act.add(rid, a)
		}
	}
}

// flush writes the queued rows.
func (w *eventWriter) flush(ctx context.Context, tx *sql.Tx, s *writeStmts) error {
	for _, b := range []*batch{&w.evs, &w.js, &w.act} {
		if err := b.flush(ctx, tx, s); err != nil {
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
