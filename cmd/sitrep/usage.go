package main

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/spf13/cobra"
)

// friendlyArgs wraps the argument check of cmd and its subcommands so
// that a missing or unexpected argument names what is expected and how to
// get help, instead of cobra's bare "requires at least 1 arg(s), only
// received 0".
func friendlyArgs(cmd *cobra.Command) {
	for _, c := range cmd.Commands() {
		friendlyArgs(c)
	}
	check := cmd.Args
	if check == nil {
		return
	}
	cmd.Args = func(c *cobra.Command, args []string) error {
		err := check(c, args)
		if err == nil {
			return nil
		}
		msg := err.Error()
		switch noun := argNoun(c.Use); {
		case len(args) == 0 && strings.HasSuffix(noun, "..."):
			msg = fmt.Sprintf("%s needs at least one %s", c.CommandPath(), strings.TrimSuffix(noun, "..."))
		case len(args) == 0 && noun != "":
			msg = fmt.Sprintf("%s needs %s", c.CommandPath(), noun)
		case noun == "":
			msg = fmt.Sprintf("unexpected argument %q: %s takes flags only", args[0], c.CommandPath())
		}
		return fmt.Errorf("%s\nusage: %s\nrun '%s --help' for the flags and examples", msg, usageLine(c), c.CommandPath())
	}
	cmd.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return fmt.Errorf("%w\nrun '%s --help' for the flags", err, c.CommandPath())
	})
}

// argName is a positional argument in a Use line: "INPUT...", "FILE".
var argName = regexp.MustCompile(`^[A-Z][A-Z0-9_]*(\.\.\.)?$`)

// argNoun returns the positional argument a command's Use line names
// ("INPUT...", "FILE"), "" when it names none.
func argNoun(use string) string {
	fields := strings.Fields(use)
	if len(fields) < 2 {
		return ""
	}
	last := fields[len(fields)-1]
	if !argName.MatchString(last) {
		return ""
	}
	return last
}

// usageLine is the command path followed by the Use line's arguments.
func usageLine(c *cobra.Command) string {
	_, rest, _ := strings.Cut(c.Use, " ")
	if p := c.Parent(); p != nil {
		return strings.TrimSpace(p.CommandPath() + " " + c.Name() + " " + rest)
	}
	return c.Use
}

// count returns n and noun, with an s unless n is 1: "1 document", "0
// documents", "3 events".
func count[N int | int64](n N, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
