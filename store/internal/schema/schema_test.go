package schema

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoad(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name    string
		fs      fstest.MapFS
		want    []int
		wantErr string
	}{
		{"ordered by number, not name", fstest.MapFS{
			"migrations/0010_b.sql": file("B"),
			"migrations/0002_a.sql": file("A"),
		}, []int{2, 10}, ""},
		{"no number", fstest.MapFS{"migrations/init.sql": file("")}, nil, "test: migration init.sql: name must start"},
		{"zero", fstest.MapFS{"migrations/0000_x.sql": file("")}, nil, "name must start"},
		{"same version", fstest.MapFS{
			"migrations/0001_a.sql":   file(""),
			"migrations/01_again.sql": file(""),
		}, nil, "test: migrations 0001_a.sql and 01_again.sql share a version"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ms, err := Load(tc.fs, "test")
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, m := range ms {
				got = append(got, m.Version)
			}
			if len(got) != len(tc.want) || got[0] != tc.want[0] || got[1] != tc.want[1] || ms[0].SQL != "A" {
				t.Fatalf("versions %v (first SQL %q), want %v", got, ms[0].SQL, tc.want)
			}
		})
	}
}
