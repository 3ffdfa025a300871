package export

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// acledColumns are the columns of ACLED's public data export, in ACLED's
// order (the CSV that the ACLED Explorer and API write).
var acledColumns = []string{
	"event_id_cnty", "event_date", "year", "time_precision", "disorder_type",
	"event_type", "sub_event_type", "actor1", "assoc_actor_1", "inter1",
	"actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
	"iso", "region", "country", "admin1", "admin2", "admin3", "location",
	"latitude", "longitude", "geo_precision", "source", "source_scale",
	"notes", "fatalities", "tags", "timestamp",
}

// extraColumns are sitrep's own columns, after ACLED's.
var extraColumns = []string{
	"claimed_by", "verification", "date_basis", "date_from", "people",
	"injuries", "arrests", "geonameid", "evidence", "claims",
	"fatalities_low", "fatalities_best", "fatalities_high",
}

// numericColumns are the columns whose cells are numbers (or empty). They
// are written as they are: "-3.5" in latitude is a number, and a
// spreadsheet must read it as one. Every other column is text and is
// neutralised (see Neutralize).
var numericColumns = map[string]bool{
	"year": true, "time_precision": true, "inter1": true, "inter2": true, "interaction": true,
	"iso": true, "latitude": true, "longitude": true, "geo_precision": true, "fatalities": true,
	"timestamp": true, "injuries": true, "arrests": true, "geonameid": true,
	"fatalities_low": true, "fatalities_best": true, "fatalities_high": true,
}

// Columns is the CSV header: ACLED's column names in ACLED's order, then
// sitrep's. Columns that sitrep has no value for (source_scale, tags,
// timestamp) are written empty; iso and region come from the embedded
// country table (lexicon/data/countries.tsv) by the event's country.
var Columns = append(append([]string(nil), acledColumns...), extraColumns...)

// textColumn[i] tells whether Columns[i] holds text (see numericColumns).
var textColumn = func() []bool {
	t := make([]bool, len(Columns))
	for i, c := range Columns {
		t[i] = !numericColumns[c]
	}
	return t
}()

// Neutralize returns a text cell that a spreadsheet would read as a
// formula with a single quote in front, as OWASP's "CSV Injection" advice
// has it: a cell beginning with "=", "+", "-", "@", a tab or a carriage
// return. A source id "=HYPERLINK(...)" or a note "@SUM(...)" then shows as
// text instead of running. Other cells are returned unchanged.
func Neutralize(cell string) string {
	if cell == "" {
		return cell
	}
	switch cell[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + cell
	}
	return cell
}

// ACLED's disorder types.
const (
	PoliticalViolence     = "Political violence"
	Demonstrations        = "Demonstrations"
	StrategicDevelopments = "Strategic developments"
)

// DisorderType returns ACLED's disorder_type of an event type and
// sub-event type, "" for an unknown event type.
//
// ACLED codebook: Battles, Explosions/Remote violence and Violence against
// civilians are political violence; Protests are demonstrations; Riots are
// demonstrations when they are violent demonstrations and political
// violence when they are mob violence; "Excessive force against
// protesters" is both ("Political violence; Demonstrations").
func DisorderType(eventType, subEventType string) string {
	switch eventType {
	case sitrep.Battles, sitrep.ExplosionsRemote, sitrep.ViolenceAgainstCivilian:
		return PoliticalViolence
	case sitrep.Protests:
		if subEventType == "Excessive force against protesters" {
			return PoliticalViolence + "; " + Demonstrations
		}
		return Demonstrations
	case sitrep.Riots:
		if subEventType == "Mob violence" {
			return PoliticalViolence
		}
		return Demonstrations
	case sitrep.StrategicDevelopments:
		return StrategicDevelopments
	}
	return ""
}

// CivilianTargeting returns ACLED's civilian_targeting value: "Civilian
// targeting" when the event is political violence aimed at civilians
// (actor2 is civilians, inter code 7), "" otherwise.
func CivilianTargeting(ev *sitrep.Event) string {
	if !strings.HasPrefix(DisorderType(ev.EventType, ev.SubEventType), PoliticalViolence) {
		return ""
	}
	if ev.Inter2 == 7 || strings.HasPrefix(ev.Actor2, "Civilians") {
		return "Civilian targeting"
	}
	return ""
}

// Interaction returns ACLED's interaction code: the two inter codes, the
// lower first ("17"); a sole actor is coded with 0 ("10"); "" when inter1
// is unknown.
func Interaction(inter1, inter2 int) string {
	if inter1 <= 0 {
		return ""
	}
	if inter2 <= 0 {
		return strconv.Itoa(inter1 * 10)
	}
	lo, hi := min(inter1, inter2), max(inter1, inter2)
	return strconv.Itoa(lo*10 + hi)
}

// PeopleString renders people as "name (fate)" joined by "; ".
func PeopleString(people []sitrep.Person) string {
	var sb strings.Builder
	for i, p := range people {
		if i > 0 {
			sb.WriteString("; ")
		}
		sb.WriteString(p.Name)
		if p.Fate != "" {
			sb.WriteString(" (")
			sb.WriteString(p.Fate)
			sb.WriteString(")")
		}
	}
	return sb.String()
}

// csvWriter writes the header, then one row per event.
type csvWriter struct {
	bw     *bufio.Writer
	w      *csv.Writer
	row    []string
	header bool
}

func newCSVWriter(bw *bufio.Writer) *csvWriter {
	return &csvWriter{bw: bw, w: csv.NewWriter(bw), row: make([]string, len(Columns))}
}

func (c *csvWriter) writeHeader() error {
	if c.header {
		return nil
	}
	c.header = true
	if err := c.w.Write(Columns); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// itoa formats n, or "" for 0 where 0 means unknown.
func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

func ftoa(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func jsonString(v any, empty bool) (string, error) {
	if empty {
		return "", nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

// ptoa formats a figure that may be unknown (nil: empty).
func ptoa(n *int) string {
	if n == nil {
		return ""
	}
	return strconv.Itoa(*n)
}

// sourceColumn is ACLED's source column: every document that reports the
// event, "; "-separated, the first first (ACLED lists all its sources).
func sourceColumn(ev *sitrep.Event) string {
	if len(ev.Sources) <= 1 {
		return ev.Source
	}
	srcs := make([]string, len(ev.Sources))
	for i, s := range ev.Sources {
		srcs[i] = s.Source
	}
	return strings.Join(srcs, "; ")
}

// Row returns the CSV record of ev, one value per entry of Columns, with
// every text cell neutralised (see Neutralize).
func Row(ev *sitrep.Event) ([]string, error) {
	row := make([]string, len(Columns))
	return row, fillRow(row, ev)
}

func fillRow(r []string, ev *sitrep.Event) error {
	year := ""
	if len(ev.EventDate) >= 4 {
		year = ev.EventDate[:4]
	}
	evidence, err := jsonString(ev.Evidence, len(ev.Evidence) == 0)
	if err != nil {
		return err
	}
	claims, err := jsonString(ev.Claims, len(ev.Claims) == 0)
	if err != nil {
		return err
	}
	iso, region := countryColumns(ev.Country)
	copy(r, []string{
		ev.EventID,             // event_id_cnty
		ev.EventDate,           // event_date
		year,                   // year
		itoa(ev.TimePrecision), // time_precision
		DisorderType(ev.EventType, ev.SubEventType), // disorder_type
		ev.EventType,                      // event_type
		ev.SubEventType,                   // sub_event_type
		ev.Actor1,                         // actor1
		ev.AssocActor1,                    // assoc_actor_1
		itoa(ev.Inter1),                   // inter1
		ev.Actor2,                         // actor2
		ev.AssocActor2,                    // assoc_actor_2
		itoa(ev.Inter2),                   // inter2
		Interaction(ev.Inter1, ev.Inter2), // interaction
		CivilianTargeting(ev),             // civilian_targeting
		iso,                               // iso
		region,                            // region
		ev.Country,                        // country
		ev.Admin1,                         // admin1
		ev.Admin2,                         // admin2
		ev.Admin3,                         // admin3
		ev.Location,                       // location
		ftoa(ev.Latitude),                 // latitude
		ftoa(ev.Longitude),                // longitude
		itoa(ev.GeoPrecision),             // geo_precision
		sourceColumn(ev),                  // source
		"",                                // source_scale
		ev.Notes,                          // notes
		strconv.Itoa(ev.Fatalities),       // fatalities
		"",                                // tags
		"",                                // timestamp
		ev.ClaimedBy,                      // claimed_by
		ev.Verification,                   // verification
		ev.DateBasis,                      // date_basis
		ev.DateFrom,                       // date_from
		PeopleString(ev.People),           // people
		strconv.Itoa(ev.Injuries),         // injuries
		strconv.Itoa(ev.Arrests),          // arrests
		itoa(ev.GeonameID),                // geonameid
		evidence,                          // evidence
		claims,                            // claims
		ptoa(ev.FatalitiesLow),            // fatalities_low
		ptoa(ev.FatalitiesBest),           // fatalities_best
		ptoa(ev.FatalitiesHigh),           // fatalities_high
	})
	for i, text := range textColumn {
		if text {
			r[i] = Neutralize(r[i])
		}
	}
	return nil
}

// countryColumns returns ACLED's iso (ISO 3166-1 numeric) and region
// columns of a country named as ACLED spells it; blanks for an unknown
// country and an iso blank for a country without a numeric code.
func countryColumns(country string) (iso, region string) {
	if country == "" {
		return "", ""
	}
	c, ok := lexicon.CountryByName(country)
	if !ok {
		return "", ""
	}
	return itoa(c.ISONumeric), c.Region
}

func (c *csvWriter) Write(ev *sitrep.Event) error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	if err := fillRow(c.row, ev); err != nil {
		return fmt.Errorf("export csv: event %s: %w", ev.EventID, err)
	}
	if err := c.w.Write(c.row); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

func (c *csvWriter) Close() error {
	if err := c.writeHeader(); err != nil {
		return err
	}
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	if err := c.bw.Flush(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}
