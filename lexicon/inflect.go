package lexicon

import (
	"fmt"
	"strings"
	"sync"
)

// IrregularVerbsFile lists the English verbs whose past forms are not made
// with -ed.
const IrregularVerbsFile = "data/irregular_verbs.tsv"

var irregular = sync.OnceValues(func() (map[string][]string, error) {
	m := map[string][]string{}
	err := ReadTSV(FS(), IrregularVerbsFile, func(r Row) error {
		base := strings.ToLower(r.Get("base"))
		past, part := r.List("past"), r.List("participle")
		if base == "" || len(past) == 0 || len(part) == 0 {
			return r.Errorf("a verb needs its base, past and participle")
		}
		if _, dup := m[base]; dup {
			return r.Errorf("%q is listed twice", base)
		}
		m[base] = append(past, part...)
		return nil
	})
	return m, err
})

// Inflections returns the forms of the English word lemma as a verb and
// as a countable noun: the base, -s (third person, plural), the past tense
// and participle (irregular ones from IrregularVerbsFile) and -ing, by the
// spelling rules of English: "seize" seized seizing; "bury" buries
// buried; "push" pushes. Where the final consonant doubles only under
// stress ("kidnapped" but "targeted"), both spellings are given: the one
// that is no word never occurs in text. The base comes first; no form is
// listed twice.
func Inflections(lemma string) ([]string, error) {
	irr, err := irregular()
	if err != nil {
		return nil, err
	}
	w := strings.ToLower(lemma)
	if w == "" || strings.ContainsAny(w, " \t") {
		return nil, fmt.Errorf("lexicon: inflections of %q: want one word", lemma)
	}
	forms := []string{w, thirdPerson(w)}
	if p, ok := irr[w]; ok {
		forms = append(forms, p...)
	} else {
		forms = append(forms, regularPast(w)...)
	}
	forms = append(forms, presentParticiple(w)...)
	out := forms[:0]
	seen := map[string]bool{}
	for _, f := range forms {
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	return out, nil
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// consonantY reports a word ending in a consonant and y ("bury", not "destroy").
func consonantY(w string) bool {
	n := len(w)
	return n >= 2 && w[n-1] == 'y' && !isVowel(w[n-2])
}

// doubles reports whether w ends in one vowel and one consonant that
// doubles before -ed and -ing when stressed ("stab" stabbed, "kidnap").
func doubles(w string) bool {
	n := len(w)
	if n < 3 {
		return false
	}
	c := w[n-1]
	return !isVowel(c) && strings.IndexByte("wxy", c) < 0 && isVowel(w[n-2]) && !isVowel(w[n-3])
}

func thirdPerson(w string) string {
	switch {
	case consonantY(w):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "z"),
		strings.HasSuffix(w, "ch"), strings.HasSuffix(w, "sh"):
		return w + "es"
	}
	return w + "s"
}

func regularPast(w string) []string {
	switch {
	case strings.HasSuffix(w, "e"):
		return []string{w + "d"}
	case consonantY(w):
		return []string{w[:len(w)-1] + "ied"}
	case doubles(w):
		return []string{w + w[len(w)-1:] + "ed", w + "ed"}
	}
	return []string{w + "ed"}
}

func presentParticiple(w string) []string {
	switch {
	case strings.HasSuffix(w, "ie"):
		return []string{w[:len(w)-2] + "ying"}
	case strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "ee") && !strings.HasSuffix(w, "ye") && !strings.HasSuffix(w, "oe") && len(w) > 2:
		return []string{w[:len(w)-1] + "ing"}
	case doubles(w):
		return []string{w + w[len(w)-1:] + "ing", w + "ing"}
	}
	return []string{w + "ing"}
}

// ExpandLemmas returns the phrases a phrase with lemmas in braces stands
// for: "{take} over" is "take over", "takes over", "took over", "taken
// over", "taking over". A phrase without braces is returned as it is.
func ExpandLemmas(phrase string) ([]string, error) {
	out := []string{""}
	for _, f := range strings.Fields(phrase) {
		var alts []string
		if strings.HasPrefix(f, "{") && strings.HasSuffix(f, "}") && len(f) > 2 {
			var err error
			if alts, err = Inflections(f[1 : len(f)-1]); err != nil {
				return nil, err
			}
		} else if strings.ContainsAny(f, "{}") {
			return nil, fmt.Errorf("lexicon: %q: a lemma is one word in braces", phrase)
		} else {
			alts = []string{f}
		}
		next := make([]string, 0, len(out)*len(alts))
		for _, p := range out {
			for _, a := range alts {
				if p != "" {
					a = p + " " + a
				}
				next = append(next, a)
			}
		}
		out = next
	}
	return out, nil
}
