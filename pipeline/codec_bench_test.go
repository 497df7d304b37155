package pipeline_test

import (
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/gc"
	"github.com/nianbao/nianbao/internal/gc/gctest"
	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// BenchmarkCodec measures the codec alone, without zstd, on the 1 000
// generated reports of BenchmarkStages: appending a parse (append, what the
// state store does for every report), the collection spool's entry of a
// parse (spool: its cell values and its report without cell rows), the
// two at once as a run makes them (append-spool: the spool's entry cut
// from the state store's encoding), and decoding a parse into a reused one
// (decode, the spool's replay), and append-spool with the entries then
// compressed as the state store seals them (store), which the others
// leave out. MB/s is of source bytes; cpu-ns/op, the process's CPU time,
// is the steadier figure on a shared machine.
func BenchmarkCodec(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	reps, n := corpus1000()
	ps := make([]*schemas.Parsed, len(reps))
	enc := make([][]byte, len(reps))
	for i, r := range reps {
		ps[i] = transform.Parse(extract.ReadBytes(r.name, r.data, extract.Limits{}))
		ps[i].SetKey()
		enc[i] = pipeline.AppendParsed(nil, ps[i])
	}
	b.Run("append", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		defer gctest.ReportCPU(b)()
		buf := make([]byte, 0, 64<<10)
		for i := 0; i < b.N; i++ {
			for _, p := range ps {
				buf = pipeline.AppendParsed(buf[:0], p)
			}
		}
	})
	b.Run("spool", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		defer gctest.ReportCPU(b)()
		buf, vals := make([]byte, 0, 64<<10), make([]byte, 0, 64<<10)
		for i := 0; i < b.N; i++ {
			for _, p := range ps {
				buf, vals = pipeline.AppendSpoolEntry(buf[:0], vals, p)
			}
		}
	})
	b.Run("append-spool", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		defer gctest.ReportCPU(b)()
		buf, spool := make([]byte, 0, 64<<10), make([]byte, 0, 64<<10)
		for i := 0; i < b.N; i++ {
			for _, p := range ps {
				buf, spool = pipeline.AppendParsedSpool(buf[:0], spool[:0], p)
			}
		}
	})
	// store is append-spool with the state store's compression: the
	// entries sealed by blocks as storeAt closes them (PackEntries
	// entries or PackBlock bytes) at zstd's fastest level, as writeBlock
	// does for every report a run parses.
	b.Run("store", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		defer gctest.ReportCPU(b)()
		blk, z, spool := make([]byte, 0, 1<<20), make([]byte, 0, 1<<20), make([]byte, 0, 64<<10)
		for i := 0; i < b.N; i++ {
			blk = blk[:0]
			entries := 0
			for k, p := range ps {
				blk, spool = pipeline.AppendParsedSpool(blk, spool[:0], p)
				if entries++; entries >= pipeline.PackEntries || len(blk) >= pipeline.PackBlock || k == len(ps)-1 {
					z = pipeline.SealBlock(z[:0], blk)
					blk, entries = blk[:0], 0
				}
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		defer gctest.ReportCPU(b)()
		var prev *schemas.Parsed
		for i := 0; i < b.N; i++ {
			for _, e := range enc {
				p, err := pipeline.DecodeParsedReusing(e, prev)
				if err != nil {
					b.Fatal(err)
				}
				prev = p
			}
		}
	})
}

// BenchmarkResolveDivision resolves who published each of the 1 000
// generated reports of BenchmarkStages from its organ, title, path and text,
// as ParseSource does once a report is parsed.
func BenchmarkResolveDivision(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	reps, n := corpus1000()
	ps := make([]*schemas.Parsed, len(reps))
	for i, r := range reps {
		ps[i] = transform.Parse(extract.ReadBytes(r.name, r.data, extract.Limits{}))
	}
	pipeline.ResolveDivision(ps[0]) // the table is loaded once
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	defer gctest.ReportCPU(b)()
	for i := 0; i < b.N; i++ {
		for _, p := range ps {
			pipeline.ResolveDivision(p)
		}
	}
}
