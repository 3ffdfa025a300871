package sqlite

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/sitrep-dev/sitrep"
)

// writeStmts are the statements PutDocument runs, prepared once on the
// writer connection.
type writeStmts struct {
	upsertDoc, deleteEvents, insertEvent, insertActor, insertClaim, insertPerson, insertEvidence *sql.Stmt
}

const insertEventSQL = `INSERT INTO events (event_id, document_rid, event_date, time_precision,
	event_type, sub_event_type, actor1, assoc_actor_1, actor2, assoc_actor_2,
	country, admin1, admin2, admin3, location, latitude, longitude, geo_precision,
	fatalities, notes, source, claimed_by, verification, date_basis, date_from,
	inter1, inter2, injuries, arrests, geonameid, json)
VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`

func prepareWriteStmts(ctx context.Context, db *sql.DB) (*writeStmts, error) {
	s := &writeStmts{}
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
		{&s.insertEvent, insertEventSQL},
		{&s.insertActor, `INSERT OR IGNORE INTO event_actors (event_rid, actor) VALUES (?, ?)`},
		{&s.insertClaim, `INSERT INTO claims (event_rid, ord, claimant, cue, stance, text, start, end) VALUES (?,?,?,?,?,?,?,?)`},
		{&s.insertPerson, `INSERT INTO people (event_rid, ord, name, aliases, role, affiliation, fate) VALUES (?,?,?,?,?,?,?)`},
		{&s.insertEvidence, `INSERT INTO evidence (event_rid, ord, field, text, start, end) VALUES (?,?,?,?,?,?)`},
	} {
		st, err := db.PrepareContext(ctx, p.sql)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("sqlite: prepare: %w", err)
		}
		*p.dst = st
	}
	return s, nil
}

func (s *writeStmts) close() error {
	var errs []error
	for _, st := range []*sql.Stmt{s.upsertDoc, s.deleteEvents, s.insertEvent, s.insertActor, s.insertClaim, s.insertPerson, s.insertEvidence} {
		if st != nil {
			errs = append(errs, st.Close())
		}
	}
	return errors.Join(errs...)
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
	if doc == nil || doc.ID == "" {
		return "", fmt.Errorf("sqlite: put document: empty source: %w", sitrep.ErrInvalid)
	}
	seen := make(map[string]struct{}, len(events))
	for i := range events {
		id := events[i].EventID
		if id == "" {
			return "", fmt.Errorf("sqlite: put document %s: event %d has no id: %w", doc.ID, i, sitrep.ErrInvalid)
		}
		if _, dup := seen[id]; dup {
			return "", fmt.Errorf("sqlite: put document %s: event id %s repeated: %w", doc.ID, id, sitrep.ErrInvalid)
		}
		seen[id] = struct{}{}
	}
	published := ""
	if !doc.Published.IsZero() {
		published = doc.Published.Format("2006-01-02")
	}

	tx, err := db.writer.BeginTx(ctx, nil)
	if err != nil {
		return "", fmt.Errorf("sqlite: put document %s: %w", doc.ID, err)
	}
	defer tx.Rollback()

	var docRID int64
	var id string
	err = tx.StmtContext(ctx, db.stmts.upsertDoc).QueryRowContext(ctx,
		DocumentID(doc.ID), doc.ID, doc.URL, doc.Title, doc.Author, doc.Language, published,
		doc.Text, sitrep.ContentHash(doc), time.Now().UTC().Format(time.RFC3339Nano),
	).Scan(&docRID, &id)
	if err != nil {
		return "", fmt.Errorf("sqlite: put document %s: %w", doc.ID, err)
	}
	if _, err := tx.StmtContext(ctx, db.stmts.deleteEvents).ExecContext(ctx, docRID); err != nil {
		return "", fmt.Errorf("sqlite: put document %s: delete old events: %w", doc.ID, err)
	}
	w := eventWriter{
		ctx:      ctx,
		event:    tx.StmtContext(ctx, db.stmts.insertEvent),
		actor:    tx.StmtContext(ctx, db.stmts.insertActor),
		claim:    tx.StmtContext(ctx, db.stmts.insertClaim),
		person:   tx.StmtContext(ctx, db.stmts.insertPerson),
		evidence: tx.StmtContext(ctx, db.stmts.insertEvidence),
	}
	for i := range events {
		if err := w.put(docRID, doc.ID, &events[i]); err != nil {
			if isUniqueViolation(err) {
				return "", fmt.Errorf("sqlite: put document %s: event id %s is stored for another document: %w",
					doc.ID, events[i].EventID, sitrep.ErrInvalid)
			}
			return "", fmt.Errorf("sqlite: put document %s: event %s: %w", doc.ID, events[i].EventID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return "", fmt.Errorf("sqlite: put document %s: commit: %w", doc.ID, err)
	}
	return id, nil
}

func isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// eventWriter inserts events and their children inside one transaction.
type eventWriter struct {
	ctx                                   context.Context
	event, actor, claim, person, evidence *sql.Stmt
	buf                                   []byte
}

func (w *eventWriter) put(docRID int64, source string, ev *sitrep.Event) error {
	if ev.Source == "" {
		c := *ev
		c.Source = source
		ev = &c
	}
	js, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	res, err := w.event.ExecContext(w.ctx,
		ev.EventID, docRID, ev.EventDate, ev.TimePrecision,
		ev.EventType, ev.SubEventType, ev.Actor1, ev.AssocActor1, ev.Actor2, ev.AssocActor2,
		ev.Country, ev.Admin1, ev.Admin2, ev.Admin3, ev.Location,
		nullFloat(ev.Latitude), nullFloat(ev.Longitude), ev.GeoPrecision,
		ev.Fatalities, ev.Notes, ev.Source, ev.ClaimedBy, ev.Verification, ev.DateBasis, ev.DateFrom,
		ev.Inter1, ev.Inter2, ev.Injuries, ev.Arrests, ev.GeonameID, string(js))
	if err != nil {
		return err
	}
	rid, err := res.LastInsertId()
	if err != nil {
		return err
	}
	for _, a := range actors(ev) {
		if _, err := w.actor.ExecContext(w.ctx, rid, a); err != nil {
			return fmt.Errorf("actor: %w", err)
		}
	}
	for i, c := range ev.Claims {
		if _, err := w.claim.ExecContext(w.ctx, rid, i, c.Claimant, c.Cue, c.Stance, c.Text, c.Start, c.End); err != nil {
			return fmt.Errorf("claim: %w", err)
		}
	}
	for i, p := range ev.People {
		aliases := "[]"
		if len(p.Aliases) > 0 {
			b, err := json.Marshal(p.Aliases)
			if err != nil {
				return err
			}
			aliases = string(b)
		}
		if _, err := w.person.ExecContext(w.ctx, rid, i, p.Name, aliases, p.Role, p.Affiliation, p.Fate); err != nil {
			return fmt.Errorf("person: %w", err)
		}
	}
	for i, e := range ev.Evidence {
		if _, err := w.evidence.ExecContext(w.ctx, rid, i, e.Field, e.Text, e.Start, e.End); err != nil {
			return fmt.Errorf("evidence: %w", err)
		}
	}
	return nil
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
