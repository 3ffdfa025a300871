package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// UserAgent is what every request of the package's client sends.
const UserAgent = "sitrep/0.1 (+https://github.com/sitrep-dev/sitrep)"

// Defaults of the package's HTTP client.
const (
	DefaultTimeout   = 30 * time.Second // per attempt, body included
	MaxRedirects     = 5
	MaxAttempts      = 3 // attempts per URL on 429 and 5xx
	maxRetryAfter    = 30 * time.Second
	defaultBackoff   = time.Second
	dialTimeout      = 10 * time.Second
	headerTimeout    = 20 * time.Second
	tlsHandshakeTime = 10 * time.Second
)

// NewClient returns the package's safe HTTP client: connect, TLS and
// response-header timeouts, at most MaxRedirects redirects (http and https
// only), transparent gzip, no proxy from the environment, and, unless
// allowPrivate, refusal of connections to loopback, private, link-local,
// CGNAT, multicast, unspecified and cloud metadata addresses. The check
// runs in the dialer's Control function, on the address actually dialled
// after DNS resolution, so it holds for every redirect and defeats DNS
// rebinding. The body-size cap and the overall per-request timeout are
// applied by Read, not by the client.
func NewClient(allowPrivate bool) *http.Client {
	return newClient(allowPrivate, nil)
}

// newClient is NewClient with a test hook: allow, when set, is consulted
// for non-public addresses and may admit some (e.g. one httptest server).
func newClient(allowPrivate bool, allow func(netip.AddrPort) bool) *http.Client {
	dialer := &net.Dialer{
		Timeout:   dialTimeout,
		KeepAlive: 30 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			if allowPrivate {
				return nil
			}
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%w: cannot parse %q", ErrPrivateAddress, address)
			}
			if isPublic(ap.Addr()) || allow != nil && allow(ap) {
				return nil
			}
			return fmt.Errorf("%w: %s", ErrPrivateAddress, ap.Addr())
		},
	}
	tr := &http.Transport{
		Proxy:                  nil,
		DialContext:            dialer.DialContext,
		ForceAttemptHTTP2:      true,
		MaxIdleConns:           32,
		MaxIdleConnsPerHost:    4,
		IdleConnTimeout:        60 * time.Second,
		TLSHandshakeTimeout:    tlsHandshakeTime,
		ResponseHeaderTimeout:  headerTimeout,
		ExpectContinueTimeout:  time.Second,
		MaxResponseHeaderBytes: 1 << 20,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   0, // per-request deadlines come from the context
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= MaxRedirects {
				return fmt.Errorf("stopped after %d redirects", MaxRedirects)
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to unsupported scheme %q", req.URL.Scheme)
			}
			return nil
		},
	}
}

// nonPublic lists the prefixes the safe client refuses, beyond what
// netip.Addr's own predicates cover.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),       // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),   // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),    // IETF protocol assignments
	netip.MustParsePrefix("192.0.2.0/24"),    // documentation
	netip.MustParsePrefix("198.18.0.0/15"),   // benchmarking
	netip.MustParsePrefix("198.51.100.0/24"), // documentation
	netip.MustParsePrefix("203.0.113.0/24"),  // documentation
	netip.MustParsePrefix("240.0.0.0/4"),     // reserved, broadcast
	netip.MustParsePrefix("64:ff9b:1::/48"),  // local-use NAT64 (RFC 8215)
	netip.MustParsePrefix("2001:db8::/32"),   // documentation
	netip.MustParsePrefix("fd00:ec2::/32"),   // AWS metadata (also in fc00::/7)
}

// isPublic reports whether a is a globally routable unicast address.
// 169.254.169.254 (cloud metadata) is link-local and so refused. An IPv6
// address that carries an IPv4 address the network delivers to (see
// embeddedIPv4) is public only when every IPv4 address it carries is.
func isPublic(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() ||
		a.IsLinkLocalMulticast() || a.IsInterfaceLocalMulticast() || a.IsMulticast() ||
		a.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	for _, v4 := range embeddedIPv4(a) {
		if !isPublic(v4) {
			return false
		}
	}
	return true
}

// Prefixes of IPv6 addresses that carry an IPv4 address.
var (
	nat64Prefix  = netip.MustParsePrefix("64:ff9b::/96") // RFC 6052: v4 in the last 32 bits
	sixToFour    = netip.MustParsePrefix("2002::/16")    // RFC 3056: v4 in bits 16-47
	teredoPrefix = netip.MustParsePrefix("2001::/32")    // RFC 4380: server v4 in bits 32-63, client v4 inverted in bits 96-127
	v4Compatible = netip.MustParsePrefix("::/96")        // RFC 4291 (deprecated): v4 in the last 32 bits
)

// embeddedIPv4 returns the IPv4 addresses an IPv6 address routes to by
// construction: the last 32 bits of a NAT64 (64:ff9b::/96) or
// IPv4-compatible (::/96) address, bits 16-47 of a 6to4 address
// (2002::/16), and for Teredo (2001::/32) both the server address (bits
// 32-63) and the client address (the bitwise NOT of the last 32 bits). A
// packet to 2002:7f00:1:: reaches 127.0.0.1 through any 6to4 relay, so the
// guard must judge the IPv4 address, not the IPv6 one. IPv4-mapped
// addresses (::ffff:0:0/96) are unmapped by the caller.
func embeddedIPv4(a netip.Addr) []netip.Addr {
	if !a.Is6() {
		return nil
	}
	b := a.As16()
	v4 := func(i int, invert bool) netip.Addr {
		q := [4]byte{b[i], b[i+1], b[i+2], b[i+3]}
		if invert {
			for j := range q {
				q[j] = ^q[j]
			}
		}
		return netip.AddrFrom4(q)
	}
	switch {
	case nat64Prefix.Contains(a), v4Compatible.Contains(a):
		return []netip.Addr{v4(12, false)}
	case sixToFour.Contains(a):
		return []netip.Addr{v4(2, false)}
	case teredoPrefix.Contains(a):
		return []netip.Addr{v4(4, false), v4(12, true)}
	}
	return nil
}

// Conditional carries the validators of an earlier response, for
// conditional requests.
type Conditional struct {
	ETag         string
	LastModified string
}

// Response is a fetched body.
type Response struct {
	URL         string // the final URL, after redirects
	ContentType string
	Body        []byte
	// Validators of this response, for the next conditional request.
	Conditional
	// NotModified is true when the server answered 304 to a conditional
	// request; Body is then empty.
	NotModified bool
}

// Fetcher fetches URLs with the safe client, a body cap, retries with
// backoff on 429 and 5xx, and a per-attempt timeout.
type Fetcher struct {
	client   *http.Client
	max      int64
	timeout  time.Duration
	backoff  time.Duration // first retry delay; doubles each time
	attempts int
	opts     *Options
}

// NewFetcher returns a Fetcher configured by opts (Client, AllowPrivate,
// MaxBytes, Timeout, Logger).
func NewFetcher(opts Options) *Fetcher {
	return newFetcher(&opts)
}

func newFetcher(opts *Options) *Fetcher {
	c := opts.Client
	if c == nil {
		c = NewClient(opts.AllowPrivate)
	}
	t := opts.Timeout
	if t <= 0 {
		t = DefaultTimeout
	}
	return &Fetcher{client: c, max: opts.maxURL(), timeout: t, backoff: defaultBackoff, attempts: MaxAttempts, opts: opts}
}

// HTTPError is a response with a status other than 2xx or 304.
type HTTPError struct {
	StatusCode int
	Status     string
}

func (e *HTTPError) Error() string { return "HTTP " + e.Status }

// Fetch GETs rawURL. With cond set it sends If-None-Match and
// If-Modified-Since, and a 304 answer gives NotModified. It retries 429
// and 5xx answers and network errors (not refusals) up to MaxAttempts
// times, waiting 1s, 2s, ... (or the server's Retry-After, at most 30s).
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, cond *Conditional) (*Response, error) {
	var lastErr error
	wait := f.backoff
	for attempt := 1; attempt <= f.attempts; attempt++ {
		resp, retryAfter, err := f.fetchOnce(ctx, rawURL, cond)
		if err == nil {
			return resp, nil
		}
		lastErr = err
		if !retryable(err) || attempt == f.attempts || ctx.Err() != nil {
			break
		}
		d := wait
		if retryAfter > 0 {
			d = min(retryAfter, maxRetryAfter)
		}
		d += time.Duration(rand.Int64N(int64(d)/4 + 1)) // jitter
		f.opts.logger().Debug("retrying", "url", rawURL, "attempt", attempt, "wait", d, "err", err)
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(d):
		}
		wait *= 2
	}
	return nil, lastErr
}

func retryable(err error) bool {
	// A slow server stays slow: retrying a timeout would triple the wait.
	if errors.Is(err, ErrPrivateAddress) || errors.Is(err, ErrTooLarge) || errors.Is(err, ErrTimeout) ||
		errors.Is(err, context.Canceled) {
		return false
	}
	var he *HTTPError
	if errors.As(err, &he) {
		return he.StatusCode == http.StatusTooManyRequests || he.StatusCode >= 500
	}
	var ue interface{ Timeout() bool }
	if errors.As(err, &ue) && ue.Timeout() {
		return false
	}
	return !strings.Contains(err.Error(), "redirects") && !strings.Contains(err.Error(), "unsupported scheme")
}

func (f *Fetcher) fetchOnce(ctx context.Context, rawURL string, cond *Conditional) (*Response, time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, f.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, 0, err
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return nil, 0, fmt.Errorf("unsupported scheme %q", req.URL.Scheme)
	}
	req.Header.Set("User-Agent", UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
	if cond != nil {
		if cond.ETag != "" {
			req.Header.Set("If-None-Match", cond.ETag)
		}
		if cond.LastModified != "" {
			req.Header.Set("If-Modified-Since", cond.LastModified)
		}
	}
	resp, err := f.client.Do(req)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, 0, fmt.Errorf("%w after %v: %w", ErrTimeout, f.timeout, unwrapURLError(err))
		}
		return nil, 0, unwrapURLError(err)
	}
	defer resp.Body.Close()
	out := &Response{
		URL:         resp.Request.URL.String(),
		ContentType: resp.Header.Get("Content-Type"),
		Conditional: Conditional{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified")},
	}
	if resp.StatusCode == http.StatusNotModified && cond != nil {
		out.NotModified = true
		return out, 0, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, retryAfter(resp.Header.Get("Retry-After")), &HTTPError{StatusCode: resp.StatusCode, Status: resp.Status}
	}
	if resp.ContentLength > f.max {
		return nil, 0, fmt.Errorf("%w: %d bytes, the limit is %d", ErrTooLarge, resp.ContentLength, f.max)
	}
	body, err := readCapped(resp.Body, f.max)
	if err != nil {
		if ctx.Err() == context.DeadlineExceeded {
			return nil, 0, fmt.Errorf("%w after %v reading the body", ErrTimeout, f.timeout)
		}
		return nil, 0, err
	}
	out.Body = body
	return out, 0, nil
}

func retryAfter(v string) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s >= 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(time.Until(t), 0)
	}
	return 0
}

// unwrapURLError drops the *url.Error wrapper ("Get \"...\": ..."), whose
// URL the InputError already names.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// readURL fetches one URL and parses what it holds.
func (f *Fetcher) readURL(ctx context.Context, rawURL string, emit func(Result) error) error {
	resp, err := f.Fetch(ctx, rawURL, nil)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return emit(Result{Input: rawURL, Err: &InputError{Input: rawURL, Err: err}})
	}
	return parseInto(ctx, rawURL, resp.Body, resp.URL, resp.ContentType, f.opts, f, emit)
}
