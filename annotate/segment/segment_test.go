package segment_test

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/segment"
)

// tokString renders tokens as "start:end K text" with K one of W, N, P
// (and w for an upper-case word), so tables pin exact offsets.
func tokStrings(text string, toks []segment.Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		k := map[segment.Kind]string{segment.Word: "w", segment.Number: "N", segment.Punct: "P"}[t.Kind]
		if t.Upper {
			k = "W"
		}
		out[i] = fmt.Sprintf("%d:%d %s %s", t.Start, t.End, k, t.Text(text))
	}
	return out
}

func sentStrings(text string, sents []segment.Sentence) []string {
	out := make([]string, len(sents))
	for i, s := range sents {
		out[i] = s.Text(text)
	}
	return out
}

func TestSplit_Tokens(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"Plain", "Gunmen killed 12.", []string{"0:6 W Gunmen", "7:13 w killed", "14:16 N 12", "16:17 P ."}},
		{"Hyphens", "Mazar-e-Sharif counter-terrorism IS-affiliated F-16 well- known", []string{
			"0:14 W Mazar-e-Sharif", "15:32 w counter-terrorism", "33:46 W IS-affiliated", "47:51 W F-16",
			"52:56 w well", "56:57 P -", "58:63 w known"}},
		{"PossessiveCurly", "ISIS’s chief", []string{"0:4 W ISIS", "4:8 w ’s", "9:14 w chief"}},
		{"PossessiveStraight", "the group's don't O'Neill soldiers' arms", []string{
			"0:3 w the", "4:9 w group", "9:11 w 's", "12:17 w don't", "18:25 W O'Neill",
			"26:34 w soldiers", "34:35 P '", "36:40 w arms"}},
		{"Quotes", "known as ‘Qais’ and “three”", []string{
			"0:5 w known", "6:8 w as", "9:12 P ‘", "12:16 W Qais", "16:19 P ’", "20:23 w and",
			"24:27 P “", "27:32 w three", "32:35 P ”"}},
		{"Numbers", "1,200 3.5 10th 5th 2nd 2021 9/11 10:30 10-15 5km 1990s", []string{
			"0:5 N 1,200", "6:9 N 3.5", "10:14 N 10th", "15:18 N 5th", "19:22 N 2nd", "23:27 N 2021",
			"28:32 N 9/11", "33:38 N 10:30", "39:41 N 10", "41:42 P -", "42:44 N 15", "45:48 w 5km", "49:54 w 1990s"}},
		{"CommaNotThousands", "5,6 and 1,2345", []string{
			"0:1 N 5", "1:2 P ,", "2:3 N 6", "4:7 w and", "8:9 N 1", "9:10 P ,", "10:14 N 2345"}},
		{"Abbreviations", "Gen. Smith met Dr. J. Doe in the U.S. on Jan. 5", []string{
			"0:4 W Gen.", "5:10 W Smith", "11:14 w met", "15:18 W Dr.", "19:21 W J.", "22:25 W Doe",
			"26:28 w in", "29:32 w the", "33:37 W U.S.", "38:40 w on", "41:45 W Jan.", "46:47 N 5"}},
		{"Ellipsis", "wait... what.. ok…", []string{
			"0:4 w wait", "4:7 P ...", "8:12 w what", "12:14 P ..", "15:17 w ok", "17:20 P …"}},
		{"Multibyte", "Kämpfer töteten 3 in Mazār‑i‑Sharīf 。", []string{
			"0:8 W Kämpfer", "9:17 w töteten", "18:19 N 3", "20:22 w in", "23:43 W Mazār‑i‑Sharīf", "44:47 P 。"}},
		{"CJK", "こんにちは世界", []string{"0:21 w こんにちは世界"}},
		{"InvalidUTF8", "a\xffb \xc3", []string{"0:1 w a", "1:2 P \xff", "2:3 w b", "4:5 P \xc3"}},
		{"Empty", "", []string{}},
		{"SpaceOnly", " \n\t\u00a0\u200b ", []string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, toks := segment.Split(tc.text, sitrep.Span{})
			got := tokStrings(tc.text, toks)
			if !slices.Equal(got, tc.want) {
				t.Errorf("Split(%q) tokens\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestSplit_Sentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"Simple", "Three were killed. Two were hurt! Why? Nobody knows.",
			[]string{"Three were killed.", "Two were hurt!", "Why?", "Nobody knows."}},
		{"ClosingQuote", `He said "they fled." Police arrived. “It is over.” Then quiet.`,
			[]string{`He said "they fled."`, "Police arrived.", "“It is over.”", "Then quiet."}},
		{"Bracket", "It was claimed (by IS.) Nobody else did.",
			[]string{"It was claimed (by IS.)", "Nobody else did."}},
		{"OpeningQuoteStartsNext", `They left. "We stayed," he said.`,
			[]string{"They left.", `"We stayed," he said.`}},
		{"LowercaseAfterPeriod", "He asked why? the others did not.",
			[]string{"He asked why? the others did not."}},
		{"Titles", "Gen. Abdul Rahim and Lt. Col. Ahmed met Sen. Smith. Maj. Khan left.",
			[]string{"Gen. Abdul Rahim and Lt. Col. Ahmed met Sen. Smith.", "Maj. Khan left."}},
		{"Initials", "Reporting by J. R. Karimi. He wrote it.",
			[]string{"Reporting by J. R. Karimi.", "He wrote it."}},
		{"NumberPrefix", "Post No. 4 was hit on Jan. 1. No one died.",
			[]string{"Post No. 4 was hit on Jan. 1.", "No one died."}},
		{"Acronym", "U.S. officials met U.N. envoys in the U.S. The talks failed. Costs rose, etc. But nobody cared.",
			[]string{"U.S. officials met U.N. envoys in the U.S.", "The talks failed.", "Costs rose, etc.", "But nobody cared."}},
		{"AcronymBeforeName", "U.S. President Joe Biden spoke.", []string{"U.S. President Joe Biden spoke."}},
		{"Ellipsis", "They waited... and waited... Then they left.",
			[]string{"They waited... and waited...", "Then they left."}},
		{"Decimal", "The toll rose 3.5 times. Officials said.", []string{"The toll rose 3.5 times.", "Officials said."}},
		{"URL", "See www.example.com for more. Done.", []string{"See www.example.com for more.", "Done."}},
		{"BlankLine", "Go deeper:\n\nThe group said\n\n\nit was over",
			[]string{"Go deeper:", "The group said", "it was over"}},
		{"BlankLineCRLF", "one\r\n\r\ntwo\r\n \t\r\nthree", []string{"one", "two", "three"}},
		{"Headline", "Taliban Claims Killing 3 in Balkh\nThe directorate said so.",
			[]string{"Taliban Claims Killing 3 in Balkh", "The directorate said so."}},
		{"HeadlineRunsOnLowercase", "The directorate said\nthat it was over.",
			[]string{"The directorate said\nthat it was over."}},
		{"Bullets", "Key points:\n  • First point\n  - Second point.\n* Third\n· Fourth\n– Fifth\nno-bullet -here",
			[]string{"Key points:", "• First point", "- Second point.", "* Third", "· Fourth", "– Fifth\nno-bullet -here"}},
		{"BulletNeedsSpace", "Gunmen fled, -killed two\nand -5 was the low", []string{"Gunmen fled, -killed two\nand -5 was the low"}},
		{"NumberedList", "Steps:\n1. The first step.\n2) The second.",
			[]string{"Steps:", "1. The first step.", "2) The second."}},
		{"HardWrapped", "Unidentified gunmen attacked a police checkpoint on the outskirts of\n" +
			"Kunduz city late on Tuesday, killing at least twelve officers, and\n" +
			"Provincial officials said the attackers fled toward the district.\n" +
			"Short Heading\n" +
			"Then more text followed.",
			[]string{"Unidentified gunmen attacked a police checkpoint on the outskirts of\n" +
				"Kunduz city late on Tuesday, killing at least twelve officers, and\n" +
				"Provincial officials said the attackers fled toward the district.",
				"Short Heading", "Then more text followed."}},
		{"Multibyte", "Les forces ont tué 3 hommes à Kunduz. Aucune réaction… Fin.",
			[]string{"Les forces ont tué 3 hommes à Kunduz.", "Aucune réaction…", "Fin."}},
		{"ParagraphSeparator", "one\u2029two", []string{"one", "two"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents, toks := segment.Split(tc.text, sitrep.Span{})
			if got := sentStrings(tc.text, sents); !slices.Equal(got, tc.want) {
				t.Errorf("Split(%q) sentences\n got %q\nwant %q", tc.text, got, tc.want)
			}
			checkInvariants(t, tc.text, sitrep.Span{}, sents, toks)
		})
	}
}

func TestSplit_Offsets(t *testing.T) {
	text := "  • Tötet 3.\n\nZwei “Männer” flohen.  "
	sents, toks := segment.Split(text, sitrep.Span{})
	want := []segment.Sentence{{Start: 2, End: 15, First: 0, Last: 4}, {Start: 17, End: 43, First: 4, Last: 10}}
	if !slices.Equal(sents, want) {
		t.Errorf("sentences = %+v, want %+v", sents, want)
	}
	wantToks := []string{"2:5 P •", "6:12 W Tötet", "13:14 N 3", "14:15 P .",
		"17:21 W Zwei", "22:25 P “", "25:32 W Männer", "32:35 P ”", "36:42 w flohen", "42:43 P ."}
	if got := tokStrings(text, toks); !slices.Equal(got, wantToks) {
		t.Errorf("tokens\n got %q\nwant %q", got, wantToks)
	}
}

func TestSplit_Body(t *testing.T) {
	text := "Menu Home\n\nGunmen killed 12. Police fled.\n\nShare this"
	start := strings.Index(text, "Gunmen")
	end := strings.Index(text, "\n\nShare")
	tests := []struct {
		name string
		body sitrep.Span
		want []string
	}{
		{"Body", sitrep.Span{Start: start, End: end}, []string{"Gunmen killed 12.", "Police fled."}},
		{"Zero", sitrep.Span{}, []string{"Menu Home", "Gunmen killed 12.", "Police fled.", "Share this"}},
		{"PastEnd", sitrep.Span{Start: start, End: len(text) + 50}, []string{"Gunmen killed 12.", "Police fled.", "Share this"}},
		{"Negative", sitrep.Span{Start: -5, End: 4}, []string{"Menu"}},
		{"Reversed", sitrep.Span{Start: 10, End: 3}, []string{}},
		{"CutsWord", sitrep.Span{Start: start + 2, End: start + 9}, []string{"nmen ki"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents, toks := segment.Split(text, tc.body)
			if got := sentStrings(text, sents); !slices.Equal(got, tc.want) {
				t.Errorf("sentences\n got %q\nwant %q", got, tc.want)
			}
			checkInvariants(t, text, tc.body, sents, toks)
		})
	}
	t.Run("InsideRune", func(t *testing.T) {
		text := "ä ö ü"
		sents, toks := segment.Split(text, sitrep.Span{Start: 1, End: 6})
		if got := tokStrings(text, toks); !slices.Equal(got, []string{"3:5 w ö"}) {
			t.Errorf("tokens = %q", got)
		}
		checkInvariants(t, text, sitrep.Span{Start: 1, End: 6}, sents, toks)
	})
}

func TestNew(t *testing.T) {
	tests := []struct {
		name, data, wantErr string
	}{
		{"OK", "entry\tkind\nGen.\ttitle\nThe\tstarter\n", ""},
		{"UnknownKind", "entry\tkind\nGen.\tgeneral\n", "abbreviations.tsv:2: unknown kind"},
		{"NoPeriod", "# c\nentry\tkind\nGen\ttitle\n", "abbreviations.tsv:3: abbreviation \"Gen\" does not end"},
		{"Duplicate", "entry\tkind\nGen.\ttitle\nGen.\tprefix\n", "duplicate"},
		{"Empty", "entry\tkind\n\ttitle\n", "empty entry"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := segment.New(fstest.MapFS{"abbreviations.tsv": {Data: []byte(tc.data)}})
			if tc.wantErr == "" && err != nil || tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)) {
				t.Errorf("New() error = %v, want %q", err, tc.wantErr)
			}
		})
	}
	t.Run("Missing", func(t *testing.T) {
		if _, err := segment.New(fstest.MapFS{}); err == nil {
			t.Error("New(empty FS) returned no error")
		}
	})
	t.Run("Embedded", func(t *testing.T) {
		if _, err := segment.Default(); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("Custom", func(t *testing.T) {
		sp, err := segment.New(fstest.MapFS{"abbreviations.tsv": {Data: []byte("entry\tkind\nGov.\ttitle\n")}})
		if err != nil {
			t.Fatal(err)
		}
		text := "Gen. Smith met Gov. Jones."
		sents, _ := sp.Split(text, sitrep.Span{})
		if got := sentStrings(text, sents); !slices.Equal(got, []string{"Gen.", "Smith met Gov. Jones."}) {
			t.Errorf("sentences = %q", got)
		}
	})
}

func TestSplit_Seed(t *testing.T) {
	b, err := os.ReadFile("../../../shared/seed/taliban-isis-balkh.txt")
	if err != nil {
		t.Skip("seed not present:", err)
	}
	text := string(b)
	sents, toks := segment.Split(text, sitrep.Span{})
	checkInvariants(t, text, sitrep.Span{}, sents, toks)
	got := sentStrings(text, sents)
	for _, want := range []string{
		"Taliban Claims Killing 3 Important ISIS Members in Balkh",
		"Guess what?",
		"Go deeper:",
		"• Security forces also seized several weapons and ammunition during the operation.",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("no sentence %q", want)
		}
	}
}

// checkInvariants checks what every Split result must satisfy.
func checkInvariants(t testing.TB, text string, body sitrep.Span, sents []segment.Sentence, toks []segment.Token) {
	t.Helper()
	// Rune boundaries as utf8 decoding sees them, invalid bytes counting
	// as one-byte runes.
	bound := make([]bool, len(text)+1)
	for i := 0; i < len(text); {
		bound[i] = true
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	bound[len(text)] = true
	lo, hi := body.Start, body.End
	if body == (sitrep.Span{}) {
		lo, hi = 0, len(text)
	}
	lo, hi = max(lo, 0), min(hi, len(text))
	prevEnd := 0
	for i, tk := range toks {
		if tk.Start < 0 || tk.Start >= tk.End || tk.End > len(text) {
			t.Fatalf("token %d: bad span %d:%d (len %d)", i, tk.Start, tk.End, len(text))
		}
		if tk.Start < lo || tk.End > hi {
			t.Fatalf("token %d: %d:%d outside body %d:%d", i, tk.Start, tk.End, lo, hi)
		}
		if !bound[tk.Start] || !bound[tk.End] {
			t.Fatalf("token %d: %d:%d cuts a rune", i, tk.Start, tk.End)
		}
		if want := segment.Fold(text[tk.Start:tk.End]); tk.Fold != want {
			t.Fatalf("token %d: Fold %q, want %q", i, tk.Fold, want)
		}
		if tk.Start < prevEnd {
			t.Fatalf("token %d: %d:%d overlaps or precedes previous end %d", i, tk.Start, tk.End, prevEnd)
		}
		if tk.Kind < segment.Word || tk.Kind > segment.Punct {
			t.Fatalf("token %d: bad kind %d", i, tk.Kind)
		}
		if strings.TrimSpace(tk.Text(text)) != tk.Text(text) {
			t.Fatalf("token %d: %q has space at its edges", i, tk.Text(text))
		}
		prevEnd = tk.End
	}
	next := 0
	for i, s := range sents {
		if s.First != next || s.Last <= s.First || s.Last > len(toks) {
			t.Fatalf("sentence %d: tokens %d:%d, want first %d (of %d)", i, s.First, s.Last, next, len(toks))
		}
		if s.Start != toks[s.First].Start || s.End != toks[s.Last-1].End {
			t.Fatalf("sentence %d: span %d:%d does not match its tokens %d:%d", i, s.Start, s.End, toks[s.First].Start, toks[s.Last-1].End)
		}
		next = s.Last
	}
	if next != len(toks) {
		t.Fatalf("sentences cover %d of %d tokens", next, len(toks))
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		"", "Gen. Smith. U.S. The end...", "• a\n- b\n\n1. c", "ISIS’s 1,200 3.5 9/11 10th",
		"a\xffb\xc3", "\u2029\r\n\r\n", "Mazar-e-Sharif ‘Qais’ “x.”",
	} {
		f.Add(s, 0, 0)
	}
	if b, err := os.ReadFile("testdata/fixture.txt"); err == nil {
		f.Add(string(b), 0, 0)
	}
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		body := sitrep.Span{Start: start, End: end}
		sents, toks := segment.Split(text, body)
		checkInvariants(t, text, body, sents, toks)
	})
}

func benchmarkSplit(b *testing.B, text string) {
	b.ReportAllocs()
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		segment.Split(text, sitrep.Span{})
	}
}

func BenchmarkSplit(b *testing.B) {
	b.Run("Fixture", func(b *testing.B) {
		data, err := os.ReadFile("testdata/fixture.txt")
		if err != nil {
			b.Fatal(err)
		}
		benchmarkSplit(b, string(data))
	})
	b.Run("Seed", func(b *testing.B) {
		data, err := os.ReadFile("../../../shared/seed/taliban-isis-balkh.txt")
		if err != nil {
			b.Skip("seed not present:", err)
		}
		benchmarkSplit(b, string(data))
	})
	b.Run("Case2021", func(b *testing.B) {
		// Many short real snippets, one Split each.
		data, err := os.ReadFile("../../../shared/gold/case2021-dev.jsonl")
		if err != nil {
			b.Skip("gold not present:", err)
		}
		var texts []string
		size := 0
		for line := range strings.Lines(string(data)) {
			var d struct{ Text string }
			if json.Unmarshal([]byte(line), &d) == nil && d.Text != "" {
				texts = append(texts, d.Text)
				size += len(d.Text)
			}
		}
		b.ReportAllocs()
		b.SetBytes(int64(size))
		for b.Loop() {
			for _, t := range texts {
				segment.Split(t, sitrep.Span{})
			}
		}
	})
}

func ExampleSplit() {
	text := "Gen. Safi said 12 were killed.\n\n• ISIS’s fighters fled."
	sents, toks := segment.Split(text, sitrep.Span{})
	for _, s := range sents {
		fmt.Printf("%d-%d %q:", s.Start, s.End, s.Text(text))
		for _, tk := range toks[s.First:s.Last] {
			fmt.Printf(" %s", tk.Text(text))
		}
		fmt.Println()
	}
	// Output:
	// 0-30 "Gen. Safi said 12 were killed.": Gen. Safi said 12 were killed .
	// 32-59 "• ISIS’s fighters fled.": • ISIS ’s fighters fled .
}
