package httpapi_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/httpapi"
	"github.com/sitrep-dev/sitrep/store/memstore"
)

// doHost sends a request with the given Host header and extra headers.
func doHost(t *testing.T, method, u, host, body string, hdr ...string) (int, http.Header, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// TestServer_DNSRebinding checks that a page which rebinds its own name to
// this machine gets nothing: a Host the server was not told about gets 421
// on every endpoint, reads included; IP literals, localhost and the names
// of Options.Hosts are served.
func TestServer_DNSRebinding(t *testing.T) {
	base := newServer(t, httpapi.Options{Store: memstore.New(), Hosts: []string{"sitrep.example.org", "intranet:8080"}}).URL
	for _, tc := range []struct {
		method, path, host string
		status             int
	}{
		{"GET", "/api/events", "attacker.example:8080", 421},
		{"GET", "/api/export?format=csv", "attacker.example", 421},
		{"GET", "/", "attacker.example", 421},
		{"POST", "/api/documents", "attacker.example", 421},
		{"GET", "/api/events", "localhost.attacker.example", 421},
		{"GET", "/api/events", "intranet:9999", 421},
		{"GET", "/api/events", "", 200}, // 127.0.0.1:port as dialled
		{"GET", "/api/events", "127.0.0.1:8080", 200},
		{"GET", "/api/events", "[::1]:8080", 200},
		{"GET", "/api/events", "localhost:8080", 200},
		{"GET", "/api/events", "LOCALHOST", 200},
		{"GET", "/api/events", "sitrep.example.org", 200},
		{"GET", "/api/events", "Sitrep.Example.Org:443", 200},
		{"GET", "/api/events", "intranet:8080", 200},
	} {
		t.Run(tc.method+" "+tc.host+tc.path, func(t *testing.T) {
			status, hdr, body := doHost(t, tc.method, base+tc.path, tc.host, "")
			if tc.status == 421 {
				checkError(t, status, hdr, body, 421, "misdirected")
				return
			}
			if status != tc.status {
				t.Fatalf("status %d, want %d: %s", status, tc.status, body)
			}
		})
	}
	t.Run("AnyHost", func(t *testing.T) {
		base := newServer(t, httpapi.Options{Store: memstore.New(), Hosts: []string{"*"}}).URL
		if status, _, body := doHost(t, "GET", base+"/api/events", "anything.example", ""); status != 200 {
			t.Fatalf("status %d: %s", status, body)
		}
	})
}

// TestServer_CrossOriginWrites checks that a browser cannot post a
// document from another origin when no token is set, and that same-origin
// and non-browser writes still go through.
func TestServer_CrossOriginWrites(t *testing.T) {
	base := newServer(t, httpapi.Options{Store: memstore.New()}).URL
	host := strings.TrimPrefix(base, "http://")
	body := `{"id":"a","text":"Gunmen attacked a checkpoint."}`
	ct := []string{"Content-Type", "application/json"}
	for _, tc := range []struct {
		name   string
		hdr    []string
		status int
	}{
		{"CrossSite", []string{"Sec-Fetch-Site", "cross-site"}, 403},
		{"SameSite", []string{"Sec-Fetch-Site", "same-site"}, 403},
		{"OtherOrigin", []string{"Origin", "http://attacker.example"}, 403},
		{"SameOrigin", []string{"Sec-Fetch-Site", "same-origin", "Origin", "http://" + host}, 201},
		{"OriginOnly", []string{"Origin", "http://" + host}, 201},
		{"NoBrowser", nil, 201},
	} {
		t.Run(tc.name, func(t *testing.T) {
			status, hdr, b := doHost(t, "POST", base+"/api/documents", "", body, append(ct, tc.hdr...)...)
			if tc.status == 403 {
				checkError(t, status, hdr, b, 403, "forbidden")
				return
			}
			if status != 200 && status != 201 {
				t.Fatalf("status %d, want success: %s", status, b)
			}
		})
	}
}

// TestServer_BearerSchemeCaseInsensitive checks RFC 9110's rule that the
// authentication scheme is case-insensitive.
func TestServer_BearerSchemeCaseInsensitive(t *testing.T) {
	const token = "tok-123"
	base := newServer(t, httpapi.Options{Store: memstore.New(), Token: token}).URL
	for i, scheme := range []string{"Bearer", "bearer", "BEARER", "bEaReR"} {
		body := `{"id":"doc` + string(rune('a'+i)) + `","text":"Gunmen attacked a checkpoint."}`
		status, _, b := doHost(t, "POST", base+"/api/documents", "", body, "Content-Type", "application/json", "Authorization", scheme+" "+token)
		if status != 200 && status != 201 {
			t.Errorf("%s: status %d: %s", scheme, status, b)
		}
	}
	status, hdr, b := doHost(t, "POST", base+"/api/documents", "", `{"id":"x","text":"y"}`, "Content-Type", "application/json", "Authorization", "Basic "+token)
	checkError(t, status, hdr, b, 401, "unauthorized")
}
