package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/sitrep-dev/sitrep"
)

// Kind is what an input holds, as Parse sniffs it.
type Kind int

// Kinds of input.
const (
	KindText  Kind = iota // plain text
	KindHTML              // an HTML page
	KindFeed              // an RSS, Atom or JSON feed
	KindBatch             // a .jsonl batch of documents
)

func (k Kind) String() string {
	switch k {
	case KindHTML:
		return "html"
	case KindFeed:
		return "feed"
	case KindBatch:
		return "jsonl"
	}
	return "text"
}

// Sniff returns the kind of an input from its name and first bytes: a
// .jsonl name or a first line that is a JSON object with "text" or "html"
// is a batch; a first tag <rss>, <feed> or <rdf:RDF> is a feed; a doctype,
// <html>, <head> or <body> near the start (or a .html/.htm name with
// tags) is HTML; anything else is plain text.
func Sniff(name string, data []byte) Kind {
	if isBatchName(name) || looksLikeBatch(data) {
		return KindBatch
	}
	head := data
	if len(head) > 4096 {
		head = head[:4096]
	}
	head = bytes.TrimLeft(head, " \t\r\n\uFEFF")
	if len(head) == 0 || head[0] != '<' {
		return KindText
	}
	lower := asciiLower(head)
	// Skip an XML declaration, comments, doctype and processing
	// instructions to find the first element.
	rest := lower
	for {
		rest = bytes.TrimLeft(rest, " \t\r\n")
		switch {
		case bytes.HasPrefix(rest, []byte("<?")):
			i := bytes.Index(rest, []byte("?>"))
			if i < 0 {
				return KindText
			}
			rest = rest[i+2:]
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			i := bytes.Index(rest, []byte("-->"))
			if i < 0 {
				return KindText
			}
			rest = rest[i+3:]
			continue
		case bytes.HasPrefix(rest, []byte("<!doctype html")):
			return KindHTML
		case bytes.HasPrefix(rest, []byte("<!")):
			i := bytes.IndexByte(rest, '>')
			if i < 0 {
				return KindText
			}
			if j := bytes.IndexByte(rest, '['); j >= 0 && j < i {
				// A doctype with an internal subset: skip to "]>".
				k := bytes.Index(rest, []byte("]>"))
				if k < 0 {
					return KindText
				}
				i = k + 1
			}
			rest = rest[i+1:]
			continue
		}
		break
	}
	for _, p := range []string{"<rss", "<feed", "<rdf:rdf", "<rdf "} {
		if bytes.HasPrefix(rest, []byte(p)) {
			return KindFeed
		}
	}
	for _, p := range []string{"<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<article", "<link"} {
		if bytes.HasPrefix(rest, []byte(p)) {
			return KindHTML
		}
	}
	n := strings.ToLower(name)
	if strings.HasSuffix(n, ".html") || strings.HasSuffix(n, ".htm") || strings.HasSuffix(n, ".xhtml") {
		return KindHTML
	}
	return KindText
}

// Parse turns one input's bytes into documents, sniffing the kind (plain
// text, HTML, RSS/Atom, .jsonl batch; see Sniff). name is the input as
// given, and the document id when opts.ID is empty. A batch yields the
// documents of its good lines together with an error joining those of its
// bad lines (each an *InputError with the line number). Parse does not
// fetch anything unless opts.Client is set or the input is a feed whose
// items carry only summaries (their links are fetched, see Read).
func Parse(ctx context.Context, name string, data []byte, opts Options) ([]*sitrep.Document, error) {
	var docs []*sitrep.Document
	var errs []error
	err := parseInto(ctx, name, data, "", "", &opts, nil, func(r Result) error {
		if r.Err != nil {
			errs = append(errs, r.Err)
		} else {
			docs = append(docs, r.Doc)
		}
		return nil
	})
	if err != nil {
		return docs, err
	}
	return docs, errors.Join(errs...)
}

// parseInto parses one input and emits its documents and errors. pageURL
// is where the data came from when fetched; contentType its header.
func parseInto(ctx context.Context, name string, data []byte, pageURL, contentType string, opts *Options, f *Fetcher, emit func(Result) error) error {
	switch Sniff(name, data) {
	case KindBatch:
		return readBatch(ctx, name, bytes.NewReader(data), opts.maxFile(), opts, emit)
	case KindFeed:
		return parseFeed(ctx, name, data, pageURL, opts, f, nil, emit)
	case KindHTML:
		doc, err := parseHTML(ctx, name, data, pageURL, contentType, opts)
		if err != nil {
			return emit(Result{Input: name, Err: &InputError{Input: name, Err: err}})
		}
		if opts.ID != "" {
			doc.ID = opts.ID
		}
		return emit(Result{Input: name, Doc: doc})
	default:
		if contentType != "" && !isUTF8Type(contentType) {
			if d, err := toUTF8(data, contentType); err == nil {
				data = d
			}
		}
		doc, err := parseText(name, data, opts)
		if err != nil {
			return emit(Result{Input: name, Err: &InputError{Input: name, Err: err}})
		}
		if pageURL != "" {
			doc.URL = pageURL
		}
		if opts.ID != "" {
			doc.ID = opts.ID
		}
		return emit(Result{Input: name, Doc: doc})
	}
}

func isUTF8Type(ct string) bool {
	ct = strings.ToLower(ct)
	return !strings.Contains(ct, "charset=") || strings.Contains(ct, "charset=utf-8") || strings.Contains(ct, `charset="utf-8"`)
}

// Read reads every input in order and calls fn for each document (a feed
// or a .jsonl batch yields several) and for each input that fails (Doc
// nil, Err set, an *InputError). It keeps going after a bad input. It
// returns fn's first non-nil error or ctx's error.
//
// An input is "-" (opts.Stdin), an http or https URL, a file, a directory
// (every regular, non-hidden file under it, in lexical order) or a glob
// pattern (filepath.Match syntax). Documents already seen, by canonical URL
// or by normalised text, are skipped and logged (see
// Options.KeepDuplicates).
func Read(ctx context.Context, inputs []string, opts Options, fn func(Result) error) error {
	log := opts.logger()
	f := newFetcher(&opts)
	seen := newDedup()
	sources := expandInputs(inputs, log)
	bar := newProgress(opts.Progress, len(sources))
	defer bar.close()
	emit := func(r Result) error {
		if r.Err == nil && !opts.KeepDuplicates {
			if prev, dup := seen.check(r.Doc); dup {
				log.Info("skipping duplicate document", "input", r.Input, "id", r.Doc.ID, "same_as", prev)
				return nil
			}
		}
		if r.Err != nil {
			log.Debug("input failed", "input", r.Input, "err", r.Err)
		}
		return fn(r)
	}
	for i, src := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		var err error
		switch {
		case src.err != nil:
			err = emit(Result{Input: src.name, Err: &InputError{Input: src.name, Err: src.err}})
		case src.name == "-":
			err = readStdin(ctx, &opts, f, emit)
		case isURL(src.name):
			err = f.readURL(ctx, src.name, emit)
		default:
			err = readFile(ctx, src.name, &opts, f, emit)
		}
		bar.increment()
		if opts.InputDone != nil {
			opts.InputDone(i+1, len(sources))
		}
		if err != nil {
			return err
		}
	}
	return ctx.Err()
}

func isURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// source is one concrete input after expanding directories and globs.
type source struct {
	name string
	err  error // the input could not be expanded (no match, unreadable dir)
}

// expandInputs replaces directories by their files and glob patterns by
// their matches; files, URLs and "-" stay as given.
func expandInputs(inputs []string, log interface {
	Debug(string, ...any)
}) []source {
	var out []source
	for _, in := range inputs {
		if in == "-" || isURL(in) {
			out = append(out, source{name: in})
			continue
		}
		fi, err := os.Stat(in)
		switch {
		case err == nil && fi.IsDir():
			files, werr := walkDir(in)
			if werr != nil {
				out = append(out, source{name: in, err: werr})
			}
			if len(files) == 0 && werr == nil {
				log.Debug("directory holds no files", "input", in)
			}
			for _, f := range files {
				out = append(out, source{name: f})
			}
		case err == nil:
			out = append(out, source{name: in})
		case strings.ContainsAny(in, "*?["):
			matches, gerr := filepath.Glob(in)
			if gerr != nil {
				out = append(out, source{name: in, err: fmt.Errorf("bad pattern: %w", gerr)})
				continue
			}
			if len(matches) == 0 {
				out = append(out, source{name: in, err: errors.New("no file matches the pattern")})
				continue
			}
			for _, m := range matches {
				if strings.HasPrefix(filepath.Base(m), ".") && !strings.HasPrefix(filepath.Base(in), ".") {
					continue // as a shell does, * does not match hidden files
				}
				if fi, err := os.Stat(m); err == nil && fi.IsDir() {
					files, _ := walkDir(m)
					for _, f := range files {
						out = append(out, source{name: f})
					}
					continue
				}
				out = append(out, source{name: m})
			}
		default:
			out = append(out, source{name: in}) // readFile reports the error
		}
	}
	return out
}

// walkDir lists the regular files under dir, skipping hidden files and
// directories, in lexical order.
func walkDir(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() {
			files = append(files, path)
		}
		return nil
	})
	sort.Strings(files)
	return files, err
}

// readFile reads one file. Batches are streamed line by line; other files
// are read whole, up to opts.MaxBytes.
func readFile(ctx context.Context, name string, opts *Options, f *Fetcher, emit func(Result) error) error {
	fail := func(err error) error {
		return emit(Result{Input: name, Err: &InputError{Input: name, Err: err}})
	}
	fh, err := openCtx(ctx, name)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fail(unwrapPathError(err))
	}
	defer fh.Close()
	fi, err := fh.Stat()
	if err != nil {
		return fail(err)
	}
	if fi.IsDir() {
		return fail(errors.New("is a directory"))
	}
	r := newCtxReader(ctx, fh)
	if isBatchName(name) {
		return readBatch(ctx, name, r, opts.maxFile(), opts, emit)
	}
	max := opts.maxFile()
	if fi.Mode().IsRegular() && fi.Size() > max {
		return fail(fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, fi.Size(), max))
	}
	data, err := readCapped(r, max)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fail(err)
	}
	return parseInto(ctx, name, data, "", "", opts, f, emit)
}

func readStdin(ctx context.Context, opts *Options, f *Fetcher, emit func(Result) error) error {
	if opts.Stdin == nil {
		return emit(Result{Input: "-", Err: &InputError{Input: "-", Err: errors.New("no standard input")}})
	}
	data, err := readCapped(newCtxReader(ctx, opts.Stdin), opts.maxFile())
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return emit(Result{Input: "-", Err: &InputError{Input: "-", Err: err}})
	}
	return parseInto(ctx, "-", data, "", "", opts, f, emit)
}

// readCapped reads r to the end, failing with ErrTooLarge past max bytes.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)
	}
	return data, nil
}

// unwrapPathError drops the *fs.PathError wrapper, whose path the
// InputError already names.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// asciiLower returns a copy of b with ASCII letters lower-cased; other
// bytes are kept as they are.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
