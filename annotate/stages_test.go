package annotate

import (
	"testing"
	"time"

	"github.com/sitrep-dev/sitrep/annotate/actor"
	"github.com/sitrep-dev/sitrep/annotate/claim"
	"github.com/sitrep-dev/sitrep/annotate/date"
	"github.com/sitrep-dev/sitrep/annotate/number"
	"github.com/sitrep-dev/sitrep/annotate/person"
	"github.com/sitrep-dev/sitrep/annotate/place"
	"github.com/sitrep-dev/sitrep/annotate/trigger"
	"github.com/sitrep-dev/sitrep/gazetteer"
)

func testStages(t *testing.T) []Stage {
	t.Helper()
	dates, err := date.Default()
	if err != nil {
		t.Fatal(err)
	}
	numbers, err := number.Default()
	if err != nil {
		t.Fatal(err)
	}
	actors, err := actor.New()
	if err != nil {
		t.Fatal(err)
	}
	g, err := gazetteer.Open("")
	if err != nil {
		t.Fatal(err)
	}
	people, err := person.New()
	if err != nil {
		t.Fatal(err)
	}
	cues, err := claim.New()
	if err != nil {
		t.Fatal(err)
	}
	triggers, err := trigger.Default()
	if err != nil {
		t.Fatal(err)
	}
	return []Stage{
		Segment{},
		Dates{Finder: dates, Now: time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)},
		Numbers{Finder: numbers},
		Places{Resolver: place.New(g)},
		Actors{Matcher: actors},
		People{Finder: people},
		Claims{Finder: cues},
		Triggers{Finder: triggers},
	}
}
