package ingest

import (
	"fmt"
	"regexp"
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

// furniture holds the compiled patterns of boilerplate.tsv, one regexp per
// (action, where) pair.
type furniture struct {
	tailCut, headCut   *regexp.Regexp
	tailDrop, headDrop *regexp.Regexp
}

var loadFurniture = sync.OnceValues(func() (*furniture, error) {
	parts := map[string][]string{}
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
			parts[action+" "+w] = append(parts[action+" "+w], "(?:"+pat+")")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	compile := func(key string) *regexp.Regexp {
		if len(parts[key]) == 0 {
			return nil
		}
		return regexp.MustCompile(`(?i)^(?:` + strings.Join(parts[key], "|") + `)$`)
	}
	return &furniture{
		tailCut:  compile("cut tail"),
		headCut:  compile("cut head"),
		tailDrop: compile("drop tail"),
		headDrop: compile("drop head"),
	}, nil
})

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

func (f *furniture) match(re *regexp.Regexp, l line) bool {
	if re == nil || l.trimmed == "" || len(l.trimmed) > maxFurnitureLine {
		return false
	}
	return re.MatchString(l.trimmed)
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
