package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
)

// maxInitBytes bounds what the packages of the binary allocate in their
// init functions, before any command runs. A command pays for it however
// little it does: `sitrep extract` of one short text, `sitrep events`.
// go-dateparser's locale patterns, compiled at init, were 78 MB of it
// (now compiled on first use, see third_party/go-dateparser).
const maxInitBytes = 20 << 20

var initLine = regexp.MustCompile(`^init (\S+) @[^,]+, [^,]+ clock, (\d+) bytes, (\d+) allocs`)

// TestInit_Allocations runs this test binary again with
// GODEBUG=inittrace=1, which has the runtime print what each package's
// init allocated, and checks the sum against maxInitBytes. Bytes, not time:
// the figure does not depend on the machine's load.
func TestInit_Allocations(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%v\n%s", err, stderr.Bytes())
	}
	var total, top int64
	var topPkg string
	sc := bufio.NewScanner(&stderr)
	for sc.Scan() {
		m := initLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		n, _ := strconv.ParseInt(m[2], 10, 64)
		total += n
		if n > top {
			top, topPkg = n, m[1]
		}
	}
	if total == 0 {
		t.Skip("no inittrace output from the runtime")
	}
	t.Logf("package inits allocate %.1f MB; the most %s, %.1f MB", float64(total)/(1<<20), topPkg, float64(top)/(1<<20))
	if total > maxInitBytes {
		t.Errorf("package inits allocate %.1f MB, more than %d MB; the most %s, %.1f MB",
			float64(total)/(1<<20), maxInitBytes>>20, topPkg, float64(top)/(1<<20))
	}
}
