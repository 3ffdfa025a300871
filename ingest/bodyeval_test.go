package ingest

import (
	"context"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// TestBodyEval_Trafilatura scores the article text of sitrep against
// go-trafilatura's own evaluation set, the 983 annotated pages that ship
// in its module (scripts/comparison/data.go: for each page, snippets the
// article must contain and snippets of furniture it must not), as its
// comparison script does: a snippet found where it belongs is a true
// positive, and so on. It logs precision, recall and F for go-trafilatura
// alone (its options in that script: fallback on, comments out) and for
// sitrep's body. It reads the module from the module cache, and runs only
// when SITREP_BODY_EVAL=1 (it takes minutes):
//
//	SITREP_BODY_EVAL=1 go test ./ingest -run BodyEval -v
func TestBodyEval_Trafilatura(t *testing.T) {
	if os.Getenv("SITREP_BODY_EVAL") == "" {
		t.Skip("set SITREP_BODY_EVAL=1 to score article text on go-trafilatura's evaluation pages")
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/markusmobius/go-trafilatura").Output()
	if err != nil {
		t.Skipf("go-trafilatura's module is not at hand: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	entries := loadEvalEntries(t, filepath.Join(dir, "scripts", "comparison", "data.go"))
	var traf, ours evalCounts
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(dir, "test-files", "comparison", e.file))
		if err != nil {
			if data, err = os.ReadFile(filepath.Join(dir, "test-files", "mock", e.file)); err != nil {
				continue
			}
		}
		u, _ := url.ParseRequestURI(e.url)
		var alone string
		if root, err := html.Parse(strings.NewReader(string(data))); err == nil {
			res, err := trafilatura.ExtractDocument(root, trafilatura.Options{EnableFallback: true, ExcludeComments: true, Focus: trafilatura.Balanced, OriginalURL: u})
			if err == nil {
				alone = res.ContentText
			}
		}
		var body string
		if doc, err := parseHTML(context.Background(), e.file, data, e.url, "", &Options{}); err == nil {
			body = doc.Text[doc.Body.Start:doc.Body.End]
		}
		traf.add(e, alone)
		ours.add(e, body)
	}
	t.Logf("%d pages", len(entries))
	t.Logf("go-trafilatura alone: %v", traf)
	t.Logf("sitrep article body:  %v", ours)
}

type evalEntry struct {
	url, file     string
	with, without []string
}

// loadEvalEntries reads the entries of go-trafilatura's data.go, a map
// literal of struct literals, with go/parser.
func loadEvalEntries(t *testing.T, path string) []evalEntry {
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, 0)
	if err != nil {
		t.Skipf("reading the evaluation set: %v", err)
	}
	var out []evalEntry
	ast.Inspect(f, func(n ast.Node) bool {
		kv, ok := n.(*ast.KeyValueExpr)
		if !ok {
			return true
		}
		k, ok1 := kv.Key.(*ast.BasicLit)
		cl, ok2 := kv.Value.(*ast.CompositeLit)
		if !ok1 || !ok2 || k.Kind != token.STRING {
			return true
		}
		e := evalEntry{}
		e.url, _ = strconv.Unquote(k.Value)
		for _, el := range cl.Elts {
			f, ok := el.(*ast.KeyValueExpr)
			if !ok {
				continue
			}
			name, _ := f.Key.(*ast.Ident)
			if name == nil {
				continue
			}
			switch name.Name {
			case "File":
				if lit, ok := f.Value.(*ast.BasicLit); ok {
					e.file, _ = strconv.Unquote(lit.Value)
				}
			case "With", "Without":
				list, ok := f.Value.(*ast.CompositeLit)
				if !ok {
					continue
				}
				for _, x := range list.Elts {
					if lit, ok := x.(*ast.BasicLit); ok {
						s, _ := strconv.Unquote(lit.Value)
						if name.Name == "With" {
							e.with = append(e.with, s)
						} else {
							e.without = append(e.without, s)
						}
					}
				}
			}
		}
		if e.file != "" {
			out = append(out, e)
		}
		return false
	})
	return out
}

type evalCounts struct{ tp, fn, fp, tn int }

// add scores one page's text, white space runs read as one space.
func (c *evalCounts) add(e evalEntry, text string) {
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	text = norm(text)
	for _, s := range e.with {
		if text != "" && strings.Contains(text, norm(s)) {
			c.tp++
		} else {
			c.fn++
		}
	}
	for _, s := range e.without {
		if text != "" && strings.Contains(text, norm(s)) {
			c.fp++
		} else {
			c.tn++
		}
	}
}

func (c evalCounts) String() string {
	tp, fn, fp := float64(c.tp), float64(c.fn), float64(c.fp)
	return fmt.Sprintf("precision %.3f recall %.3f F %.3f (tp %d fn %d fp %d tn %d)",
		tp/(tp+fp), tp/(tp+fn), 2*tp/(2*tp+fp+fn), c.tp, c.fn, c.fp, c.tn)
}
