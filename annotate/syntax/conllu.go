package syntax

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A Word is one syntactic word of a CoNLL-U sentence: the ten columns
// (https://universaldependencies.org/format.html) with ID implied by its
// index (ID = index + 1), Head 0 for the root and -1 when not given, and
// "" for an empty ("_") field other than FORM and LEMMA.
type Word struct {
	Form, Lemma, UPOS, XPOS, Feats string
	Head                           int // 0 for the root, else the 1-based ID of the head word
	Deprel, Deps, Misc             string
}

// A Multiword is a CoNLL-U multiword token ("3-4 don't"): words First..Last
// (1-based, inclusive) are written as Form in the text.
type Multiword struct {
	First, Last int
	Form, Misc  string
}

// A Treebank sentence: its comment lines (without "# "), its words, and its
// multiword tokens. Empty nodes ("3.1") are not kept.
type Sentence struct {
	Comments   []string
	Words      []Word
	Multiwords []Multiword
}

// Comment returns the value of the comment "key = value", or "".
func (s *Sentence) Comment(key string) string {
	for _, c := range s.Comments {
		k, v, ok := strings.Cut(c, "=")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// Forms returns the word forms.
func (s *Sentence) Forms() []string {
	f := make([]string, len(s.Words))
	for i, w := range s.Words {
		f[i] = w.Form
	}
	return f
}

// ReadCoNLLU reads CoNLL-U sentences from r and calls fn for each. Multiword
// token lines are kept aside (Sentence.Multiwords) and empty nodes are
// skipped. Errors name the line.
func ReadCoNLLU(r io.Reader, fn func(*Sentence) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	var cur Sentence
	n := 0
	flush := func() error {
		if len(cur.Words) == 0 && len(cur.Comments) == 0 {
			return nil
		}
		if len(cur.Words) == 0 {
			cur = Sentence{}
			return nil
		}
		s := cur
		cur = Sentence{}
		return fn(&s)
	}
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		switch {
		case strings.TrimSpace(line) == "":
			if err := flush(); err != nil {
				return err
			}
			continue
		case strings.HasPrefix(line, "#"):
			cur.Comments = append(cur.Comments, strings.TrimSpace(strings.TrimPrefix(line, "#")))
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 {
			return fmt.Errorf("conllu line %d: %d columns, want 10", n, len(cols))
		}
		id := cols[0]
		if strings.Contains(id, ".") {
			continue // empty node
		}
		if a, b, ok := strings.Cut(id, "-"); ok {
			first, err1 := strconv.Atoi(a)
			last, err2 := strconv.Atoi(b)
			if err1 != nil || err2 != nil || first < 1 || last < first {
				return fmt.Errorf("conllu line %d: bad range %q", n, id)
			}
			cur.Multiwords = append(cur.Multiwords, Multiword{First: first, Last: last, Form: cols[1], Misc: blank(cols[9])})
			continue
		}
		i, err := strconv.Atoi(id)
		if err != nil || i != len(cur.Words)+1 {
			return fmt.Errorf("conllu line %d: word id %q, want %d", n, id, len(cur.Words)+1)
		}
		head := -1
		if cols[6] != "_" {
			h, err := strconv.Atoi(cols[6])
			if err != nil || h < 0 {
				return fmt.Errorf("conllu line %d: bad head %q", n, cols[6])
			}
			head = h
		}
		cur.Words = append(cur.Words, Word{
			Form: cols[1], Lemma: cols[2], UPOS: blank(cols[3]), XPOS: blank(cols[4]), Feats: blank(cols[5]),
			Head: head, Deprel: blank(cols[7]), Deps: blank(cols[8]), Misc: blank(cols[9]),
		})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("conllu line %d: %w", n+1, err)
	}
	if err := flush(); err != nil {
		return err
	}
	return nil
}

// blank returns "" for the "_" of an empty CoNLL-U field. (FORM and LEMMA
// are read as they are: "_" can be a word.)
func blank(f string) string {
	if f == "_" {
		return ""
	}
	return f
}

// ReadCoNLLUAll reads every sentence of r, checking that heads are in range.
func ReadCoNLLUAll(r io.Reader) ([]*Sentence, error) {
	var out []*Sentence
	err := ReadCoNLLU(r, func(s *Sentence) error {
		for i, w := range s.Words {
			if w.Head > len(s.Words) {
				return fmt.Errorf("conllu: sentence %d word %d: head %d out of range", len(out)+1, i+1, w.Head)
			}
		}
		out = append(out, s)
		return nil
	})
	return out, err
}

// WriteCoNLLU writes s in CoNLL-U, ending with the blank line. Empty fields
// are written as "_"; a Head below 0 is written as "_".
func WriteCoNLLU(w io.Writer, s *Sentence) error {
	b := make([]byte, 0, 256+64*len(s.Words))
	for _, c := range s.Comments {
		b = append(b, "# "...)
		b = append(b, c...)
		b = append(b, '\n')
	}
	mw := 0
	for i, wd := range s.Words {
		id := i + 1
		for mw < len(s.Multiwords) && s.Multiwords[mw].First < id {
			mw++
		}
		if mw < len(s.Multiwords) && s.Multiwords[mw].First == id {
			m := s.Multiwords[mw]
			b = strconv.AppendInt(b, int64(m.First), 10)
			b = append(b, '-')
			b = strconv.AppendInt(b, int64(m.Last), 10)
			b = append(b, '\t')
			b = appendField(b, m.Form)
			b = append(b, "\t_\t_\t_\t_\t_\t_\t_\t"...)
			b = appendField(b, m.Misc)
			b = append(b, '\n')
		}
		b = strconv.AppendInt(b, int64(id), 10)
		for _, f := range []string{wd.Form, wd.Lemma, wd.UPOS, wd.XPOS, wd.Feats} {
			b = append(b, '\t')
			b = appendField(b, f)
		}
		b = append(b, '\t')
		if wd.Head < 0 {
			b = append(b, '_')
		} else {
			b = strconv.AppendInt(b, int64(wd.Head), 10)
		}
		for _, f := range []string{wd.Deprel, wd.Deps, wd.Misc} {
			b = append(b, '\t')
			b = appendField(b, f)
		}
		b = append(b, '\n')
	}
	b = append(b, '\n')
	_, err := w.Write(b)
	return err
}

// appendField appends a CoNLL-U field: "_" when empty; tabs and newlines,
// which the format cannot hold, become spaces.
func appendField(b []byte, f string) []byte {
	if f == "" {
		return append(b, '_')
	}
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c == '\t' || c == '\n' || c == '\r' {
			c = ' '
		}
		b = append(b, c)
	}
	return b
}
