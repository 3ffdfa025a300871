package lexicon

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Names of the actor data files inside the lexicon file system.
const (
	StateForcesFile  = "data/state_forces.tsv"
	ActorsFile       = "data/actors.tsv"
	AgentsFile       = "data/agents.tsv"
	PersonTitlesFile = "data/person_titles.tsv"
)

// dateLayout is the layout of the from and to columns.
const dateLayout = "2006-01-02"

// Inter codes: ACLED's actor types.
const (
	InterState      = 1 // state forces
	InterRebel      = 2 // rebel groups
	InterPolitical  = 3 // political militias
	InterIdentity   = 4 // identity militias
	InterRioters    = 5
	InterProtesters = 6
	InterCivilians  = 7
	InterExternal   = 8 // external/other forces
)

// StateForces names a country's military and police for one regime period.
type StateForces struct {
	// Country is the ISO 3166-1 alpha-2 code.
	Country string
	// From is the first day of the period; zero when open.
	From time.Time
	// To is the day the next period starts (exclusive); zero when open.
	To time.Time
	// Military is ACLED's name for the armed forces, e.g.
	// "Military Forces of Afghanistan (2021-)".
	Military string
	// Police is ACLED's name for the police, e.g.
	// "Police Forces of Afghanistan (2021-)".
	Police string
	// Aliases are names in news that mean this period's state forces.
	Aliases []string
}

// Contains reports whether day falls within the period.
func (s StateForces) Contains(day time.Time) bool {
	return (s.From.IsZero() || !day.Before(s.From)) && (s.To.IsZero() || day.Before(s.To))
}

// Actor is a named armed, political or state-linked actor from actors.tsv.
type Actor struct {
	// Name is ACLED's name ("Islamic State", "TTP: Tehreek-i-Taliban Pakistan").
	Name string
	// Inter is ACLED's actor type code (1-8).
	Inter int
	// Country is the ISO2 code of its main theatre, "" when transnational.
	Country string
	// Aliases are other names in news.
	Aliases []string
	// Parent is the Name of the parent actor, "" when none.
	Parent string
	// From and To bound the period the name applies to (To exclusive);
	// zero when open.
	From, To time.Time
	// QualifyByCountry is true when ACLED names the actor per country:
	// the matcher appends " (Country)" from context, as in
	// "Islamic State (Syria)".
	QualifyByCountry bool
	// ACLED is the name ACLED codes the actor under when it differs from
	// Name ("Islamic State" for ISKP, "Hamas Movement" for the Qassam
	// Brigades); "" means Name.
	ACLED string
}

// ACLEDName returns the name ACLED uses for the actor in a country (the
// country's ACLED name, e.g. "Afghanistan"): the acled column or Name,
// qualified with " (country)" when the actor is named per country and
// country is not empty.
func (a Actor) ACLEDName(country string) string {
	n := a.ACLED
	if n == "" {
		n = a.Name
	}
	if a.QualifyByCountry && country != "" {
		n += " (" + country + ")"
	}
	return n
}

// Contains reports whether day falls within the actor's period.
func (a Actor) Contains(day time.Time) bool {
	return (a.From.IsZero() || !day.Before(a.From)) && (a.To.IsZero() || day.Before(a.To))
}

// Agent is a generic word for who acts ("police", "gunmen", "protesters")
// and how ACLED names it.
type Agent struct {
	// Terms are the words and phrases, singular and plural.
	Terms []string
	// Kind is the agent class: military, police, unidentified, protesters,
	// rioters, civilians, militia or a civilian group such as students.
	Kind string
	// Inter is ACLED's actor type code.
	Inter int
	// Template builds the ACLED name: {country} is the country name,
	// {military} and {police} the state forces of the country and date.
	Template string
	// Assoc is the template of ACLED's associated actor for the group
	// ("Students ({country})"), "" when none.
	Assoc string
}

// PersonTitle is an honorific, rank or office that precedes a name.
type PersonTitle struct {
	// Title is the word as written ("Mawlawi", "Gen.", "Prime Minister").
	Title string
	// Kind is religious, military, political, honorific or kunya.
	Kind string
}

var (
	forcesOnce = sync.OnceValues(func() ([]StateForces, error) { return LoadForces(dataFS) })
	actorsOnce = sync.OnceValues(func() ([]Actor, error) { return LoadActors(dataFS) })
	agentsOnce = sync.OnceValues(func() ([]Agent, error) { return LoadAgents(dataFS) })
	titlesOnce = sync.OnceValues(func() ([]PersonTitle, error) { return LoadPersonTitles(dataFS) })
)

// Forces returns the embedded state forces, loaded once, sorted by country
// and start. The slice is shared: callers must not modify it.
func Forces() ([]StateForces, error) { return forcesOnce() }

// ForcesAt returns the state forces of country iso2 on day. When day is
// zero it returns the current (open-ended) period.
func ForcesAt(iso2 string, day time.Time) (StateForces, bool) {
	fs, err := Forces()
	if err != nil {
		return StateForces{}, false
	}
	iso2 = strings.ToUpper(iso2)
	i := sort.Search(len(fs), func(i int) bool { return fs[i].Country >= iso2 })
	var last StateForces
	found := false
	for ; i < len(fs) && fs[i].Country == iso2; i++ {
		if day.IsZero() {
			last, found = fs[i], true // sorted by start: the last one is current
			continue
		}
		if fs[i].Contains(day) {
			return fs[i], true
		}
	}
	return last, found
}

// Actors returns the embedded named actors, loaded once. The slice is
// shared: callers must not modify it.
func Actors() ([]Actor, error) { return actorsOnce() }

// Agents returns the embedded generic agents, loaded once. The slice is
// shared: callers must not modify it.
func Agents() ([]Agent, error) { return agentsOnce() }

// PersonTitles returns the embedded person titles, loaded once. The slice is
// shared: callers must not modify it.
func PersonTitles() ([]PersonTitle, error) { return titlesOnce() }

// LoadForces reads data/state_forces.tsv from fsys. Rows are sorted by
// country and start; overlapping periods of one country are an error.
func LoadForces(fsys fs.FS) ([]StateForces, error) {
	type row struct {
		s    StateForces
		line int
	}
	var rows []row
	err := ReadTSV(fsys, StateForcesFile, func(r Row) error {
		s := StateForces{
			Country:  strings.ToUpper(r.Get("country")),
			Military: r.Get("military"),
			Police:   r.Get("police"),
			Aliases:  r.List("aliases"),
		}
		if !isUpperCode(s.Country, 2) {
			return r.Errorf("country %q: want an ISO 3166-1 alpha-2 code", s.Country)
		}
		if s.Military == "" || s.Police == "" {
			return r.Errorf("%s: military and police names are required", s.Country)
		}
		var err error
		if s.From, s.To, err = period(r); err != nil {
			return err
		}
		rows = append(rows, row{s, r.Line})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(rows, func(a, b int) bool {
		x, y := rows[a].s, rows[b].s
		if x.Country != y.Country {
			return x.Country < y.Country
		}
		return x.From.Before(y.From)
	})
	out := make([]StateForces, len(rows))
	for i, r := range rows {
		out[i] = r.s
		if i == 0 {
			continue
		}
		prev, cur := rows[i-1].s, r.s
		if prev.Country == cur.Country && (prev.To.IsZero() || cur.From.IsZero() || cur.From.Before(prev.To)) {
			return nil, fmt.Errorf("lexicon %s:%d: %s period %s overlaps the period on line %d",
				StateForcesFile, r.line, cur.Country, fmtPeriod(cur.From, cur.To), rows[i-1].line)
		}
	}
	return out, nil
}

// LoadActors reads data/actors.tsv from fsys.
func LoadActors(fsys fs.FS) ([]Actor, error) {
	var out []Actor
	err := ReadTSV(fsys, ActorsFile, func(r Row) error {
		a := Actor{
			Name:    r.Get("name"),
			Country: strings.ToUpper(r.Get("country")),
			Aliases: r.List("aliases"),
			Parent:  r.Get("parent"),
			ACLED:   r.Get("acled"),
		}
		if a.Name == "" {
			return r.Errorf("actor has no name")
		}
		inter, err := parseInter(r)
		if err != nil {
			return err
		}
		a.Inter = inter
		if a.Country != "" && !isUpperCode(a.Country, 2) {
			return r.Errorf("%s: country %q: want an ISO2 code or nothing", a.Name, a.Country)
		}
		switch q := r.Get("qualify"); q {
		case "":
		case "country":
			a.QualifyByCountry = true
		default:
			return r.Errorf("%s: qualify %q: want \"country\" or nothing", a.Name, q)
		}
		if a.From, a.To, err = period(r); err != nil {
			return err
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LoadAgents reads data/agents.tsv from fsys. The term column holds one or
// more |-separated forms of the same agent.
func LoadAgents(fsys fs.FS) ([]Agent, error) {
	var out []Agent
	err := ReadTSV(fsys, AgentsFile, func(r Row) error {
		a := Agent{Terms: r.List("term"), Kind: r.Get("kind"), Template: r.Get("template"), Assoc: r.Get("assoc")}
		if len(a.Terms) == 0 {
			return r.Errorf("agent has no term")
		}
		if a.Kind == "" {
			return r.Errorf("%s: kind is required", a.Terms[0])
		}
		inter, err := parseInter(r)
		if err != nil {
			return err
		}
		a.Inter = inter
		if a.Template == "" {
			return r.Errorf("%s: template is required", a.Terms[0])
		}
		for _, t := range []string{a.Template, a.Assoc} {
			if err := checkTemplate(t); err != nil {
				return r.Errorf("%s: %v", a.Terms[0], err)
			}
		}
		out = append(out, a)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// LoadPersonTitles reads data/person_titles.tsv from fsys.
func LoadPersonTitles(fsys fs.FS) ([]PersonTitle, error) {
	var out []PersonTitle
	err := ReadTSV(fsys, PersonTitlesFile, func(r Row) error {
		t := PersonTitle{Title: r.Get("title"), Kind: r.Get("kind")}
		if t.Title == "" {
			return r.Errorf("title is empty")
		}
		switch t.Kind {
		case "religious", "military", "political", "honorific", "kunya":
		default:
			return r.Errorf("%s: kind %q: want religious, military, political, honorific or kunya", t.Title, t.Kind)
		}
		out = append(out, t)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Expand fills the agent's template for a country (its ACLED name) and its
// state forces on the event date.
func (a Agent) Expand(countryName string, forces StateForces) string {
	return expand(a.Template, countryName, forces)
}

// ExpandAssoc fills the agent's associated-actor template; "" when the
// agent has none.
func (a Agent) ExpandAssoc(countryName string, forces StateForces) string {
	return expand(a.Assoc, countryName, forces)
}

func expand(t, countryName string, forces StateForces) string {
	if !strings.Contains(t, "{") {
		return t
	}
	return strings.NewReplacer(
		"{country}", countryName,
		"{military}", forces.Military,
		"{police}", forces.Police,
	).Replace(t)
}

func checkTemplate(t string) error {
	rest := t
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return fmt.Errorf("template %q: unclosed {", t)
		}
		switch v := rest[i+1 : i+j]; v {
		case "country", "military", "police":
		default:
			return fmt.Errorf("template %q: unknown placeholder {%s}", t, v)
		}
		rest = rest[i+j+1:]
	}
	return nil
}

func parseInter(r Row) (int, error) {
	s := r.Get("inter")
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 8 {
		return 0, r.Errorf("inter %q: want an ACLED code 1-8", s)
	}
	return n, nil
}

// period parses the from and to columns of r.
func period(r Row) (from, to time.Time, err error) {
	if s := r.Get("from"); s != "" {
		if from, err = time.Parse(dateLayout, s); err != nil {
			return from, to, r.Errorf("from %q: want YYYY-MM-DD", s)
		}
	}
	if s := r.Get("to"); s != "" {
		if to, err = time.Parse(dateLayout, s); err != nil {
			return from, to, r.Errorf("to %q: want YYYY-MM-DD", s)
		}
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, r.Errorf("period %s: from must be before to", fmtPeriod(from, to))
	}
	return from, to, nil
}

func fmtPeriod(from, to time.Time) string {
	f, t := "", ""
	if !from.IsZero() {
		f = from.Format(dateLayout)
	}
	if !to.IsZero() {
		t = to.Format(dateLayout)
	}
	return f + ".." + t
}
