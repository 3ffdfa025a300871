package httpapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// DocumentRequest is the body of POST /api/documents: exactly one of
// Text, HTML and URL, as in a line of a .jsonl batch.
type DocumentRequest struct {
	ID        string `json:"id"`
	Text      string `json:"text"`
	HTML      string `json:"html"`
	URL       string `json:"url"`
	Published string `json:"published"` // YYYY-MM-DD; "" when unknown
}

// IngestedDocument reports one stored document.
type IngestedDocument struct {
	ID     string `json:"id"`
	Source string `json:"source"`
	Title  string `json:"title,omitempty"`
	Events int    `json:"events"`
}

// DocumentResponse is the body of a successful POST /api/documents.
type DocumentResponse struct {
	Documents []IngestedDocument `json:"documents"`
	Events    []sitrep.Event     `json:"events"`
}

// validate checks the request and returns it as an Input.
func (req *DocumentRequest) validate() (Input, error) {
	in := Input{ID: strings.TrimSpace(req.ID), Text: req.Text, HTML: req.HTML, URL: strings.TrimSpace(req.URL)}
	n := 0
	for _, v := range []string{req.Text, req.HTML, in.URL} {
		if v != "" {
			n++
		}
	}
	if n != 1 {
		return in, Errorf(EInvalid, `give exactly one of "text", "html" and "url"`)
	}
	if len(in.ID) > 2048 || !utf8.ValidString(in.ID) {
		return in, Errorf(EInvalid, "id is longer than 2048 bytes or not UTF-8")
	}
	if in.URL != "" {
		u, err := url.Parse(in.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return in, Errorf(EInvalid, "url must be an absolute http or https URL")
		}
	}
	var err error
	if in.Published, err = sitrep.ParseDay(strings.TrimSpace(req.Published)); err != nil {
		return in, Errorf(EInvalid, "published: %v", err)
	}
	return in, nil
}

func (s *Server) handlePostDocument(w http.ResponseWriter, r *http.Request) {
	var req DocumentRequest
	if err := s.decodeJSON(w, r, &req); err != nil {
		s.writeError(w, r, err)
		return
	}
	in, err := req.validate()
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	// Fetching a URL may take a while; the store calls get their own
	// timeout.
	ctx, cancel := context.WithTimeout(r.Context(), 2*s.opts.QueryTimeout+30*time.Second)
	defer cancel()
	docs, err := s.load(ctx, in)
	if err != nil {
		s.writeError(w, r, err)
		return
	}
	resp := DocumentResponse{Documents: []IngestedDocument{}, Events: []sitrep.Event{}}
	for _, doc := range docs {
		var events []sitrep.Event
		if s.opts.Extract != nil {
			events = s.opts.Extract(doc)
		}
		id, err := s.store.PutDocument(ctx, doc, events)
		if err != nil {
			s.writeError(w, r, err)
			return
		}
		resp.Documents = append(resp.Documents, IngestedDocument{ID: id, Source: doc.ID, Title: doc.Title, Events: len(events)})
		resp.Events = append(resp.Events, events...)
	}
	if len(resp.Documents) == 1 {
		w.Header().Set("Location", "/api/documents/"+url.PathEscape(resp.Documents[0].ID))
	}
	writeJSON(w, http.StatusCreated, resp)
}

// load turns the input into documents with Options.Load, or reads plain
// text itself when there is none.
func (s *Server) load(ctx context.Context, in Input) ([]*sitrep.Document, error) {
	if s.opts.Load != nil {
		docs, err := s.opts.Load(ctx, in)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) && !errors.Is(err, sitrep.ErrInvalid) && !errors.Is(err, context.DeadlineExceeded) {
				// The loader's other errors are about the input (a page
				// that is not text, a host that does not answer): the
				// client can act on them, the server cannot.
				err = Errorf(EUnprocessable, "could not read the document: %v", err).wrap(err)
			}
			return nil, err
		}
		if len(docs) == 0 {
			return nil, Errorf(EUnprocessable, "the input holds no document")
		}
		return docs, nil
	}
	if in.Text == "" {
		return nil, Errorf(ENotImplemented, "this server reads plain text only (no HTML or URL loader configured)")
	}
	if !utf8.ValidString(in.Text) {
		return nil, Errorf(EInvalid, "text is not valid UTF-8")
	}
	id := in.ID
	if id == "" {
		id = "api:" + shortHash(in.Text)
	}
	return []*sitrep.Document{plainDocument(id, in)}, nil
}
