package httpapi

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// Page sizes of GET /api/events.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Caps on the length of query parameters, in bytes.
const (
	maxParamLen  = 200  // a name: actor, country, admin1 ...
	maxQueryLen  = 500  // q
	maxCursorLen = 1024 // cursor
)

// filterParams lists the query parameters that select events, in the
// order the OpenAPI document names them.
var filterParams = []string{
	"from", "to", "type", "sub_type", "actor", "country", "admin1", "bbox",
	"verification", "claimed_by", "q", "source",
}

// eventTypes and verifications are the values "type" and "verification"
// accept.
var (
	eventTypes    = sitrep.EventTypes()
	verifications = sitrep.VerificationStates()
)

// parseFilter reads an EventFilter from query parameters. allowed lists
// the parameters the endpoint takes beyond filterParams; any other
// parameter is an EInvalid error, so that a misspelt filter is not
// silently ignored.
func parseFilter(q url.Values, extra ...string) (sitrep.EventFilter, error) {
	var f sitrep.EventFilter
	for k := range q {
		if !slices.Contains(filterParams, k) && !slices.Contains(extra, k) {
			return f, Errorf(EInvalid, "unknown query parameter %q", k)
		}
	}
	for k, vs := range q {
		if len(vs) > 1 && !isList(k) {
			return f, Errorf(EInvalid, "query parameter %q given %d times", k, len(vs))
		}
		for _, v := range vs {
			if !utf8.ValidString(v) {
				return f, Errorf(EInvalid, "query parameter %q is not valid UTF-8", k)
			}
		}
	}
	var err error
	if f.From, err = parseDay(q, "from"); err != nil {
		return f, err
	}
	if f.To, err = parseDay(q, "to"); err != nil {
		return f, err
	}
	if f.EventType, err = parseList(q, "type", eventTypes); err != nil {
		return f, err
	}
	if f.SubEventType, err = parseList(q, "sub_type", nil); err != nil {
		return f, err
	}
	if f.Verification, err = parseList(q, "verification", verifications); err != nil {
		return f, err
	}
	for _, p := range []struct {
		name string
		dst  *string
		max  int
	}{
		{"actor", &f.Actor, maxParamLen},
		{"country", &f.Country, maxParamLen},
		{"admin1", &f.Admin1, maxParamLen},
		{"claimed_by", &f.ClaimedBy, maxParamLen},
		{"source", &f.Source, 2048},
		{"q", &f.Query, maxQueryLen},
		{"cursor", &f.Cursor, maxCursorLen},
	} {
		v := strings.TrimSpace(q.Get(p.name))
		if len(v) > p.max {
			return f, Errorf(EInvalid, "%s is longer than %d bytes", p.name, p.max)
		}
		*p.dst = v
	}
	if b := strings.TrimSpace(q.Get("bbox")); b != "" {
		if f.BBox, err = sitrep.ParseBBox(b); err != nil {
			return f, Errorf(EInvalid, "%v", err)
		}
	}
	if q.Has("limit") {
		n, err := strconv.Atoi(q.Get("limit"))
		if err != nil || n < 1 || n > MaxLimit {
			return f, Errorf(EInvalid, "limit must be a whole number from 1 to %d, not %q", MaxLimit, q.Get("limit"))
		}
		f.Limit = n
	}
	if err := f.Validate(); err != nil {
		return f, Errorf(EInvalid, "%v", err)
	}
	return f, nil
}

// isList reports whether parameter k may be repeated.
func isList(k string) bool {
	return k == "type" || k == "sub_type" || k == "verification"
}

// parseDay reads a YYYY-MM-DD parameter; the zero Day when absent.
func parseDay(q url.Values, name string) (sitrep.Day, error) {
	d, err := sitrep.ParseDay(strings.TrimSpace(q.Get(name)))
	if err != nil {
		return d, Errorf(EInvalid, "%s: %v", name, err)
	}
	return d, nil
}

// parseList reads a parameter that may be repeated or comma-separated.
// When allowed is not nil, each value must be one of it (compared without
// regard to case; the canonical spelling is returned).
func parseList(q url.Values, name string, allowed []string) ([]string, error) {
	var out []string
	for _, v := range q[name] {
		for part := range strings.SplitSeq(v, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			if len(part) > maxParamLen {
				return nil, Errorf(EInvalid, "%s value is longer than %d bytes", name, maxParamLen)
			}
			if allowed != nil {
				i := slices.IndexFunc(allowed, func(a string) bool { return strings.EqualFold(a, part) })
				if i < 0 {
					return nil, Errorf(EInvalid, "%s %q is not one of: %s", name, part, strings.Join(allowed, "; "))
				}
				part = allowed[i]
			}
			if !slices.Contains(out, part) {
				out = append(out, part)
			}
		}
	}
	if len(out) > 50 {
		return nil, Errorf(EInvalid, "%s lists more than 50 values", name)
	}
	return out, nil
}

// filterQuery renders f back into query parameters, for the links and
// file names the API gives. It is the inverse of parseFilter.
func filterQuery(f sitrep.EventFilter) url.Values {
	q := url.Values{}
	set := func(k, v string) {
		if v != "" {
			q.Set(k, v)
		}
	}
	set("from", f.From.String())
	set("to", f.To.String())
	set("type", strings.Join(f.EventType, ","))
	set("sub_type", strings.Join(f.SubEventType, ","))
	set("actor", f.Actor)
	set("country", f.Country)
	set("admin1", f.Admin1)
	set("verification", strings.Join(f.Verification, ","))
	set("claimed_by", f.ClaimedBy)
	set("q", f.Query)
	set("source", f.Source)
	if f.BBox != nil {
		set("bbox", f.BBox.String())
	}
	return q
}
