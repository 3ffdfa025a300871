package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

const envSignalChild = "SITREP_TEST_SIGNAL_CHILD"

// TestSignals runs sitrep as a child process and signals it: the first
// SIGINT or SIGTERM must end a command blocked on its input (stdin that
// never ends, a FIFO no one writes), with status 128+signal; a command
// that does not notice the cancellation must end on the second signal.
func TestSignals(t *testing.T) {
	if v := os.Getenv(envSignalChild); v != "" {
		args := strings.Fields(v)
		commands = append(commands, func(*app) *cobra.Command {
			return &cobra.Command{Use: "hang", RunE: func(*cobra.Command, []string) error {
				time.Sleep(time.Hour) // ignores the context
				return nil
			}}
		})
		signalsReady = func() { fmt.Fprintln(os.Stderr, "ready") }
		os.Exit(runWithSignals(args))
	}
	if testing.Short() {
		t.Skip("runs child processes")
	}
	fifo := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, tc := range []struct {
		name    string
		args    string
		signals []syscall.Signal
		// status is the exit status, or -1 for death by the last signal.
		status int
	}{
		{"StdinSIGINT", "extract -q -", []syscall.Signal{syscall.SIGINT}, 130},
		{"StdinSIGTERM", "extract -q -", []syscall.Signal{syscall.SIGTERM}, 143},
		{"FIFOSIGINT", "extract -q " + fifo, []syscall.Signal{syscall.SIGINT}, 130},
		{"BatchFIFOSIGTERM", "ingest -q --db " + filepath.Join(t.TempDir(), "x.db") + " " + fifo, []syscall.Signal{syscall.SIGTERM}, 143},
		{"SecondSIGINT", "hang", []syscall.Signal{syscall.SIGINT, syscall.SIGINT}, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestSignals$")
			cmd.Env = append(os.Environ(), envSignalChild+"="+tc.args)
			stdinR, stdinW, err := os.Pipe() // "sleep 60 |": a writer that never writes
			if err != nil {
				t.Fatal(err)
			}
			defer stdinW.Close()
			cmd.Stdin = stdinR
			stderr, err := cmd.StderrPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			stdinR.Close()
			defer cmd.Process.Kill()
			sc := bufio.NewScanner(stderr)
			if !sc.Scan() || sc.Text() != "ready" {
				t.Fatalf("child did not start: %q", sc.Text())
			}
			go io.Copy(io.Discard, stderr)
			time.Sleep(200 * time.Millisecond) // let the command reach its blocking read
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			var werr error
			for i, sig := range tc.signals {
				if err := cmd.Process.Signal(sig); err != nil {
					t.Fatal(err)
				}
				select {
				case werr = <-done:
				case <-time.After(wait(i == len(tc.signals)-1)):
					if i == len(tc.signals)-1 {
						t.Fatalf("still running 5 s after %d signal(s)", i+1)
					}
					continue
				}
				break
			}
			var ee *exec.ExitError
			if !errors.As(werr, &ee) {
				t.Fatalf("exit: %v", werr)
			}
			ws := ee.Sys().(syscall.WaitStatus)
			switch {
			case tc.status == -1 && !ws.Signaled():
				t.Fatalf("exited with %d, want death by signal", ws.ExitStatus())
			case tc.status >= 0 && ws.ExitStatus() != tc.status:
				t.Fatalf("exit status %d (%v), want %d", ws.ExitStatus(), werr, tc.status)
			}
		})
	}
}

// wait is how long TestSignals waits for the child to end after a signal:
// 1 s when another signal follows, else 5 s.
func wait(last bool) time.Duration {
	if last {
		return 5 * time.Second
	}
	return time.Second
}
