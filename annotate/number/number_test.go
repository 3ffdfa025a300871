package number_test

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/number"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// render shows numbers as "text=value" with flags: ~ vague, # ordinal, + at least.
func render(text string, ns []number.Number) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		s := fmt.Sprintf("%s=%d", text[n.Start:n.End], n.Value)
		if n.Vague {
			s += "~"
		}
		if n.Ordinal {
			s += "#"
		}
		if n.AtLeast {
			s += "+"
		}
		if n.High > 0 {
			s += fmt.Sprintf("..%d", n.High)
		}
		out[i] = s
	}
	return out
}

func find(text string) []number.Number {
	_, toks := segment.Split(text, sitrep.Span{})
	return number.Find(text, toks)
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"Digits", "Gunmen killed 12 people and 1,200 fled.", []string{"12=12", "1,200=1200"}},
		{"Words", "three soldiers, twenty-five police, twenty five guards and Nineteen others", []string{
			"three=3", "twenty-five=25", "twenty five=25", "Nineteen=19"}},
		{"Compounds", "one hundred and twenty-five men, a hundred women, two thousand three hundred homes, a thousand",
			[]string{"one hundred and twenty-five=125", "a hundred=100", "two thousand three hundred=2300", "a thousand=1000"}},
		{"Dozen", "a dozen fighters, half a dozen guards, two dozen cars", []string{"a dozen=12", "half a dozen=6", "two dozen=24"}},
		{"Scales", "3 million people, 1.5 million refugees, 2 billion", []string{"3 million=3000000", "1.5 million=1500000", "2 billion=2000000000"}},
		{"ArticleAloneIsNoNumber", "a soldier was killed and an officer hurt", []string{}},
		{"Vague", "several were killed, dozens wounded, scores fled, hundreds of thousands displaced, a few arrested, many more",
			[]string{"several=10~", "dozens=12~", "scores=20~", "hundreds of thousands=100000~", "a few=3~", "many=10~"}},
		{"VagueTens", "tens of thousands marched; tens of fighters; Thousands gathered", []string{
			"tens of thousands=10000~", "tens=10~", "Thousands=1000~"}},
		{"Ranges", "10 to 15 killed, 10-15 hurt, between 20 and 30 held, 12 or 10 missing, one or two, 7–9",
			[]string{"10 to 15=10..15", "10-15=10..15", "between 20 and 30=20..30", "12 or 10=10..12", "one or two=1..2", "7–9=7..9"}},
		{"Bounds", "at least 12 dead, more than 30 hurt, over 100 fled, 40 or more arrested, no fewer than five",
			[]string{"at least 12=12+", "more than 30=30+", "over 100=100+", "40 or more=40+", "no fewer than five=5+"}},
		{"ScaledRanges", "three to four hundred, 10-15 thousand, 5 to 1 million", []string{
			"three to four hundred=300..400", "10-15 thousand=10000..15000", "5 to 1 million=5..1000000"}},
		{"VagueScales", "several hundred people, a few dozen, many thousands", []string{
			"several hundred=100~", "a few dozen=12~", "many thousands=1000~"}},
		{"OverIsAPreposition", "over the bridge", []string{}},
		{"Ordinals", "the 5th, 8th and 10th districts; his second in command; the twenty-first victim; the 22nd",
			[]string{"5th=5#", "8th=8#", "10th=10#", "second=2#", "twenty-first=21#", "22nd=22#"}},
		{"Years", "since 2021, in 1999 and 2001-2003; but 2000 soldiers and 1950 Afghan troops", []string{
			"2000=2000", "1950=1950"}},
		{"NotYears", "killed 2200 in 1850", []string{"2200=2200", "1850=1850"}},
		{"Dates", "On March 26, 2023, and 18 March, the 5th of May and 26-28 April, 9/11", []string{}},
		{"DayNeedsCapitalMonth", "they may 5 times", []string{"5=5"}},
		{"Times", "at 10:30 and 9 p.m., 5 am, 12 o'clock", []string{}},
		{"Ratios", "3.5 times the toll, 40 percent, 20%, 5 per cent", []string{}},
		{"Labels", "Post No. 4, Route 66, PD 12 of Kabul, $5 million", []string{}},
		{"CompoundAdjective", "a 12-year-old boy, a 10-member team, 3 - 4 guards", []string{"3 - 4=3..4"}},
		{"LeadingZero", "code 007 and 03", []string{}},
		{"Pronoun", "no one was hurt, one another, any one; one soldier died", []string{"one=1"}},
		{"ListNumbers", "Steps:\n1. The first step\n2) Second", []string{"first=1#", "Second=2#"}},
		{"Multibyte", "Über 12 Menschen — drei? “Five” killed; forty‑two", []string{"12=12", "Five=5", "forty‑two=42"}},
		{"Huge", "99999999999999999999 people", []string{}},
		{"Empty", "", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := render(tc.text, find(tc.text))
			if !slices.Equal(got, tc.want) {
				t.Errorf("Find(%q)\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestFind_Offsets(t *testing.T) {
	text := "“Zwölf” – at least 12 killed"
	got := find(text)
	want := []number.Number{{Span: sitrep.Span{Start: 17, End: 28}, Value: 12, AtLeast: true}}
	if !slices.Equal(got, want) {
		t.Errorf("Find(%q) = %+v, want %+v", text, got, want)
	}
}

func TestFind_Seed(t *testing.T) {
	b, err := os.ReadFile("../../../shared/seed/taliban-isis-balkh.txt")
	if err != nil {
		t.Skip("seed not present:", err)
	}
	text := string(b)
	got := render(text, find(text))
	want := []string{"3=3", "three=3", "5th=5#", "8th=8#", "10th=10#", "second=2#", "several=10~", "second=2#", "three=3"}
	if !slices.Equal(got, want) {
		t.Errorf("seed numbers\n got %q\nwant %q", got, want)
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"twenty-five", 25, true},
		{"twenty five", 25, true},
		{"3", 3, true},
		{" 1,200 ", 1200, true},
		{"a dozen", 12, true},
		{"half a dozen", 6, true},
		{"a hundred", 100, true},
		{"one hundred and five", 105, true},
		{"ninety-nine thousand nine hundred", 99900, true},
		{"dozens", 12, true},
		{"Hundreds", 100, true},
		{"10 to 15", 10, true},
		{"at least five", 5, true},
		{"second", 2, true},
		{"2021", 2021, true},
		{"a", 0, false},
		{"hundred", 0, false},
		{"one two", 0, false},
		{"twenty twenty", 0, false},
		{"five soldiers", 0, false},
		{"10:30", 0, false},
		{"", 0, false},
		{"three-day", 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := number.Parse(tc.in)
			if got != tc.want || ok != tc.ok {
				t.Errorf("Parse(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
			}
		})
	}
}

func TestNew(t *testing.T) {
	tests := []struct {
		name, data, wantErr string
	}{
		{"OK", "entry\tkind\tvalue\nthree\tcardinal\t3\nat least\tbound\t\nMarch\tmonth\t\n", ""},
		{"UnknownKind", "entry\tkind\tvalue\nthree\tnumber\t3\n", "numbers.tsv:2: unknown kind"},
		{"BadValue", "entry\tkind\tvalue\nthree\tcardinal\tx\n", "bad value"},
		{"TwoValues", "entry\tkind\tvalue\nten\tcardinal\t10\nten\tvague\t10\n", "two values"},
		{"CasedPhrase", "entry\tkind\tvalue\nNo More\tnotbefore\t\n", "must be one word"},
		{"Empty", "entry\tkind\tvalue\n\tcardinal\t1\n", "empty entry"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := number.New(fstest.MapFS{"numbers.tsv": {Data: []byte(tc.data)}})
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("New() error = %v, want %q", err, tc.wantErr)
			}
		})
	}
	t.Run("Embedded", func(t *testing.T) {
		if _, err := number.Default(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Custom", func(t *testing.T) {
		f, err := number.New(fstest.MapFS{"numbers.tsv": {Data: []byte("entry\tkind\tvalue\nseveral\tvague\t3\n")}})
		if err != nil {
			t.Fatal(err)
		}
		text := "several killed, three hurt"
		_, toks := segment.Split(text, sitrep.Span{})
		if got := render(text, f.Find(text, toks)); !slices.Equal(got, []string{"several=3~"}) {
			t.Errorf("Find = %q", got)
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"at least 12 killed", "between 10 and 15", "one hundred and twenty-five", "a dozen", "March 26, 2023",
		"1.5 million", "99999999999999999999", "twenty-first", "\xff9/11\xc3", "3 - 4", "a hundred thousand million",
	} {
		f.Add(s)
	}
	f.Add(strings.Repeat("one hundred and ", 50))
	f.Add(strings.Repeat("many ", 50))
	if b, err := os.ReadFile("../segment/testdata/fixture.txt"); err == nil {
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, text string) {
		_, toks := segment.Split(text, sitrep.Span{})
		ns := number.Find(text, toks)
		prev := 0
		for i, n := range ns {
			if n.Start < prev || n.Start >= n.End || n.End > len(text) {
				t.Fatalf("number %d: span %d:%d after %d (len %d)", i, n.Start, n.End, prev, len(text))
			}
			if n.Value < 0 {
				t.Fatalf("number %d: negative value %d", i, n.Value)
			}
			prev = n.End
		}
		number.Parse(text)
		// Tokens that do not belong to text must not panic.
		number.Find(text[:len(text)/2], toks)
	})
}

func BenchmarkFind(b *testing.B) {
	for _, path := range []string{"../segment/testdata/fixture.txt", "../../../shared/seed/taliban-isis-balkh.txt"} {
		b.Run(strings.TrimSuffix(path[strings.LastIndexByte(path, '/')+1:], ".txt"), func(b *testing.B) {
			data, err := os.ReadFile(path)
			if err != nil {
				b.Skip("not present:", err)
			}
			text := string(data)
			_, toks := segment.Split(text, sitrep.Span{})
			b.ReportAllocs()
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				number.Find(text, toks)
			}
		})
	}
}

func ExampleFind() {
	text := "At least 12 soldiers and dozens of civilians were killed in the 5th district on March 26."
	_, toks := segment.Split(text, sitrep.Span{})
	for _, n := range number.Find(text, toks) {
		fmt.Printf("%q value=%d vague=%v ordinal=%v atleast=%v\n", text[n.Start:n.End], n.Value, n.Vague, n.Ordinal, n.AtLeast)
	}
	// Output:
	// "At least 12" value=12 vague=false ordinal=false atleast=true
	// "dozens" value=12 vague=true ordinal=false atleast=false
	// "5th" value=5 vague=false ordinal=true atleast=false
}
