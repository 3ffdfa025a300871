// Package sitrep holds the domain types shared by every stage of the
// pipeline: the Document that is read, the Mentions found in it, and the
// Events written from them. It depends on the standard library only.
//
// Data flows one way: input -> Document -> Mentions -> Events -> store -> API.
// Every offset in this package is a UTF-8 byte offset into Document.Text,
// starting at 0; End offsets are exclusive.
package sitrep

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"start"` // byte offset, starting at 0
	End   int `json:"end"`   // byte offset, exclusive
}

// Len returns the length of s in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Contains reports whether o lies inside s.
func (s Span) Contains(o Span) bool { return s.Start <= o.Start && o.End <= s.End }

// Overlaps reports whether s and o share at least one byte.
func (s Span) Overlaps(o Span) bool { return s.Start < o.End && o.Start < s.End }

// Date bases: how a document's reference date was obtained.
const (
	BasisGiven    = "given"    // --published or the batch's "published"
	BasisMetadata = "metadata" // the page's own metadata (HTML meta, feed item)
	BasisInferred = "inferred" // inferred from the text itself
)

// Document is one article as read; all spans index into Text.
type Document struct {
	// ID names the document in every output record ("source"): the --id
	// flag, the batch id, the URL or the file name.
	ID string `json:"source"`
	// URL is the canonical URL of the page, when known.
	URL string `json:"url,omitempty"`
	// Title, Author and Language come from page metadata when present.
	Title    string `json:"title,omitempty"`
	Author   string `json:"author,omitempty"`
	Language string `json:"language,omitempty"`
	// Published is the publication day; the zero Day when unknown.
	Published Day `json:"-"`
	// PublishedBasis is BasisGiven or BasisMetadata when Published is set.
	PublishedBasis string `json:"-"`
	// Text is the article text. For plain-text input it is the input
	// exactly as given, so offsets point into the input file.
	Text string `json:"text"`
	// Body is the part of Text that holds the article itself, without
	// leading or trailing page furniture (share blocks, comment forms).
	// The zero Span means the whole of Text.
	Body Span `json:"-"`
}

// BodySpan returns the span of Text that holds the article body.
func (d *Document) BodySpan() Span {
	if d.Body.End == 0 || d.Body.End > len(d.Text) || d.Body.Start > d.Body.End {
		return Span{0, len(d.Text)}
	}
	return d.Body
}

// Mention kinds, as the spec names them.
const (
	KindPlace   = "place"
	KindDate    = "date"
	KindActor   = "actor"
	KindPerson  = "person"
	KindNumber  = "number"
	KindTrigger = "trigger"
	KindClaim   = "claim"
	// KindWord is a syntactic word (sitrep annotate --syntax): Name is its
	// lemma, Label its UPOS tag, Value its relation and head (WordArc).
	KindWord = "word"
)

// Mention is one annotation of a span of Document.Text, as `annotate`
// prints it. Kind-specific fields are empty for other kinds.
type Mention struct {
	Source string `json:"source"`
	Kind   string `json:"kind"`
	Start  int    `json:"start"` // byte offset, starting at 0
	End    int    `json:"end"`   // byte offset, exclusive
	Text   string `json:"text"`

	// Name is the canonical name: of an actor, a place, a person, or for a
	// trigger its ACLED sub-event type, for a claim the claimant.
	Name string `json:"name,omitempty"`
	// Value is the normalised value: a TimeML date string for dates, an
	// int for numbers.
	Value any `json:"value,omitempty"`
	// Type is a date's TimeML type: DATE, TIME, DURATION or SET.
	Type string `json:"type,omitempty"`

	// Place fields.
	GeonameID   int      `json:"geonameid,omitempty"`
	Latitude    *float64 `json:"latitude,omitempty"`
	Longitude   *float64 `json:"longitude,omitempty"`
	Country     string   `json:"country,omitempty"`
	Admin1      string   `json:"admin1,omitempty"`
	Admin2      string   `json:"admin2,omitempty"`
	FeatureCode string   `json:"feature_code,omitempty"`

	// Label is a finer class: an actor's ACLED type, a person's fate, a
	// number's unit ("killed", "injured", "arrested"), a date's precision,
	// a claim's verification.
	Label string `json:"label,omitempty"`
}

// Span returns the mention's byte range.
func (m Mention) Span() Span { return Span{m.Start, m.End} }

// WordArc is the Value of a word mention: its dependency relation and the
// byte span of its head word (-1, -1 for the root of the sentence).
type WordArc struct {
	Rel       string `json:"rel"`
	HeadStart int    `json:"head_start"`
	HeadEnd   int    `json:"head_end"`
}

// ACLED's six event types.
const (
	Battles                 = "Battles"
	ExplosionsRemote        = "Explosions/Remote violence"
	ViolenceAgainstCivilian = "Violence against civilians"
	Protests                = "Protests"
	Riots                   = "Riots"
	StrategicDevelopments   = "Strategic developments"
)

// EventTypes returns ACLED's six event types in the codebook's order. They
// are the event_type column of lexicon/data/subevents.tsv, where the
// sub-event types are (a lexicon test checks that the two agree); the
// CLI, the API and the page take their lists from here.
func EventTypes() []string {
	return []string{Battles, ExplosionsRemote, ViolenceAgainstCivilian, Protests, Riots, StrategicDevelopments}
}

// Verification states of an event.
const (
	Confirmed   = "confirmed"   // independently confirmed
	Unconfirmed = "unconfirmed" // the text says it is not confirmed
	Claimed     = "claimed"     // only a party's word
	Disputed    = "disputed"    // denied or contradicted
	Reported    = "reported"    // attributed to a neutral source or to none
)

// VerificationStates returns the verification states, from the strongest
// to the weakest claim.
func VerificationStates() []string {
	return []string{Confirmed, Unconfirmed, Claimed, Disputed, Reported}
}

// Fates of a named person in an event.
const (
	FateKilled   = "killed"
	FateInjured  = "injured"
	FateArrested = "arrested"
	FateTargeted = "targeted"
	FateOther    = "other"
)

// Person is a named person taking part in an event.
type Person struct {
	Name        string   `json:"name"`
	Aliases     []string `json:"aliases,omitempty"`
	Role        string   `json:"role,omitempty"`
	Affiliation string   `json:"affiliation,omitempty"`
	Fate        string   `json:"fate,omitempty"`
}

// Evidence is the text behind one field of an event:
// Document.Text[Start:End] == Text, always.
type Evidence struct {
	Field string `json:"field"`
	Text  string `json:"text"`
	Start int    `json:"start"` // byte offset, starting at 0
	End   int    `json:"end"`   // byte offset, exclusive
}

// Claim is one assertion that an event happened: who says so, and how.
type Claim struct {
	// Claimant is the canonical actor or person who asserts the event;
	// "" for an unattributed report.
	Claimant string `json:"claimant"`
	// Cue is the reporting expression: "said", "according to", "claimed".
	Cue string `json:"cue,omitempty"`
	// Spokesperson is the named person who speaks for Claimant
	// ("Taliban spokesman Zabihullah Mujahid said"), "" when none is named.
	Spokesperson string `json:"spokesperson,omitempty"`
	// Stance is "asserts", "claims", "denies", "confirms" or "doubts".
	Stance string `json:"stance"`
	Text   string `json:"text"`
	Start  int    `json:"start"` // byte offset into the text of Source, starting at 0
	End    int    `json:"end"`   // byte offset, exclusive

	// The fields below are filled by the claim ledger (package ledger),
	// where an event gathers the claims of many documents.

	// Source is the document the claim was read in.
	Source string `json:"source,omitempty"`
	// Published is the document's publication date, YYYY-MM-DD, the
	// claim's time; "" when unknown.
	Published string `json:"published,omitempty"`
	// Channel is how the claimant made the claim where the text says so:
	// "statement", "twitter", "telegram", "press conference", ...
	Channel string `json:"channel,omitempty"`
	// Fatalities, Injuries and Arrests are the figures the claim gives;
	// nil when it gives none (a blank, not a zero).
	Fatalities *int `json:"fatalities,omitempty"`
	Injuries   *int `json:"injuries,omitempty"`
	Arrests    *int `json:"arrests,omitempty"`
	// Evidence holds the text behind each figure (fields "fatalities",
	// "injuries", "arrests"), with offsets into the text of Source.
	Evidence []Evidence `json:"evidence,omitempty"`
}

// Event is one ACLED-style event record, as ../shared/spec/events.md
// defines it. Field names and vocabularies follow ACLED where ACLED has the
// field; the fields after DateBasis are sitrep's extensions.
type Event struct {
	EventID       string     `json:"event_id"`
	EventDate     string     `json:"event_date"`     // YYYY-MM-DD; the latest day of a range
	TimePrecision int        `json:"time_precision"` // 1 day, 2 week or days, 3 month
	EventType     string     `json:"event_type"`
	SubEventType  string     `json:"sub_event_type"`
	Actor1        string     `json:"actor1"`
	AssocActor1   string     `json:"assoc_actor_1"`
	Actor2        string     `json:"actor2"`
	AssocActor2   string     `json:"assoc_actor_2"`
	Country       string     `json:"country"`
	Admin1        string     `json:"admin1"`
	Admin2        string     `json:"admin2"`
	Admin3        string     `json:"admin3"`
	Location      string     `json:"location"`
	Latitude      *float64   `json:"latitude"`
	Longitude     *float64   `json:"longitude"`
	GeoPrecision  int        `json:"geo_precision"` // 1 the place itself, 2 near it or part of a region, 3 a larger region
	Fatalities    int        `json:"fatalities"`
	Notes         string     `json:"notes"`
	Source        string     `json:"source"`
	ClaimedBy     string     `json:"claimed_by"`
	Verification  string     `json:"verification"`
	People        []Person   `json:"people"`
	Evidence      []Evidence `json:"evidence"`
	DateBasis     string     `json:"date_basis"`

	// Extensions.

	// DateFrom is the first day of the date range; equal to EventDate when
	// the day is known.
	DateFrom string `json:"date_from,omitempty"`
	// Inter1 and Inter2 are ACLED's actor type codes (1 state forces ...
	// 8 external forces), 0 when unknown.
	Inter1 int `json:"inter1,omitempty"`
	Inter2 int `json:"inter2,omitempty"`
	// Injuries and Arrests are the reported counts, 0 when none.
	Injuries int `json:"injuries,omitempty"`
	Arrests  int `json:"arrests,omitempty"`
	// Claims lists every assertion of the event, in text order.
	Claims []Claim `json:"claims,omitempty"`
	// GeonameID identifies the resolved place in GeoNames, 0 when none.
	GeonameID int `json:"geonameid,omitempty"`
	// OutsideScope is set, in the wide scope only (extract --scope all),
	// on an event ACLED does not code: why it is outside ACLED's scope
	// (ordinary crime, an accident, violence in the home; see package
	// scope), or why ACLED would not code it from this report (history
	// the report recalls; package event). Events in ACLED's scope leave
	// it empty.
	OutsideScope string `json:"outside_acled_scope,omitempty"`

	// The fields below are filled by the claim ledger (package ledger)
	// for events in a store, where one event gathers many documents.

	// Sources lists every document that reports the event, the first
	// (Source) first.
	Sources []EventSource `json:"sources,omitempty"`
	// FatalitiesLow, FatalitiesBest and FatalitiesHigh are the UCDP-style
	// range over the figures the claims give; nil when no claim gives one.
	// Fatalities stays ACLED's figure: the lowest reported.
	FatalitiesLow  *int `json:"fatalities_low,omitempty"`
	FatalitiesBest *int `json:"fatalities_best,omitempty"`
	FatalitiesHigh *int `json:"fatalities_high,omitempty"`
}

// Fields of Evidence, named after the event fields they support.
const (
	FieldEventDate    = "event_date"
	FieldSubEventType = "sub_event_type"
	FieldActor1       = "actor1"
	FieldActor2       = "actor2"
	FieldLocation     = "location"
	FieldFatalities   = "fatalities"
	FieldClaimedBy    = "claimed_by"
	FieldVerification = "verification"
	FieldPeople       = "people"
)
