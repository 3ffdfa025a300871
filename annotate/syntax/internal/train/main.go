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
	out := flag.String("o", "model/en_ewt.model", "model file to write")
	tagEpochs := flag.Int("tag-epochs", 0, "tagger epochs (0: default)")
	parseEpochs := flag.Int("parse-epochs", 0, "parser epochs (0: default)")
	folds := flag.Int("folds", 0, "jackknife folds (0: default, 1: gold tags)")
	tagMin := flag.Int("tag-min", 0, "tagger feature frequency cut-off (0 or 1: none)")
	parseMin := flag.Int("parse-min", 2, "parser feature frequency cut-off (0 or 1: none)")
	joint := flag.Bool("joint", true, "one perceptron for transitions and labels together (false: one for transitions, one for labels)")
	xpos := flag.Bool("xpos", true, "tag UPOS and XPOS pairs")
	dev := flag.Bool("dev", true, "score the dev file while training")
	pruneFrom := flag.String("prune", "", "do not train: prune this model file (threshold chosen on dev) and write it to -o")
	flag.Parse()
	log := slog.New(slog.NewTextHandler(os.Stderr, nil))
	var err error
	if *pruneFrom != "" {
		err = prune(log, *data, *pruneFrom, *out)
	} else {
		err = run(log, *data, *out, syntax.TrainOptions{TagEpochs: *tagEpochs, ParseEpochs: *parseEpochs, Folds: *folds, XPOS: *xpos, TagMinCount: *tagMin, ParseMinCount: *parseMin, Joint: *joint}, *dev)
	}
	if err != nil {
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

func run(log *slog.Logger, data, out string, opt syntax.TrainOptions, dev bool) error {
	start := time.Now()
	train, err := read(filepath.Join(data, "en_ewt-ud-train.conllu"))
	if err != nil {
		return err
	}
	opt.Logger = log
	if dev {
		if opt.Dev, err = read(filepath.Join(data, "en_ewt-ud-dev.conllu")); err != nil {
			return err
		}
	}
	m, err := syntax.Train(train, opt)
	if err != nil {
		return err
	}
	if opt.ParseEpochs < 0 {
		return nil // a tagger experiment: nothing to write
	}
	if dev {
		m = choosePruning(log, m, opt.Dev)
	}
	return write(log, m, out, start)
}

// pruneThresholds are the weight magnitudes tried, smallest first.
var pruneThresholds = []int16{0, 100, 200, 300, 400}

// choosePruning drops the smallest weights: the largest threshold whose
// dev LAS is within 0.15 of the best, for a smaller and faster model.
func choosePruning(log *slog.Logger, m *syntax.Model, dev []*syntax.Sentence) *syntax.Model {
	type try struct {
		m   *syntax.Model
		las float64
	}
	var tries []try
	best := -1.0
	for _, th := range pruneThresholds {
		pm := m.Pruned(th)
		sc := syntax.Evaluate(syntax.NewParser(pm), dev, false)
		tf, pf := pm.Features()
		log.Info("pruning", "threshold", th, "tagger_features", tf, "parser_features", pf,
			"dev_upos", fmt.Sprintf("%.2f", sc.UPOS), "dev_uas", fmt.Sprintf("%.2f", sc.UAS), "dev_las", fmt.Sprintf("%.2f", sc.LAS))
		tries = append(tries, try{pm, sc.LAS})
		best = max(best, sc.LAS)
	}
	for i := len(tries) - 1; i >= 0; i-- {
		if tries[i].las >= best-0.15 {
			log.Info("pruning chosen", "threshold", pruneThresholds[i])
			return tries[i].m
		}
	}
	return m
}

// prune reads a model, prunes it (choosePruning) and writes it to out.
func prune(log *slog.Logger, data, in, out string) error {
	start := time.Now()
	dev, err := read(filepath.Join(data, "en_ewt-ud-dev.conllu"))
	if err != nil {
		return err
	}
	f, err := os.Open(in)
	if err != nil {
		return err
	}
	m, err := syntax.ReadModel(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", in, err)
	}
	return write(log, choosePruning(log, m, dev), out, start)
}

func write(log *slog.Logger, m *syntax.Model, out string, start time.Time) error {
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
