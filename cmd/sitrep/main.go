// Command sitrep turns conflict news into verified, geocoded, claim-aware
// event data.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"github.com/spf13/cobra"
)

// commands holds the constructors of the subcommands; each command's file
// adds its own in an init function, so that files do not collide.
var commands []func(*app) *cobra.Command

// app is what every subcommand shares: streams and the logger.
type app struct {
	stdin  *os.File
	stdout *os.File
	stderr *os.File
	logger *slog.Logger
	// verbose and quiet set the log level.
	verbose, quiet bool
}

func main() {
	os.Exit(runWithSignals(os.Args[1:]))
}

// runWithSignals runs args with the process's signal handling: the first
// SIGINT or SIGTERM cancels the command's context, so that every loop
// (reading inputs, running the pipeline, storing) stops at its next check
// and what was stored stays whole; the handlers are then removed, so that
// a second signal ends the process at once. The exit status after a
// signal is 128 plus its number, as a shell reports it.
func runWithSignals(args []string) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	if signalsReady != nil {
		signalsReady()
	}
	var got atomic.Value // the first signal
	go func() {
		select {
		case s := <-sigs:
			got.Store(s)
			signal.Reset(os.Interrupt, syscall.SIGTERM)
			fmt.Fprintf(os.Stderr, "sitrep: %v: stopping (send it again to quit at once)\n", s)
			cancel()
		case <-ctx.Done():
		}
	}()
	code := run(ctx, args)
	if s, ok := got.Load().(syscall.Signal); ok {
		return 128 + int(s)
	}
	return code
}

// signalsReady, when set (by tests), is called once the signal handlers
// are installed.
var signalsReady func()

// run executes the command line args and returns the process exit code.
func run(ctx context.Context, args []string) int {
	a := &app{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}
	root := newRoot(a)
	root.SetArgs(args)
	if err := root.ExecuteContext(ctx); err != nil {
		var ec exitCode
		if asExit(err, &ec) {
			return int(ec)
		}
		if ctx.Err() != nil && errors.Is(err, ctx.Err()) {
			return 1 // interrupted: the signal was reported
		}
		fmt.Fprintln(a.stderr, "sitrep:", err)
		return 1
	}
	return 0
}

func newRoot(a *app) *cobra.Command {
	root := &cobra.Command{
		Use:           "sitrep",
		Short:         "Turn conflict news into verified, geocoded, claim-aware event data",
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRun: func(cmd *cobra.Command, _ []string) {
			level := slog.LevelWarn
			if a.verbose {
				level = slog.LevelDebug
			}
			if a.quiet {
				level = slog.LevelError
			}
			a.logger = slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: level}))
		},
	}
	root.PersistentFlags().BoolVarP(&a.verbose, "verbose", "v", false, "log debug messages")
	root.PersistentFlags().BoolVarP(&a.quiet, "quiet", "q", false, "log errors only")
	for _, c := range commands {
		root.AddCommand(c(a))
	}
	friendlyArgs(root)
	return root
}

// exitCode is an error that carries a process exit code whose message was
// already printed.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

func asExit(err error, target *exitCode) bool {
	e, ok := err.(exitCode)
	if ok {
		*target = e
	}
	return ok
}
