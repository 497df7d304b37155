package division

import "testing"

// BenchmarkBuild builds the index from the embedded table, what the first
// Resolve of a run waits for.
func BenchmarkBuild(b *testing.B) {
	b.ReportAllocs()
	b.SetBytes(int64(len(table)))
	for b.Loop() {
		if _, err := build(table); err != nil {
			b.Fatal(err)
		}
	}
}
