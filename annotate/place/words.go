package place

import (
	"embed"
	"fmt"
	"strings"

	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/lexicon"
)

//go:embed data/words.tsv data/common.tsv data/agencies.tsv data/given_names.tsv
var dataFS embed.FS

// wordClass is a bit set of the classes of words.tsv.
type wordClass uint16

const (
	wStop wordClass = 1 << iota
	wTitle
	wAdm1
	wAdm2
	wCity
	wSub
	wDir
	wNear
	wCue
	wConn
	wOrg
	wPerson
	wFeat
	wStreet // "block": "the 300 block of X" names a street X
	wCommon // data/common.tsv: a common English word
	wAgency // data/agencies.tsv: may be a news agency (a sound-alike of one)
)

var classNames = map[string]wordClass{
	"stop": wStop, "title": wTitle, "adm1": wAdm1, "adm2": wAdm2, "city": wCity, "sub": wSub,
	"dir": wDir, "near": wNear, "cue": wCue, "conn": wConn, "org": wOrg, "person": wPerson, "feat": wFeat,
	"street": wStreet,
}

// fwClass is a bit set of the place classes of lexicon/data/stage_words.tsv:
// the English words the recognition rules test.
type fwClass uint32

const (
	fwAgencyHead fwClass = 1 << iota
	fwNewsHead
	fwOutletNoun
	fwReportBy
	fwOf
	fwConjunction
	fwCiteBefore
	fwAccordingHead
	fwAccordingTo
	fwBy
	fwAliasWord
	fwCapital
	fwArabicArticle
	fwValley
	fwVerbal
	fwStreetPlural
	fwCrossing
	fwMeridiem
	fwMilitaryHead
	fwFacility
	fwAirPrefix
	fwOutOfHead
)

var fwClassNames = map[string]fwClass{
	"agency_head": fwAgencyHead, "news_head": fwNewsHead, "outlet_noun": fwOutletNoun,
	"report_by": fwReportBy, "of": fwOf, "conjunction": fwConjunction,
	"cite_before": fwCiteBefore, "according_head": fwAccordingHead, "according_to": fwAccordingTo,
	"by": fwBy, "alias_word": fwAliasWord, "capital": fwCapital,
	"arabic_article": fwArabicArticle, "valley": fwValley, "verbal": fwVerbal, "street_plural": fwStreetPlural, "crossing": fwCrossing, "meridiem": fwMeridiem,
	"military_head": fwMilitaryHead, "facility": fwFacility, "air_prefix": fwAirPrefix, "out_of_head": fwOutOfHead,
}

// isFold reports whether w, in any case, is a word of class c (as
// strings.EqualFold with the class's lower-case word).
func (r *Resolver) isFold(w string, c fwClass) bool {
	lw := strings.ToLower(w)
	return r.fw[lw]&c != 0 && strings.EqualFold(w, lw)
}

// loadWords reads data/words.tsv and data/common.tsv into a map from
// gazetteer.Normalize(word) to its classes, and data/agencies.tsv into a
// map from gazetteer.Fold(name) to whether the name alone is the agency.
func loadWords() (map[string]wordClass, map[string]bool, error) {
	m := map[string]wordClass{}
	agencies := map[string]bool{}
	err := lexicon.ReadTSV(dataFS, "data/words.tsv", func(r lexicon.Row) error {
		c, ok := classNames[r.Get("class")]
		if !ok {
			return r.Errorf("unknown class %q", r.Get("class"))
		}
		k := gazetteer.Normalize(r.Get("word"))
		if k == "" {
			return r.Errorf("empty word")
		}
		m[k] |= c
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("place: %w", err)
	}
	err = lexicon.ReadTSV(dataFS, "data/common.tsv", func(r lexicon.Row) error {
		k := gazetteer.Normalize(r.Get("word"))
		if k == "" {
			return r.Errorf("empty word")
		}
		m[k] |= wCommon
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("place: %w", err)
	}
	err = lexicon.ReadTSV(dataFS, "data/agencies.tsv", func(r lexicon.Row) error {
		k := gazetteer.Normalize(r.Get("name"))
		if k == "" {
			return r.Errorf("empty name")
		}
		switch r.Get("always") {
		case "yes":
			agencies[gazetteer.Fold(r.Get("name"))] = true
		case "no":
			agencies[gazetteer.Fold(r.Get("name"))] = false
		default:
			return r.Errorf("always must be yes or no, not %q", r.Get("always"))
		}
		m[k] |= wAgency // a quick filter; the spelling is checked in agencies
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("place: %w", err)
	}
	return m, agencies, nil
}

// loadGivenNames reads data/given_names.tsv into a set of keys as
// gazetteer.AppendKey makes them.
func loadGivenNames() (map[string]bool, error) {
	m := map[string]bool{}
	err := lexicon.ReadTSV(dataFS, "data/given_names.tsv", func(r lexicon.Row) error {
		k := string(gazetteer.AppendKey(nil, r.Get("name")))
		if k == "" {
			return r.Errorf("empty name")
		}
		m[k] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("place: %w", err)
	}
	return m, nil
}
