// Package scope decides whether an event is one ACLED codes. ACLED's
// codebook (2023, "Scope") covers political violence, demonstrations and
// strategic developments; it leaves out ordinary crime, accidents and
// violence within the home unless a political motive or an organised
// armed actor is reported. sitrep writes ACLED's scope by default; the
// wide scope (All) also writes every violent incident of any motive, as
// gun-violence and crime trackers need, each marked with the reason it is
// outside ACLED's scope (sitrep.Event.OutsideScope).
//
// The rules, in order (Judge):
//  1. Demonstrations (Protests, Riots), explosions and remote violence,
//     and strategic developments other than arrests are in scope: ACLED
//     codes them whoever is involved.
//  2. An organised armed actor on either side (state forces, rebels,
//     political or identity militias, external forces: ACLED inter codes
//     1-4 and 8, but not an "Unidentified Armed Group", which a lone
//     gunman also is) puts the event in scope.
//  3. A political cue anywhere in the report (data/cues.tsv: "militants",
//     "protest", "sectarian", "hate crime") puts it in scope.
//  4. Otherwise a report that reads as an accident, as violence in the
//     home, or as a criminal case (the vocabulary of data/cues.tsv) is
//     outside the scope: ACLED does not code ordinary crime, accidents or
//     domestic violence. Arrests in such a report are a criminal case's.
//  5. Anything else stays in scope: an honest event with no motive stated
//     is ACLED's to code where armed groups attack civilians.
package scope

import (
	"embed"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// Scope is what the output covers.
type Scope string

const (
	// ACLED writes what ACLED codes: political violence, demonstrations,
	// strategic developments. The default.
	ACLED Scope = "acled"
	// All also writes every violent incident of any motive, marked as
	// outside ACLED's scope.
	All Scope = "all"
)

// Parse reads a scope name: "acled" (or "" or "default") or "all".
func Parse(s string) (Scope, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "acled", "default":
		return ACLED, nil
	case "all":
		return All, nil
	}
	return "", fmt.Errorf("scope %q: want acled or all", s)
}

// Kinds of cues, as data/cues.tsv names them.
const (
	kindCrime kind = iota
	kindAccident
	kindDomestic
	kindPolitical
	nKinds
)

// kind is the kind of a cue: what the violence a text tells is.
type kind int

var kindNames = map[string]kind{"crime": kindCrime, "accident": kindAccident, "domestic": kindDomestic, "political": kindPolitical}

//go:embed data/cues.tsv
var dataFS embed.FS

type cue struct {
	words  []string // lower case
	prefix bool     // the last word may go on
	kind   kind
	order  int // line order in cues.tsv
}

// index holds the cues by their first word, so a text's words are
// looked up, not compared with every cue; a one-word cue that may go on
// ("kidnap*") is compared by prefix.
type index struct {
	byFirst  map[string][]*cue
	prefixes []*cue
	longest  int // words of the longest cue
}

var (
	loadOnce sync.Once
	cues     index
	loadErr  error
)

func load() (*index, error) {
	loadOnce.Do(func() {
		cues.byFirst = map[string][]*cue{}
		n := 0
		loadErr = lexicon.ReadTSV(dataFS, "data/cues.tsv", func(r lexicon.Row) error {
			k, ok := kindNames[r.Get("kind")]
			if !ok {
				return r.Errorf("unknown kind %q", r.Get("kind"))
			}
			c := &cue{kind: k, order: n}
			n++
			w := strings.ToLower(strings.TrimSpace(r.Get("cue")))
			if strings.HasSuffix(w, "*") {
				c.prefix, w = true, strings.TrimSuffix(w, "*")
			}
			c.words = splitWords(w)
			if len(c.words) == 0 {
				return r.Errorf("empty cue")
			}
			cues.longest = max(cues.longest, len(c.words))
			if c.prefix && len(c.words) == 1 {
				cues.prefixes = append(cues.prefixes, c)
			} else {
				cues.byFirst[c.words[0]] = append(cues.byFirst[c.words[0]], c)
			}
			return nil
		})
		if loadErr != nil {
			loadErr = fmt.Errorf("scope: %w", loadErr)
		}
	})
	return &cues, loadErr
}

// splitWords splits lower-cased s into words of letters, digits and
// inner hyphens or apostrophes.
func splitWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\''
	})
}

// Report is what a document's text says about the kind of violence it
// reports: the first cue of each kind.
type Report struct {
	Crime, Accident, Domestic, Political string
}

// get returns the cue found of kind k.
func (r *Report) get(k kind) string { return *r.field(k) }

// set keeps s as the cue found of kind k.
func (r *Report) set(k kind, s string) { *r.field(k) = s }

func (r *Report) field(k kind) *string {
	switch k {
	case kindCrime:
		return &r.Crime
	case kindAccident:
		return &r.Accident
	case kindDomestic:
		return &r.Domestic
	}
	return &r.Political
}

// Read finds the cues of text.
func Read(text string) (Report, error) {
	ix, err := load()
	if err != nil {
		return Report{}, err
	}
	return ix.read(text, readPiece), nil
}

// read finds the cues of text, lower-casing and splitting about piece
// bytes of it at a time.
func (ix *index) read(text string, piece int) Report {
	// The text is read a piece at a time, each cut after an ASCII space
	// or line break (a word boundary), with the words of the longest cue
	// read ahead: a long document's words are never all held at once.
	var (
		rep   Report
		words []string
		rest  = text
	)
	for i := 0; ; i++ {
		for len(words)-i < ix.longest && rest != "" {
			var p string
			p, rest = nextPiece(rest, piece)
			fresh := splitWords(strings.ToLower(p))
			if i >= len(words) {
				words = fresh
			} else {
				words = append(append(words[:0], words[i:]...), fresh...)
			}
			i = 0
		}
		if i >= len(words) {
			break
		}
		w := words[i]
		// At one word, the first cue of the file wins for each kind, as
		// a scan of every cue in file order would find it.
		var best [nKinds]*cue
		for _, list := range [2][]*cue{ix.byFirst[w], ix.prefixes} {
			for _, c := range list {
				if rep.get(c.kind) != "" || !match(words, i, c) {
					continue
				}
				if b := best[c.kind]; b == nil || c.order < b.order {
					best[c.kind] = c
				}
			}
		}
		for k, c := range best {
			if c != nil {
				rep.set(kind(k), strings.Join(words[i:i+len(c.words)], " "))
			}
		}
		if rep.Crime != "" && rep.Accident != "" && rep.Domestic != "" && rep.Political != "" {
			break
		}
	}
	return rep
}

// readPiece is about how many bytes of text Read lower-cases at once.
const readPiece = 64 << 10

// nextPiece returns text's first piece of about n bytes, ended after an
// ASCII space or line break (or the whole of text when it has none after
// n), and the rest.
func nextPiece(text string, n int) (piece, rest string) {
	if len(text) <= n {
		return text, ""
	}
	i := strings.IndexAny(text[n:], " \t\n\r")
	if i < 0 {
		return text, ""
	}
	return text[:n+i+1], text[n+i+1:]
}

func match(words []string, i int, c *cue) bool {
	if i+len(c.words) > len(words) {
		return false
	}
	for k, w := range c.words {
		got := words[i+k]
		if k == len(c.words)-1 && c.prefix {
			if !strings.HasPrefix(got, w) {
				return false
			}
			continue
		}
		if got != w {
			return false
		}
	}
	return true
}

// organised reports whether an ACLED inter code is an organised armed
// actor: state forces, rebels, political and identity militias, external
// forces.
func organised(inter int) bool { return inter >= 1 && inter <= 4 || inter == 8 }

// organisedActor reports whether an event's actor is an organised armed
// one: state forces, a named group, a militia. ACLED's "Unidentified Armed
// Group" stands for whoever fired, a lone gunman included: by itself it
// says nothing of organisation or motive.
func organisedActor(name string, inter int) bool {
	return organised(inter) && !strings.HasPrefix(name, "Unidentified")
}

// interProtesters is ACLED's inter code of protesters.
const interProtesters = 6

// Judge returns "" when ACLED codes e, else why not ("ordinary crime:
// \"robbery\"").
func Judge(rep Report, e *sitrep.Event) string {
	switch e.EventType {
	case sitrep.Protests, sitrep.Riots, sitrep.ExplosionsRemote:
		return ""
	case sitrep.StrategicDevelopments:
		if e.SubEventType != "Arrests" {
			return ""
		}
		// The police arrest whoever they arrest: an arrest is political
		// by whom it takes (armed groups, protesters) or by its motive.
		if organised(e.Inter2) || e.Inter2 == interProtesters || rep.Political != "" {
			return ""
		}
		if rep.Crime != "" || rep.Accident != "" || rep.Domestic != "" {
			return "the arrest of a suspect in a criminal case: ACLED codes arrests of political actors and protesters"
		}
		return ""
	}
	if organisedActor(e.Actor1, e.Inter1) || organisedActor(e.Actor2, e.Inter2) {
		return ""
	}
	if rep.Political != "" {
		return ""
	}
	switch {
	case rep.Accident != "":
		return fmt.Sprintf("an accident (%q): ACLED does not code accidents", rep.Accident)
	case rep.Domestic != "":
		return fmt.Sprintf("violence in the home (%q): ACLED does not code domestic violence", rep.Domestic)
	case rep.Crime != "":
		return fmt.Sprintf("ordinary crime (%q), no organised armed actor or political motive: ACLED does not code it", rep.Crime)
	}
	return ""
}
