package event

import (
	"fmt"
	"strings"
	"sync"

	"github.com/sitrep-dev/sitrep/annotate/segment"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// wordClass is a class of function words of lexicon/data/function_words.tsv:
// the grammar the rules read, kept as data.
type wordClass uint64

// The classes of function_words.tsv, each a bit.
const (
	determiner wordClass = 1 << iota
	indefinite
	anaphoricDet
	possessivePlural
	pastPerfectAux
	relative
	genericGovernor
	genericBlocker
	locativePrep
	locativeSkip
	objectPrep
	objectSkip
	framePrep
	passiveAux
	passiveSkip
	agentBy
	activeBefore
	reducedPassiveNext
	auxiliary
	speakerPronoun
	conjunction
	toException
	gathered
	article
	betweenPrep
	lowerBoundHead
	lowerBoundTail
	fateParticiple
	runningTotal
	ageUnit
	reflexive
	partitive
	dual
	singularPerson
	personalPronoun
	objectPronoun
	fatalAdverb
	transitionWord
	collective
	possessiveSingular
	followUp
	followUpPrep
	custodial
	heldNoun
	selfPronoun
	unaccusative
	targetPrep
	supportVerb
	tollUpdateWord
	tollNoun
	perfectAux
	iterative
	comparison
	periodUnit
	settlementNoun
	occasionPrep
	crowdNoun
	toObject
	sceneNoun
	nameLink
	bearerPrep
	woundNoun
	degree
	negation
)

var wordClassNames = map[string]wordClass{
	"determiner": determiner, "indefinite": indefinite, "anaphoric": anaphoricDet,
	"possessive_plural": possessivePlural, "past_perfect": pastPerfectAux, "relative": relative,
	"generic_governor": genericGovernor, "generic_blocker": genericBlocker,
	"locative": locativePrep, "locative_skip": locativeSkip, "object_prep": objectPrep,
	"object_skip": objectSkip, "frame_prep": framePrep, "passive_aux": passiveAux,
	"passive_skip": passiveSkip, "agent_by": agentBy, "active_before": activeBefore,
	"reduced_passive_next": reducedPassiveNext, "auxiliary": auxiliary,
	"speaker_pronoun": speakerPronoun, "conjunction": conjunction,
	"to_exception": toException, "gathered": gathered, "article": article,
	"between": betweenPrep, "lower_bound_head": lowerBoundHead, "lower_bound_tail": lowerBoundTail, "fate_participle": fateParticiple,
	"running_total": runningTotal, "age_unit": ageUnit, "reflexive": reflexive,
	"partitive": partitive, "dual": dual, "singular_person": singularPerson,
	"personal_pronoun": personalPronoun, "object_pronoun": objectPronoun,
	"fatal_adverb": fatalAdverb, "transition": transitionWord, "collective": collective, "possessive": possessiveSingular, "follow_up": followUp, "follow_up_prep": followUpPrep, "toll_update": tollUpdateWord, "toll_noun": tollNoun, "perfect_aux": perfectAux, "iterative": iterative, "comparison": comparison, "period_unit": periodUnit, "settlement": settlementNoun, "occasion": occasionPrep, "crowd": crowdNoun, "to_object": toObject, "scene": sceneNoun, "name_link": nameLink, "bearer_prep": bearerPrep, "wound_noun": woundNoun, "degree": degree, "negation": negation,
	"custodial": custodial, "held": heldNoun, "self_pronoun": selfPronoun, "unaccusative": unaccusative,
	"target_prep": targetPrep, "support_verb": supportVerb,
}

// fw are the function words, loaded once by New from the embedded data
// (read-only after).
var (
	fw     words
	fwErr  error
	fwOnce sync.Once
)

// words maps a folded word to the classes it belongs to.
type words map[string]wordClass

// is reports whether w belongs to class c.
func (ws words) is(w string, c wordClass) bool { return ws[w]&c != 0 }

// tok reports whether token k of toks belongs to class c.
func (ws words) tok(text string, toks []segment.Token, k int, c wordClass) bool {
	return ws[toks[k].Key(text)]&c != 0
}

func loadWords() (words, error) {
	ws := words{}
	seen := map[wordClass]bool{}
	err := lexicon.ReadTSV(lexicon.FS(), "data/function_words.tsv", func(r lexicon.Row) error {
		c, ok := wordClassNames[r.Get("class")]
		if !ok {
			return r.Errorf("unknown word class %q", r.Get("class"))
		}
		if r.Get("fact") == "" {
			return r.Errorf("class %q states no fact", r.Get("class"))
		}
		seen[c] = true
		for _, w := range strings.Fields(r.Get("words")) {
			ws[w] |= c
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(seen) != len(wordClassNames) {
		return nil, fmt.Errorf("event: function_words.tsv lists %d of %d word classes", len(seen), len(wordClassNames))
	}
	return ws, nil
}
