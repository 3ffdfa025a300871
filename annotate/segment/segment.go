// Package segment splits article text into sentences and tokens, keeping
// every offset as a UTF-8 byte offset into the input text.
//
// It is stage 1 of the pipeline: later stages (numbers, dates, actors,
// places, triggers) read the tokens and sentences it returns. Split makes
// at most three allocations: the two result slices and one buffer for the
// folded forms of the tokens that are not already lower case.
//
// Sentences end at '.', '!', '?' and ellipses (with any closing quotes or
// brackets that follow), except after abbreviations from the embedded data
// file lexicon/data/abbreviations.tsv. News layout counts too: a blank line
// always ends a sentence, a bulleted or numbered line starts one, and a
// line with no terminal punctuation (a headline) ends at its newline unless
// the text is hard-wrapped and the line runs on.
package segment

import (
	"github.com/sitrep-dev/sitrep"
)

// Kind classifies a token.
type Kind uint8

// Token kinds.
const (
	Word   Kind = iota + 1 // letters, with internal hyphens and apostrophes: "Mazar-e-Sharif", "don't", "U.S."
	Number                 // digits, with separators and ordinal suffixes: "1,200", "3.5", "9/11", "10th"
	Punct                  // any other rune that is not space; an ellipsis "..." is one token
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case Word:
		return "word"
	case Number:
		return "number"
	case Punct:
		return "punct"
	}
	return "invalid"
}

// Token is a word, number or punctuation mark; Start/End are UTF-8 byte offsets into text, End exclusive.
//
// A Word token that is an abbreviation or initial includes its final
// period ("Gen.", "U.S.", "J."); a possessive "'s" or "’s" is a Word token
// of its own. A digit-led token with letters other than an ordinal suffix
// ("5km", "1990s") is a Word.
type Token struct {
	Start, End int
	Kind       Kind
	Upper      bool // first rune is an upper-case letter
	// Fold is the token's matching key, Fold(text[Start:End]): lower
	// case, apostrophes and hyphens plain. Split computes it once per
	// document so that the stages never fold a token again.
	Fold string
}

// Text returns text[t.Start:t.End].
func (t Token) Text(text string) string { return text[t.Start:t.End] }

// Key returns the token's matching key: t.Fold, or Fold(t.Text(text))
// for a token whose Fold is unset (one not made by Split).
func (t Token) Key(text string) string {
	if t.Fold != "" || t.Start >= t.End {
		return t.Fold
	}
	return Fold(text[t.Start:t.End])
}

// Span returns the token's byte range.
func (t Token) Span() sitrep.Span { return sitrep.Span{Start: t.Start, End: t.End} }

// Sentence is a sentence or headline/bullet line: byte span plus its tokens as toks[First:Last].
//
// Start is the Start of toks[First] and End the End of toks[Last-1], so a
// sentence never begins or ends with space. A bulleted line's sentence
// begins with the bullet's Punct token.
type Sentence struct {
	Start, End  int
	First, Last int
}

// Span returns the sentence's byte range.
func (s Sentence) Span() sitrep.Span { return sitrep.Span{Start: s.Start, End: s.End} }

// Text returns text[s.Start:s.End].
func (s Sentence) Text(text string) string { return text[s.Start:s.End] }

// Split splits text[body.Start:body.End] into sentences and tokens. Offsets index text.
//
// The zero Span means the whole of text. A body that runs past text is
// clipped, and a body edge inside a multi-byte rune moves out of it, so
// no span cuts a rune. Split uses the embedded abbreviation list; see
// Splitter for another one.
func Split(text string, body sitrep.Span) ([]Sentence, []Token) {
	sp, err := Default()
	if err != nil {
		// The embedded file is checked by the tests; fall back to no
		// abbreviations rather than fail.
		sp = &Splitter{}
	}
	return sp.Split(text, body)
}

// ClauseBreak reports whether punctuation that ends a clause (a comma,
// semicolon, colon, dash or bracket) stands in toks[from:to].
func ClauseBreak(text string, toks []Token, from, to int) bool {
	for i := from; i < to; i++ {
		if toks[i].Kind == Punct {
			switch text[toks[i].Start:toks[i].End] {
			case ",", ";", ":", "—", "(", ")":
				return true
			}
		}
	}
	return false
}
