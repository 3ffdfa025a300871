package ingest

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/lexicon"
)

// boilerplateFile is the data file of furniture line patterns.
const boilerplateFile = "data/boilerplate.tsv"

// maxFurnitureLine is the longest line (in bytes, trimmed) that is tested
// against the furniture patterns; longer lines are always content.
const maxFurnitureLine = 120

// furniture holds the compiled patterns of boilerplate.tsv, for each
// (action, where) pair a table from the first byte of a lower-cased line
// to one regexp of the patterns that can start with that byte (nil: none
// can), so that each line is tried against a few patterns only.
type furniture struct {
	tailCut, headCut   *byFirstByte
	tailDrop, headDrop *byFirstByte
}

type byFirstByte [256]*regexp.Regexp

var loadFurniture = sync.OnceValues(func() (*furniture, error) {
	groups := map[string][]string{}
	err := lexicon.ReadTSV(lexicon.FS(), boilerplateFile, func(r lexicon.Row) error {
		action, where, pat := r.Get("action"), r.Get("where"), r.Get("pattern")
		if pat == "" {
			return r.Errorf("empty pattern")
		}
		if _, err := regexp.Compile(pat); err != nil {
			return r.Errorf("pattern %q: %v", pat, err)
		}
		if action != "cut" && action != "drop" {
			return r.Errorf("action %q: want cut or drop", action)
		}
		var wheres []string
		switch where {
		case "head", "tail":
			wheres = []string{where}
		case "both":
			wheres = []string{"head", "tail"}
		default:
			return r.Errorf("where %q: want head, tail or both", where)
		}
		for _, w := range wheres {
			groups[action+" "+w] = append(groups[action+" "+w], pat)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	cache := map[string]*regexp.Regexp{}
	build := func(key string) *byFirstByte {
		var buckets [256][]string
		for _, pat := range groups[key] {
			first := firstBytes(pat)
			for b := range 256 {
				if first[b] {
					buckets[b] = append(buckets[b], "(?:"+pat+")")
				}
			}
		}
		var t byFirstByte
		for b, pats := range buckets {
			if len(pats) == 0 {
				continue
			}
			src := `(?i)^(?:` + strings.Join(pats, "|") + `)$`
			if cache[src] == nil {
				cache[src] = regexp.MustCompile(src)
			}
			t[b] = cache[src]
		}
		return &t
	}
	return &furniture{
		tailCut:  build("cut tail"),
		headCut:  build("cut head"),
		tailDrop: build("drop tail"),
		headDrop: build("drop head"),
	}, nil
})

// firstBytes returns the set of first bytes (ASCII letters lower-cased) of
// the non-empty strings that the case-insensitive pattern pat matches;
// every byte when it cannot tell (a pattern that may match "" or starts
// with "." ).
func firstBytes(pat string) *[256]bool {
	var set [256]bool
	re, err := syntax.Parse(pat, syntax.Perl|syntax.FoldCase)
	all := err != nil
	if !all {
		nullable, ok := first(re.Simplify(), &set)
		all = nullable || !ok
	}
	if all {
		for b := range set {
			set[b] = true
		}
	}
	return &set
}

// first adds to set the possible first bytes of re's matches and reports
// whether re matches the empty string, and false for ok when any byte may
// come first.
func first(re *syntax.Regexp, set *[256]bool) (nullable, ok bool) {
	addRune := func(r rune) {
		if r < utf8.RuneSelf {
			set[unicode.ToLower(r)] = true
			set[unicode.ToUpper(r)] = true
			return
		}
		var buf [utf8.UTFMax]byte
		utf8.EncodeRune(buf[:], r)
		set[buf[0]] = true
		for _, f := range []rune{unicode.ToLower(r), unicode.ToUpper(r), unicode.SimpleFold(r)} {
			utf8.EncodeRune(buf[:], f)
			set[buf[0]] = true
		}
	}
	switch re.Op {
	case syntax.OpLiteral:
		if len(re.Rune) == 0 {
			return true, true
		}
		addRune(re.Rune[0])
		return false, true
	case syntax.OpCharClass:
		for i := 0; i+1 < len(re.Rune); i += 2 {
			lo, hi := re.Rune[i], re.Rune[i+1]
			if hi >= utf8.RuneSelf {
				for b := 0xC0; b < 256; b++ {
					set[b] = true
				}
				hi = utf8.RuneSelf - 1
			}
			for r := lo; r <= hi; r++ {
				addRune(r)
			}
		}
		return false, true
	case syntax.OpAnyChar, syntax.OpAnyCharNotNL:
		return false, false
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return true, true
	case syntax.OpCapture:
		return first(re.Sub[0], set)
	case syntax.OpStar, syntax.OpQuest:
		_, ok := first(re.Sub[0], set)
		return true, ok
	case syntax.OpPlus:
		return first(re.Sub[0], set)
	case syntax.OpRepeat:
		n, ok := first(re.Sub[0], set)
		return n || re.Min == 0, ok
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			n, ok := first(sub, set)
			if !ok {
				return false, false
			}
			if !n {
				return false, true
			}
		}
		return true, true
	case syntax.OpAlternate:
		nullable, ok := false, true
		for _, sub := range re.Sub {
			n, o := first(sub, set)
			nullable = nullable || n
			ok = ok && o
		}
		return nullable, ok
	}
	return true, false
}

// line is one line of a text: [start, end) without its line break.
type line struct {
	start, end int // byte offsets into the text
	trimmed    string
}

func splitLines(text string) []line {
	var lines []line
	for pos := 0; pos <= len(text); {
		i := strings.IndexByte(text[pos:], '\n')
		end := len(text)
		if i >= 0 {
			end = pos + i
		}
		l := line{start: pos, end: end}
		l.trimmed = strings.TrimFunc(text[pos:end], unicode.IsSpace)
		lines = append(lines, l)
		if i < 0 {
			break
		}
		pos = end + 1
	}
	return lines
}

func (f *furniture) match(t *byFirstByte, l line) bool {
	if l.trimmed == "" || len(l.trimmed) > maxFurnitureLine {
		return false
	}
	re := t[l.trimmed[0]]
	return re != nil && re.MatchString(l.trimmed)
}

// bodySpan returns the span of text that holds the article, without the
// leading and trailing furniture lines of boilerplate.tsv. When nothing
// would be left it returns the whole text (minus surrounding white space).
func bodySpan(text string) (sitrep.Span, error) {
	f, err := loadFurniture()
	if err != nil {
		return sitrep.Span{}, fmt.Errorf("ingest: %w", err)
	}
	return f.body(text), nil
}

func (f *furniture) body(text string) sitrep.Span {
	lines := splitLines(text)
	// Tail cut: the earliest cut marker after the first third of the text
	// and after at least two lines of content.
	end := len(lines)
	content := 0
	for i, l := range lines {
		if l.trimmed == "" {
			continue
		}
		if content >= 2 && l.start >= len(text)/3 && f.match(f.tailCut, l) {
			end = i
			break
		}
		content++
	}
	// Head cut: the last cut marker in the first third.
	start := 0
	for i := 0; i < end && lines[i].start < len(text)/3; i++ {
		if f.match(f.headCut, lines[i]) {
			start = i + 1
		}
	}
	for end > start && (lines[end-1].trimmed == "" || f.match(f.tailDrop, lines[end-1])) {
		end--
	}
	for start < end && (lines[start].trimmed == "" || f.match(f.headDrop, lines[start])) {
		start++
	}
	if start >= end {
		return trimSpan(text, sitrep.Span{Start: 0, End: len(text)})
	}
	return trimSpan(text, sitrep.Span{Start: lines[start].start, End: lines[end-1].end})
}

// trimSpan narrows s so that it neither starts nor ends with white space (or
// a byte order mark).
func trimSpan(text string, s sitrep.Span) sitrep.Span {
	for s.Start < s.End {
		r, n := utf8.DecodeRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) && r != '\uFEFF' {
			break
		}
		s.Start += n
	}
	for s.End > s.Start {
		r, n := utf8.DecodeLastRuneInString(text[s.Start:s.End])
		if !unicode.IsSpace(r) {
			break
		}
		s.End -= n
	}
	return s
}
