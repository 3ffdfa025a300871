package httpapi

import (
	"crypto/subtle"
	"net"
	"net/http"
	"net/netip"
	"strings"
)

// DNS rebinding and cross-site writes.
//
// A web page on evil.example can make its name resolve to 127.0.0.1 after
// it has loaded; its scripts then reach this server as the same origin,
// with "Host: evil.example". The server therefore answers only requests
// whose Host is a name it was told about (Options.Hosts), "localhost", or
// an IP address (a browser sends an IP literal only when the user typed
// it: a rebinding page always sends its own name). Other hosts get 421
// Misdirected Request.
//
// Writes (every method but GET, HEAD and OPTIONS) must also be same-origin
// when a browser sends them: http.CrossOriginProtection checks
// Sec-Fetch-Site, or Origin against Host, and refuses cross-site requests
// with 403. Requests without either header (curl, scripts) pass, and need
// the bearer token when one is set.

// hostAllowed reports whether the Host header host (with or without a
// port) names this server: an IP literal, localhost, or one of hosts ("*"
// allows any).
func hostAllowed(host string, hosts []string) bool {
	name := host
	if h, _, err := net.SplitHostPort(host); err == nil {
		name = h
	}
	name = strings.TrimSuffix(strings.Trim(name, "[]"), ".")
	if name == "" {
		return false
	}
	if _, err := netip.ParseAddr(name); err == nil {
		return true
	}
	if strings.EqualFold(name, "localhost") {
		return true
	}
	for _, h := range hosts {
		if h == "*" || strings.EqualFold(h, name) || strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

// guardHost answers 421 to a request whose Host is not this server's (see
// hostAllowed), and 403 to a cross-origin browser write.
func (s *Server) guardHost(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.writeError(w, r, Errorf(EForbidden, "cross-origin writes are refused: post from this server's own page or from a non-browser client"))
	}))
	protected := cop.Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !hostAllowed(r.Host, s.opts.Hosts) {
			s.writeError(w, r, Errorf(EMisdirected, "this server does not answer to host %q (start it with --host %s to allow that name)", r.Host, hostOnly(r.Host)))
			return
		}
		protected.ServeHTTP(w, r)
	})
}

func hostOnly(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		return h
	}
	return host
}

// bearerToken returns the credentials of an "Authorization: Bearer TOKEN"
// header; the scheme is case-insensitive (RFC 9110, section 11.1).
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	if !ok || !strings.EqualFold(scheme, "bearer") {
		return "", false
	}
	return strings.TrimSpace(token), true
}

// tokenMatches compares a presented token with the configured one in
// constant time.
func tokenMatches(got, want string) bool {
	return subtle.ConstantTimeCompare([]byte(got), []byte(want)) == 1
}
