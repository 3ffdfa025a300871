package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/httpapi"
	"github.com/sitrep-dev/sitrep/ingest"
	"github.com/sitrep-dev/sitrep/pipeline"
	"github.com/sitrep-dev/sitrep/store"
)

func init() { commands = append(commands, newServeCmd) }

// envToken names the environment variable that holds the bearer token.
const envToken = "SITREP_TOKEN"

// serveFlags are the flags of `sitrep serve`.
type serveFlags struct {
	db, addr, token, tiles, tilesAttribution string
	hosts                                    []string
	maxBody                                  int64
	merge                                    bool
}

func newServeCmd(a *app) *cobra.Command {
	var f serveFlags
	cmd := &cobra.Command{
		Use:   "serve [--db PATH] [--addr 127.0.0.1:8080]",
		Short: "Serve the event database: a JSON API and a map, timeline and list page",
		Long: `Serve the event database over HTTP: the JSON API under /api/ (described
by /api/openapi.json) and, at /, a page with a map, a timeline, filters, a
list and each event's article with its evidence highlighted.

Reads are open. Writes (POST /api/documents) need the bearer token when one
is set with --token or $SITREP_TOKEN; listening on anything but a loopback
address without a token is refused. A browser may write only from the
server's own page (same origin). A document posted that reports an event
already stored from another document joins that event unless --merge=false.

The server answers only to IP addresses, localhost and the host names given
with --host (and the name in --addr): a request for any other Host gets 421,
so that a web page cannot rebind its own name to this machine and read or
write the database.

The map draws country outlines with no network; --tiles adds a tile layer
from a tile server (e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runServe(cmd.Context(), a, f)
		},
	}
	addDBFlag(cmd, &f.db)
	addMergeFlag(cmd, &f.merge)
	fs := cmd.Flags()
	fs.StringVar(&f.addr, "addr", "127.0.0.1:8080", "address to listen on")
	fs.StringArrayVar(&f.hosts, "host", nil, "a host `NAME` the server answers to besides IP addresses and localhost, e.g. sitrep.example.org (repeatable; * for any)")
	fs.StringVar(&f.token, "token", "", "bearer token required for writes (default $"+envToken+")")
	fs.StringVar(&f.tiles, "tiles", "", "tile URL template for the map, e.g. https://tile.example/{z}/{x}/{y}.png (default: country outlines only, no network)")
	fs.StringVar(&f.tilesAttribution, "tiles-attribution", "", "attribution shown with --tiles")
	fs.Int64Var(&f.maxBody, "max-body", httpapi.DefaultMaxBodyBytes, "largest request body in bytes")
	return cmd
}

func runServe(ctx context.Context, a *app, f serveFlags) error {
	if f.token == "" {
		f.token = strings.TrimSpace(os.Getenv(envToken))
	}
	loopback, err := isLoopbackAddr(f.addr)
	if err != nil {
		return err
	}
	if !loopback && f.token == "" {
		return fmt.Errorf("serve: %s is reachable beyond this machine: set --token or $%s so that writes need it", f.addr, envToken)
	}
	db, where, err := openStoreWith(ctx, f.db, a, store.Options{Ledger: f.merge})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	defer db.Close()
	p, err := pipeline.New(pipeline.Options{Logger: a.logger})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	srv, err := httpapi.New(httpapi.Options{
		Store:           db,
		Extract:         p.Extract,
		Load:            httpapi.IngestLoader(ingest.Options{Logger: a.logger}),
		Token:           f.token,
		Hosts:           serveHosts(f),
		Version:         buildVersion(),
		MaxBodyBytes:    f.maxBody,
		TileURL:         f.tiles,
		TileAttribution: f.tilesAttribution,
		Logger:          a.logger,
	})
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	ln, err := net.Listen("tcp", f.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	hs := newHTTPServer(srv)
	fmt.Fprintf(a.stderr, "sitrep: serving %s on http://%s/ (writes %s)\n", where, ln.Addr(), map[bool]string{true: "need the token", false: "open to this machine"}[f.token != ""])

	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	// Let requests in flight finish, for a while.
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// serveHosts returns the host names the server answers to: --host, and the
// host of --addr when it is a name.
func serveHosts(f serveFlags) []string {
	hosts := append([]string(nil), f.hosts...)
	if h, _, err := net.SplitHostPort(f.addr); err == nil && h != "" && net.ParseIP(strings.Trim(h, "[]")) == nil {
		hosts = append(hosts, h)
	}
	return hosts
}

// newHTTPServer wraps h with the server's timeouts: slow clients cannot
// hold connections open, and exports extend their own write deadline page
// by page.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       60 * time.Second, // a body of --max-body over a slow link
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// isLoopbackAddr reports whether a listen address host:port is reachable
// from this machine only: a loopback IP, or "localhost" (whose addresses
// are then checked). An empty host listens on every interface.
func isLoopbackAddr(addr string) (bool, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false, fmt.Errorf("serve: --addr %q: %w", addr, err)
	}
	if host == "" {
		return false, nil
	}
	if ip := net.ParseIP(strings.Trim(host, "[]")); ip != nil {
		return ip.IsLoopback(), nil
	}
	if !strings.EqualFold(host, "localhost") {
		return false, nil // a name may resolve anywhere
	}
	ips, err := net.LookupIP(host)
	if err != nil || len(ips) == 0 {
		return false, fmt.Errorf("serve: --addr %q: cannot resolve %s", addr, host)
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return false, nil
		}
	}
	return true, nil
}
