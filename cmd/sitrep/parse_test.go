package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sitrep-dev/sitrep/annotate/syntax"
)

// TestParse runs `sitrep parse` on a text and on CoNLL-U of our own
// writing and reads its output back as CoNLL-U.
func TestParse(t *testing.T) {
	dir := t.TempDir()
	txt := filepath.Join(dir, "report.txt")
	os.WriteFile(txt, []byte("Police arrested five men in Kano. They didn’t resist."), 0o644)
	conllu := filepath.Join(dir, "in.conllu")
	os.WriteFile(conllu, []byte("# text = Rebels shelled the base.\n"+
		"1\tRebels\tX\tX\tX\tF=1\t0\troot\t_\t_\n2\tshelled\t_\t_\t_\t_\t_\t_\t_\t_\n"+
		"3\tthe\t_\t_\t_\t_\t_\t_\t_\t_\n4\tbase\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"), 0o644)

	code, out, errs := runGazetteer(t, "parse", txt)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	ss, err := syntax.ReadCoNLLUAll(strings.NewReader(out))
	if err != nil || len(ss) != 2 {
		t.Fatalf("%d sentences, %v:\n%s", len(ss), err, out)
	}
	if got := ss[0].Comment("text"); got != "Police arrested five men in Kano." {
		t.Errorf("# text = %q", got)
	}
	if w := ss[0].Words[0]; w.Misc != "TokenRange=0:6" || w.UPOS == "" || w.Deprel == "" {
		t.Errorf("first word %+v", w)
	}
	if len(ss[1].Multiwords) != 1 || ss[1].Multiwords[0].Form != "didn’t" {
		t.Errorf("multiword tokens %+v", ss[1].Multiwords)
	}
	for _, s := range ss {
		if !syntax.IsTree(s.Words) {
			t.Errorf("%q: not a tree", s.Comment("text"))
		}
	}

	code, out, errs = runGazetteer(t, "parse", "--tokenized", conllu)
	if code != 0 {
		t.Fatalf("--tokenized: exit %d: %s", code, errs)
	}
	ss, err = syntax.ReadCoNLLUAll(strings.NewReader(out))
	if err != nil || len(ss) != 1 || len(ss[0].Words) != 5 {
		t.Fatalf("--tokenized: %v:\n%s", err, out)
	}
	if w := ss[0].Words[0]; w.Form != "Rebels" || w.Feats != "" || w.UPOS == "X" || !syntax.IsTree(ss[0].Words) {
		t.Errorf("--tokenized: %+v", ss[0].Words)
	}
	if ss[0].Words[3].Misc != "SpaceAfter=No" || ss[0].Comment("text") != "Rebels shelled the base." {
		t.Errorf("--tokenized lost MISC or comments: %+v", ss[0])
	}

	if code, _, _ = runGazetteer(t, "parse", "--tokenized", filepath.Join(dir, "missing.conllu")); code != 1 {
		t.Errorf("missing input: exit %d, want 1", code)
	}
}
