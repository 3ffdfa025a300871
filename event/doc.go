// Package event writes ACLED-style events from an annotated document: it
// finds the sentences that report an event, types them by ACLED's codebook,
// assigns who did what to whom, where, when and how many, merges the
// sentences that report one event (ACLED: same actors, place and day), and
// records who claims it and whether anyone confirmed it.
//
// It reads one *annotate.Doc, the layers the annotation stages made, and
// keeps no mention type of its own. In order:
//
//   - Context (context_rules.go) is the last annotation stage: a named
//     table of rules that take a trigger out of the event it seems to name
//     (a disaster, diplomacy, the past perfect, another year, a generic
//     plural), each with its codebook clause and a sentence of our own.
//   - sentenceDraft (build.go) types each sentence with triggers
//     (classify.go), assigns roles (roles.go: from the dependency arcs
//     when the syntax stage parsed the sentence, arcroles.go, else by
//     position), counts victims (counts.go), and picks its date and place
//     (where.go).
//   - merge (merge.go) joins the drafts of one event; applyDoubts extends a
//     doubt to the events of the sentence before.
//   - finish (finish.go) resolves actors for the country and day, claims
//     and verification, people, counts and notes.
//
// The words the rules read are data: trigger words and pairs
// (lexicon/data/triggers.tsv, trigger_pairs.tsv, classes in
// trigger_classes.tsv), count nouns (count_nouns.tsv), and the function
// words of the grammar (function_words.tsv, words.go): determiners,
// auxiliaries, locative and object prepositions, passive markers. A new
// word goes into a data file; a new kind of context goes into
// contextRules with its test sentence.
//
// Every lookup of a mention goes through the Doc's per-sentence index, and
// what is resolved once per document (its country, the claimants of its
// cues, the date in force at each sentence) is kept in docState: Build is
// linear in the length of the text.
package event
