package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/annotate/syntax"
)

func init() { commands = append(commands, newParseCmd) }

func newParseCmd(a *app) *cobra.Command {
	var (
		rf        ingestFlags
		tokenized bool
	)
	cmd := &cobra.Command{
		Use:   "parse [--tokenized] INPUT...",
		Short: "Tag and parse articles into CoNLL-U (UPOS, lemmas, dependency arcs)",
		Long: `Split each INPUT (read like extract reads it) into sentences and tokens with
sitrep's own splitter, and write every sentence in CoNLL-U: lemma, UPOS, Penn
XPOS, head and Universal Dependencies relation per word, "# text" per
sentence, and TokenRange=START:END (character offsets into the article text)
in MISC.

With --tokenized, each INPUT is a CoNLL-U file (or "-" for stdin) whose
sentences, words and multiword tokens are kept; lemma, tags, heads and
relations are filled in, FEATS and DEPS cleared, so the output can be scored
against a treebank with the CoNLL 2018 scorer.

The model is trained on the UD English Web Treebank (CC BY-SA 4.0).`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := syntax.Default()
			if err != nil {
				return err
			}
			w := bufio.NewWriterSize(a.stdout, 1<<16)
			defer w.Flush()
			if tokenized {
				return parseTokenized(a, p, w, args)
			}
			opts, err := rf.options(a, len(args))
			if err != nil {
				return err
			}
			return eachDocument(cmd, a, args, opts, func(doc *sitrep.Document) error {
				return writeParsed(w, p, doc)
			})
		},
	}
	cmd.Flags().BoolVar(&tokenized, "tokenized", false, "inputs are CoNLL-U files: keep their tokens and sentences")
	rf.register(cmd, true)
	return cmd
}

// writeParsed writes the sentences of doc's body in CoNLL-U.
func writeParsed(w io.Writer, p *syntax.Parser, doc *sitrep.Document) error {
	sents, toks := segment.Split(doc.Text, doc.BodySpan())
	chars := syntax.NewCharCounter(doc.Text)
	var words []syntax.TokenWord
	for i, s := range sents {
		words = p.ParseTokens(words[:0], doc.Text, toks[s.First:s.Last])
		var comments []string
		if i == 0 {
			comments = append(comments, "newdoc id = "+oneLine(doc.ID))
		}
		comments = append(comments,
			fmt.Sprintf("sent_id = %s-%d", oneLine(doc.ID), i+1),
			"text = "+oneLine(s.Text(doc.Text)))
		if err := syntax.WriteCoNLLU(w, syntax.CoNLLU(doc.Text, words, chars, comments...)); err != nil {
			return err
		}
	}
	return nil
}

// oneLine joins the lines of s with spaces, as a CoNLL-U comment needs.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// parseTokenized fills in the analysis of every sentence of CoNLL-U inputs.
func parseTokenized(a *app, p *syntax.Parser, w io.Writer, inputs []string) error {
	failed := 0
	for _, in := range inputs {
		var r io.Reader
		if in == "-" {
			r = a.stdin
		} else {
			f, err := os.Open(in)
			if err != nil {
				fmt.Fprintf(a.stderr, "sitrep: %v\n", err)
				failed++
				continue
			}
			defer f.Close()
			r = f
		}
		err := syntax.ReadCoNLLU(r, func(s *syntax.Sentence) error {
			p.Annotate(s)
			for i := range s.Words {
				s.Words[i].Feats, s.Words[i].Deps = "", ""
			}
			return syntax.WriteCoNLLU(w, s)
		})
		if err != nil {
			fmt.Fprintf(a.stderr, "sitrep: %s: %v\n", in, err)
			failed++
		}
	}
	if failed > 0 {
		return exitCode(1)
	}
	return nil
}
