package place

import (
	"embed"
	"fmt"

	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/lexicon"
)

//go:embed data/words.tsv
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
)

var classNames = map[string]wordClass{
	"stop": wStop, "title": wTitle, "adm1": wAdm1, "adm2": wAdm2, "city": wCity, "sub": wSub,
	"dir": wDir, "near": wNear, "cue": wCue, "conn": wConn, "org": wOrg, "person": wPerson, "feat": wFeat,
}

// loadWords reads data/words.tsv into a map from gazetteer.Normalize(word)
// to its classes.
func loadWords() (map[string]wordClass, error) {
	m := map[string]wordClass{}
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
		return nil, fmt.Errorf("place: %w", err)
	}
	return m, nil
}
