package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// GoldFile is one gold file as read: its documents, in file order.
type GoldFile struct {
	Path string     // the file name as given
	Docs []*GoldDoc // the documents that could be read, in file order
}

// GoldDoc is one gold document: an event document (seed.json), a labelled
// snippet (case2021-dev.jsonl) or a place document (places/*.jsonl).
type GoldDoc struct {
	ID   string
	Line int // line in a .jsonl file, starting at 1; 0 for a .json file
	Text string
	// Published is the reference date the gold gives; the zero Day when
	// it gives none (the pipeline then infers it).
	Published sitrep.Day
	// Label is the class of a labelled snippet ("ARMED_CLASH", "DIPLO");
	// "" for other documents. A labelled snippet is scored per sub-event
	// type as well.
	Label string
	// Unscored documents are skipped by every figure.
	Unscored bool
	// Events must all be found; Optional may be found or not.
	Events   []*GoldEvent
	Optional []*GoldEvent
	// Places is the place gold; HasPlaces tells a place document (which
	// may list no places) from an event document.
	Places    []GoldPlace
	HasPlaces bool
	// Partial documents list only some of their events (an archive's
	// incident): what else is extracted is neither required nor a false
	// positive.
	Partial bool
	// Incident groups the documents that tell one real event ("" when the
	// gold gives none).
	Incident string
	// Entities is the entity gold of an entity document (re3d);
	// HasEntities tells one from other documents.
	Entities    []GoldEntity
	HasEntities bool
}

// GoldEntity is one gold entity span: byte offsets into the text and the
// entity type ("Location", "Person", "Organisation", ...).
type GoldEntity struct {
	Start int
	End   int
	Type  string
	Text  string
}

// Labelled reports whether d is a labelled snippet.
func (d *GoldDoc) Labelled() bool { return d.Label != "" }

// GoldEvent is one gold event. A nil slice means the gold does not give
// that field, and it is not scored; a non-nil slice lists the values that
// are right ("" among them means an empty value is right).
type GoldEvent struct {
	Label         string // the gold's description of the event, for reports
	EventDate     []DateRange
	TimePrecision []int
	EventType     []string
	SubEventType  []string
	Actor1        []string
	Actor2        []string
	AssocActor1   []string
	AssocActor2   []string
	Country       []string
	Admin1        []string
	Admin2        []string
	Admin3        []string
	Location      *GoldLocation
	GeoPrecision  []int
	Fatalities    []int
	Injuries      []int
	ClaimedBy     []string
	Verification  []string
	// People is nil when the gold names no one.
	People []GoldPerson
}

// DateRange is an inclusive range of days, "YYYY-MM-DD"; From == To for a
// single day.
type DateRange struct {
	From string `json:"from"`
	To   string `json:"to"`
}

// GoldLocation is the gold place of an event: right when the extracted
// point lies within WithinKm of (Lat, Lon), or, failing coordinates on
// either side, when the extracted name is one of Names.
type GoldLocation struct {
	Names    []string `json:"names,omitempty"`
	Lat      *float64 `json:"lat,omitempty"`
	Lon      *float64 `json:"lon,omitempty"`
	WithinKm float64  `json:"within_km,omitempty"`
}

// DefaultWithinKm is the radius used when a gold location gives
// coordinates but no within_km: the 161 km (100 miles) of the geoparsing
// literature.
const DefaultWithinKm = 161

// GoldPerson is a named person of a gold event.
type GoldPerson struct {
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases,omitempty"`
	Fate        []string `json:"fate,omitempty"`
	Affiliation []string `json:"affiliation,omitempty"`
	Role        []string `json:"role,omitempty"`
}

// GoldPlace is one gold toponym: a byte span of the text and its point.
type GoldPlace struct {
	Start int     `json:"start"` // byte offset, starting at 0
	End   int     `json:"end"`   // byte offset, exclusive
	Text  string  `json:"text"`
	Lat   float64 `json:"lat"`
	Lon   float64 `json:"lon"`
}

// LoadGold reads a gold file: one JSON document (.json; an array of
// documents is accepted too) or one per line (.jsonl). A text_file is read
// relative to the gold file's directory. Documents that cannot be read are
// left out and reported in the returned error (errors.Join of one error per
// document, each naming file and line); the others are returned. A
// directory is read as entity gold in re3d's layout (see LoadEntityDir).
func LoadGold(path string) (*GoldFile, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return LoadEntityDir(path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	dir := filepath.Dir(path)
	readText := func(name string) ([]byte, error) {
		if !filepath.IsAbs(name) {
			name = filepath.Join(dir, name)
		}
		return os.ReadFile(name)
	}
	return ParseGold(path, data, strings.HasSuffix(strings.ToLower(path), ".jsonl"), readText)
}

// ParseGold parses the gold file data named name; jsonl selects one
// document per line. readText reads a document's text_file; nil refuses
// text_file. Errors are as for LoadGold.
func ParseGold(name string, data []byte, jsonl bool, readText func(string) ([]byte, error)) (*GoldFile, error) {
	gf := &GoldFile{Path: name}
	var errs []error
	add := func(line int, raw []byte) {
		d, err := parseDoc(raw, readText)
		if err != nil {
			if line > 0 {
				errs = append(errs, fmt.Errorf("gold %s:%d: %w", name, line, err))
			} else {
				errs = append(errs, fmt.Errorf("gold %s: %w", name, err))
			}
			return
		}
		d.Line = line
		gf.Docs = append(gf.Docs, d)
	}
	if jsonl {
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 0, 64*1024), len(data)+1)
		line := 0
		for sc.Scan() {
			line++
			raw := bytes.TrimSpace(sc.Bytes())
			if len(raw) == 0 || raw[0] == '#' {
				continue
			}
			add(line, raw)
		}
		if err := sc.Err(); err != nil {
			errs = append(errs, fmt.Errorf("gold %s:%d: %w", name, line+1, err))
		}
	} else {
		raw := bytes.TrimSpace(data)
		if len(raw) > 0 && raw[0] == '[' {
			var list []json.RawMessage
			if err := json.Unmarshal(raw, &list); err != nil {
				return gf, fmt.Errorf("gold %s: %w", name, err)
			}
			for i, r := range list {
				d, err := parseDoc(r, readText)
				if err != nil {
					errs = append(errs, fmt.Errorf("gold %s: document %d: %w", name, i+1, err))
					continue
				}
				gf.Docs = append(gf.Docs, d)
			}
		} else {
			add(0, raw)
		}
	}
	seen := make(map[string]bool, len(gf.Docs))
	for _, d := range gf.Docs {
		if seen[d.ID] {
			errs = append(errs, fmt.Errorf("gold %s: duplicate document id %q", name, d.ID))
		}
		seen[d.ID] = true
	}
	return gf, errors.Join(errs...)
}

// rawDoc is the JSON shape of a gold document.
type rawDoc struct {
	ID             *string           `json:"id"`
	Text           *string           `json:"text"`
	TextFile       string            `json:"text_file"`
	Published      *string           `json:"published"`
	Label          *string           `json:"label"`
	Unscored       bool              `json:"unscored"`
	Partial        bool              `json:"partial"`
	Incident       string            `json:"incident"`
	Events         []json.RawMessage `json:"events"`
	OptionalEvents []json.RawMessage `json:"optional_events"`
	Places         *[]GoldPlace      `json:"places"`
}

func parseDoc(raw []byte, readText func(string) ([]byte, error)) (*GoldDoc, error) {
	var r rawDoc
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	if r.ID == nil || *r.ID == "" {
		return nil, errors.New(`missing "id"`)
	}
	d := &GoldDoc{ID: *r.ID, Unscored: r.Unscored, Partial: r.Partial, Incident: r.Incident}
	switch {
	case r.Text != nil:
		d.Text = *r.Text
	case r.TextFile != "":
		if readText == nil {
			return nil, fmt.Errorf("document %s: text_file not allowed here", d.ID)
		}
		b, err := readText(r.TextFile)
		if err != nil {
			return nil, fmt.Errorf("document %s: text_file: %w", d.ID, err)
		}
		d.Text = string(b)
	default:
		return nil, fmt.Errorf(`document %s: no "text" or "text_file"`, d.ID)
	}
	if !utf8.ValidString(d.Text) {
		return nil, fmt.Errorf("document %s: text is not valid UTF-8", d.ID)
	}
	if r.Published != nil && *r.Published != "" {
		t, err := sitrep.ParseDay(*r.Published)
		if err != nil {
			return nil, fmt.Errorf("document %s: published: want YYYY-MM-DD, got %q", d.ID, *r.Published)
		}
		d.Published = t
	}
	if r.Label != nil {
		d.Label = strings.TrimSpace(*r.Label)
	}
	for i, re := range r.Events {
		e, err := parseEvent(re)
		if err != nil {
			return nil, fmt.Errorf("document %s: event %d: %w", d.ID, i+1, err)
		}
		d.Events = append(d.Events, e)
	}
	for i, re := range r.OptionalEvents {
		e, err := parseEvent(re)
		if err != nil {
			return nil, fmt.Errorf("document %s: optional event %d: %w", d.ID, i+1, err)
		}
		d.Optional = append(d.Optional, e)
	}
	if r.Places != nil {
		d.HasPlaces = true
		d.Places = *r.Places
		for i, p := range d.Places {
			if p.Start < 0 || p.End < p.Start || p.End > len(d.Text) {
				return nil, fmt.Errorf("document %s: place %d: span [%d,%d) outside the text (%d bytes)", d.ID, i+1, p.Start, p.End, len(d.Text))
			}
			if err := checkPoint(p.Lat, p.Lon); err != nil {
				return nil, fmt.Errorf("document %s: place %d: %w", d.ID, i+1, err)
			}
		}
	}
	return d, nil
}

// rawEvent is the JSON shape of a gold event: every field may be a value
// or a list of values.
type rawEvent struct {
	Label         string          `json:"label"`
	EventDate     json.RawMessage `json:"event_date"`
	TimePrecision json.RawMessage `json:"time_precision"`
	EventType     json.RawMessage `json:"event_type"`
	SubEventType  json.RawMessage `json:"sub_event_type"`
	Actor1        json.RawMessage `json:"actor1"`
	Actor2        json.RawMessage `json:"actor2"`
	AssocActor1   json.RawMessage `json:"assoc_actor_1"`
	AssocActor2   json.RawMessage `json:"assoc_actor_2"`
	Country       json.RawMessage `json:"country"`
	Admin1        json.RawMessage `json:"admin1"`
	Admin2        json.RawMessage `json:"admin2"`
	Admin3        json.RawMessage `json:"admin3"`
	Location      json.RawMessage `json:"location"`
	GeoPrecision  json.RawMessage `json:"geo_precision"`
	Fatalities    json.RawMessage `json:"fatalities"`
	Injuries      json.RawMessage `json:"injuries"`
	ClaimedBy     json.RawMessage `json:"claimed_by"`
	Verification  json.RawMessage `json:"verification"`
	People        json.RawMessage `json:"people"`
}

func parseEvent(raw []byte) (*GoldEvent, error) {
	var r rawEvent
	if err := json.Unmarshal(raw, &r); err != nil {
		return nil, err
	}
	e := &GoldEvent{Label: r.Label}
	var err error
	str := func(field string, m json.RawMessage, dst *[]string) {
		if err == nil {
			*dst, err = parseStrings(m)
			if err != nil {
				err = fmt.Errorf("%s: %w", field, err)
			}
		}
	}
	num := func(field string, m json.RawMessage, dst *[]int) {
		if err == nil {
			*dst, err = parseInts(m)
			if err != nil {
				err = fmt.Errorf("%s: %w", field, err)
			}
		}
	}
	str("event_type", r.EventType, &e.EventType)
	str("sub_event_type", r.SubEventType, &e.SubEventType)
	str("actor1", r.Actor1, &e.Actor1)
	str("actor2", r.Actor2, &e.Actor2)
	str("assoc_actor_1", r.AssocActor1, &e.AssocActor1)
	str("assoc_actor_2", r.AssocActor2, &e.AssocActor2)
	str("country", r.Country, &e.Country)
	str("admin1", r.Admin1, &e.Admin1)
	str("admin2", r.Admin2, &e.Admin2)
	str("admin3", r.Admin3, &e.Admin3)
	str("claimed_by", r.ClaimedBy, &e.ClaimedBy)
	str("verification", r.Verification, &e.Verification)
	num("time_precision", r.TimePrecision, &e.TimePrecision)
	num("geo_precision", r.GeoPrecision, &e.GeoPrecision)
	num("fatalities", r.Fatalities, &e.Fatalities)
	num("injuries", r.Injuries, &e.Injuries)
	if err != nil {
		return nil, err
	}
	if len(e.EventType) == 0 {
		return nil, errors.New(`missing "event_type"`)
	}
	if e.EventDate, err = parseDates(r.EventDate); err != nil {
		return nil, fmt.Errorf("event_date: %w", err)
	}
	if e.Location, err = parseLocation(r.Location); err != nil {
		return nil, fmt.Errorf("location: %w", err)
	}
	if e.People, err = parsePeople(r.People); err != nil {
		return nil, fmt.Errorf("people: %w", err)
	}
	return e, nil
}

func isNull(m json.RawMessage) bool {
	m = bytes.TrimSpace(m)
	return len(m) == 0 || string(m) == "null"
}

// parseStrings reads a string or a list of strings; nil when absent, null
// or an empty list.
func parseStrings(m json.RawMessage) ([]string, error) {
	if isNull(m) {
		return nil, nil
	}
	var s string
	if err := json.Unmarshal(m, &s); err == nil {
		return []string{s}, nil
	}
	var list []string
	if err := json.Unmarshal(m, &list); err != nil {
		return nil, errors.New("want a string or a list of strings")
	}
	if len(list) == 0 {
		return nil, nil
	}
	return list, nil
}

// parseInts reads an integer or a list of integers.
func parseInts(m json.RawMessage) ([]int, error) {
	if isNull(m) {
		return nil, nil
	}
	var n int
	if err := json.Unmarshal(m, &n); err == nil {
		return []int{n}, nil
	}
	var list []int
	if err := json.Unmarshal(m, &list); err != nil {
		return nil, errors.New("want an integer or a list of integers")
	}
	if len(list) == 0 {
		return nil, nil
	}
	return list, nil
}

// parseDates reads a day, {from, to}, or a list of those.
func parseDates(m json.RawMessage) ([]DateRange, error) {
	if isNull(m) {
		return nil, nil
	}
	one := func(m json.RawMessage) (DateRange, error) {
		var s string
		if err := json.Unmarshal(m, &s); err == nil {
			if !validDay(s) {
				return DateRange{}, fmt.Errorf("want YYYY-MM-DD, got %q", s)
			}
			return DateRange{From: s, To: s}, nil
		}
		var r DateRange
		if err := json.Unmarshal(m, &r); err != nil {
			return DateRange{}, errors.New(`want "YYYY-MM-DD" or {"from", "to"}`)
		}
		if !validDay(r.From) || !validDay(r.To) {
			return DateRange{}, fmt.Errorf("want YYYY-MM-DD in from and to, got %q and %q", r.From, r.To)
		}
		if r.To < r.From {
			return DateRange{}, fmt.Errorf("from %s is after to %s", r.From, r.To)
		}
		return r, nil
	}
	if t := bytes.TrimSpace(m); len(t) > 0 && t[0] == '[' {
		var list []json.RawMessage
		if err := json.Unmarshal(t, &list); err != nil {
			return nil, err
		}
		var out []DateRange
		for _, x := range list {
			r, err := one(x)
			if err != nil {
				return nil, err
			}
			out = append(out, r)
		}
		return out, nil
	}
	r, err := one(m)
	if err != nil {
		return nil, err
	}
	return []DateRange{r}, nil
}

func validDay(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// parseLocation reads {names, lat, lon, within_km}, a name or a list of
// names.
func parseLocation(m json.RawMessage) (*GoldLocation, error) {
	if isNull(m) {
		return nil, nil
	}
	if names, err := parseStrings(m); err == nil {
		if names == nil {
			return nil, nil
		}
		return &GoldLocation{Names: names}, nil
	}
	var l GoldLocation
	if err := json.Unmarshal(m, &l); err != nil {
		return nil, errors.New("want {names, lat, lon, within_km}, a name or a list of names")
	}
	if (l.Lat == nil) != (l.Lon == nil) {
		return nil, errors.New("lat and lon go together")
	}
	if l.Lat != nil {
		if err := checkPoint(*l.Lat, *l.Lon); err != nil {
			return nil, err
		}
		if l.WithinKm == 0 {
			l.WithinKm = DefaultWithinKm
		}
	}
	if l.WithinKm < 0 || math.IsNaN(l.WithinKm) || math.IsInf(l.WithinKm, 0) {
		return nil, fmt.Errorf("within_km %v", l.WithinKm)
	}
	if l.Lat == nil && len(l.Names) == 0 {
		return nil, errors.New("neither coordinates nor names")
	}
	return &l, nil
}

func checkPoint(lat, lon float64) error {
	if !(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180) {
		return fmt.Errorf("point (%v, %v) out of range", lat, lon)
	}
	return nil
}

// rawPerson is the JSON shape of a gold person.
type rawPerson struct {
	Name        string          `json:"name"`
	Aliases     json.RawMessage `json:"aliases"`
	Fate        json.RawMessage `json:"fate"`
	Affiliation json.RawMessage `json:"affiliation"`
	Role        json.RawMessage `json:"role"`
}

func parsePeople(m json.RawMessage) ([]GoldPerson, error) {
	if isNull(m) {
		return nil, nil
	}
	var raw []rawPerson
	if err := json.Unmarshal(m, &raw); err != nil {
		return nil, errors.New("want a list of {name, aliases, fate, affiliation}")
	}
	if len(raw) == 0 {
		return nil, nil
	}
	out := make([]GoldPerson, 0, len(raw))
	for i, r := range raw {
		if strings.TrimSpace(r.Name) == "" {
			return nil, fmt.Errorf("person %d: no name", i+1)
		}
		p := GoldPerson{Name: r.Name}
		var err error
		if p.Aliases, err = parseStrings(r.Aliases); err != nil {
			return nil, fmt.Errorf("person %d: aliases: %w", i+1, err)
		}
		if p.Fate, err = parseStrings(r.Fate); err != nil {
			return nil, fmt.Errorf("person %d: fate: %w", i+1, err)
		}
		if p.Affiliation, err = parseStrings(r.Affiliation); err != nil {
			return nil, fmt.Errorf("person %d: affiliation: %w", i+1, err)
		}
		if p.Role, err = parseStrings(r.Role); err != nil {
			return nil, fmt.Errorf("person %d: role: %w", i+1, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// Documents returns the documents of the scored gold documents of f, in
// file order (see GoldDoc.Document).
func (f *GoldFile) Documents() []*sitrep.Document {
	docs := make([]*sitrep.Document, 0, len(f.Docs))
	for _, d := range f.Docs {
		if !d.Unscored {
			docs = append(docs, d.Document())
		}
	}
	return docs
}
