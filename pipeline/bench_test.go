package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/internal/gc"
	"github.com/nianbao/nianbao/internal/gc/gctest"
	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// Benchmarks run over the generated corpus (every layout, both templates,
// UTF-8 and GB18030, about 6.7 KB a report), seed 1. MB/s is of source
// bytes. NIANBAO_BENCH_LARGE=1 adds the 100 000-report sizes.

type memReport struct {
	name string
	data []byte
}

var (
	memOnce   sync.Once
	memCorpus []memReport
	memBytes  int64
)

func corpus1000() ([]memReport, int64) {
	memOnce.Do(func() {
		opt := generate.Options{Reports: 1000, Seed: 1}
		for i := 0; i < opt.Reports; i++ {
			name, data, _ := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
			memCorpus = append(memCorpus, memReport{name, data})
			memBytes += int64(len(data))
		}
	})
	return memCorpus, memBytes
}

// BenchmarkStages measures each stage alone on 1 000 reports in memory, on
// one goroutine: decode (extract), parse (transform, normalizer included),
// and the state store's encoding of a parse (cache-store) and its reading
// back (cache-load), which replaces decode and parse for an unchanged file.
func BenchmarkStages(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	reps, n := corpus1000()
	docs := make([]schemas.Document, len(reps))
	for i, r := range reps {
		docs[i] = extract.ReadBytes(r.name, r.data, extract.Limits{})
	}
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, r := range reps {
				extract.ReadBytes(r.name, r.data, extract.Limits{})
			}
		}
		b.ReportMetric(float64(b.N*len(reps))/b.Elapsed().Seconds(), "reports/s")
	})
	// Loading a parse from the state store must cost less than parsing
	// again (decode and parse): an incremental night depends on it. Both
	// go through the store on disk (b.TempDir), as a run does.
	parsed := make([]*schemas.Parsed, len(docs))
	for i, d := range docs {
		parsed[i] = transform.Parse(d)
	}
	stored := filepath.Join(b.TempDir(), "state")
	if err := pipeline.StoreParses(stored, parsed); err != nil {
		b.Fatal(err)
	}
	b.Run("cache-load", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if got, err := pipeline.LoadParses(stored, parsed); err != nil || got != len(parsed) {
				b.Fatalf("%d of %d parses loaded (%v)", got, len(parsed), err)
			}
		}
		b.ReportMetric(float64(b.N*len(reps))/b.Elapsed().Seconds(), "reports/s")
		b.ReportMetric(float64(dirBytes(stored))/float64(n), "cache-bytes/source-byte")
	})
	b.Run("cache-store", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			dir := filepath.Join(b.TempDir(), "state")
			b.StartTimer()
			if err := pipeline.StoreParses(dir, parsed); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N*len(reps))/b.Elapsed().Seconds(), "reports/s")
	})
	// The same without the files: encoding and compressing (cache-encode),
	// decompressing and decoding (cache-decode), the CPU of the two.
	packedAll := pipeline.PackAll(parsed)
	b.Run("cache-decode", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		defer gctest.ReportCPU(b)()
		for i := 0; i < b.N; i++ {
			if got, err := pipeline.UnpackAll(packedAll); err != nil || got != len(parsed) {
				b.Fatalf("%d of %d parses decoded (%v)", got, len(parsed), err)
			}
		}
		b.ReportMetric(float64(b.N*len(reps))/b.Elapsed().Seconds(), "reports/s")
		b.ReportMetric(float64(packedAll.Bytes())/float64(n), "packed-bytes/source-byte")
	})
	b.Run("cache-encode", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		defer gctest.ReportCPU(b)()
		for i := 0; i < b.N; i++ {
			pipeline.PackAll(parsed)
		}
		b.ReportMetric(float64(b.N*len(reps))/b.Elapsed().Seconds(), "reports/s")
	})
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(n)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for _, d := range docs {
				transform.Parse(d)
			}
		}
		b.ReportMetric(float64(b.N*len(reps))/b.Elapsed().Seconds(), "reports/s")
	})
}

// dirBytes is the size of the files under dir.
func dirBytes(dir string) int64 {
	var total int64
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			total += fi.Size()
		}
		return nil
	})
	return total
}

var dirs sync.Map // size → corpus folder, generated once per benchmark binary

func corpusDir(b *testing.B, n int) (string, int64) {
	b.Helper()
	type entry struct {
		dir   string
		bytes int64
	}
	if e, ok := dirs.Load(n); ok {
		return e.(entry).dir, e.(entry).bytes
	}
	root := os.Getenv("NIANBAO_BENCH_DIR")
	if root == "" {
		root = os.TempDir()
	}
	dir := filepath.Join(root, fmt.Sprintf("nianbao-bench-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "truth.jsonl")); err != nil {
		os.RemoveAll(dir)
		if _, err := generate.Corpus(context.Background(), dir, generate.Options{Reports: n, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	var total int64
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() && filepath.Base(p) != "truth.jsonl" {
			total += fi.Size()
		}
		return nil
	})
	dirs.Store(n, entry{dir, total})
	return dir, total
}

func sizes() []int {
	s := []int{1000, 10000}
	if os.Getenv("NIANBAO_BENCH_LARGE") != "" {
		s = append(s, 100000)
	}
	return s
}

// BenchmarkReadDecode is the floor: walk the corpus, read and decode every
// file, nothing else.
func BenchmarkReadDecode(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	for _, n := range sizes() {
		b.Run("reports="+strconv.Itoa(n), func(b *testing.B) {
			dir, bytes := corpusDir(b, n)
			b.SetBytes(bytes)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var srcs []extract.Source
				extract.Walk(context.Background(), dir, func(s extract.Source) error { srcs = append(srcs, s); return nil })
				var wg sync.WaitGroup
				ch := make(chan extract.Source)
				for w := 0; w < 2; w++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for s := range ch {
							extract.Read(context.Background(), s, extract.Limits{})
						}
					}()
				}
				for _, s := range srcs {
					ch <- s
				}
				close(ch)
				wg.Wait()
			}
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "reports/s")
		})
	}
}

// BenchmarkEndToEnd is `nianbao run` on a fresh output: walk, hash, read,
// decode, parse, check, write, verify and publish.
func BenchmarkEndToEnd(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	for _, n := range sizes() {
		for _, workers := range []int{1, 2} {
			b.Run(fmt.Sprintf("reports=%d/workers=%d", n, workers), func(b *testing.B) {
				dir, bytes := corpusDir(b, n)
				b.SetBytes(bytes)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					out := filepath.Join(b.TempDir(), "out")
					if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: dir, Output: out, Workers: workers}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "reports/s")
			})
		}
	}
}

// BenchmarkIncremental is a night with 1% new files over an existing
// dataset: the state store spares the parsing of the other 99%.
func BenchmarkIncremental(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	for _, n := range sizes() {
		b.Run("reports="+strconv.Itoa(n), func(b *testing.B) {
			dir, bytes := corpusDir(b, n)
			b.SetBytes(bytes)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				in := filepath.Join(b.TempDir(), "in")
				if err := os.Symlink(dir, in+"-base"); err != nil {
					b.Fatal(err)
				}
				os.MkdirAll(in, 0o755)
				os.Symlink(dir, filepath.Join(in, "base"))
				out := filepath.Join(b.TempDir(), "out")
				if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Workers: 2}); err != nil {
					b.Fatal(err)
				}
				opt := generate.Options{Reports: n + n/100, Seed: 2}
				for k := 0; k < n/100; k++ {
					name, data, _ := generate.Report(generate.NewRand(opt.Seed, k), k, opt)
					p := filepath.Join(in, "new", filepath.FromSlash(name))
					os.MkdirAll(filepath.Dir(p), 0o755)
					os.WriteFile(p, data, 0o644)
				}
				b.StartTimer()
				if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: in, Output: out, Workers: 2}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkScaling is BenchmarkEndToEnd with the process limited to 1, 2, …
// cores (GOMAXPROCS) and as many workers: how a run scales with the
// machine, every goroutine included (the writer, the collector, the GC).
func BenchmarkScaling(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	n := 10000
	if testing.Short() {
		n = 1000
	}
	for cores := 1; cores <= runtime.NumCPU(); cores++ {
		b.Run(fmt.Sprintf("reports=%d/cores=%d", n, cores), func(b *testing.B) {
			dir, bytes := corpusDir(b, n)
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(cores))
			b.SetBytes(bytes)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				out := filepath.Join(b.TempDir(), "out")
				if _, err := pipeline.Run(context.Background(), pipeline.Config{Input: dir, Output: out, Workers: cores}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*n)/b.Elapsed().Seconds(), "reports/s")
		})
	}
}
