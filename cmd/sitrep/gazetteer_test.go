package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runGazetteer runs `sitrep args...` with stdout and stderr in files and
// returns the exit code and both outputs.
func runGazetteer(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	dir := t.TempDir()
	out, _ := os.Create(filepath.Join(dir, "out"))
	errf, _ := os.Create(filepath.Join(dir, "err"))
	defer out.Close()
	defer errf.Close()
	a := &app{stdin: os.Stdin, stdout: out, stderr: errf}
	root := newRoot(a)
	root.SetArgs(args)
	code := 0
	if err := root.ExecuteContext(context.Background()); err != nil {
		var ec exitCode
		if !asExit(err, &ec) {
			io.WriteString(errf, err.Error())
			ec = 1
		}
		code = int(ec)
	}
	o, _ := os.ReadFile(out.Name())
	e, _ := os.ReadFile(errf.Name())
	return code, string(o), string(e)
}

func TestGazetteerImport(t *testing.T) {
	data := t.TempDir()
	t.Setenv("SITREP_DATA_DIR", data)
	good := filepath.Join(t.TempDir(), "villages.csv")
	os.WriteFile(good, []byte("name,lat,lon,province,district\nQala-e Naw Bazaar,34.98,63.12,Badghis,Qala-e-Naw\n"), 0o644)
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("name,lat,lon,province\nA,34.9,63.1,Badghis\nB,north,63.1,Badghis\n"), 0o644)

	code, out, stderr := runGazetteer(t, "gazetteer", "import", good)
	if code != 0 || !strings.Contains(out, "1 places stored") {
		t.Fatalf("import: code %d, out %q, err %q", code, out, stderr)
	}
	if _, err := os.Stat(filepath.Join(data, "gazetteer", "villages.tsv")); err != nil {
		t.Errorf("nothing stored: %v", err)
	}
	code, _, stderr = runGazetteer(t, "gazetteer", "import", bad, good)
	if code == 0 || !strings.Contains(stderr, "bad.csv:3:") {
		t.Errorf("malformed file: code %d, err %q; want an error naming bad.csv:3", code, stderr)
	}
	code, out, _ = runGazetteer(t, "gazetteer", "list")
	if code != 0 || !strings.Contains(out, "villages.tsv") {
		t.Errorf("list: code %d, out %q", code, out)
	}
	code, out, _ = runGazetteer(t, "gazetteer", "lookup", "-n", "1", "Mazari Sharif")
	if code != 0 || !strings.Contains(out, `"Name":"Mazar-e Sharif"`) {
		t.Errorf("lookup: code %d, out %q", code, out)
	}
}
