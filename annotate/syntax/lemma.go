package syntax

import (
	"unicode/utf8"
)

// The lemmatiser looks a word up by (lower-case form, UPOS) in the table
// read from the treebank, and otherwise rewrites its ending by the most
// frequent rule seen for words of that UPOS with the same ending
// ("-ies" -> "-y" for NOUN). Proper nouns keep their form.

// lemmaRule rewrites a word: cut bytes off the end, then add.
type lemmaRule struct {
	cut int
	add string
}

type lemmatiser struct {
	table map[uint64]string // lemmaKey(lower form, upos) -> lemma
	rules map[uint64]lemmaRule
}

func lemmaKey(lower []byte, upos int) uint64 { return f1(uint64(upos)+7, hashBytes(lower)) }

func ruleKey(suffix []byte, upos int) uint64 { return f2(9, uint64(upos), hashBytes(suffix)) }

// ruleOf returns the rule that turns form into lemma.
func ruleOf(form, lemma string) lemmaRule {
	p := 0
	for p < len(form) && p < len(lemma) && form[p] == lemma[p] {
		p++
	}
	return lemmaRule{cut: len(form) - p, add: lemma[p:]}
}

// maxRuleSuffix is the longest word ending (in runes) a rule is keyed by.
const maxRuleSuffix = 4

// lemma returns the lemma of form with UPOS upos (its number uposN).
// buf is scratch space; the result may share memory with form but never
// with buf.
func (lm *lemmatiser) lemma(form, upos string, uposN int, buf []byte) (string, []byte) {
	if upos == "PROPN" || upos == "PUNCT" && len(form) > 0 {
		return form, buf
	}
	lower := appendLower(buf[:0], form)
	if l, ok := lm.table[lemmaKey(lower, uposN)]; ok {
		return l, lower
	}
	for k := maxRuleSuffix; k >= 1; k-- {
		st := suffixStart(lower, k)
		if k > 1 && st == 0 {
			continue
		}
		r, ok := lm.rules[ruleKey(lower[st:], uposN)]
		if !ok {
			continue
		}
		if r.cut == 0 && r.add == "" {
			break
		}
		if r.cut >= len(lower) || !utf8.Valid(lower[:len(lower)-r.cut]) {
			break
		}
		return string(lower[:len(lower)-r.cut]) + r.add, lower
	}
	if string(lower) == form {
		return form, lower
	}
	return string(lower), lower
}
