package date

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/sitrep-dev/sitrep/lexicon"
)

// DataFile is the name of the vocabulary file inside the lexicon file system.
const DataFile = "data/dates.tsv"

// Phrase kinds: vocabulary entries that may span several words.
const (
	pkDay      = iota // a day or days relative to the reference date
	pkAnaphor         // a day relative to the preceding day in the paragraph
	pkRolling         // a window back from the reference date
	pkNumber          // a count
	pkModifier        // a part of a month or year
	pkPeriod          // a calendar period relative to the reference date
	pkRef             // a reference to the present, past or future as a whole
	pkSet             // a set by itself ("daily")
)

// wordInfo holds every role one lower-cased word plays in the vocabulary.
type wordInfo struct {
	word        string
	month       int8   // 1-12, 0 none
	ambiguous   bool   // a month name that is also a common word
	monthAbbr   int8   // 1-12, 0 none
	weekday     int8   // 0-6 (Sunday 0), -1 none
	weekdayAbbr int8   // 0-6, -1 none
	part        bool   // part of the day
	partCode    string // its TimeML code ("NI" night), "" none
	deictic     bool
	deixis      int8 // -1, 0, +1 when deictic
	rolling     bool // "past": a window back from the reference
	prior       bool // "previous": the period before the last one named
	unit        unit
	cue         bool
	cueFuture   bool
	cueRange    bool // only right after another date: "from 1983 to 1995"
	ago         int8 // -1 ago/earlier, +1 later, 0 none
	agoFromRef  bool // "ago" counts from the reference, not the preceding day
	todate      int8 // -1 "earlier this week", +1 "later this week", 0 none
	ordinal     bool
	rangeword   int8 // 1 joins two dates into a range, 2 only after "between"
	namehead    bool
	locative    bool      // a preposition of place: the capitalised word after it is a place
	quarter     int8      // 1-4: an ordinal that names a quarter of a year; 0 none
	season      int8      // 1 spring, 2 summer, 3 autumn, 4 winter; 0 none
	tense       int8      // tenseFuture, tensePast or tensePassive: what the word says of the verb it belongs to
	plural      bool      // a plural unit ("years"): after a length cue, a duration of no stated length
	each        bool      // "every", "each": a set of what follows
	frequency   int8      // "once" 1, "twice" 2; -1 "times" after a count; 0 none
	rate        bool      // "a", "per" between a frequency and its unit
	weekdays    int8      // a plural weekday 0-6 ("Mondays"), -1 none
	partsCode   string    // a plural part of the day ("nights"): its TimeML code
	lengthcue   bool      // "for", "over": a bare plural unit after it is a duration
	meridiem    int8      // am 0, pm 12; -1 none
	fiscal      bool      // "fiscal 1997"
	clocklink   bool      // "at", "on": joins a day and a clock time told apart
	age         bool      // "old": "45 years old" is an age
	clockTime   string    // "noon" 12:00: a clock time by itself
	alternate   int8      // "other" 2: "every other day" is every second day
	phrases     []*phrase // phrases that start with this word, longest first
	exprs       []*phrase // of phrases, those that are expressions by themselves (day, anaphor, rolling, period)
	starts      bool      // an expression may start at this word
}

// Values of wordInfo.tense.
const (
	tenseFuture  = 1 // "will", "expected", "scheduled": the clause looks forward
	tensePast    = 2 // "was", "had", "said": the clause looks back
	tensePassive = 3 // "be", "been": a participle after it is not a past tense ("will be tried")
)

// unit is a calendar unit, or a fixed count of days.
type unit struct {
	kind byte // 0 none, 'd', 'w', 'm', 'y', 'h', 'e' (weekend), 'D' (decade), 'C' (century), 'i' (minute)
	days int  // for a fixed count of days ("fortnight"): kind 'd'
}

// phrase is one vocabulary entry of a phrase kind.
type phrase struct {
	words     []*wordInfo
	kind      int
	lo, hi    int    // day offsets, day ranges, counts, window days
	precision int    // for rolling windows
	vague     bool   // a count that states no number ("a few")
	period    unit   // for pkPeriod
	value     string // TimeML value for pkRef and pkSet; for pkModifier the part of a year it names ("H1"), if any
	text      string // for error messages and tests
}

// vocab is the loaded vocabulary.
type vocab struct {
	words map[string]*wordInfo
	// infos and table are a small open-addressing hash table over words,
	// faster than a map for the one lookup per word of text: table holds
	// indexes into infos (0 empty), hashed with FNV-1a.
	infos []*wordInfo
	table []uint16
	mask  uint32
	// firsts[n] has bit c-'a' set when a word of n letters starts with c:
	// a cheap test that spares most text words the hash.
	firsts  [maxWord + 1]uint32
	the     *wordInfo
	of      *wordInfo
	between *wordInfo
	quarter *wordInfo // the noun "quarter", after an ordinal of kind quarter
	half    *wordInfo // the noun "half", after "the first" or "the second"
	// stamps are the words of an article's own date line ("Posted:",
	// "Updated"): the date after one is when the text was written.
	stamps []string
}

func (v *vocab) word(w string) *wordInfo {
	if wi, ok := v.words[w]; ok {
		return wi
	}
	wi := &wordInfo{word: w, weekday: -1, weekdayAbbr: -1, weekdays: -1, meridiem: -1}
	v.words[w] = wi
	return wi
}

// loadVocab reads DataFile from fsys.
func loadVocab(fsys fs.FS) (*vocab, error) {
	v := &vocab{words: make(map[string]*wordInfo, 256)}
	err := lexicon.ReadTSV(fsys, DataFile, func(r lexicon.Row) error {
		text := strings.ToLower(r.Get("text"))
		kind := r.Get("kind")
		val := r.Get("value")
		words := strings.Fields(text)
		if len(words) == 0 {
			return r.Errorf("empty text")
		}
		for _, w := range words {
			if len(w) > maxWord {
				return r.Errorf("word %q longer than %d bytes", w, maxWord)
			}
			for i := 0; i < len(w); i++ {
				if c := w[i]; c < 'a' || c > 'z' {
					return r.Errorf("word %q: only ASCII letters are allowed", w)
				}
			}
		}
		switch kind {
		case "day", "anaphor", "rolling", "number", "modifier", "period", "ref", "set":
			p := &phrase{text: text}
			for _, w := range words {
				p.words = append(p.words, v.word(w))
			}
			var err error
			switch kind {
			case "day":
				p.kind = pkDay
				p.lo, p.hi, err = parseRange(val)
			case "anaphor":
				p.kind = pkAnaphor
				p.lo, err = strconv.Atoi(strings.TrimPrefix(val, "+"))
				p.hi = p.lo
			case "rolling":
				p.kind = pkRolling
				p.lo, err = strconv.Atoi(val)
				if err == nil {
					p.precision, err = strconv.Atoi(r.Get("precision"))
				}
			case "number":
				p.vague = r.Get("flags") == "vague"
				p.kind = pkNumber
				p.lo, err = strconv.Atoi(val)
			case "modifier":
				p.kind = pkModifier
				p.lo, p.hi, err = parseRange(val)
				if err == nil && (p.lo < 1 || p.hi > 31 || p.lo > p.hi) {
					err = fmt.Errorf("day range out of 1..31")
				}
				if f := r.Get("flags"); f == "H1" || f == "H2" {
					p.value = f // "the first half of 2023": TimeML 2023-H1
				}
			case "ref":
				p.kind, p.value = pkRef, val
				if val != "PRESENT_REF" && val != "PAST_REF" && val != "FUTURE_REF" {
					err = fmt.Errorf("want PRESENT_REF, PAST_REF or FUTURE_REF")
				}
			case "set":
				p.kind, p.value = pkSet, val
				if !strings.HasPrefix(val, "P") || len(val) < 3 {
					err = fmt.Errorf("want a TimeML period such as P1D")
				}
			case "period":
				p.kind = pkPeriod
				u, off, ok := strings.Cut(val, ":")
				if !ok {
					return r.Errorf("period %q: want unit:offset", val)
				}
				p.period, err = parseUnit(u)
				if err == nil {
					p.lo, err = strconv.Atoi(strings.TrimPrefix(off, "+"))
				}
			}
			if err != nil {
				return r.Errorf("%s %q: bad value %q: %v", kind, text, val, err)
			}
			first := p.words[0]
			first.phrases = append(first.phrases, p)
			return nil
		}
		if len(words) != 1 {
			return r.Errorf("kind %s takes one word, got %q", kind, text)
		}
		wi := v.word(words[0])
		n, nerr := strconv.Atoi(strings.TrimPrefix(val, "+"))
		switch kind {
		case "month", "month_abbr":
			if nerr != nil || n < 1 || n > 12 {
				return r.Errorf("month %q: bad value %q", text, val)
			}
			if kind == "month" {
				wi.month = int8(n)
				wi.ambiguous = r.Get("flags") == "ambiguous"
			} else {
				wi.monthAbbr = int8(n)
			}
		case "weekday", "weekday_abbr":
			if nerr != nil || n < 0 || n > 6 {
				return r.Errorf("weekday %q: bad value %q", text, val)
			}
			if kind == "weekday" {
				wi.weekday = int8(n)
			} else {
				wi.weekdayAbbr = int8(n)
			}
		case "part":
			wi.part = true
			if val != "-" {
				if len(val) != 2 || val[0] < 'A' || val[0] > 'Z' || val[1] < 'A' || val[1] > 'Z' {
					return r.Errorf("part %q: bad TimeML code %q", text, val)
				}
				wi.partCode = val
			}
		case "deictic":
			wi.deictic = true
			if val == "rolling" {
				wi.rolling, wi.deixis = true, -1
			} else if val == "prior" {
				wi.prior, wi.deixis = true, -1
			} else if nerr != nil || n < -1 || n > 1 {
				return r.Errorf("deictic %q: bad value %q", text, val)
			} else {
				wi.deixis = int8(n)
			}
		case "unit":
			u, err := parseUnit(val)
			if err != nil {
				return r.Errorf("unit %q: %v", text, err)
			}
			wi.unit = u
			wi.plural = r.Get("flags") == "plural"
		case "each":
			wi.each = true
		case "frequency":
			if nerr != nil || n < 0 || n > 9 {
				return r.Errorf("frequency %q: bad value %q", text, val)
			}
			wi.frequency = int8(n)
			if n == 0 {
				wi.frequency = -1 // "times", after a count
			}
		case "rate":
			wi.rate = true
		case "weekdays":
			if nerr != nil || n < 0 || n > 6 {
				return r.Errorf("weekdays %q: bad value %q", text, val)
			}
			wi.weekdays = int8(n)
		case "parts":
			if len(val) != 2 || val[0] < 'A' || val[0] > 'Z' || val[1] < 'A' || val[1] > 'Z' {
				return r.Errorf("parts %q: bad TimeML code %q", text, val)
			}
			wi.partsCode = val
		case "clockword":
			if len(val) != 5 || val[2] != ':' {
				return r.Errorf("clockword %q: bad time %q", text, val)
			}
			wi.clockTime = val
		case "alternate":
			if nerr != nil || n < 2 || n > 9 {
				return r.Errorf("alternate %q: bad value %q", text, val)
			}
			wi.alternate = int8(n)
		case "age":
			wi.age = true
		case "clocklink":
			wi.clocklink = true
		case "fiscal":
			wi.fiscal = true
		case "lengthcue":
			wi.lengthcue = true
		case "meridiem":
			if nerr != nil || (n != 0 && n != 12) {
				return r.Errorf("meridiem %q: bad value %q", text, val)
			}
			wi.meridiem = int8(n)
		case "cue":
			wi.cue = true
			wi.cueFuture = val == "future"
			wi.cueRange = val == "range"
		case "ago":
			if nerr != nil || (n != -1 && n != 1) {
				return r.Errorf("ago %q: bad value %q", text, val)
			}
			wi.ago = int8(n)
			wi.agoFromRef = text == "ago"
		case "todate":
			if nerr != nil || (n != -1 && n != 1) {
				return r.Errorf("todate %q: bad value %q", text, val)
			}
			wi.todate = int8(n)
		case "rangeword":
			wi.rangeword = 1
			if val == "between" {
				wi.rangeword = 2
			}
		case "ordinal":
			wi.ordinal = true
		case "namehead":
			wi.namehead = true
		case "locative":
			wi.locative = true
		case "stamp":
			v.stamps = append(v.stamps, text)
		case "quarter":
			if nerr != nil || n < 0 || n > 4 {
				return r.Errorf("quarter %q: bad value %q", text, val)
			}
			if n == 0 {
				v.quarter = wi
			} else {
				wi.quarter = int8(n)
			}
		case "half":
			v.half = wi
		case "season":
			k := strings.Index("SPSUFAWI", val)
			if len(val) != 2 || k < 0 || k%2 != 0 {
				return r.Errorf("season %q: bad TimeML code %q", text, val)
			}
			wi.season = int8(k/2 + 1)
			wi.ambiguous = r.Get("flags") == "ambiguous"
		case "tense":
			switch val {
			case "future":
				wi.tense = tenseFuture
			case "past":
				wi.tense = tensePast
			case "passive":
				wi.tense = tensePassive
			default:
				return r.Errorf("tense %q: bad value %q", text, val)
			}
		default:
			return r.Errorf("unknown kind %q", kind)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("date: %w", err)
	}
	for _, wi := range v.words {
		wi.starts = len(wi.phrases) > 0 || wi.month > 0 || wi.monthAbbr > 0 || wi.weekday >= 0 || wi.weekdayAbbr >= 0 || wi.deictic || wi.season > 0 || wi.quarter > 0 ||
			wi.each || wi.frequency > 0 || wi.fiscal || wi.clockTime != "" || wi.weekdays >= 0 || (wi.plural && wi.unit.kind != 0)
		sort.SliceStable(wi.phrases, func(a, b int) bool {
			return len(wi.phrases[a].words) > len(wi.phrases[b].words)
		})
	}
	for _, wi := range v.words {
		for _, p := range wi.phrases {
			if p.kind != pkNumber && p.kind != pkModifier {
				wi.exprs = append(wi.exprs, p)
			}
		}
	}
	v.the = v.word("the")
	v.of = v.word("of")
	v.between = v.word("between")
	v.buildTable()
	return v, nil
}

// buildTable fills infos and table from words.
func (v *vocab) buildTable() {
	size := 64
	for size < 4*len(v.words) {
		size *= 2
	}
	v.table = make([]uint16, size)
	v.mask = uint32(size - 1)
	v.infos = make([]*wordInfo, 1, len(v.words)+1) // index 0: no word
	keys := make([]string, 0, len(v.words))
	for w := range v.words {
		keys = append(keys, w)
	}
	sort.Strings(keys)
	for _, w := range keys {
		v.firsts[len(w)] |= 1 << (w[0] - 'a')
		v.infos = append(v.infos, v.words[w])
		idx := uint16(len(v.infos) - 1)
		for slot := fnv(w) & v.mask; ; slot = (slot + 1) & v.mask {
			if v.table[slot] == 0 {
				v.table[slot] = idx
				break
			}
		}
	}
}

func fnv(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * 16777619
	}
	return h
}

// maybe reports whether a word of n ASCII letters starting with c may be
// in the vocabulary.
func (v *vocab) maybe(n int, c byte) bool {
	return v.firsts[n]&(1<<((c|0x20)-'a')) != 0
}

// lookup returns the index in infos of the lower-case word b, whose FNV-1a
// hash is h, or 0.
func (v *vocab) lookup(b []byte, h uint32) uint16 {
	for slot := h & v.mask; ; slot = (slot + 1) & v.mask {
		idx := v.table[slot]
		if idx == 0 {
			return 0
		}
		if v.infos[idx].word == string(b) {
			return idx
		}
	}
}

func parseRange(s string) (lo, hi int, err error) {
	a, b, ok := strings.Cut(s, "..")
	if lo, err = strconv.Atoi(strings.TrimPrefix(a, "+")); err != nil {
		return 0, 0, err
	}
	if !ok {
		return lo, lo, nil
	}
	if hi, err = strconv.Atoi(strings.TrimPrefix(b, "+")); err != nil {
		return 0, 0, err
	}
	if hi < lo {
		return 0, 0, fmt.Errorf("range %q is reversed", s)
	}
	return lo, hi, nil
}

func parseUnit(s string) (unit, error) {
	switch s {
	case "d":
		return unit{kind: 'd', days: 1}, nil
	case "w":
		return unit{kind: 'w'}, nil
	case "m":
		return unit{kind: 'm'}, nil
	case "y":
		return unit{kind: 'y'}, nil
	case "h":
		return unit{kind: 'h'}, nil
	case "we":
		return unit{kind: 'e'}, nil
	case "de":
		return unit{kind: 'D'}, nil
	case "ce":
		return unit{kind: 'C'}, nil
	case "min":
		return unit{kind: 'i'}, nil
	}
	if n, ok := strings.CutSuffix(s, "d"); ok {
		if d, err := strconv.Atoi(n); err == nil && d > 0 {
			return unit{kind: 'd', days: d}, nil
		}
	}
	return unit{}, fmt.Errorf("bad unit %q", s)
}
