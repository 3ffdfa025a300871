// Command train trains the syntax model on the UD English Web Treebank and
// writes it gzip'd: go generate ./annotate/syntax.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/sitrep-dev/sitrep/annotate/syntax"
)

func main() {
	data := flag.String("data", "../shared/data/ud-english-ewt", "directory of en_ewt-ud-{train,dev}.conllu")
	out := flag.String("o", "model/en_ewt.model.gz", "model file to write")
	tagEpochs := flag.Int("tag-epochs", 0, "tagger epochs (0: default)")
	parseEpochs := flag.Int("parse-epochs", 0, "parser epochs (0: default)")
	folds := flag.Int("folds", 0, "jackknife folds (0: default, 1: gold tags)")
	xpos := flag.Bool("xpos", true, "tag UPOS and XPOS pairs")
	dev := flag.Bool("dev", true, "score the dev file while training")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(log, *data, *out, *tagEpochs, *parseEpochs, *folds, *xpos, *dev); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func read(path string) ([]*syntax.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ss, err := syntax.ReadCoNLLUAll(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ss, nil
}

func run(log *slog.Logger, data, out string, tagEpochs, parseEpochs, folds int, xpos, dev bool) error {
	start := time.Now()
	train, err := read(filepath.Join(data, "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	opt := syntax.TrainOptions{TagEpochs: tagEpochs, ParseEpochs: parseEpochs, Folds: folds, XPOS: xpos, Logger: log}
	if dev {
		if opt.Dev, err = read(filepath.Join(data, "en_ewt-ud-dev.conllu")); err != nil {
			return err
		}
	}
	m, err := syntax.Train(train, opt)
	if err != nil {
		return err
	}
	if parseEpochs < 0 {
		return nil // a tagger experiment: nothing to write
	}
	tmp := out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, out); err != nil {
		return err
	}
	log.Info("model written", "file", out, "bytes", n, "elapsed", time.Since(start).Round(time.Second))
	return nil
}
