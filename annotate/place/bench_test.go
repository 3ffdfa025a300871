package place_test

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// benchText is an article in the style of the reports sitrep reads,
// written for this benchmark.
const benchText = `Taliban Say They Killed Two Militants in Nangarhar

The Taliban's intelligence directorate said on Tuesday that its forces had killed two members of the Islamic State group in a raid in Jalalabad, the capital of eastern Nangarhar province, and arrested three others in the city's 4th district.

According to the statement, the raid on a hideout near the Torkham road followed an attack on a checkpoint in Behsud district of Nangarhar last week. Independent sources have not confirmed the deaths.

Meanwhile, in Kabul, security forces seized weapons in PD 8 of Kabul city. In the north, police in Mazar-i-Sharif, the capital of Balkh province, said a roadside bomb wounded two civilians in Dehdadi district.

Pakistani officials in Peshawar said the Torkham crossing would reopen on Thursday. The United Nations said fighting in Afghanistan had displaced thousands since January, many of them to Herat and Kandahar.`

func BenchmarkAnnotate(b *testing.B) {
	r := resolver(b)
	sents, toks := segment.Split(benchText, sitrep.Span{})
	b.SetBytes(int64(len(benchText)))
	b.ReportAllocs()
	for b.Loop() {
		r.Annotate(benchText, sents, toks)
	}
}

// BenchmarkAnnotateGold runs Annotate over the TR-News texts (skipped when
// ../shared is absent) and reports articles per second.
func BenchmarkAnnotateGold(b *testing.B) {
	fh, err := os.Open(filepath.Join("..", "..", "..", "shared", "gold", "places", "trnews.jsonl"))
	if err != nil {
		b.Skip("no gold")
	}
	gold, err := place.ReadGold(fh)
	fh.Close()
	if err != nil {
		b.Fatal(err)
	}
	type doc struct {
		text  string
		sents []segment.Sentence
		toks  []segment.Token
	}
	docs := make([]doc, len(gold))
	n := 0
	for i, d := range gold {
		s, t := segment.Split(d.Text, sitrep.Span{})
		docs[i] = doc{d.Text, s, t}
		n += len(d.Text)
	}
	r := resolver(b)
	b.SetBytes(int64(n))
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			r.Annotate(d.text, d.sents, d.toks)
		}
	}
	b.ReportMetric(float64(len(docs)*b.N)/b.Elapsed().Seconds(), "articles/s")
}

func FuzzAnnotate(f *testing.F) {
	f.Add(benchText)
	f.Add("in the 5th, 8th and 10th districts of Balkh province")
	f.Add("Sakhi Abad village of Shiberghan, the capital of Afghanistan's northern Jawzjan province")
	f.Add("PD 12 of Kabul city, near Mazar-e-Sharif")
	f.Add("\xff\xfeKabul-based, US-led, LONDON, Ky. — ")
	f.Add("Abay village, Chahar Bolak district, Balkh province; Kabul city PD 9; Lashkar Gah, the provincial capital of Helmand")
	f.Add("Tarin Kowt district, Khost wa Firing district of Baghlan province, District 6")
	r := place.New(nil)
	f.Fuzz(func(t *testing.T, text string) {
		sents, toks := segment.Split(text, sitrep.Span{})
		ms := r.Annotate(text, sents, toks)
		last := -1
		for _, m := range ms {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("bad span %d-%d in %d bytes", m.Start, m.End, len(text))
			}
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("Text %q != text[%d:%d]", m.Text, m.Start, m.End)
			}
			if utf8.ValidString(text) && (!utf8.RuneStart(text[m.Start]) || m.End < len(text) && !utf8.RuneStart(text[m.End])) {
				t.Fatalf("span %d-%d splits a rune", m.Start, m.End)
			}
			if m.Start < last {
				t.Fatalf("mentions not sorted")
			}
			last = m.Start
			if m.Precision < 1 || m.Precision > 3 || m.Confidence < 0 || m.Confidence > 1 {
				t.Fatalf("bad precision or confidence: %+v", m)
			}
		}
	})
}
