package gazetteer_test

import (
	"runtime"
	"testing"

	"github.com/sitrep-dev/sitrep/gazetteer"
)

// BenchmarkLoad measures loading the embedded gazetteer; it reports the
// heap it holds in MB.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var g *gazetteer.Gazetteer
	for b.Loop() {
		var err error
		if g, err = gazetteer.Open(""); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heapMB")
	runtime.KeepAlive(g)
}

func BenchmarkLookup(b *testing.B) {
	g := gz(b)
	names := []string{"Kabul", "Mazar-e-Sharif", "Springfield", "Paris", "Nowhere Special", "Jawzjan province", "al-Raqqa"}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		g.Lookup(names[i%len(names)])
		i++
	}
}

func BenchmarkAppendRefs(b *testing.B) {
	g := gz(b)
	keys := [][]byte{[]byte(gazetteer.Normalize("Kabul")), []byte(gazetteer.Normalize("Springfield")), []byte("nowherespecial")}
	var dst []gazetteer.Ref
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		dst = g.AppendRefs(dst[:0], keys[i%len(keys)])
		i++
	}
}
