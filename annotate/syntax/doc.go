// Package syntax tags, lemmatises and parses English sentences: universal
// part-of-speech tags (UPOS, with Penn XPOS), lemmas, and labelled
// Universal Dependencies arcs (nsubj, nsubj:pass, obj, obl:agent, ...).
//
// The tagger is a greedy averaged perceptron (Collins 2002; features after
// Honnibal's tagger); the parser is a greedy arc-eager transition system
// over the Zhang & Nivre (2011) feature templates, trained with a dynamic
// oracle (Goldberg & Nivre 2012): one averaged perceptron scores the four
// transitions, another the label of the arc a transition makes. The model
// is trained on the UD English Web Treebank (CC BY-SA 4.0) by
// `go generate ./annotate/syntax`, embedded and read on first use.
//
// Speed comes from the layout of the weights: every feature is a 64-bit
// hash of integer atoms (no strings are built per token), looked up once
// in an open-addressing table whose 16-byte slot holds the key and the
// feature's weights for all four transitions, or up to three label weights
// inline; rare features are cut at training time. The model file holds the
// tables as they lie in memory, so loading it is a copy. Parsing scores
// less than every feature of every state, with the same result: the
// features of the buffer's front are scored once for all the states that
// share it, those of the top of the stack once for as long as it stays
// there without a new child, and where no left arc is allowed the
// weights of the left-arc classes are skipped (TestScoringShortcuts).
package syntax
