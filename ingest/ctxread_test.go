package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestRead_CancelBlockedInput checks that Read returns soon after its
// context is cancelled while an input blocks: stdin that never ends (a
// pipe whose writer stays open, as in "sleep 60 | sitrep extract -"), a
// FIFO that no writer opens, and a FIFO batch whose writer sends one line
// and then waits.
func TestRead_CancelBlockedInput(t *testing.T) {
	dir := t.TempDir()
	fifo := func(t *testing.T, name string) string {
		p := filepath.Join(dir, name)
		if err := syscall.Mkfifo(p, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		return p
	}
	for _, tc := range []struct {
		name  string
		setup func(t *testing.T) (input string, stdin io.Reader)
	}{
		{"Stdin", func(t *testing.T) (string, io.Reader) {
			r, w, err := os.Pipe()
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { w.Close(); r.Close() })
			return "-", r
		}},
		{"StdinReader", func(t *testing.T) (string, io.Reader) {
			r, w := io.Pipe()
			t.Cleanup(func() { w.Close() })
			return "-", r
		}},
		{"FIFONoWriter", func(t *testing.T) (string, io.Reader) {
			return fifo(t, "nowriter"), nil
		}},
		{"FIFOBatchStalled", func(t *testing.T) (string, io.Reader) {
			p := fifo(t, "stalled.jsonl")
			go func() {
				w, err := os.OpenFile(p, os.O_WRONLY, 0)
				if err != nil {
					return
				}
				w.WriteString(`{"id":"a","text":"Gunmen attacked a checkpoint."}` + "\n")
				time.Sleep(10 * time.Second)
				w.Close()
			}()
			return p, nil
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			input, stdin := tc.setup(t)
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(100*time.Millisecond, cancel)
			done := make(chan error, 1)
			go func() {
				done <- Read(ctx, []string{input}, Options{Stdin: stdin}, func(Result) error { return nil })
			}()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("Read = %v, want context.Canceled", err)
				}
			case <-time.After(5 * time.Second):
				t.Fatal("Read still blocked 5 s after the context was cancelled")
			}
		})
	}
}

func TestCtxReader_Reads(t *testing.T) {
	r, w := io.Pipe()
	go func() {
		w.Write([]byte("hello "))
		w.Write([]byte("world"))
		w.Close()
	}()
	got, err := io.ReadAll(newCtxReader(context.Background(), r))
	if err != nil || string(got) != "hello world" {
		t.Fatalf("%q, %v", got, err)
	}
}

// TestRead_InputDone checks that Read reports each input done with the
// total, directories counting as their files.
func TestRead_InputDone(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a.txt", "b.txt", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("Gunmen attacked a checkpoint in "+n+"."), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var got []string
	opts := Options{InputDone: func(done, total int) { got = append(got, fmt.Sprintf("%d/%d", done, total)) }}
	if err := Read(context.Background(), []string{dir, filepath.Join(dir, "missing.txt")}, opts, func(Result) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if want := "1/4 2/4 3/4 4/4"; strings.Join(got, " ") != want {
		t.Errorf("InputDone calls %v, want %s", got, want)
	}
}
