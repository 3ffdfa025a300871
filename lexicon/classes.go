package lexicon

import (
	"fmt"
	"strings"
)

// StageWordsFile is the file of the word classes the annotation stages
// read: the English words a stage's rules test, kept as data instead of
// literals in Go. Columns: stage, class, words (space-separated, lower
// case), fact (the linguistic fact the class stands for).
const StageWordsFile = "data/stage_words.tsv"

// WordClasses reads the classes of stage from StageWordsFile and returns a
// map from each word to the bits, given by names, of the classes it
// belongs to. Every class of the stage must be in names, every name must
// be listed for the stage, and every class must state its fact.
func WordClasses[C ~uint8 | ~uint16 | ~uint32 | ~uint64](stage string, names map[string]C) (map[string]C, error) {
	ws := map[string]C{}
	seen := map[string]bool{}
	err := ReadTSV(FS(), StageWordsFile, func(r Row) error {
		if r.Get("stage") != stage {
			return nil
		}
		class := r.Get("class")
		c, ok := names[class]
		if !ok {
			return r.Errorf("unknown %s word class %q", stage, class)
		}
		if r.Get("fact") == "" {
			return r.Errorf("class %q states no fact", class)
		}
		words := strings.Fields(r.Get("words"))
		if len(words) == 0 {
			return r.Errorf("class %q lists no words", class)
		}
		seen[class] = true
		for _, w := range words {
			ws[w] |= c
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	for name := range names {
		if !seen[name] {
			return nil, fmt.Errorf("lexicon: %s lists no %s word class %q", StageWordsFile, stage, name)
		}
	}
	return ws, nil
}
