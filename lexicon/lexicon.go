// Package lexicon reads the data files that drive extraction: actors and
// their aliases, countries, event trigger words, reporting cues and number
// words. The files are TSV with a header row; lines starting with '#' are
// comments. They are embedded in the binary; Open reads a directory that
// overrides them.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

//go:embed data/*.tsv
var dataFS embed.FS

// FS returns the embedded data files.
func FS() fs.FS { return dataFS }

// Row is one data line of a TSV file, with its header.
type Row struct {
	File   string
	Line   int // starting at 1
	header map[string]int
	fields []string
}

// Get returns the value of column col, "" when the row has no such column.
func (r Row) Get(col string) string {
	i, ok := r.header[col]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// List returns column col split on '|', without empty items.
func (r Row) List(col string) []string {
	v := r.Get(col)
	if v == "" {
		return nil
	}
	parts := strings.Split(v, "|")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Errorf returns an error that names the row's file and line.
func (r Row) Errorf(format string, args ...any) error {
	return fmt.Errorf("lexicon %s:%d: %s", r.File, r.Line, fmt.Sprintf(format, args...))
}

// ReadTSV reads the TSV file name from fsys and calls fn for every data row.
// The first non-comment line is the header. Errors name the file and line.
func ReadTSV(fsys fs.FS, name string, fn func(Row) error) error {
	f, err := fsys.Open(name)
	if err != nil {
		return fmt.Errorf("lexicon: %w", err)
	}
	defer f.Close()
	return readTSV(f, name, fn)
}

func readTSV(r io.Reader, name string, fn func(Row) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var header map[string]int
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(text) == "" || strings.HasPrefix(text, "#") {
			continue
		}
		fields := strings.Split(text, "\t")
		if header == nil {
			header = make(map[string]int, len(fields))
			for i, h := range fields {
				header[strings.TrimSpace(h)] = i
			}
			continue
		}
		if err := fn(Row{File: name, Line: line, header: header, fields: fields}); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon %s:%d: %w", name, line, err)
	}
	return nil
}
