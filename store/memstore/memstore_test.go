package memstore_test

import (
	"testing"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/store/memstore"
	"github.com/sitrep-dev/sitrep/store/storetest"
)

func TestConformance(t *testing.T) {
	storetest.RunConformance(t, func(t *testing.T) sitrep.Store { return memstore.New() })
}
