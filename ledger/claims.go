package ledger

import (
	"embed"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/lexicon"
)

//go:embed data/channels.tsv
var dataFS embed.FS

type channelPhrase struct {
	words   []string // lower-cased
	channel string
}

// channels returns the phrases of data/channels.tsv, longest first.
var channels = sync.OnceValues(func() ([]channelPhrase, error) {
	var out []channelPhrase
	err := lexicon.ReadTSV(dataFS, "data/channels.tsv", func(r lexicon.Row) error {
		ws := words(r.Get("phrase"))
		if len(ws) == 0 || r.Get("channel") == "" {
			return r.Errorf("empty phrase or channel")
		}
		out = append(out, channelPhrase{ws, r.Get("channel")})
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return len(out[i].words) > len(out[j].words) })
	return out, err
})

func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// sentence returns the bounds of the sentence of text around [start, end):
// from after the last sentence end before start to the next after end.
// Good enough to find a channel named with a cue; the pipeline's own
// sentences are not kept with a stored event.
func sentence(text string, start, end int) (int, int) {
	if start < 0 || end > len(text) || start > end {
		return 0, 0
	}
	from := 0
	for i := start - 1; i > 0; i-- {
		if c := text[i]; c == '\n' || (c == ' ' && (text[i-1] == '.' || text[i-1] == '!' || text[i-1] == '?')) {
			from = i + 1
			break
		}
	}
	to := len(text)
	for i := end; i < len(text); i++ {
		if c := text[i]; c == '\n' || ((c == '.' || c == '!' || c == '?') && (i+1 == len(text) || text[i+1] == ' ' || text[i+1] == '\n')) {
			to = i
			break
		}
	}
	return from, to
}

// Channel returns how the claim made in text[start:end] was made, from the
// words of its sentence ("said on its Twitter account" -> twitter), or ""
// when the sentence names no channel.
func Channel(text string, start, end int) string {
	from, to := sentence(text, start, end)
	if to <= from {
		return ""
	}
	ws := words(text[from:to])
	cs, err := channels()
	if err != nil {
		return ""
	}
	for _, c := range cs {
		for i := 0; i+len(c.words) <= len(ws); i++ {
			match := true
			for k, w := range c.words {
				if ws[i+k] != w {
					match = false
					break
				}
			}
			if match {
				return c.channel
			}
		}
	}
	return ""
}

// Report is one event as extracted from one document.
type Report struct {
	// Event is the event as the document alone tells it; Event.Source
	// names the document and Event.EventID the report.
	Event sitrep.Event `json:"event"`
	// Published is the document's publication date, YYYY-MM-DD, or "".
	Published string `json:"published,omitempty"`
	// Text is the document's text, to read the channel of each claim
	// from; "" leaves channels blank. Prepare reads it once.
	Text string `json:"-"`
	// Claims are the report's ledger claims as Prepare made them; nil
	// until then (Derive then makes them from Event and Text).
	Claims []sitrep.Claim `json:"claims,omitempty"`
	// Names are the distinctive names of the document (see Names), sorted:
	// two documents that share one tell, likely, one event.
	Names []string `json:"names,omitempty"`
}

// Prepare makes the report's ledger claims from its event and text, so
// that the report can be kept without its text.
func Prepare(r *Report) {
	r.Names = Names(r.Text, &r.Event)
	r.Claims = Claims(r)
	if r.Claims == nil {
		r.Claims = []sitrep.Claim{}
	}
	r.Text = ""
}

// claimsOf returns the prepared claims, else makes them.
func claimsOf(r *Report) []sitrep.Claim {
	if r.Claims != nil {
		return r.Claims
	}
	return Claims(r)
}

// Key returns what identifies a report: its document and event id.
func (r *Report) Key() string { return r.Event.Source + "\x00" + r.Event.EventID }

// less orders reports canonically: by publication date (unknown last),
// then document, then event id. The first report of an event is the one
// that names it.
func less(a, b *Report) bool {
	pa, pb := a.Published, b.Published
	if pa == "" {
		pa = "9999"
	}
	if pb == "" {
		pb = "9999"
	}
	if pa != pb {
		return pa < pb
	}
	if a.Event.Source != b.Event.Source {
		return a.Event.Source < b.Event.Source
	}
	return a.Event.EventID < b.Event.EventID
}

func intp(n int) *int { return &n }

// asserting reports whether a stance says the event happened.
func asserting(stance string) bool {
	return stance == "asserts" || stance == "claims" || stance == "confirms"
}

// Claims returns the claims of a report, each with its document,
// publication date and channel, and the report's figures on the claim
// that gives them: the claim of the sentence the killed are counted in,
// else the denial of a disputing document (what it denies), else its
// first assertion. A report that attributes the event to no one is the
// document's own claim (claimant "").
func Claims(r *Report) []sitrep.Claim {
	ev := &r.Event
	// One claim per party and stance: a document that quotes the
	// directorate three times holds one claim of the directorate's, with
	// the first cue's span and the first channel named.
	var out []sitrep.Claim
	at := map[[2]string]int{}
	for _, c := range ev.Claims {
		c.Source, c.Published = ev.Source, r.Published
		c.Fatalities, c.Injuries, c.Arrests, c.Evidence = nil, nil, nil, nil
		if r.Text != "" && c.End <= len(r.Text) && c.Start < c.End {
			c.Channel = Channel(r.Text, c.Start, c.End)
		}
		k := [2]string{PartyKey(c.Claimant), c.Stance}
		if i, ok := at[k]; ok {
			if out[i].Channel == "" {
				out[i].Channel = c.Channel
			}
			if out[i].Spokesperson == "" {
				out[i].Spokesperson = c.Spokesperson
			}
			continue
		}
		at[k] = len(out)
		out = append(out, c)
	}
	var fatal *sitrep.Evidence
	for i := range ev.Evidence {
		if ev.Evidence[i].Field == sitrep.FieldFatalities {
			fatal = &ev.Evidence[i]
			break
		}
	}
	killed := ev.Fatalities > 0 || fatal != nil || killedNamed(ev)
	if !killed && ev.Injuries == 0 && ev.Arrests == 0 {
		return withOwn(out, r)
	}
	target := -1
	if fatal != nil && r.Text != "" {
		from, to := sentence(r.Text, fatal.Start, fatal.End)
		for i, c := range out {
			if c.Start >= from && c.End <= to {
				target = i
				break
			}
		}
	}
	if target < 0 && ev.Verification == sitrep.Disputed {
		for i, c := range out {
			if c.Stance == "denies" {
				target = i
				break
			}
		}
	}
	if target < 0 {
		for i, c := range out {
			if asserting(c.Stance) {
				target = i
				break
			}
		}
	}
	if target < 0 {
		out = append(out, ownClaim(r))
		target = len(out) - 1
	}
	c := &out[target]
	if killed {
		c.Fatalities = intp(ev.Fatalities)
		if fatal != nil {
			c.Evidence = append(c.Evidence, *fatal)
		}
	}
	if ev.Injuries > 0 {
		c.Injuries = intp(ev.Injuries)
	}
	if ev.Arrests > 0 {
		c.Arrests = intp(ev.Arrests)
	}
	return out
}

// withOwn adds the document's own claim when no claim asserts the event.
func withOwn(out []sitrep.Claim, r *Report) []sitrep.Claim {
	for _, c := range out {
		if asserting(c.Stance) {
			return out
		}
	}
	return append(out, ownClaim(r))
}

func ownClaim(r *Report) sitrep.Claim {
	return sitrep.Claim{Stance: "asserts", Source: r.Event.Source, Published: r.Published}
}
