package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/sitrep-dev/sitrep"
)

// Error codes of the API. Every error response is
// {"error": {"code": CODE, "message": "..."}} with the status that
// statusCodes gives its code.
const (
	EInvalid          = "invalid"            // 400: a malformed or out-of-range parameter or body
	EUnauthorized     = "unauthorized"       // 401: a write without the bearer token
	EForbidden        = "forbidden"          // 403: a cross-origin write from a browser
	ENotFound         = "not_found"          // 404
	EMethodNotAllowed = "method_not_allowed" // 405
	ETooLarge         = "too_large"          // 413: the body is over the limit
	EMisdirected      = "misdirected"        // 421: a Host header that is not this server's
	EUnsupportedMedia = "unsupported_media"  // 415: a body that is not JSON
	EUnprocessable    = "unprocessable"      // 422: a well-formed document that could not be read
	ENotImplemented   = "not_implemented"    // 501: a feature this server was built without
	EUnavailable      = "unavailable"        // 503: the request timed out or the server is shutting down
	EInternal         = "internal"           // 500: anything else; the message is not shown
)

// statusCodes maps each error code to its HTTP status: the one place that
// does (after wtf's http/http.go).
var statusCodes = map[string]int{
	EInvalid:          http.StatusBadRequest,
	EUnauthorized:     http.StatusUnauthorized,
	EForbidden:        http.StatusForbidden,
	EMisdirected:      http.StatusMisdirectedRequest,
	ENotFound:         http.StatusNotFound,
	EMethodNotAllowed: http.StatusMethodNotAllowed,
	ETooLarge:         http.StatusRequestEntityTooLarge,
	EUnsupportedMedia: http.StatusUnsupportedMediaType,
	EUnprocessable:    http.StatusUnprocessableEntity,
	ENotImplemented:   http.StatusNotImplemented,
	EUnavailable:      http.StatusServiceUnavailable,
	EInternal:         http.StatusInternalServerError,
}

// Error is an error with an API code and a message safe to show a client.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	err     error  // the cause, for logs and errors.Is
}

func (e *Error) Error() string {
	if e.err != nil {
		return e.Message + ": " + e.err.Error()
	}
	return e.Message
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.err }

// Errorf returns an *Error with code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the API code of err: the code of an *Error in its
// chain, else the code that the store's sentinel errors and the standard
// library's errors stand for, else EInternal.
func ErrorCode(err error) string {
	var e *Error
	var maxBytes *http.MaxBytesError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	case errors.As(err, &maxBytes):
		return ETooLarge
	case errors.Is(err, sitrep.ErrNotFound):
		return ENotFound
	case errors.Is(err, sitrep.ErrInvalid):
		return EInvalid
	case errors.Is(err, context.DeadlineExceeded):
		return EUnavailable
	}
	return EInternal
}

// ErrorStatusCode returns the HTTP status of an API error code.
func ErrorStatusCode(code string) int {
	if s, ok := statusCodes[code]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// errorMessage returns what a client is told about err: the message of
// an *Error, the text of a store's validation error, a fixed text for
// everything else (internal errors are logged, not shown).
func errorMessage(err error, code string) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	switch code {
	case EInvalid:
		return err.Error()
	case ENotFound:
		return "not found"
	case ETooLarge:
		var mb *http.MaxBytesError
		if errors.As(err, &mb) {
			return fmt.Sprintf("request body is larger than %d bytes", mb.Limit)
		}
		return "request body is too large"
	case EUnavailable:
		return "the request took too long"
	}
	return "internal error"
}

// writeError writes err as a JSON error response and logs it when it is
// the server's fault.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := ErrorCode(err)
	status := ErrorStatusCode(code)
	if status >= 500 {
		s.logger.LogAttrs(r.Context(), slog.LevelError, "request failed",
			slog.String("method", r.Method), slog.String("path", r.URL.Path),
			slog.Int("status", status), slog.Any("err", err))
	}
	if code == EUnauthorized {
		w.Header().Set("WWW-Authenticate", `Bearer realm="sitrep"`)
	}
	writeJSON(w, status, struct {
		Error Error `json:"error"`
	}{Error{Code: code, Message: errorMessage(err, code)}})
}

// writeJSON writes v as a JSON response with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only a value that JSON cannot hold (a NaN, a channel) fails:
		// a bug, reported as such rather than as a cut body.
		buf.Reset()
		buf.WriteString(`{"error":{"code":"internal","message":"the response could not be encoded"}}` + "\n")
		status = http.StatusInternalServerError
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // the client went away; nothing to tell it
}
