package segment

import (
	"fmt"
	"io/fs"
	"sync"

	"github.com/sitrep-dev/sitrep/lexicon"
)

// AbbreviationsFile is the data file a Splitter reads.
const AbbreviationsFile = "abbreviations.tsv"

// abbrKind says when an abbreviation's period may end a sentence.
type abbrKind uint8

const (
	abbrNone    abbrKind = iota
	abbrTitle            // "Gen.", "Dr.", initials: never
	abbrPrefix           // "Jan.", "No.": when an upper-case word follows
	abbrAcronym          // "U.S.", "etc.": when a sentence starter follows
	abbrInner            // "e.g.", "vs.": never
)

var abbrKinds = map[string]abbrKind{
	"title":   abbrTitle,
	"prefix":  abbrPrefix,
	"acronym": abbrAcronym,
	"inner":   abbrInner,
}

// Splitter splits text into sentences and tokens with a given abbreviation
// list. It is safe for concurrent use. The zero Splitter knows no
// abbreviations.
type Splitter struct {
	abbr     map[string]abbrKind // "Gen." -> abbrTitle; case-sensitive, with the period
	starters map[string]struct{} // "The", "He": words that begin sentences
}

// New reads AbbreviationsFile from the data directory fsys (columns entry and kind) and
// returns a Splitter that uses it. Errors name the file and line.
func New(fsys fs.FS) (*Splitter, error) {
	sp := &Splitter{abbr: map[string]abbrKind{}, starters: map[string]struct{}{}}
	err := lexicon.ReadTSV(fsys, AbbreviationsFile, func(r lexicon.Row) error {
		entry, kind := r.Get("entry"), r.Get("kind")
		if entry == "" {
			return r.Errorf("empty entry")
		}
		if kind == "starter" {
			sp.starters[entry] = struct{}{}
			return nil
		}
		k, ok := abbrKinds[kind]
		if !ok {
			return r.Errorf("unknown kind %q", kind)
		}
		if entry[len(entry)-1] != '.' {
			return r.Errorf("abbreviation %q does not end in a period", entry)
		}
		if _, dup := sp.abbr[entry]; dup {
			return r.Errorf("duplicate abbreviation %q", entry)
		}
		sp.abbr[entry] = k
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("segment: %w", err)
	}
	return sp, nil
}

// Default returns the Splitter built from the embedded data files.
var Default = sync.OnceValues(func() (*Splitter, error) { return New(dataFS()) })

// dataFS returns the directory of embedded data files, whether
// lexicon.FS holds them at its root or under "data/".
func dataFS() fs.FS {
	fsys := lexicon.FS()
	if _, err := fs.Stat(fsys, "data/"+AbbreviationsFile); err == nil {
		if sub, err := fs.Sub(fsys, "data"); err == nil {
			return sub
		}
	}
	return fsys
}
