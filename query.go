package sitrep

import (
	"strings"
	"unicode"
)

// QueryTerm is one term of a free-text query: a word, or a phrase of words
// that must follow one another. Words are lower case.
type QueryTerm struct {
	Words []string
	// Prefix is true when the last word is a prefix ("sal*" matches
	// "salaries").
	Prefix bool
}

// ParseQuery reads the free-text query of EventFilter.Query. Its meaning
// is the same in every Store:
//
//   - A word is a run of letters, digits and combining marks; every other
//     character separates words. Case and diacritics do not matter.
//   - "quoted words" form a phrase: its words must appear one after the
//     other. An unterminated quote runs to the end of the query.
//   - A word (or a phrase's last word) ending in * matches any word it
//     begins: sal* matches salaries.
//   - Every term must match, in the article text or in the event notes
//     (AND); there is no OR, NOT or grouping: other characters are
//     separators.
//
// A query with no words is an error wrapping ErrInvalid.
func ParseQuery(q string) ([]QueryTerm, error) {
	var terms []QueryTerm
	for i, part := range strings.Split(q, `"`) {
		if i%2 == 1 { // inside quotes
			if t := queryTerm(part); len(t.Words) > 0 {
				terms = append(terms, t)
			}
			continue
		}
		for f := range strings.FieldsSeq(part) {
			// Outside quotes every word is its own term; "a-b*" is the
			// words a and b*.
			words := QueryWords(f)
			for j, w := range words {
				t := QueryTerm{Words: []string{w}}
				if j == len(words)-1 {
					t.Prefix = strings.HasSuffix(f, "*")
				}
				terms = append(terms, t)
			}
		}
	}
	if len(terms) == 0 {
		return nil, invalidf("full-text query %q has no words", q)
	}
	return terms, nil
}

func queryTerm(s string) QueryTerm {
	return QueryTerm{Words: QueryWords(s), Prefix: strings.HasSuffix(strings.TrimSpace(s), "*")}
}

// QueryWords splits s into lower-case words as ParseQuery does: runs of
// letters, digits and marks.
func QueryWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.M, r)
	})
}
