package date_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/lexicon"
)

func TestDefault(t *testing.T) {
	if _, err := date.Default(); err != nil {
		t.Fatal(err)
	}
}

func TestNewFinder_Errors(t *testing.T) {
	const header = "text\tkind\tvalue\tprecision\tflags\n"
	tests := []struct {
		name, data, wantErr string
	}{
		{"UnknownKind", header + "soon\tfuture\t1\n", `dates.tsv:2: unknown kind "future"`},
		{"BadMonth", header + "smarch\tmonth\t13\n", "dates.tsv:2: month"},
		{"BadRange", header + "early\tmodifier\t10..1\n", "dates.tsv:2: modifier"},
		{"NonASCII", header + "märz\tmonth\t3\n", "only ASCII letters"},
		{"PhraseForWordKind", header + "next to\tcue\tany\n", "takes one word"},
		{"BadRef", header + "now\tref\tNOW_REF\n", "dates.tsv:2: ref"},
		{"BadSet", header + "daily\tset\tdaily\n", "dates.tsv:2: set"},
		{"BadMeridiem", header + "am\tmeridiem\t6\n", "dates.tsv:2: meridiem"},
		{"BadClockword", header + "noon\tclockword\tnoon\n", "dates.tsv:2: clockword"},
		{"BadWeekdays", header + "mondays\tweekdays\t9\n", "dates.tsv:2: weekdays"},
		{"BadParts", header + "nights\tparts\tnight\n", "dates.tsv:2: parts"},
		{"BadFrequency", header + "once\tfrequency\tx\n", "dates.tsv:2: frequency"},
		{"BadUnit", header + "eons\tunit\teon\n", "dates.tsv:2: unit"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{date.DataFile: {Data: []byte(tc.data)}}
			_, err := date.NewFinder(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.wantErr)
			}
		})
	}
	t.Run("Missing", func(t *testing.T) {
		if _, err := date.NewFinder(fstest.MapFS{}); err == nil {
			t.Fatal("no error for a missing file")
		}
	})
}

// TestNewFinder_Override reads the vocabulary from another file system,
// as a --lexicon directory would give it.
func TestNewFinder_Override(t *testing.T) {
	f, err := date.NewFinder(lexicon.FS())
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Find("on March 18", sitrep.Span{}, day("2023-03-27")); len(got) != 1 {
		t.Fatalf("got %d expressions, want 1", len(got))
	}
}
