package scope

import (
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep"
)

func TestJudge(t *testing.T) {
	vac := sitrep.Event{EventType: sitrep.ViolenceAgainstCivilian, SubEventType: "Attack", Inter1: 7}
	arrest := sitrep.Event{EventType: sitrep.StrategicDevelopments, SubEventType: "Arrests", Inter1: 1}
	police := sitrep.Event{EventType: sitrep.ViolenceAgainstCivilian, SubEventType: "Attack", Inter1: 1}
	protest := sitrep.Event{EventType: sitrep.Protests, SubEventType: "Peaceful protest"}
	for _, tc := range []struct {
		name, text string
		e          sitrep.Event
		out        string // "" in scope, else a word of the reason
	}{
		{"Robbery", "A clerk was shot during a robbery at a gas station; the man faces charges.", vac, "ordinary crime"},
		{"Quarrel", "Two neighbours had an argument over parking before one fired.", vac, "ordinary crime"},
		{"Accident", "The boy was playing with his father's pistol when it went off.", vac, "accident"},
		{"Domestic", "Police called it a domestic dispute that ended in a murder-suicide.", vac, "home"},
		{"CriminalArrest", "Officers arrested the suspect in the robbery on Tuesday.", arrest, "arrest"},
		{"ArrestOfActivists", "Officers arrested three activists in the robbery case, their lawyers said.", arrest, ""},
		{"PoliticalMotive", "The gunman, who had posted extremist screeds, was charged with murder.", vac, ""},
		{"StateForces", "Soldiers shot a man during a robbery at a checkpoint.", police, ""},
		{"LoneGunman", "A gunman killed a clerk in a robbery.", sitrep.Event{EventType: sitrep.Battles, SubEventType: "Armed clash", Actor1: "Unidentified Armed Group (United States)", Inter1: 3}, "ordinary crime"},
		{"NamedMilitia", "The militia's gunmen killed a clerk in a robbery.", sitrep.Event{EventType: sitrep.Battles, SubEventType: "Armed clash", Actor1: "Some Named Brigade", Inter1: 3}, ""},
		{"NoMotiveStated", "Gunmen opened fire on a minibus, killing four passengers.", vac, ""},
		{"ProtestAlways", "A dispute over wages brought workers out in protest.", protest, ""},
		{"GangRapeIsNoGang", "A gang rape at a hotel outraged women's groups.", vac, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep, err := Read(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			got := Judge(rep, &tc.e)
			if (got == "") != (tc.out == "") || tc.out != "" && !strings.Contains(got, tc.out) {
				t.Errorf("Judge = %q, want %q", got, tc.out)
			}
		})
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Scope{"": ACLED, "acled": ACLED, "default": ACLED, "ALL": All} {
		if got, err := Parse(in); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := Parse("crime"); err == nil {
		t.Error("Parse(crime): no error")
	}
}

// TestRead_Pieces: reading a long text a piece at a time finds what
// reading it whole finds, wherever the pieces are cut, also when a cue of
// several words runs across a cut.
func TestRead_Pieces(t *testing.T) {
	texts := []string{
		"A clerk was shot during a robbery at a petrol station. The gunman fled in a stolen car.",
		"The suspect was charged with attempted murder after the armed robbery of a jeweller.",
		"A rifle went off while the owner was cleaning it; the boy had been playing with it.",
		"The woman was killed by her husband after a domestic dispute, neighbours said.",
		"Rebels of the armed group attacked an army post; the insurgents seized weapons.",
		"  \n\n  ",
		"",
	}
	for _, text := range texts {
		checkPieces(t, text)
	}
}

func checkPieces(t *testing.T, text string) {
	t.Helper()
	ix, err := load()
	if err != nil {
		t.Fatal(err)
	}
	whole := ix.read(text, len(text)+1)
	for n := 1; n <= 12; n++ {
		if got := ix.read(text, n); got != whole {
			t.Fatalf("read(%q) in pieces of %d = %+v, whole %+v", text, n, got, whole)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add("A clerk was shot during a robbery.")
	f.Add("terror* -- ex-wife's")
	f.Fuzz(func(t *testing.T, s string) {
		if _, err := Read(s); err != nil {
			t.Fatal(err)
		}
		checkPieces(t, s)
	})
}
