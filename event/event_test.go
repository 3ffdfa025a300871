package event_test

import (
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/gazetteer"
	"github.com/sitrep-dev/sitrep/pipeline"
)

// embeddedGazetteer is the embedded gazetteer without the user's imported
// places, so that tests do not depend on the machine they run on.
var embeddedGazetteer = sync.OnceValues(func() (*gazetteer.Gazetteer, error) { return gazetteer.Open("") })

func mustPipeline(tb testing.TB) *pipeline.Pipeline {
	tb.Helper()
	g, err := embeddedGazetteer()
	if err != nil {
		tb.Fatal(err)
	}
	p, err := pipeline.New(pipeline.Options{Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC), Gazetteer: g})
	if err != nil {
		tb.Fatal(err)
	}
	return p
}

// TestBuild_Types checks the sub-event types written for short reports
// (our own sentences, in the style of wire copy), one row per rule.
func TestBuild_Types(t *testing.T) {
	p := mustPipeline(t)
	for _, tc := range []struct {
		name, text string
		want       []string // distinct sub-event types, sorted
	}{
		{"clash", "Government troops clashed with rebels near Goma on Monday, leaving six fighters dead.", []string{"Armed clash"}},
		{"attack on civilians", "Gunmen attacked a village in Zamfara state on Sunday, killing nine villagers.", []string{"Attack"}},
		{"attack on a base is a battle", "Militants attacked a military base in Tillaberi, killing four soldiers.", []string{"Armed clash"}},
		{"air strike", "Warplanes bombed a market in Idlib province on Tuesday, killing 12 people.", []string{"Air/drone strike"}},
		{"shelling", "Rockets and mortar shells fired by separatists hit three towns in Donetsk overnight.", []string{"Shelling/artillery/missile attack"}},
		{"suicide bomb", "A suicide bomber blew himself up outside a police station in Quetta, killing five officers.", []string{"Suicide bomb"}},
		{"grenade", "Two grenades were hurled at a patrol in Srinagar on Friday, wounding three soldiers.", []string{"Grenade"}},
		{"ied", "A roadside bomb struck a convoy near Kandahar, killing two soldiers.", []string{"Remote explosive/landmine/IED"}},
		{"weapons seized", "Police seized 40 rifles and 2,000 rounds of ammunition in a raid in Juba.", []string{"Disrupted weapons use"}},
		{"device defused", "Soldiers defused a landmine planted on the road to Marib.", []string{"Disrupted weapons use"}},
		{"arrests", "Security forces arrested 15 suspected militants in Peshawar on Wednesday.", []string{"Arrests"}},
		{"held for questioning", "Eleven students were held for questioning in Tehran on Sunday.", []string{"Arrests"}},
		{"into police custody", "Three organisers were taken into police custody in Minsk on Monday.", []string{"Arrests"}},
		{"abduction", "Armed men kidnapped 20 students from a school in Kaduna state.", []string{"Abduction/forced disappearance"}},
		{"peaceful protest", "Hundreds of teachers protested in Nairobi on Monday to demand higher pay.", []string{"Peaceful protest"}},
		{"protest with intervention", "Police fired tear gas to disperse students protesting in Dhaka.", []string{"Protest with intervention"}},
		{"excessive force", "Security forces opened fire on protesters in Khartoum, killing three demonstrators.", []string{"Excessive force against protesters"}},
		{"riot", "Rioters torched shops and threw stones at police in Durban.", []string{"Violent demonstration"}},
		// Who does the violence decides the type (crowdViolenceDoer).
		{"crowd attacks police", "Angry marchers attacked a police checkpoint in Bamako on Monday.", []string{"Violent demonstration"}},
		{"crowd wounds police", "Demonstrators injured four police officers in Lyon on Saturday.", []string{"Violent demonstration"}},
		{"police attack crowd", "Police officers attacked marchers outside parliament in Tbilisi on Monday.", []string{"Protest with intervention"}},
		{"mob", "A mob lynched a man accused of theft in a village near Patna.", []string{"Mob violence"}},
		{"government regains", "The army recaptured the town of Palma from insurgents on Saturday.", []string{"Government regains territory"}},
		{"non-state overtakes", "Al-Shabaab militants captured the town of Baidoa after government troops fled.", []string{"Non-state actor overtakes territory"}},
		{"base established", "Turkish forces set up a new military post near Idlib.", []string{"Headquarters or base established"}},
		{"agreement", "The two armed groups agreed a ceasefire in Tripoli on Thursday.", []string{"Agreement"}},
		// Lemmas and pairs of trigger classes (triggers.tsv, trigger_pairs.tsv).
		{"throwing verb with a grenade", "A man tossed a hand grenade into a police post in Kismayo, wounding two officers.", []string{"Grenade"}},
		{"property set on fire", "Gunmen torched a school in the village of Bakassi on Friday.", []string{"Looting/property destruction"}},
		{"truce concluded", "The warring factions sealed a truce after talks in Juba.", []string{"Agreement"}},
		{"grave found", "Investigators uncovered a grave holding 40 bodies near Bucha.", []string{"Other"}},
		// Codebook clauses of classify.go.
		{"villagers kill: mob violence", "Villagers clubbed to death a man suspected of cattle theft near Mbarara.", []string{"Mob violence"}},
		{"occasion of a group's decision", "The rebel movement elected a new leader after the killing of its founder in an air strike.", []string{"Change to group/activity"}},
		{"occasion of taking up arms", "The rebels took up arms again on Monday, two years after the peace accord.", []string{"Change to group/activity"}},
		{"weapons handed over on disbanding", "The armed group disbanded and its fighters handed over their rifles to the army in Bunia.", []string{"Change to group/activity"}},
		{"an arrest keeps its occasion", "Police arrested two men after the shooting of a shopkeeper in Karachi.", []string{"Attack"}},
		{"purpose of a mobilisation", "The militia is mobilising its fighters for attacking the town of Kalehe, local officials said.", []string{"Change to group/activity"}},
		{"people snatched by fighters", "Gunmen snatched six passengers from a bus near Gwoza on Monday.", []string{"Abduction/forced disappearance"}},
		{"trees uprooted", "Soldiers uprooted an orchard of almond trees near Nablus on Monday.", []string{"Looting/property destruction"}},
		{"subjected to violence: no infinitive", "Gunmen subjected two women to sexual violence near Bunia on Sunday.", []string{"Sexual violence"}},
		{"villagers attack police: mob, not battle", "Villagers attacked a police station in Kasese on Monday and freed a suspect.", []string{"Mob violence"}},
		{"villagers clash with police: mob", "Hundreds of villagers clashed with police in Kasese on Monday over a land dispute.", []string{"Mob violence"}},
		{"militants clash with police: battle", "Militants clashed with police in Bannu on Monday, leaving two officers dead.", []string{"Armed clash"}},
		{"protesters clash with police: riot", "Protesters clashed with police in Lahore on Friday.", []string{"Violent demonstration"}},
		{"fire on protesters: the attack and the protest both seen", "Soldiers opened fire on protesters in Mandalay on Sunday.", []string{"Excessive force against protesters"}},
		{"dispersal alone is intervention", "Police violently dispersed students in Dhaka on Monday.", []string{"Protest with intervention"}},
		{"armed doer alone is no battle", "A village headman was shot dead by gunmen near Gao on Sunday.", []string{"Attack"}},
		{"crowd outside a demonstration: mob", "An angry crowd attacked and set fire to the home of a suspected thief in Kisumu.", []string{"Mob violence"}},
		{"a crowd hit is no demonstration", "A suicide bomber blew himself up in a crowd at a market in Kabul, killing 12.", []string{"Suicide bomb"}},
		{"gunmen firing on a crowd", "Gunmen opened fire on a crowd at a wedding in Zamfara, killing nine.", []string{"Attack"}},
		{"crowd at a demonstration: riot", "A crowd of protesters attacked the governor's office in Kisumu during a march against tax rises.", []string{"Violent demonstration"}},
		{"force on a demonstrating crowd", "Police fired on a crowd demonstrating against the election result in Kisumu, killing two.", []string{"Excessive force against protesters"}},
		{"taken without a fight", "The rebels took over the town of Kalehe after the army pulled out.", []string{"Non-violent transfer of territory"}},
		{"withdrawal under fire is no transfer", "The army recaptured two villages from rebels who withdrew after heavy shelling.", []string{"Government regains territory"}},
		{"weapon intercepted", "Air defences shot down a drone launched toward the airport of Erbil.", []string{"Disrupted weapons use"}},
		{"disaster", "At least 40 people died after flash floods swept through villages in Assam.", nil},
		{"gas explosion", "A gas cylinder exploded in a restaurant in Lagos, killing four people.", nil},
		{"trend", "Attacks on aid workers have increased sharply in recent years.", nil},
		{"plan", "The militants were planning to attack the airport, police said.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, ev := range p.Extract(&sitrep.Document{ID: "t", Text: tc.text}) {
				if !slices.Contains(got, ev.SubEventType) {
					got = append(got, ev.SubEventType)
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestBuild_Fields checks roles, counts, people, claims and verification.
func TestBuild_Fields(t *testing.T) {
	p := mustPipeline(t)
	text := "Taliban security forces killed four Islamic State militants in Jalalabad on Sunday, April 9, 2023, " +
		"a Taliban spokesman said. Among the dead was Mullah Karim Orakzai, a commander of the group. " +
		"The claim could not be independently verified."
	evs := p.Extract(&sitrep.Document{ID: "t", Text: text})
	if len(evs) != 1 {
		t.Fatalf("got %d events, want 1: %+v", len(evs), evs)
	}
	ev := evs[0]
	for _, c := range []struct{ field, got, want string }{
		{"sub_event_type", ev.SubEventType, "Armed clash"},
		{"actor1", ev.Actor1, "Military Forces of Afghanistan (2021-)"},
		{"actor2", ev.Actor2, "Islamic State (Afghanistan)"},
		{"event_date", ev.EventDate, "2023-04-09"},
		{"location", ev.Location, "Jalalabad"},
		{"claimed_by", ev.ClaimedBy, "Military Forces of Afghanistan (2021-)"},
		{"verification", ev.Verification, sitrep.Unconfirmed},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.field, c.got, c.want)
		}
	}
	if ev.Fatalities != 4 {
		t.Errorf("fatalities = %d, want 4", ev.Fatalities)
	}
	if len(ev.People) != 1 || ev.People[0].Name != "Mullah Karim Orakzai" || ev.People[0].Fate != sitrep.FateKilled {
		t.Errorf("people = %+v, want Mullah Karim Orakzai killed", ev.People)
	}
	for _, e := range ev.Evidence {
		if text[e.Start:e.End] != e.Text {
			t.Errorf("evidence %+v does not point into the text", e)
		}
	}
}

// TestBuild_Merge checks that sentences telling one event make one event,
// and that separate incidents stay apart.
func TestBuild_Merge(t *testing.T) {
	p := mustPipeline(t)
	for _, tc := range []struct {
		name, text string
		want       int
	}{
		{"retold", "Gunmen attacked a checkpoint in Kunduz on Monday, killing three policemen. The attack began at dawn, officials said.", 1},
		{"general then precise", "Two civilians were killed in attacks in Kandahar, police said. One was killed in a grenade attack in Kandahar city.", 1},
		{"separate incident", "Gunmen killed three villagers in Kano on Monday. In a separate incident on Tuesday, bandits killed two farmers in Sokoto.", 2},
		{"different days", "Soldiers clashed with rebels near Goma on March 3. Soldiers clashed with rebels near Goma again on March 9.", 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text}); len(evs) != tc.want {
				t.Errorf("got %d events, want %d", len(evs), tc.want)
			}
		})
	}
}

func BenchmarkBuild(b *testing.B) {
	p := mustPipeline(b)
	doc := &sitrep.Document{ID: "b", Text: "Taliban security forces killed four Islamic State militants in Jalalabad on Sunday, a Taliban spokesman said. " +
		"Police fired tear gas to disperse students protesting in Kabul. Gunmen attacked a village in Herat, killing nine villagers."}
	b.ReportAllocs()
	for b.Loop() {
		p.Extract(doc)
	}
}

// TestBuild_Counts checks fatality, injury and arrest counts by ACLED's
// rules (lowest figure of a range, vague words coded, sums of groups).
func TestBuild_Counts(t *testing.T) {
	p := mustPipeline(t)
	for _, tc := range []struct {
		text                      string
		killed, injured, arrested int
	}{
		{"Gunmen stormed a police training centre in Quetta, killing at least 41 police trainees.", 41, 0, 0},
		{"At least 24 people were killed and 18 others injured when gunmen attacked a church in Djibo.", 24, 18, 0},
		{"A soldier was killed and two were wounded when a roadside bomb hit their patrol in Kunar.", 1, 2, 0},
		{"Militants killed five soldiers and three civilians in an attack on a checkpoint near Gao.", 8, 0, 0},
		{"Three people died when a suicide bomber blew himself up at a market in Maiduguri.", 3, 0, 0},
		{"Dozens were killed in clashes between the army and rebels near Bunia.", 12, 0, 0},
		{"Between 10 and 15 villagers were killed when gunmen attacked Kiri village.", 10, 0, 0},
		{"Police arrested 14 people during a protest in Bamako.", 0, 0, 14},
		{"Deputies fatally shot a 41-year-old man outside a motel in Reno.", 1, 0, 0},
		{"Rockets hit a base near Baghdad, causing no casualties.", 0, 0, 0},
	} {
		t.Run(tc.text, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text})
			if len(evs) != 1 {
				t.Fatalf("got %d events, want 1", len(evs))
			}
			ev := evs[0]
			if ev.Fatalities != tc.killed || ev.Injuries != tc.injured || ev.Arrests != tc.arrested {
				t.Errorf("killed/injured/arrested = %d/%d/%d, want %d/%d/%d", ev.Fatalities, ev.Injuries, ev.Arrests, tc.killed, tc.injured, tc.arrested)
			}
		})
	}
}

// TestBuild_Verification checks who claims an event and whether anyone
// confirmed, doubted or denied it.
func TestBuild_Verification(t *testing.T) {
	p := mustPipeline(t)
	for _, tc := range []struct {
		text, claimedBy, verification, actor1 string
	}{
		{"Gunmen killed five villagers in Zurmi on Monday, residents and a hospital official confirmed.", "", sitrep.Confirmed, "Unidentified Armed Group (Nigeria)"},
		{"Gunmen killed five villagers in Kano on Monday, police said. The army denied the report.", "Police Forces of Nigeria", sitrep.Disputed, "Unidentified Armed Group (Nigeria)"},
		{"Islamic State said its fighters killed 12 soldiers in an ambush near Gao, but the claim could not be verified.", "Islamic State (Mali)", sitrep.Unconfirmed, "Islamic State (Mali)"},
		{"Soldiers killed four militants near Gao on Monday, the army said.", "Military Forces of Mali", sitrep.Claimed, "Military Forces of Mali"},
		{"Gunmen killed four people at a market in Gao on Monday.", "", sitrep.Reported, "Unidentified Armed Group (Mali)"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			evs := p.Extract(&sitrep.Document{ID: "t", Text: tc.text})
			if len(evs) != 1 {
				t.Fatalf("got %d events, want 1", len(evs))
			}
			ev := evs[0]
			if ev.ClaimedBy != tc.claimedBy || ev.Verification != tc.verification || ev.Actor1 != tc.actor1 {
				t.Errorf("claimed_by %q, verification %q, actor1 %q; want %q, %q, %q", ev.ClaimedBy, ev.Verification, ev.Actor1, tc.claimedBy, tc.verification, tc.actor1)
			}
		})
	}
}
