package lexicon

import (
	"testing"
	"testing/fstest"
)

// FuzzLoaders feeds arbitrary bytes to every loader of this package: they
// must return rows or an error, never panic.
func FuzzLoaders(f *testing.F) {
	f.Add([]byte("country\tfrom\tto\tmilitary\tpolice\taliases\tnote\nAF\t2021-08-15\t\tM\tP\tTaliban\t\n"))
	f.Add([]byte("name\tinter\tcountry\taliases\tparent\tfrom\tto\tqualify\tacled\tnote\nIS\t2\t\tISIS\t\t\t\tcountry\t\t\n"))
	f.Add([]byte("term\tkind\tinter\ttemplate\tassoc\tnote\npolice\tpolice\t1\t{police\t\t\n"))
	f.Add([]byte("\xff\t\x00\n#\n\t\t\t"))
	f.Fuzz(func(t *testing.T, data []byte) {
		fsys := fstest.MapFS{}
		for _, n := range []string{CountriesFile, StateForcesFile, ActorsFile, AgentsFile, PersonTitlesFile} {
			fsys[n] = &fstest.MapFile{Data: data}
		}
		_, _ = LoadCountries(fsys)
		_, _ = LoadForces(fsys)
		_, _ = LoadActors(fsys)
		_, _ = LoadAgents(fsys)
		_, _ = LoadPersonTitles(fsys)
	})
}
