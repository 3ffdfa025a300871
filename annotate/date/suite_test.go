package date_test

import (
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/date"
)

// suiteRef is the document date of the suite: Wednesday 13 March 2024.
var suiteRef = time.Date(2024, 3, 13, 0, 0, 0, 0, time.UTC)

// suiteCase is one expression of the suite. target is a piece of the
// sentence the expression must cover; value and precision are what a
// reader makes of it against suiteRef ("" value: not a date at all, and
// nothing may be found over target). The sentences are our own, news-style.
type suiteCase struct {
	class     string
	sentence  string
	target    string
	value     string
	precision int
}

// suite covers the TimeML value classes a news reader meets. Expected
// values follow the English meaning: a past-tense verb points back from the
// document date, a future one forward; "the day before" counts from the
// last date told.
var suite = []suiteCase{
	// Absolute dates, in the common formats.
	{"absolute", "Protesters gathered outside parliament on March 3.", "March 3", "2024-03-03", 1},
	{"absolute", "The strike began on 3 March 2024 at the port.", "3 March 2024", "2024-03-03", 1},
	{"absolute", "Troops withdrew from the town on Mar. 3, officials said.", "Mar. 3", "2024-03-03", 1},
	{"absolute", "The county clerk filed the report on 03/04/2024.", "03/04/2024", "2024-03-04", 1},
	{"absolute", "The shelling started on the 3rd of March.", "3rd of March", "2024-03-03", 1},
	{"absolute", "Talks ran March 3-5 in the capital.", "March 3-5", "2024-03-03/2024-03-05", 2},
	{"absolute", "On March 20, 2023, gunmen attacked a convoy.", "March 20, 2023", "2023-03-20", 1},
	{"absolute", "A curfew was declared on Feb. 28 after the riots.", "Feb. 28", "2024-02-28", 1},
	{"absolute", "He was arrested on December 12 near the border.", "December 12", "2023-12-12", 1},
	{"absolute", "The mine collapsed in March 2023, killing nine.", "March 2023", "2023-03", 3},
	{"absolute", "Rebels seized the airport on January 5th.", "January 5th", "2024-01-05", 1},
	{"absolute", "The towers fell on Sept. 11, 2001.", "Sept. 11, 2001", "2001-09-11", 1},
	{"absolute", "The decree was signed on 2024-03-01 by the governor.", "2024-03-01", "2024-03-01", 1},
	{"absolute", "Villagers fled on 12 February as fighting spread.", "12 February", "2024-02-12", 1},
	{"absolute", "Police said the raid took place on Sunday, March 10.", "March 10", "2024-03-10", 1},
	{"absolute", "The bridge was destroyed on Oct. 7, 2023.", "Oct. 7, 2023", "2023-10-07", 1},

	// Absolute dates without a year in a future clause point forward.
	{"absolute-future", "The vote is scheduled for March 20.", "March 20", "2024-03-20", 1},
	{"absolute-future", "Elections will be held on April 7 across the region.", "April 7", "2024-04-07", 1},
	{"absolute-future", "The court is expected to rule on March 28.", "March 28", "2024-03-28", 1},

	// Weekdays relative to the document date.
	{"weekday", "Police said the attack happened on Sunday.", "Sunday", "2024-03-10", 1},
	{"weekday", "Gunmen opened fire on a bus Sunday night.", "Sunday", "2024-03-10TNI", 1},
	{"weekday", "Two soldiers were killed last Sunday in the north.", "last Sunday", "2024-03-10", 1},
	{"weekday", "Officials said Tuesday that the road had reopened.", "Tuesday", "2024-03-12", 1},
	{"weekday", "On Wednesday, police said the suspect had fled.", "Wednesday", "2024-03-13", 1},
	{"weekday", "Saturday's blast wounded five people.", "Saturday", "2024-03-09", 1},
	{"weekday", "The fighting began Friday and continued overnight.", "Friday", "2024-03-08", 1},
	{"weekday", "Unions will strike this Friday.", "this Friday", "2024-03-15", 1},
	{"weekday", "The envoy arrives next Tuesday for talks.", "next Tuesday", "2024-03-19", 1},
	{"weekday-future", "The minister will visit the camp on Friday.", "Friday", "2024-03-15", 1},
	{"weekday-future", "The court will rule Monday on the appeal.", "Monday", "2024-03-18", 1},
	{"weekday-future", "A rally is planned for Saturday in the square.", "Saturday", "2024-03-16", 1},
	{"weekday-future", "Protesters are expected to march on Thursday.", "Thursday", "2024-03-14", 1},

	// Parts of days: TimeML writes the part after the day ("TNI" night,
	// "TMO" morning, "TEV" evening); "late" and "early" are modifiers and
	// leave the value the day.
	{"part", "The funeral was held Monday morning.", "Monday", "2024-03-11TMO", 1},
	{"part", "The blast happened late Tuesday near the market.", "Tuesday", "2024-03-12", 1},
	{"part", "Rockets struck early on Wednesday, residents said.", "Wednesday", "2024-03-13", 1},
	{"part", "Looting spread through the city on Sunday evening.", "Sunday", "2024-03-10TEV", 1},
	{"part", "Shops were looted yesterday afternoon.", "yesterday afternoon", "2024-03-12TAF", 1},
	{"part", "The soldiers were buried the previous night.", "the previous night", "2024-03-12TNI", 1},
	{"part", "Clashes erupted last night in the old quarter.", "last night", "2024-03-12TNI", 1},
	{"part", "Police cleared the square this morning.", "this morning", "2024-03-13TMO", 1},

	// Days relative to the document date or to the last date told.
	{"relative", "Two people were killed yesterday in the capital.", "yesterday", "2024-03-12", 1},
	{"relative", "The curfew remains in force today.", "today", "2024-03-13", 1},
	{"relative", "Leaders will meet tonight to discuss the truce.", "tonight", "2024-03-13TNI", 1},
	{"relative", "The trial opens tomorrow in the capital.", "tomorrow", "2024-03-14", 1},
	{"relative", "A bomb exploded two days ago outside a school.", "two days ago", "2024-03-11", 1},
	{"relative", "Troops entered the town on March 5. The day before, rebels had left.", "The day before", "2024-03-04", 1},
	{"relative", "The blast came on March 1. Three days earlier, a convoy was hit.", "Three days earlier", "2024-02-27", 1},
	{"relative", "Rebels shelled the base on March 8, a day after the previous day of talks.", "March 8", "2024-03-08", 1},
	{"relative", "The mayor resigned on March 8. The previous day, crowds had burned his office.", "The previous day", "2024-03-07", 1},
	{"relative", "The ceasefire broke down on Friday. The next day, shelling resumed.", "The next day", "2024-03-09", 1},
	{"relative", "Drones hit the depot on Monday night. Earlier in the day, a shell struck a school.", "Earlier in the day", "2024-03-11", 1},
	{"relative", "The convoy was ambushed on March 2. Later that night, the insurgents struck a checkpoint.", "Later that night", "2024-03-02TNI", 1},
	{"relative", "Two weeks ago, the army launched an offensive.", "Two weeks ago", "2024-W09", 2},

	// Weeks, months and years.
	{"period", "Three journalists were detained last week.", "last week", "2024-W10", 2},
	{"period", "The army expects to withdraw next week.", "next week", "2024-W12", 2},
	{"period", "Prices rose sharply earlier this month.", "earlier this month", "2024-03", 3},
	{"period", "The governor was sacked last month.", "last month", "2024-02", 3},
	{"period", "The talks resume next month.", "next month", "2024-04", 3},
	{"period", "More than 300 people have been killed this year.", "this year", "2024", 4},
	{"period", "The party won the election last year.", "last year", "2023", 4},
	{"period", "The town fell to the rebels in May.", "May", "2023-05", 3},
	{"period", "The rebels took the town in January.", "January", "2024-01", 3},
	{"period", "Elections are due in May.", "May", "2024-05", 3},
	{"period", "The government will hold a referendum in June.", "June", "2024-06", 3},
	{"period", "The group was founded in 2019.", "2019", "2019", 4},
	{"period", "The conflict began in the 1990s.", "1990s", "199", 4},
	{"period", "The base was built two years ago.", "two years ago", "2022", 4},
	{"period", "The mine closed three months ago.", "three months ago", "2023-12", 3},
	{"period", "Turnout in the 2020 election was low.", "2020", "2020", 4},
	{"period", "Violence has risen since 2015.", "2015", "2015", 4},
	{"period", "Fighters regrouped over the weekend.", "the weekend", "2024-W10-WE", 2},
	{"period", "Thousands marched last weekend.", "last weekend", "2024-W10-WE", 2},
	{"period", "The region saw heavy floods earlier this year.", "earlier this year", "2024", 4},
	{"period", "The camp was set up in the 1980s.", "1980s", "198", 4},

	{"period", "The ministry said a year earlier that the road was safe.", "a year earlier", "2023", 4},
	{"period", "Fighting intensified in mid-March.", "mid-March", "2024-03", 2},
	{"period", "The army plans to leave by the end of March.", "the end of March", "2024-03", 2},
	{"period", "Aid deliveries stopped late last month.", "last month", "2024-02", 3},
	{"period", "Talks resume early next week.", "next week", "2024-W12", 2},
	{"period", "Looting was reported earlier this week.", "earlier this week", "2024-W11", 2},
	{"weekday", "Monday's attack killed three guards.", "Monday", "2024-03-11", 1},
	{"weekday", "The bodies were found on Thursday, March 7.", "Thursday, March 7", "2024-03-07", 1},
	{"relative", "Gunmen returned the same day and burned the market after the March 6 raid.", "March 6", "2024-03-06", 1},
	{"relative", "Soldiers arrived on Monday. Two days later, the town fell.", "Two days later", "2024-03-13", 1},
	{"absolute", "The agreement signed on 5th March 2024 collapsed.", "5th March 2024", "2024-03-05", 1},
	{"absolute", "Protests began on Feb 26.", "Feb 26", "2024-02-26", 1},
	{"absolute", "The siege ended on December 31, 2023.", "December 31, 2023", "2023-12-31", 1},
	{"period", "The militia was formed in the late 1990s.", "1990s", "199", 4},
	{"period", "The drought began in early 2022.", "early 2022", "2022", 4},

	// Windows back from the document date are TimeML durations.
	{"window", "Fighting has displaced 2,000 people over the past week.", "the past week", "P1W", 2},
	{"window", "Three markets were shelled in the last three days.", "the last three days", "P3D", 2},
	{"window", "Prices have doubled in recent weeks.", "recent weeks", "PXW", 3},
	{"window", "Dozens have been detained over the past few days.", "the past few days", "PXD", 2},

	// Seasons (TimeML codes SP, SU, FA, WI; winter dated by its December).
	{"season", "Food prices soared last summer.", "last summer", "2023-SU", 4},
	{"season", "The town was besieged during the winter.", "winter", "2023-WI", 4},
	{"season", "Talks will resume in the summer.", "summer", "2024-SU", 4},
	{"season", "The dam was built in the summer of 2019.", "summer of 2019", "2019-SU", 4},
	{"season", "Officials expect a new offensive next spring.", "next spring", "2025-SP", 4},
	{"season", "Aid convoys resumed in the autumn.", "autumn", "2023-FA", 4},
	{"season", "Floods hit the valley last fall.", "last fall", "2023-FA", 4},
	{"not-a-date", "He was badly hurt in the fall from the roof.", "fall", "", 0},
	{"not-a-date", "Thousands marked the anniversary of the Arab Spring.", "Spring", "", 0},
	{"not-a-date", "Reporters described the fall of the city.", "fall", "", 0},
	{"not-a-date", "Villagers drew water from a spring near the camp.", "spring", "", 0},

	// Quarters of a year (TimeML Q1-Q4).
	{"quarter", "Exports fell 4% in the third quarter of 2023.", "third quarter of 2023", "2023-Q3", 4},
	{"quarter", "The company reported third-quarter losses.", "third-quarter", "2023-Q3", 4},
	{"quarter", "Attacks rose in the first quarter.", "first quarter", "2024-Q1", 4},
	{"quarter", "Output is expected to recover in the second quarter.", "second quarter", "2024-Q2", 4},
	{"not-a-date", "Shells hit the Christian quarter of the old city.", "quarter", "", 0},
	{"not-a-date", "A third quarter of the city lay in ruins.", "quarter", "", 0},
	{"not-a-date", "Fans clashed after the second quarter-final.", "quarter", "", 0},

	// Words that are not dates.
	{"not-a-date", "Officials may announce more arrests.", "may", "", 0},
	{"not-a-date", "Thousands march through the capital every week.", "march", "", 0},
	{"not-a-date", "May God protect our children, the imam said.", "May", "", 0},
	{"not-a-date", "The Sunday Times reported the deal.", "Sunday", "", 0},
	{"not-a-date", "On Day 3 of the trial the witness fainted.", "Day 3", "", 0},
	{"not-a-date", "A 45-year-old man was shot in the leg.", "45-year-old", "", 0},
	{"not-a-date", "Bloody Sunday is remembered every year in the city.", "Sunday", "", 0},
	{"not-a-date", "Mayor Jan Smith said the roads were closed.", "Jan", "", 0},
	{"not-a-date", "April Jones, 23, said she heard shots.", "April", "", 0},
	{"not-a-date", "The March 23 Movement denied the claim.", "March 23", "", 0},
	{"not-a-date", "The gunman fired 2019 rounds, police said.", "2019", "", 0},
	{"not-a-date", "Police used tear gas during the march.", "march", "", 0},
	{"not-a-date", "Officers found 12 rifles and 300 rounds.", "300", "", 0},
}

// timexCase is one expression of the suite's TimeML part: durations,
// sets, clock times, references, fiscal years and halves. typ is the
// TimeML type; dates says whether the expression may date an event (a
// duration, a set, a reference or a clock time without its day may not).
type timexCase struct {
	class    string
	sentence string
	target   string
	value    string
	typ      string
	dates    bool
}

// timexSuite covers the TimeML classes beyond the calendar dates of
// suite, against the same document date (Wednesday 13 March 2024). The
// sentences are our own, news-style.
var timexSuite = []timexCase{
	// Durations: a count and a unit (TimeML P3Y), a vague count (PXW), a
	// bare plural after a length cue (PXY), hours and minutes (PT48H).
	{"duration", "The rebels have held the valley for three years.", "three years", "P3Y", date.TypeDuration, false},
	{"duration", "The talks lasted two weeks.", "two weeks", "P2W", date.TypeDuration, false},
	{"duration", "The town was under siege for 90 days.", "90 days", "P90D", date.TypeDuration, false},
	{"duration", "The journalist spent six months in detention.", "six months", "P6M", date.TypeDuration, false},
	{"duration", "The conflict has lasted more than a decade.", "a decade", "P1DE", date.TypeDuration, false},
	{"duration", "Two decades of war have emptied the villages.", "Two decades", "P2DE", date.TypeDuration, false},
	{"duration", "The road had been closed for a few weeks.", "a few weeks", "PXW", date.TypeDuration, false},
	{"duration", "The judge handed down a 10-year prison term.", "10-year", "P10Y", date.TypeDuration, false},
	{"duration", "A 24-hour curfew was imposed on the district.", "24-hour", "PT24H", date.TypeDuration, false},
	{"duration", "The curfew lasted 48 hours.", "48 hours", "PT48H", date.TypeDuration, false},
	{"duration", "Firefighters fought the blaze for 45 minutes.", "45 minutes", "PT45M", date.TypeDuration, false},
	{"duration", "The militia has controlled the pass for years.", "years", "PXY", date.TypeDuration, false},
	{"duration", "Checkpoints have multiplied over the years.", "the years", "PXY", date.TypeDuration, false},
	{"duration", "The shrine has stood there for centuries.", "centuries", "PXCE", date.TypeDuration, false},
	{"duration", "A ceasefire could be agreed within days.", "days", "PXD", date.TypeDuration, false},
	{"duration", "Displacement has grown over the past few years.", "the past few years", "PXY", date.TypeDuration, true},
	{"duration", "Nine people were killed in the past 24 hours.", "the past 24 hours", "PT24H", date.TypeDuration, true},
	{"duration", "Prices will rise in the coming months.", "the coming months", "PXM", date.TypeDuration, true},
	{"duration", "Violence fell over the last decade.", "the last decade", "P1DE", date.TypeDuration, true},

	// Clock times: with their day side by side they are that day (TimeML
	// TIME 2024-03-08T10:00); told apart by "at" or "on" the day still
	// gives their value, but only the day dates an event.
	{"time", "The minister arrived at 10 a.m. Friday.", "10 a.m. Friday", "2024-03-08T10:00", date.TypeTime, true},
	{"time", "The protest ended at 11 p.m. yesterday.", "11 p.m. yesterday", "2024-03-12T23:00", date.TypeTime, true},
	{"time", "The blast happened at 3:45 p.m. on Monday.", "3:45 p.m.", "2024-03-11T15:45", date.TypeTime, false},
	{"time", "The blast happened at 3:45 p.m. on Monday.", "Monday", "2024-03-11", date.TypeDate, true},
	{"time", "Troops entered the city on Sunday at 6 am.", "6 am", "2024-03-10T06:00", date.TypeTime, false},
	{"time", "The curfew begins at 21:00 in the capital.", "21:00", "2024-03-13T21:00", date.TypeTime, false},
	{"time", "The polls close at 8 p.m.", "8 p.m.", "2024-03-13T20:00", date.TypeTime, false},
	{"time", "The ceasefire ends at midnight Friday.", "midnight Friday", "2024-03-08T24:00", date.TypeTime, true},
	{"time", "The envoy left on Monday at noon.", "noon", "2024-03-11T12:00", date.TypeTime, false},
	{"time", "Shots were heard Tuesday night.", "Tuesday night", "2024-03-12TNI", date.TypeTime, true},
	{"time", "Police cleared the camp this morning.", "this morning", "2024-03-13TMO", date.TypeTime, true},

	// Sets: "every" and a unit, weekday, season or part of the day; plural
	// weekdays; frequency words; "N times a unit" (TimeML puts N in freq).
	{"set", "Patrols pass the checkpoint every day.", "every day", "P1D", date.TypeSet, false},
	{"set", "The market is closed every Monday.", "every Monday", "XXXX-WXX-1", date.TypeSet, false},
	{"set", "Protesters gather in the square on Fridays.", "Fridays", "XXXX-WXX-5", date.TypeSet, false},
	{"set", "Gunmen raid the road every Friday night.", "every Friday night", "XXXX-WXX-5TNI", date.TypeSet, false},
	{"set", "Bars are busiest on Saturday nights.", "Saturday nights", "XXXX-WXX-6TNI", date.TypeSet, false},
	{"set", "The council meets weekly.", "weekly", "P1W", date.TypeSet, false},
	{"set", "The festival is held annually in the old town.", "annually", "P1Y", date.TypeSet, false},
	{"set", "Convoys run twice a week.", "twice a week", "P1W", date.TypeSet, false},
	{"set", "Rations are handed out three times a day.", "three times a day", "P1D", date.TypeSet, false},
	{"set", "The militia parades every two weeks.", "every two weeks", "P2W", date.TypeSet, false},
	{"set", "Shells fell on the town every few days.", "every few days", "PXD", date.TypeSet, false},
	{"set", "Floods hit the valley each spring.", "each spring", "XXXX-SP", date.TypeSet, false},
	{"set", "Herders move south every October.", "every October", "XXXX-10", date.TypeSet, false},
	{"set", "Water is trucked in every other day.", "every other day", "P2D", date.TypeSet, false},
	{"set", "Guards are changed every morning.", "every morning", "XXXX-XX-XXTMO", date.TypeSet, false},
	{"not-a-timex", "Every soldier was searched at the gate.", "Every", "", "", false},
	{"not-a-timex", "The victim, 19 years old, died in hospital.", "19 years", "", "", false},
	{"not-a-timex", "A 25-year old man was arrested.", "25-year", "", "", false},
	{"not-a-timex", "Police ended an hours-long standoff.", "hours", "", "", false},
	{"not-a-timex", "Watch: 1:09 of footage from the scene.", "1:09", "", "", false},
	{"duration", "She is an 8-year veteran of the force.", "8-year", "P8Y", date.TypeDuration, false},
	{"time", "Officers arrived at 09:15 on Tuesday.", "09:15", "2024-03-12T09:15", date.TypeTime, false},
	{"not-a-timex", "The Daily Star reported the attack.", "Daily", "", "", false},

	// References to the present, past and future as a whole (TimeML DATE
	// PRESENT_REF, PAST_REF, FUTURE_REF).
	{"ref", "The army now controls the town.", "now", "PRESENT_REF", date.TypeDate, false},
	{"ref", "The town is currently under curfew.", "currently", "PRESENT_REF", date.TypeDate, false},
	{"ref", "At present no talks are planned.", "At present", "PRESENT_REF", date.TypeDate, false},
	{"ref", "Such raids have become common these days.", "these days", "PRESENT_REF", date.TypeDate, false},
	{"ref", "He recently returned from exile.", "recently", "PAST_REF", date.TypeDate, false},
	{"ref", "The general formerly led the police.", "formerly", "PAST_REF", date.TypeDate, false},
	{"ref", "In the past, raids like this were rare.", "the past", "PAST_REF", date.TypeDate, false},
	{"ref", "Officials hope to reopen the border in the future.", "the future", "FUTURE_REF", date.TypeDate, false},
	{"ref", "Aid will reach the camps in the near future.", "the near future", "FUTURE_REF", date.TypeDate, false},
	{"not-a-timex", "The present government denies the charge.", "present", "", "", false},
	{"ref", "Even today, few families have returned.", "Even today", "PRESENT_REF", date.TypeDate, false},

	// Quarters, halves and fiscal years; a year counted from the last year
	// told.
	{"quarter", "Profits fell in the fourth quarter.", "the fourth quarter", "2023-Q4", date.TypeDate, true},
	{"quarter", "Revenue rose in the first half of 2023.", "the first half of 2023", "2023-H1", date.TypeDate, true},
	{"quarter", "The bank lost money last quarter.", "last quarter", "2023-Q4", date.TypeDate, true},
	{"quarter", "Sales should recover in the current quarter.", "the current quarter", "2024-Q1", date.TypeDate, true},
	{"quarter", "The bank expects a profit next quarter.", "next quarter", "2024-Q2", date.TypeDate, true},
	{"period", "Turnout rose in the current year.", "the current year", "2024", date.TypeDate, true},
	{"period", "Aid was cut in the current month's budget.", "the current month", "2024-03", date.TypeDate, true},
	{"quarter", "Exports fell in fiscal 2023.", "fiscal 2023", "FY2023", date.TypeDate, false},
	{"quarter", "The budget for fiscal year 2025 was cut.", "fiscal year 2025", "FY2025", date.TypeDate, false},
	{"period", "The dam broke in 2019. A year earlier, engineers had warned of cracks.", "A year earlier", "2018", date.TypeDate, true},
	{"period", "2019's floods destroyed the bridge.", "2019", "2019", date.TypeDate, true},
	{"period", "The war began a decade ago.", "a decade ago", "201", date.TypeDate, true},

	// Halves named by tense like quarters (a bare half never dates an
	// event: "the second half" of a match is no half of a year), a quarter
	// or half of a deictic year, centuries by their ordinal, and verbs that
	// take a length.
	{"quarter", "The ministry expects exports to recover in the second half.", "the second half", "2024-H2", date.TypeDate, false},
	{"quarter", "Aid deliveries fell in the first half of last year.", "the first half of last year", "2023-H1", date.TypeDate, true},
	{"quarter", "Attacks rose in the fourth quarter of last year.", "the fourth quarter of last year", "2023-Q4", date.TypeDate, true},
	{"period", "The fort was built in the 17th century.", "the 17th century", "16", date.TypeDate, false},
	{"period", "Drones have changed 21st-century warfare.", "21st-century", "20", date.TypeDate, false},
	{"duration", "Clearing the mines could take years.", "years", "PXY", date.TypeDuration, false},
	{"duration", "The standoff lasted hours before police withdrew.", "hours", "PTXH", date.TypeDuration, false},
	{"duration", "He spent months in hiding.", "months", "PXM", date.TypeDuration, false},
	{"duration", "The town changed hands twice in a single week.", "a single week", "P1W", date.TypeDuration, false},
}

// timemlType is the TimeML type a value implies: a period is a duration,
// a value with a time of day a time, anything else a date.
func timemlType(value string) string {
	switch {
	case strings.HasPrefix(value, "P"):
		return date.TypeDuration
	case strings.Contains(value, "T") && !strings.HasSuffix(value, "_REF"):
		return date.TypeTime
	}
	return date.TypeDate
}

// runTimex adds the timexSuite cases right, by class, to right and total;
// every miss is an error: these classes were each written with their rule
// (a rule removed from dates.tsv fails its cases).
func runTimex(t *testing.T, right, total map[string]int) {
	f, err := date.Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range timexSuite {
		hit := findTarget(t, f, c.sentence, c.target)
		total[c.class]++
		switch {
		case c.value == "" && hit == nil:
			right[c.class]++
		case c.value == "":
			t.Errorf("%s: %q: %q taken as a date (%q)", c.class, c.sentence, c.sentence[hit.Start:hit.End], hit.Value)
		case hit == nil:
			t.Errorf("%s: %q: %q not found", c.class, c.sentence, c.target)
		case hit.Value != c.value || hit.Type != c.typ || hit.NoEventDate == c.dates || c.sentence[hit.Start:hit.End] != c.target:
			t.Errorf("%s: %q: %q = %q %s dates=%v, want %q = %q %s dates=%v", c.class, c.sentence, c.sentence[hit.Start:hit.End], hit.Value, hit.Type, !hit.NoEventDate, c.target, c.value, c.typ, c.dates)
		default:
			right[c.class]++
		}
	}
}

// findTarget returns the first expression of sentence that overlaps
// target, or nil.
func findTarget(t *testing.T, f *date.Finder, sentence, target string) *date.Expr {
	t.Helper()
	i := strings.Index(sentence, target)
	if i < 0 {
		t.Fatalf("target %q not in %q", target, sentence)
	}
	ts, te := i, i+len(target)
	exprs := f.Find(sentence, sitrep.Span{}, suiteRef)
	for k := range exprs {
		if exprs[k].Start < te && exprs[k].End > ts {
			return &exprs[k]
		}
	}
	return nil
}

// runSuite returns the number of cases right, by class, and logs misses.
func runSuite(t *testing.T) (right, total map[string]int) {
	f, err := date.Default()
	if err != nil {
		t.Fatal(err)
	}
	right, total = map[string]int{}, map[string]int{}
	for _, c := range suite {
		hit := findTarget(t, f, c.sentence, c.target)
		total[c.class]++
		switch {
		case c.value == "" && hit == nil:
			right[c.class]++
		case c.value == "":
			t.Logf("%s: %q: %q taken as a date (%q)", c.class, c.sentence, c.sentence[hit.Start:hit.End], hit.Value)
		case hit == nil:
			t.Logf("%s: %q: %q not found", c.class, c.sentence, c.target)
		case hit.Value != c.value || hit.Precision != c.precision || hit.Type != timemlType(c.value) || hit.NoEventDate:
			t.Logf("%s: %q: %q = %q p%d %s, want %q p%d %s", c.class, c.sentence, c.sentence[hit.Start:hit.End], hit.Value, hit.Precision, hit.Type, c.value, c.precision, timemlType(c.value))
		default:
			right[c.class]++
		}
	}
	return right, total
}

// suiteFloor is the share of the suite that must stay right; misses are
// logged with -v.
const suiteFloor = 0.97

func TestSuite(t *testing.T) {
	right, total := runSuite(t)
	runTimex(t, right, total)
	var r, n int
	for class, k := range total {
		t.Logf("%-16s %d/%d", class, right[class], k)
		r += right[class]
		n += k
	}
	share := float64(r) / float64(n)
	t.Logf("all %d/%d = %.3f", r, n, share)
	if share < suiteFloor {
		t.Errorf("suite %.3f below its floor %.3f", share, suiteFloor)
	}
}
