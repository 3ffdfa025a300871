// Command commonwords writes annotate/person/data/common_words.tsv: the
// words that English writes in lower case, counted in the UD English Web
// Treebank. Inside a sentence a capital marks a name, so a word that the
// treebank writes in lower case far more often than with a capital
// inside a sentence is a common word: capitalised, it opens a sentence
// ("Later", "Security") or stands in the name of a thing ("Trust Fund",
// "Mean Time"), not in a person's name. Run by `go generate
// ./annotate/person`.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// counts are the occurrences of one folded word form.
type counts struct {
	lower, upper, noun int
}

// The thresholds: a word is common when it is written in lower case at
// least minLower times and at least ratio times as often as with a
// capital inside a sentence; it is a noun when half its lower-case
// occurrences are tagged NOUN.
const (
	minLower = 4
	ratio    = 2
)

func main() {
	data := flag.String("data", "../../../shared/data/ud-english-ewt", "folder of the treebank's .conllu files")
	out := flag.String("o", "data/common_words.tsv", "output file")
	flag.Parse()
	tsv, n, err := build(*data)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, tsv, 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("commonwords: %d words", n)
}

// build counts the treebank in folder data and returns the TSV file and
// the number of words it keeps.
func build(data string) ([]byte, int, error) {
	files, err := filepath.Glob(filepath.Join(data, "*.conllu"))
	if err != nil || len(files) == 0 {
		return nil, 0, fmt.Errorf("commonwords: no .conllu files in %s", data)
	}
	sort.Strings(files)
	words := map[string]*counts{}
	sentences := 0
	for _, f := range files {
		n, err := read(f, words)
		if err != nil {
			return nil, 0, err
		}
		sentences += n
	}
	var keep []string
	for w, c := range words {
		if c.lower >= minLower && c.lower >= ratio*c.upper {
			keep = append(keep, w)
		}
	}
	sort.Strings(keep)
	var b strings.Builder
	fmt.Fprintf(&b, "# common_words.tsv: words that English writes in lower case (written by `go generate ./annotate/person`,\n")
	fmt.Fprintf(&b, "# internal/commonwords; do not edit by hand). Counted in the UD English Web Treebank (%d sentences of %s);\n", sentences, strings.Join(base(files), ", "))
	fmt.Fprintf(&b, "# a word is kept when written in lower case at least %d times and %d times as often as capitalised inside a sentence.\n", minLower, ratio)
	fmt.Fprintf(&b, "# Source: UD English EWT, CC BY-SA 4.0 (Stanford University; see shared/data/ud-english-ewt/LICENSE.txt).\n")
	fmt.Fprintf(&b, "# Columns: word (folded), noun (yes when half its lower-case occurrences are tagged NOUN), lower, upper (counts).\n")
	b.WriteString("word\tnoun\tlower\tupper\n")
	for _, w := range keep {
		c := words[w]
		noun := "no"
		if 2*c.noun >= c.lower {
			noun = "yes"
		}
		fmt.Fprintf(&b, "%s\t%s\t%d\t%d\n", w, noun, c.lower, c.upper)
	}
	return []byte(b.String()), len(keep), nil
}

func base(files []string) []string {
	var out []string
	for _, f := range files {
		out = append(out, filepath.Base(f))
	}
	return out
}

// read counts the word forms of one CoNLL-U file and returns its
// sentences. The first word of a sentence, and a word after a quotation
// mark or colon, is capitalised whatever it is: it is not counted.
func read(path string, words map[string]*counts) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<20)
	sentences := 0
	opens := true
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			opens = true
			sentences++
			continue
		}
		if line[0] == '#' {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 10 || strings.ContainsAny(cols[0], "-.") {
			continue
		}
		form, upos := cols[1], cols[3]
		first := opens
		opens = upos == "PUNCT" && strings.ContainsAny(form, "\"“”‘’':")
		if first || !word(form) {
			continue
		}
		key := strings.ToLower(form)
		c := words[key]
		if c == nil {
			c = &counts{}
			words[key] = c
		}
		r, _ := utf8.DecodeRuneInString(form)
		switch {
		case unicode.IsLower(r):
			c.lower++
			if upos == "NOUN" {
				c.noun++
			}
		case unicode.IsUpper(r) && !allUpper(form):
			c.upper++
		}
	}
	return sentences, sc.Err()
}

// word reports whether s is a word of letters (with inner hyphens or
// apostrophes) of two letters or more.
func word(s string) bool {
	n := 0
	for i, r := range s {
		switch {
		case unicode.IsLetter(r):
			n++
		case (r == '-' || r == '\'') && i > 0:
		default:
			return false
		}
	}
	return n >= 2
}

func allUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}
