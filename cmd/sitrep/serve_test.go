package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

func TestIsLoopbackAddr(t *testing.T) {
	for _, tc := range []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:8080", true},
		{"127.1.2.3:80", true},
		{"[::1]:8080", true},
		{"localhost:8080", true},
		{":8080", false},
		{"0.0.0.0:8080", false},
		{"[::]:8080", false},
		{"192.168.1.10:8080", false},
		{"example.org:80", false},
	} {
		t.Run(tc.addr, func(t *testing.T) {
			got, err := isLoopbackAddr(tc.addr)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Fatalf("isLoopbackAddr(%q) = %v, want %v", tc.addr, got, tc.want)
			}
		})
	}
	if _, err := isLoopbackAddr("no-port"); err == nil {
		t.Fatal("an address without a port was accepted")
	}
}

func TestServe_RefusesPublicWithoutToken(t *testing.T) {
	t.Setenv(envToken, "")
	db := filepath.Join(t.TempDir(), "sitrep.db")
	for _, addr := range []string{"0.0.0.0:0", ":0"} {
		if code := run(context.Background(), []string{"serve", "-q", "--db", db, "--addr", addr}); code == 0 {
			t.Fatalf("serve --addr %s without a token exited 0", addr)
		}
	}
}

func TestServeHosts(t *testing.T) {
	for _, tc := range []struct {
		addr  string
		hosts []string
		want  string
	}{
		{"127.0.0.1:8080", nil, ""},
		{"[::1]:8080", []string{"a.example"}, "a.example"},
		{"sitrep.lan:8080", []string{"a.example", "b.example"}, "a.example b.example sitrep.lan"},
		{":8080", nil, ""},
	} {
		if got := strings.Join(serveHosts(serveFlags{addr: tc.addr, hosts: tc.hosts}), " "); got != tc.want {
			t.Errorf("%s %v: %q, want %q", tc.addr, tc.hosts, got, tc.want)
		}
	}
}
