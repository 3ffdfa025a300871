package claim_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// benchText is a short report written for the benchmarks.
const benchText = `KABUL — Taliban security forces killed three ISIS militants in a night raid in Nangarhar province, the Taliban's intelligence directorate said on Monday.

Provincial police spokesman Mawlawi Abdul Basir said the fighters, including Qari Hamid, known as ‘Hamza’, a senior IS-affiliated commander, had planned attacks on mosques in Jalalabad. Independent sources have not confirmed the deaths.

According to local residents, gunmen on motorbikes later opened fire on a checkpoint near the Pakistani border, wounding two soldiers. No group claimed responsibility for the attack, and the Islamic State Khorasan Province did not comment.`

func BenchmarkFind(b *testing.B) {
	f, err := claim.New()
	if err != nil {
		b.Fatal(err)
	}
	sents, toks := segment.Split(benchText, sitrep.Span{})
	var dst []claim.Cue
	b.ReportAllocs()
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		dst = dst[:0]
		for _, s := range sents {
			dst = f.AppendFind(dst, benchText, toks, s.First, s.Last)
		}
	}
	if len(dst) == 0 {
		b.Fatal("no cues found")
	}
}
