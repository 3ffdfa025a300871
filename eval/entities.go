package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// Entity gold in re3d's layout (dstl/re3d): a directory whose source
// folders each hold documents.json ({_id, text, ...}, one per line, as
// mongoexport writes them) and entities.json ({documentId, begin, end,
// type, value}, one per line). begin and end count characters (code
// points) of the text; LoadEntityDir turns them into byte offsets.
//
// Scoring. The pipeline's mentions stand for gold entity types:
// place mentions for Location, person mentions for Person, actor
// mentions for Organisation, and place mentions of demonyms (labelled
// "adjective") for Nationality (entityKinds). For each type, a gold span is
// found exactly when a mention of its kind has the same byte span, and
// found by overlap when one overlaps it; a mention is right exactly when
// it has the span of a gold entity of its type, and right by overlap when
// it overlaps one. Precision, recall and F1 follow from those counts.
//
// re3d also marks common nouns and pronouns as entities ("the city",
// "there", "the camp"); a recogniser of names cannot find them. The
// "named" figures keep the gold spans that hold a proper name: a word
// that starts with a capital letter and is not a determiner or pronoun
// ("The", "This", "It"). Mentions are scored against every gold span of
// their type either way, so the named figures only change recall.

// entityKinds maps the scored gold entity types to the mention kinds that
// stand for them. A place mention labelled "adjective" (a demonym:
// "Syrian", "Iraqi") names a nationality, not a location.
var entityKinds = []struct {
	Type, Kind string
	adjective  bool // for place mentions: the demonyms, or the others
}{
	{"Location", sitrep.KindPlace, false},
	{"Person", sitrep.KindPerson, false},
	{"Organisation", sitrep.KindActor, false},
	{"Nationality", sitrep.KindPlace, true},
}

// standsFor reports whether m is a mention of entityKinds row k.
func standsFor(k int, m sitrep.Mention) bool {
	ek := entityKinds[k]
	if m.Kind != ek.Kind {
		return false
	}
	return m.Kind != sitrep.KindPlace || (m.Label == "adjective") == ek.adjective
}

// LoadEntityDir reads entity gold in re3d's layout from dir: every
// sub-folder (or dir itself) that holds documents.json and entities.json.
// Documents come sorted by source folder, then id. Spans that do not fit
// their text are left out and reported in the returned error.
func LoadEntityDir(dir string) (*GoldFile, error) {
	var folders []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if _, err := os.Stat(filepath.Join(p, "entities.json")); err == nil {
				folders = append(folders, p)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("gold: %w", err)
	}
	if len(folders) == 0 {
		return nil, fmt.Errorf("gold %s: a directory must hold documents.json and entities.json (re3d's layout)", dir)
	}
	sort.Strings(folders)
	gf := &GoldFile{Path: dir}
	var errs []error
	for _, f := range folders {
		docs, err := readEntityFolder(f)
		gf.Docs = append(gf.Docs, docs...)
		if err != nil {
			errs = append(errs, err)
		}
	}
	return gf, errors.Join(errs...)
}

type re3dDoc struct {
	ID   string `json:"_id"`
	Text string `json:"text"`
}

type re3dEntity struct {
	DocumentID string `json:"documentId"`
	Begin      int    `json:"begin"`
	End        int    `json:"end"`
	Type       string `json:"type"`
	Value      string `json:"value"`
}

// readJSONLines decodes every non-blank line of path with fn.
func readJSONLines(path string, fn func(line int, raw []byte) error) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("gold: %w", err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), len(data)+1)
	var errs []error
	line := 0
	for sc.Scan() {
		line++
		raw := bytes.TrimSpace(sc.Bytes())
		if len(raw) == 0 {
			continue
		}
		if err := fn(line, raw); err != nil {
			errs = append(errs, fmt.Errorf("gold %s:%d: %w", path, line, err))
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("gold %s: %w", path, err))
	}
	return errors.Join(errs...)
}

func readEntityFolder(dir string) ([]*GoldDoc, error) {
	byID := map[string]*GoldDoc{}
	var offsets = map[string][]int{} // rune index -> byte offset, per document
	var docs []*GoldDoc
	var errs []error
	if err := readJSONLines(filepath.Join(dir, "documents.json"), func(line int, raw []byte) error {
		var r re3dDoc
		if err := json.Unmarshal(raw, &r); err != nil {
			return err
		}
		if r.ID == "" {
			return errors.New(`missing "_id"`)
		}
		if !utf8.ValidString(r.Text) {
			return fmt.Errorf("document %s: text is not valid UTF-8", r.ID)
		}
		if byID[r.ID] != nil {
			return fmt.Errorf("duplicate document id %q", r.ID)
		}
		d := &GoldDoc{ID: r.ID, Line: line, Text: r.Text, HasEntities: true}
		byID[r.ID] = d
		docs = append(docs, d)
		offs := make([]int, 0, len(r.Text)+1)
		for i := range r.Text {
			offs = append(offs, i)
		}
		offsets[r.ID] = append(offs, len(r.Text))
		return nil
	}); err != nil {
		errs = append(errs, err)
	}
	if err := readJSONLines(filepath.Join(dir, "entities.json"), func(line int, raw []byte) error {
		var r re3dEntity
		if err := json.Unmarshal(raw, &r); err != nil {
			return err
		}
		d := byID[r.DocumentID]
		if d == nil {
			return fmt.Errorf("entity of unknown document %q", r.DocumentID)
		}
		offs := offsets[r.DocumentID]
		if r.Begin < 0 || r.End < r.Begin || r.End >= len(offs) {
			return fmt.Errorf("document %s: span [%d,%d) outside the text (%d characters)", d.ID, r.Begin, r.End, len(offs)-1)
		}
		s, e := offs[r.Begin], offs[r.End]
		d.Entities = append(d.Entities, GoldEntity{Start: s, End: e, Type: r.Type, Text: d.Text[s:e]})
		return nil
	}); err != nil {
		errs = append(errs, err)
	}
	for _, d := range docs {
		sort.SliceStable(d.Entities, func(i, j int) bool { return d.Entities[i].Start < d.Entities[j].Start })
	}
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs, errors.Join(errs...)
}

// named reports whether a gold entity text holds a proper name: a word
// starting with a capital letter other than a determiner or pronoun.
func named(text string) bool {
	for _, w := range strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' && r != '.' }) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			continue
		}
		switch strings.ToLower(strings.Trim(w, ".'")) {
		case "the", "a", "an", "this", "that", "these", "those", "it", "its", "they", "their", "he", "she", "his", "her", "we", "our":
			continue
		}
		return true
	}
	return false
}

// EntityScores are the entity-recognition figures of one gold type.
type EntityScores struct {
	Type string `json:"type"` // gold entity type: Location, Person, Organisation
	Kind string `json:"kind"` // the mention kind scored for it
	Gold int    `json:"gold"`
	// Named counts the gold spans that hold a proper name.
	Named    int `json:"named"`
	Mentions int `json:"mentions"`
	// Exact and Overlap are over every gold span of the type; NamedExact
	// and NamedOverlap over the named ones (the same precision, the
	// recall of names).
	Exact        PRF `json:"exact"`
	Overlap      PRF `json:"overlap"`
	NamedExact   PRF `json:"named_exact"`
	NamedOverlap PRF `json:"named_overlap"`
}

// entityOutcome counts one document's entities of one type.
type entityOutcome struct {
	gold, named, mentions        int
	goldExact, goldOverlap       int // gold spans found
	namedExact, namedOverlap     int // named gold spans found
	mentionExact, mentionOverlap int // mentions right
	missed                       []GoldEntity
	spurious                     []sitrep.Mention
}

// scoreEntities scores the mentions ms against d's entity gold, one
// outcome per entityKinds row.
func scoreEntities(d *GoldDoc, ms []sitrep.Mention) []entityOutcome {
	out := make([]entityOutcome, len(entityKinds))
	for k, ek := range entityKinds {
		o := &out[k]
		var gold []GoldEntity
		for _, g := range d.Entities {
			if g.Type == ek.Type {
				gold = append(gold, g)
			}
		}
		var got []sitrep.Mention
		for _, m := range ms {
			if standsFor(k, m) {
				got = append(got, m)
			}
		}
		o.gold, o.mentions = len(gold), len(got)
		for _, g := range gold {
			gs := sitrep.Span{Start: g.Start, End: g.End}
			exact, over := false, false
			for _, m := range got {
				if m.Start == g.Start && m.End == g.End {
					exact = true
				}
				if gs.Overlaps(m.Span()) {
					over = true
				}
			}
			isNamed := named(g.Text)
			if isNamed {
				o.named++
			}
			if exact {
				o.goldExact++
				if isNamed {
					o.namedExact++
				}
			}
			if over {
				o.goldOverlap++
				if isNamed {
					o.namedOverlap++
				}
			} else if isNamed {
				o.missed = append(o.missed, g)
			}
		}
		for _, m := range got {
			exact, over := false, false
			for _, g := range gold {
				if m.Start == g.Start && m.End == g.End {
					exact = true
				}
				if (sitrep.Span{Start: g.Start, End: g.End}).Overlaps(m.Span()) {
					over = true
				}
			}
			if exact {
				o.mentionExact++
			}
			if over {
				o.mentionOverlap++
			} else {
				o.spurious = append(o.spurious, m)
			}
		}
	}
	return out
}

// prfOf is precision from mentions right of mentions and recall from gold
// found of gold.
func prfOf(mentionsRight, mentions, goldFound, gold int) PRF {
	p := PRF{TP: goldFound, FP: mentions - mentionsRight, FN: gold - goldFound}
	if mentions > 0 {
		p.Precision = float64(mentionsRight) / float64(mentions)
	}
	if gold > 0 {
		p.Recall = float64(goldFound) / float64(gold)
	}
	if p.Precision+p.Recall > 0 {
		p.F1 = 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
	}
	return p
}

// entityFigures sums entity outcomes (one slice per document).
func entityFigures(outs [][]entityOutcome) []EntityScores {
	var res []EntityScores
	for k, ek := range entityKinds {
		var t entityOutcome
		for _, o := range outs {
			x := o[k]
			t.gold += x.gold
			t.named += x.named
			t.mentions += x.mentions
			t.goldExact += x.goldExact
			t.goldOverlap += x.goldOverlap
			t.namedExact += x.namedExact
			t.namedOverlap += x.namedOverlap
			t.mentionExact += x.mentionExact
			t.mentionOverlap += x.mentionOverlap
		}
		res = append(res, EntityScores{
			Type: ek.Type, Kind: ek.Kind, Gold: t.gold, Named: t.named, Mentions: t.mentions,
			Exact:        prfOf(t.mentionExact, t.mentions, t.goldExact, t.gold),
			Overlap:      prfOf(t.mentionOverlap, t.mentions, t.goldOverlap, t.gold),
			NamedExact:   prfOf(t.mentionExact, t.mentions, t.namedExact, t.named),
			NamedOverlap: prfOf(t.mentionOverlap, t.mentions, t.namedOverlap, t.named),
		})
	}
	return res
}
