package date_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/date"
)

// want is one expected expression: its text, range, precision and value.
// from and to are "" when the expression stays unresolved.
type want struct {
	text      string
	from, to  string
	precision int
	value     string
	absolute  bool
}

func day(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func fmtDay(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// checkExprs compares found expressions with wanted ones, in order.
func checkExprs(t *testing.T, text string, got []date.Expr, wants []want) {
	t.Helper()
	for i := 0; i < len(got) || i < len(wants); i++ {
		if i >= len(got) {
			t.Errorf("missing %q", wants[i].text)
			continue
		}
		g := got[i]
		gt := text[g.Start:g.End]
		if i >= len(wants) {
			t.Errorf("unexpected %q (%s..%s p%d %q)", gt, fmtDay(g.From), fmtDay(g.To), g.Precision, g.Value)
			continue
		}
		w := wants[i]
		if gt != w.text || fmtDay(g.From) != w.from || fmtDay(g.To) != w.to || g.Precision != w.precision || g.Value != w.value || g.Absolute != w.absolute {
			t.Errorf("got  %q %s..%s p%d %q abs=%v\nwant %q %s..%s p%d %q abs=%v",
				gt, fmtDay(g.From), fmtDay(g.To), g.Precision, g.Value, g.Absolute,
				w.text, w.from, w.to, w.precision, w.value, w.absolute)
		}
	}
}

func TestFind(t *testing.T) {
	const ref = "2023-03-27" // a Monday; ISO week 13
	tests := []struct {
		name string
		text string
		ref  string
		want []want
	}{
		// Absolute days.
		{"WeekdayPartDate", "On Sunday night, March 26, the directorate said.", ref,
			[]want{{"Sunday night, March 26", "2023-03-26", "2023-03-26", 1, "2023-03-26", true}}},
		{"MonthDay", "an attack on three hideouts on March 18.", ref,
			[]want{{"March 18", "2023-03-18", "2023-03-18", 1, "2023-03-18", true}}},
		{"DayMonth", "Fighting resumed on 26 March and again on 2nd April.", "2023-04-05",
			[]want{{"26 March", "2023-03-26", "2023-03-26", 1, "2023-03-26", true},
				{"2nd April", "2023-04-02", "2023-04-02", 1, "2023-04-02", true}}},
		{"MonthDayYear", "The blast on March 26, 2023 killed two.", "",
			[]want{{"March 26, 2023", "2023-03-26", "2023-03-26", 1, "2023-03-26", true}}},
		{"DayMonthYear", "Elections were held on 26 March 2023.", "",
			[]want{{"26 March 2023", "2023-03-26", "2023-03-26", 1, "2023-03-26", true}}},
		{"Abbreviation", "Clashes broke out on Mar. 26 and Sept 3.", ref,
			[]want{{"Mar. 26", "2023-03-26", "2023-03-26", 1, "2023-03-26", true},
				{"Sept 3", "2022-09-03", "2022-09-03", 1, "2022-09-03", true}}},
		{"OrdinalOf", "He was detained on the 26th of March.", ref,
			[]want{{"26th of March", "2023-03-26", "2023-03-26", 1, "2023-03-26", true}}},
		{"WeekdayDateYear", "The raid took place on Thursday, February 2, 2016, officials said.", ref,
			[]want{{"Thursday, February 2, 2016", "2016-02-02", "2016-02-02", 1, "2016-02-02", true}}},
		{"WeekdayDayMonth", "on Sunday, 26 March, police said", ref,
			[]want{{"Sunday, 26 March", "2023-03-26", "2023-03-26", 1, "2023-03-26", true}}},
		{"ISO", "Posted 2023-03-26 by staff.", "",
			[]want{{"2023-03-26", "2023-03-26", "2023-03-26", 1, "2023-03-26", true}}},
		{"NumericUnambiguous", "Dated 26/03/2023; not 03.04.2023.", "",
			[]want{{"26/03/2023", "2023-03-26", "2023-03-26", 1, "2023-03-26", true}}},
		{"NumericSlashMonthFirst", "Filed 03/04/2023 and 12/11/2022.", "",
			[]want{{"03/04/2023", "2023-03-04", "2023-03-04", 1, "2023-03-04", true},
				{"12/11/2022", "2022-12-11", "2022-12-11", 1, "2022-12-11", true}}},
		{"SeasonNoRef", "Fighting eased last summer; the winter of 2021 was harsh.", "",
			[]want{{"last summer", "", "", 4, "XXXX-SU", false},
				{"the winter of 2021", "2021-12-01", "2022-02-28", 4, "2021-WI", true}}},
		{"QuarterNoRef", "Profits fell in the fourth quarter and the first quarter of 2022.", "",
			[]want{{"the fourth quarter", "", "", 4, "XXXX-Q4", false},
				{"the first quarter of 2022", "2022-01-01", "2022-03-31", 4, "2022-Q1", true}}},
		{"Decades", "Built in the 1980s, rebuilt in the 1990's; 2020s.", "",
			[]want{{"the 1980s", "1980-01-01", "1989-12-31", 4, "198", true},
				{"the 1990's", "1990-01-01", "1999-12-31", 4, "199", true},
				{"2020s", "2020-01-01", "2029-12-31", 4, "202", true}}},
		{"AttributiveYear", "After the 2020 election and the 2000 people, 2019 rounds.", "",
			[]want{{"2020", "2020-01-01", "2020-12-31", 4, "2020", true}}},
		{"DayRange", "Talks ran from March 26-28 and 5-6 April.", "2023-04-10",
			[]want{{"March 26-28", "2023-03-26", "2023-03-28", 2, "2023-03-26/2023-03-28", true},
				{"5-6 April", "2023-04-05", "2023-04-06", 2, "2023-04-05/2023-04-06", true}}},
		{"CrossMonthRanges", "Talks ran from March 26 to April 2, then between 26 March and 2 April 2023 and between March 1 and 5.", ref,
			[]want{{"March 26 to April 2", "2023-03-26", "2023-04-02", 2, "2023-03-26/2023-04-02", true},
				{"26 March and 2 April 2023", "2023-03-26", "2023-04-02", 2, "2023-03-26/2023-04-02", true},
				{"March 1 and 5", "2023-03-01", "2023-03-05", 2, "2023-03-01/2023-03-05", true}}},
		{"ToRange", "Nationals run from Nov. 3 to 6, 2022, and from Dec. 28 to Jan. 3.", "2023-01-05",
			[]want{{"Nov. 3 to 6, 2022", "2022-11-03", "2022-11-06", 2, "2022-11-03/2022-11-06", true},
				{"Dec. 28 to Jan. 3", "2022-12-28", "2023-01-03", 2, "2022-12-28/2023-01-03", true}}},
		{"FullDateRange", "Between March 26, 2023 and April 30, 2023, hundreds fled.", ref,
			[]want{{"March 26, 2023 and April 30, 2023", "2023-03-26", "2023-04-30", 3, "2023-03-26/2023-04-30", true}}},
		{"NotARange", "On March 26 and April 2 police said", ref,
			[]want{{"March 26", "2023-03-26", "2023-03-26", 1, "2023-03-26", true},
				{"April 2", "2022-04-02", "2022-04-02", 1, "2022-04-02", true}}},
		{"LastYearInJanuary", "Rebels seized the town on December 28.", "2023-01-05",
			[]want{{"December 28", "2022-12-28", "2022-12-28", 1, "2022-12-28", true}}},
		{"DayAfterSlack", "The vote on March 28 was delayed; so was one on March 29.", ref,
			[]want{{"March 28", "2023-03-28", "2023-03-28", 1, "2023-03-28", true},
				{"March 29", "2022-03-29", "2022-03-29", 1, "2022-03-29", true}}},
		{"WeekdayChecksYear", "Protests are planned for Sunday, April 2.", ref,
			[]want{{"Sunday, April 2", "2023-04-02", "2023-04-02", 1, "2023-04-02", true}}},
		{"LeapDay", "It began on February 29.", ref,
			[]want{{"February 29", "2020-02-29", "2020-02-29", 1, "2020-02-29", true}}},

		// Months and years.
		{"MonthYear", "Attacks rose in March 2023.", "",
			[]want{{"March 2023", "2023-03-01", "2023-03-31", 3, "2023-03", true}}},
		{"BareMonth", "Attacks rose in February and fell in May.", ref,
			[]want{{"February", "2023-02-01", "2023-02-28", 3, "2023-02", true},
				{"May", "2022-05-01", "2022-05-31", 3, "2022-05", true}}},
		{"MonthParts", "in early March, mid-March and late March, and at the end of February", ref,
			[]want{{"early March", "2023-03-01", "2023-03-10", 2, "2023-03", true},
				{"mid-March", "2023-03-11", "2023-03-20", 2, "2023-03", true},
				{"late March", "2023-03-21", "2023-03-31", 2, "2023-03", true},
				{"the end of February", "2023-02-21", "2023-02-28", 2, "2023-02", true}}},
		{"LastMonthName", "as happened last March", ref,
			[]want{{"last March", "2022-03-01", "2022-03-31", 3, "2022-03", true}}},
		{"Year", "ever since the Taliban came to power in 2021.", ref,
			[]want{{"2021", "2021-01-01", "2021-12-31", 4, "2021", true}}},
		{"YearParts", "since early 2021 and until mid-2022", ref,
			[]want{{"early 2021", "2021-01-01", "2021-04-30", 4, "2021", true},
				{"mid-2022", "2022-05-01", "2022-08-31", 4, "2022", true}}},

		{"YearRange", "He was governor from 1983 to 1995, and 2014 Olympic medallists met between June and July.", ref,
			[]want{{"1983", "1983-01-01", "1983-12-31", 4, "1983", true},
				{"1995", "1995-01-01", "1995-12-31", 4, "1995", true},
				{"June", "2022-06-01", "2022-06-30", 3, "2022-06", true},
				{"July", "2022-07-01", "2022-07-31", 3, "2022-07", true}}},
		{"MonthOfYear", "fighting since October of 2012", ref,
			[]want{{"October of 2012", "2012-10-01", "2012-10-31", 3, "2012-10", true}}},
		{"YearsLater", "The war began in 1983. Four years later a truce was signed; cases rose from the previous year.", ref,
			[]want{{"1983", "1983-01-01", "1983-12-31", 4, "1983", true},
				{"Four years later", "1987-01-01", "1987-12-31", 4, "1987", false},
				{"the previous year", "1986-01-01", "1986-12-31", 4, "1986", false}}},
		{"WeekdayParenthesis", "Militants on Saturday (March 25) claimed the attack.", ref,
			[]want{{"Saturday (March 25)", "2023-03-25", "2023-03-25", 1, "2023-03-25", true}}},

		// Relative to the reference.
		{"RelativeDays", "Today police said that yesterday, tonight and this morning were calm; last night was not.", ref,
			[]want{{"Today", "2023-03-27", "2023-03-27", 1, "2023-03-27", false},
				{"yesterday", "2023-03-26", "2023-03-26", 1, "2023-03-26", false},
				{"tonight", "2023-03-27", "2023-03-27", 1, "2023-03-27TNI", false},
				{"this morning", "2023-03-27", "2023-03-27", 1, "2023-03-27TMO", false},
				{"last night", "2023-03-26", "2023-03-26", 1, "2023-03-26TNI", false}}},
		{"Overnight", "Shelling continued overnight.", ref,
			[]want{{"overnight", "2023-03-26", "2023-03-27", 2, "2023-03-26/2023-03-27", false}}},
		{"YesterdayMorning", "The bomb went off yesterday morning.", ref,
			[]want{{"yesterday morning", "2023-03-26", "2023-03-26", 1, "2023-03-26TMO", false}}},
		{"Weekdays", "on Sunday, last Sunday, Sunday night, on Monday and on Tuesday", ref,
			[]want{{"Sunday", "2023-03-26", "2023-03-26", 1, "2023-03-26", false},
				{"last Sunday", "2023-03-26", "2023-03-26", 1, "2023-03-26", false},
				{"Sunday night", "2023-03-26", "2023-03-26", 1, "2023-03-26TNI", false},
				{"Monday", "2023-03-27", "2023-03-27", 1, "2023-03-27", false},
				{"Tuesday", "2023-03-21", "2023-03-21", 1, "2023-03-21", false}}},
		{"NextWeekday", "The talks resume next Friday.", ref,
			[]want{{"next Friday", "2023-03-31", "2023-03-31", 1, "2023-03-31", false}}},
		{"Possessive", "Sunday's attack killed five.", ref,
			[]want{{"Sunday", "2023-03-26", "2023-03-26", 1, "2023-03-26", false}}},
		{"Ago", "two days ago, a few days ago, 3 weeks ago, a month ago and 48 hours ago", ref,
			[]want{{"two days ago", "2023-03-25", "2023-03-25", 1, "2023-03-25", false},
				{"a few days ago", "2023-03-24", "2023-03-24", 1, "2023-03-24", false},
				{"3 weeks ago", "2023-03-06", "2023-03-12", 2, "2023-W10", false},
				{"a month ago", "2023-02-01", "2023-02-28", 3, "2023-02", false},
				{"48 hours ago", "2023-03-25", "2023-03-25", 1, "2023-03-25", false}}},
		{"Weeks", "last week, this week and earlier this week", ref,
			[]want{{"last week", "2023-03-20", "2023-03-26", 2, "2023-W12", false},
				{"this week", "2023-03-27", "2023-03-27", 2, "2023-W13", false},
				{"earlier this week", "2023-03-27", "2023-03-27", 2, "2023-W13", false}}},
		{"Windows", "in the past week, over the last few days, in the past 24 hours and in recent days", ref,
			[]want{{"the past week", "2023-03-20", "2023-03-27", 2, "P1W", false},
				{"the last few days", "2023-03-24", "2023-03-27", 2, "PXD", false},
				{"the past 24 hours", "2023-03-26", "2023-03-27", 2, "PT24H", false},
				{"recent days", "2023-03-20", "2023-03-27", 2, "PXD", false}}},
		{"PastMonths", "over the past two months", ref,
			[]want{{"the past two months", "2023-01-27", "2023-03-27", 3, "P2M", false}}},
		{"Months", "last month, earlier this month, this month, last year and this year", ref,
			[]want{{"last month", "2023-02-01", "2023-02-28", 3, "2023-02", false},
				{"earlier this month", "2023-03-01", "2023-03-27", 3, "2023-03", false},
				{"this month", "2023-03-01", "2023-03-27", 3, "2023-03", false},
				{"last year", "2022-01-01", "2022-12-31", 4, "2022", false},
				{"this year", "2023-01-01", "2023-03-27", 4, "2023", false}}},
		{"Weekend", "Fighting over the weekend and last weekend", ref,
			[]want{{"the weekend", "2023-03-25", "2023-03-26", 2, "2023-W12-WE", false},
				{"last weekend", "2023-03-25", "2023-03-26", 2, "2023-W12-WE", false}}},

		// Anaphora.
		{"NextDay", "Gunmen struck on March 18. The next day, police made arrests. Two days later the road reopened.", ref,
			[]want{{"March 18", "2023-03-18", "2023-03-18", 1, "2023-03-18", true},
				{"The next day", "2023-03-19", "2023-03-19", 1, "2023-03-19", false},
				{"Two days later", "2023-03-21", "2023-03-21", 1, "2023-03-21", false}}},
		{"PreviousDayOtherParagraph", "Gunmen struck on March 18.\n\nA bomb had exploded the previous day.", ref,
			[]want{{"March 18", "2023-03-18", "2023-03-18", 1, "2023-03-18", true},
				{"the previous day", "2023-03-17", "2023-03-17", 1, "2023-03-17", false}}},
		{"DayBeforeObject", "a rally the day before the election", ref, nil},

		// Without a reference.
		{"NoRef", "On March 26 and on Sunday, yesterday and last week; in March.", "",
			[]want{{"March 26", "", "", 1, "XXXX-03-26", true},
				{"Sunday", "", "", 1, "XXXX-WXX-7", false},
				{"yesterday", "", "", 1, "", false},
				{"last week", "", "", 2, "", false},
				{"March", "", "", 3, "XXXX-03", true}}},

		// False positives.
		{"MayModal", "The toll may rise. It may be weeks before May God help them.", ref, nil},
		{"MarchNoun", "Protesters march through Kabul; the march was peaceful. March organisers said.", ref, nil},
		{"Newspaper", "The Sunday Times reported it, as did the Sunday Telegraph and USA Today.", ref, nil},
		{"NamedDays", "on the anniversary of Bloody Sunday at the Friday Mosque", ref, nil},
		// A part of the day after the weekday makes it a time even after a
		// name: the place a shooting happened, then when.
		{"WeekdayPartAfterName", "Two men were wounded outside a bar in east Fairview Saturday night.", ref,
			[]want{{"Saturday night", "2023-03-25", "2023-03-25", 1, "2023-03-25TNI", false}}},
		{"Counts", "Police killed 26 people and arrested 2021 suspects at 10:30 on the 9/11 anniversary; 3.5 percent.", ref,
			[]want{{"10:30", "", "", 1, "2023-03-27T10:30", false}}}, // a clock time (TimeML TIME), never an event's date
		{"NamedMovement", "The March 23 Movement and the 6 April Youth Movement", ref, nil},
		{"OrdinalWeekday", "Thanksgiving falls on the last Thursday in November.", ref,
			[]want{{"November", "2022-11-01", "2022-11-30", 3, "2022-11", true}}},
		{"DistrictOrdinals", "in the 5th, 8th and 10th districts", ref, nil},

		// Multibyte text before and around.
		{"Multibyte", "Kabul’s police — «the directorate» — said on March 18 that ISIS’s men…", ref,
			[]want{{"March 18", "2023-03-18", "2023-03-18", 1, "2023-03-18", true}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := date.Find(tc.text, sitrep.Span{}, day(tc.ref))
			checkExprs(t, tc.text, got, tc.want)
		})
	}
}

func TestFind_Body(t *testing.T) {
	text := "Menu March 1\nGunmen attacked on March 18.\nFooter May 5"
	start := strings.Index(text, "Gunmen")
	end := strings.Index(text, "\nFooter")
	got := date.Find(text, sitrep.Span{Start: start, End: end}, day("2023-03-27"))
	checkExprs(t, text, got, []want{{"March 18", "2023-03-18", "2023-03-18", 1, "2023-03-18", true}})
	// Out-of-range and reversed spans do not panic.
	for _, sp := range []sitrep.Span{{Start: -5, End: 1000}, {Start: 30, End: 10}, {Start: 1000, End: 2000}} {
		for _, e := range date.Find(text, sp, time.Time{}) {
			if e.Start < 0 || e.End > len(text) || e.Start >= e.End {
				t.Errorf("span %v: bad offsets %d..%d", sp, e.Start, e.End)
			}
		}
	}
}

func TestInferReference(t *testing.T) {
	now := day("2026-11-26")
	tests := []struct {
		name string
		text string
		now  time.Time
		want string // "" when ok is false
	}{
		{"WeekdayPinsYearAboveStatedYear",
			"On Sunday night, March 26, the army said it had killed three militants. Attacks have grown since the group came to power in 2021. Another raid took place on March 18.",
			now, "2023-03-26"},
		{"WeekdayPinsLatestYear", "The ministry said on Thursday, February 2, that ten were arrested.", now, "2023-02-02"},
		{"NowBounds", "Police said on Sunday, March 26, that the road was closed.", day("2020-01-01"), "2017-03-26"},
		{"FutureCueDoesNotBound", "On Sunday, March 26, officials vowed to rebuild by 2030.", now, "2023-03-26"},
		{"StatedYearExcludesAll", "On Sunday, March 26, officials recalled the floods in 2024.", now, ""},
		{"ExplicitDate", "The bombing on 2 February 2016 killed six; it was the worst since 2014.", now, "2016-02-02"},
		{"LatestDay", "After the raid on 3 January 2022 and the strike on January 9, 2022, calm returned.", now, "2022-01-09"},
		{"FutureDateIgnored", "The vote set for 1 March 2031 follows the raid on 5 May 2024.", now, "2024-05-05"},
		{"StatedCurrentYear", "Since the start of 2026, attacks rose; the latest came on March 18.", now, "2026-03-18"},
		{"NearestToStatedMonth", "On Thursday, May 5, officials said cases had risen since October 2006.", now, "2011-05-05"},
		{"NoStatedMonthTakesLatest", "On Thursday, May 5, officials said cases had risen since 2006.", now, "2022-05-05"},
		{"NoEvidence", "Militants attacked a checkpoint on Sunday, killing two, police said yesterday.", now, ""},
		{"MonthOnly", "Attacks rose in March 2023.", now, ""},
		{"Empty", "", now, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := date.InferReference(tc.text, sitrep.Span{}, tc.now)
			if tc.want == "" {
				if ok {
					t.Fatalf("got %s, want no reference", fmtDay(got))
				}
				return
			}
			if !ok || fmtDay(got) != tc.want {
				t.Fatalf("got %s (ok=%v), want %s", fmtDay(got), ok, tc.want)
			}
		})
	}
}

// TestFind_Long checks that a long text, read in chunks, gives every
// expression once, with a single line of several megabytes among them.
func TestFind_Long(t *testing.T) {
	const unit = "Gunmen attacked a post on March 18 and 2021 was calm. "
	for _, tc := range []struct {
		name string
		sep  string
	}{{"Lines", "\n"}, {"OneLine", ""}, {"NoSpaces", "x"}} {
		t.Run(tc.name, func(t *testing.T) {
			n := 40000 // about 2 MB
			var b strings.Builder
			for i := 0; i < n; i++ {
				b.WriteString(unit)
				b.WriteString(tc.sep)
			}
			text := b.String()
			if tc.name == "NoSpaces" {
				text = strings.ReplaceAll(text, " ", "")
			}
			got := date.Find(text, sitrep.Span{}, day("2023-03-27"))
			if tc.name == "NoSpaces" {
				return // no panic is all that is asked
			}
			count := 0
			for _, e := range got {
				if text[e.Start:e.End] == "March 18" {
					count++
				}
			}
			// A chunk boundary may fall inside at most one expression per chunk.
			if count < n-len(text)/(32<<10) || count > n {
				t.Fatalf("found %d of %d dates", count, n)
			}
		})
	}
}

// TestFindInferred checks that one scan gives what InferReference and
// then Find give.
func TestFindInferred(t *testing.T) {
	f, err := date.Default()
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	for name, text := range map[string]string{
		"weekday pins year": "On Sunday night, March 26, gunmen attacked a post. On Monday police arrested two men.",
		"stated year":       "Since the group took power in 2021, raids rose. On March 18 a market was hit.",
		"nothing":           "Clashes went on in the hills.",
		"empty":             "",
	} {
		t.Run(name, func(t *testing.T) {
			ref, ok := f.InferReference(text, sitrep.Span{}, now)
			if !ok {
				ref = time.Time{}
			}
			want := f.Find(text, sitrep.Span{}, ref)
			got, gref, gok := f.FindInferred(text, sitrep.Span{}, now)
			if gok != ok || !gref.Equal(ref) {
				t.Errorf("reference %v %v, want %v %v", gref, gok, ref, ok)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("got %+v\nwant %+v", got, want)
			}
		})
	}
}
