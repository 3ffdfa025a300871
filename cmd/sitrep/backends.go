package main

// The store backends this program offers; store.Open picks one by the
// form of --db. A new backend is one more import here.
import (
	_ "github.com/sitrep-dev/sitrep/store/postgres" // postgres://..., postgresql://...
	_ "github.com/sitrep-dev/sitrep/store/sqlite"   // a file path, sqlite:PATH
)
