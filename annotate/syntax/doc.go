// Package syntax tags, lemmatises and parses English sentences: universal
// part-of-speech tags (UPOS, with Penn XPOS), lemmas, and labelled
// Universal Dependencies arcs (nsubj, nsubj:pass, obj, obl:agent, ...).
//
// The tagger is a greedy averaged perceptron (Collins 2002; features after
// Honnibal's tagger); the parser is a greedy arc-eager transition system
// scored by an averaged perceptron over the Zhang & Nivre (2011) feature
// templates and trained with a dynamic oracle (Goldberg & Nivre 2012). The
// model is trained on the UD English Web Treebank (CC BY-SA 4.0) by
// `go generate ./annotate/syntax`, embedded gzip'd and read on first use.
package syntax
