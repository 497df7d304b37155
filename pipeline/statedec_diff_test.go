package pipeline

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline/generate"
)

// sameDecode checks that decodeFiles and decodePacks leave what
// json.Unmarshal leaves, from an empty map (as openState starts files),
// a nil one (as it starts packs) and one with an entry, and that both fail
// or both succeed.
func sameDecode(t *testing.T, name string, b []byte) {
	t.Helper()
	starts := []func() map[string]fileEntry{
		func() map[string]fileEntry { return map[string]fileEntry{} },
		func() map[string]fileEntry { return nil },
		func() map[string]fileEntry { return map[string]fileEntry{"x": {Size: 1, ReportID: "y"}} },
	}
	for i, start := range starts {
		old, got := start(), start()
		errOld, errNew := decodeFilesOld(b, &old), decodeFiles(b, &got)
		if (errOld == nil) != (errNew == nil) {
			t.Fatalf("%s: files from start %d: error %v, json.Unmarshal's %v\n%q", name, i, errNew, errOld, b)
		}
		if !reflect.DeepEqual(old, got) {
			t.Fatalf("%s: files from start %d:\n got %#v\nwant %#v\n%q", name, i, got, old, b)
		}
	}
	pstarts := []func() map[string]packRef{
		func() map[string]packRef { return nil },
		func() map[string]packRef { return map[string]packRef{} },
		func() map[string]packRef { return map[string]packRef{"x": {Pack: "p", N: 3}} },
	}
	for i, start := range pstarts {
		old, got := start(), start()
		errOld, errNew := decodePacksOld(b, &old), decodePacks(b, &got)
		if (errOld == nil) != (errNew == nil) {
			t.Fatalf("%s: packs from start %d: error %v, json.Unmarshal's %v\n%q", name, i, errNew, errOld, b)
		}
		if !reflect.DeepEqual(old, got) {
			t.Fatalf("%s: packs from start %d:\n got %#v\nwant %#v\n%q", name, i, got, old, b)
		}
	}
}

// realIndexes runs the pipeline over the seeds and over generated reports,
// twice, and returns the file and pack indexes the runs left. Indexes of
// other runs are added from NIANBAO_STATE_DIRS (output folders, separated
// by the list separator).
func realIndexes(t testing.TB) map[string][]byte {
	t.Helper()
	gen := t.TempDir()
	opt := generate.Options{Reports: 60, Seed: 11}
	for i := range opt.Reports {
		name, data, _ := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		p := filepath.Join(gen, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	outs := []string{}
	for _, in := range []string{"../../shared/seeds", gen} {
		if _, err := os.Stat(in); err != nil {
			continue
		}
		out := t.TempDir()
		for range 2 {
			if _, err := Run(context.Background(), Config{Input: in, Output: out, Workers: 1}); err != nil {
				t.Fatalf("run over %s: %v", in, err)
			}
		}
		outs = append(outs, out)
	}
	if env := os.Getenv("NIANBAO_STATE_DIRS"); env != "" {
		outs = append(outs, filepath.SplitList(env)...)
	}
	got := map[string][]byte{}
	for _, out := range outs {
		dir := filepath.Join(out, filepath.FromSlash(stateDir))
		paths, _ := filepath.Glob(filepath.Join(dir, "cache", "*", packIndex))
		paths = append(paths, filepath.Join(dir, indexName))
		for _, p := range paths {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got[p] = b
		}
	}
	if len(got) < 4 {
		t.Fatalf("%d indexes written by the runs, want 4 at least", len(got))
	}
	return got
}

// mutateJSON changes b at random: a byte changed, removed or doubled, a space
// put in, a piece of JSON that the indexes hold put in.
func mutateJSON(r *rand.Rand, b []byte) []byte {
	b = append([]byte(nil), b...)
	pieces := []string{" ", "\n", `"`, `\`, `\u003c`, `\ud800`, "\xff", "\x01", "-", "0", "9", ".5", "e3", "null", "{}", "[]",
		",", ":", `"size":`, `"Size":`, `"meta":""`, `"meta":"a"`, `"x":1`, `"pack":`, "99999999999999999999", "-9223372036854775808",
		"9223372036854775808", "报", "true"}
	for range 1 + r.IntN(3) {
		if len(b) == 0 {
			b = append(b, pieces[r.IntN(len(pieces))]...)
			continue
		}
		i := r.IntN(len(b))
		switch r.IntN(4) {
		case 0:
			b[i] = byte(r.IntN(256))
		case 1:
			b = append(b[:i], b[i+1:]...)
		case 2:
			b = append(b[:i], append([]byte{b[i]}, b[i:]...)...)
		default:
			b = append(b[:i], append([]byte(pieces[r.IntN(len(pieces))]), b[i:]...)...)
		}
	}
	return b
}

// TestDecodeIndexesSame: over the indexes of real runs, maps written by
// writeJSONMap with keys and strings that need escaping and numbers at
// the ends of int64, hand-written JSON and mutations of all of these, the
// indexes decode to what json.Unmarshal gives.
func TestDecodeIndexesSame(t *testing.T) {
	inputs := realIndexes(t)
	r := rand.New(rand.NewPCG(3, 4))
	pieces := []string{"a", "报告", "<", ">", "&", "\"", "\\", "\u2028", "\xff", "\xed\xa0\x80", "\x01", "/", " ", "2023年.html", "+", "\t"}
	word := func() string {
		var b []byte
		for range r.IntN(6) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		return string(b)
	}
	ints := []int64{0, 1, -1, 9, 10, math.MaxInt64, math.MinInt64, math.MaxInt64 - 1, math.MinInt64 + 1, 1e18, -1e18, 1796613611783594379}
	num := func() int64 {
		if r.IntN(2) == 0 {
			return ints[r.IntN(len(ints))]
		}
		return r.Int64() >> r.IntN(63) * int64(1-2*r.IntN(2))
	}
	dir := t.TempDir()
	for n := range 200 {
		files := map[string]fileEntry{}
		refs := map[string]packRef{}
		for range r.IntN(30) {
			files[word()] = fileEntry{Size: num(), ModNanos: num(), ReportID: word(), Meta: word()}
			refs[word()] = packRef{Pack: []string{"pack-a.bin", "pack-b.bin", word()}[r.IntN(3)], Off: num(), Len: num(), At: num(), N: num(), Raw: num()}
		}
		for i := range 2 {
			p := filepath.Join(dir, fmt.Sprint(n, i))
			var err error
			if i == 0 {
				err = writeJSONMap(p, files)
			} else {
				err = writeJSONMap(p, refs)
			}
			if err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			inputs[p] = b
		}
	}
	hand := []string{"", "null", "{}", "[]", "{ }", " {}", "{}\n", `{"a":null}`, `{"a":{}}`, `{"a":{"size":1}}`,
		`{"a":{"size":1,"mtime_ns":2,"report_id":"r"},"a":{"size":3,"mtime_ns":4,"report_id":"s"}}`,
		`{"a":{"size":1,"mtime_ns":2,"report_id":"r","meta":""}}`,
		`{"a":{"size":1,"mtime_ns":2,"report_id":"r","meta":"m","meta":"n"}}`,
		`{"a":{"size":-0,"mtime_ns":2,"report_id":"r"}}`,
		`{"a":{"size":01,"mtime_ns":2,"report_id":"r"}}`,
		`{"a":{"size":1.0,"mtime_ns":2,"report_id":"r"}}`,
		`{"a":{"size":1e2,"mtime_ns":2,"report_id":"r"}}`,
		`{"a":{"size":9223372036854775808,"mtime_ns":2,"report_id":"r"}}`,
		`{"a":{"size":-9223372036854775809,"mtime_ns":2,"report_id":"r"}}`,
		`{"a":{"size":-9223372036854775808,"mtime_ns":9223372036854775807,"report_id":"r"}}`,
		`{"a":{"size":99999999999999999999,"mtime_ns":2,"report_id":"r"}}`,
		`{"a":{"SIZE":1,"mtime_ns":2,"report_id":"r"}}`,
		`{"a":{"mtime_ns":2,"size":1,"report_id":"r"}}`,
		`{"a\u0041":{"size":1,"mtime_ns":2,"report_id":"\ud800\u00e9"}}`,
		`{"a\x":{"size":1,"mtime_ns":2,"report_id":"r"}}`,
		`{"k":{"pack":"p","off":1,"len":2,"at":3,"n":4,"raw":5}}`,
		`{"k":{"pack":"p","off":1,"len":2,"at":3,"n":4,"raw":5},"l":{"pack":"p","off":1,"len":2,"at":3,"n":4,"raw":5,"used":true}}`,
		`{"k":{"pack":"p","off":1,"len":2,"at":3,"n":4}}`,
		`{"k":{"pack":null,"off":1,"len":2,"at":3,"n":4,"raw":5}}`,
		`{"k":{"pack":"p","off":"1","len":2,"at":3,"n":4,"raw":5}}`,
		`{"k":{"pack":"p","off":1,"len":2,"at":3,"n":4,"raw":5}`,
		`{"k":{"pack":"p","off":1,"len":2,"at":3,"n":4,"raw":5}}}`,
	}
	for i, h := range hand {
		inputs[fmt.Sprint("hand ", i)] = []byte(h)
	}
	for name, b := range inputs {
		sameDecode(t, name, b)
	}
	var names []string
	for name := range inputs {
		names = append(names, name)
	}
	for i := range 20000 {
		name := names[i%len(names)]
		b := inputs[name]
		if len(b) > 4096 {
			// A long index is cut after some entry, for the mutations
			// to be many.
			p := r.IntN(len(b) - 200)
			at := bytes.Index(b[p:], []byte(`},"`))
			if at < 0 {
				continue
			}
			b = append(b[:p+at+1:p+at+1], '}')
		}
		sameDecode(t, fmt.Sprint(name, " mutated ", i), mutateJSON(r, b))
	}
}

// FuzzDecodeIndexes: any bytes decode as json.Unmarshal decodes them.
func FuzzDecodeIndexes(f *testing.F) {
	f.Add([]byte(`{"0000/a.txt":{"size":7492,"mtime_ns":1796613611783594379,"report_id":"2d04"},"b":{"size":1,"mtime_ns":-2,"report_id":"r","meta":"m\u003c"}}`))
	f.Add([]byte(`{"2d04+9c23":{"pack":"pack-20261207T032703.114289Z.bin","off":0,"len":18192,"at":0,"n":2962,"raw":109908},"3":{"pack":"pack-20261207T032703.114289Z.bin","off":1,"len":2,"at":3,"n":4,"raw":5}}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		sameDecode(t, "fuzz", b)
	})
}

// BenchmarkOpenState opens a state store whose indexes hold 2 000 files
// and their parses, as a run over 2 000 reports leaves them.
func BenchmarkOpenState(b *testing.B) {
	const n = 2000
	out := b.TempDir()
	const runID = "20260101T000000.000000Z"
	s, err := openState(out, runID, extract.Limits{})
	if err != nil {
		b.Fatal(err)
	}
	r := rand.New(rand.NewPCG(5, 6))
	files := map[string]fileEntry{}
	refs := map[string]packRef{}
	var off, at int64
	for i := range n {
		id := fmt.Sprintf("%016x%016x%016x%016x", r.Uint64(), r.Uint64(), r.Uint64(), r.Uint64())
		rel := fmt.Sprintf("%04d/%06d_%s.%s", i/1000, i, id[:16], []string{"txt", "html", "docx", "pdf"}[i%4])
		e := fileEntry{Size: 1000 + r.Int64N(30000), ModNanos: 1796613611783594379 + r.Int64N(1e9), ReportID: id}
		files[rel] = e
		size := 200 + r.Int64N(9000)
		refs[e.key(rel)] = packRef{Pack: "pack-20260101T000000.000000Z.bin", Off: off, Len: 18000, At: at, N: size, Raw: 110000}
		if at += size; at > 100000 {
			off, at = off+18000, 0
		}
	}
	if err := writeJSONMap(filepath.Join(s.dir, indexName), files); err != nil {
		b.Fatal(err)
	}
	if err := writeJSONMap(filepath.Join(s.cache, packIndex), refs); err != nil {
		b.Fatal(err)
	}
	s.close()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		s, err := openState(out, runID, extract.Limits{})
		if err != nil {
			b.Fatal(err)
		}
		if len(s.prev) != n || s.entries() != n {
			b.Fatalf("%d files and %d entries, want %d", len(s.prev), s.entries(), n)
		}
		s.close()
	}
}

// TestSpecial8: special8 says whether a word holds a byte that stops the
// eight-byte scan of strBytes, as a look at each byte says, for words of
// bytes at and around the edges.
func TestSpecial8(t *testing.T) {
	edges := []byte{0, 1, 0x1f, 0x20, 0x21, '"' - 1, '"', '"' + 1, '\\' - 1, '\\', '\\' + 1, 'a', 0x7e, 0x7f, 0x80, 0x81, 0xa0, 0xe5, 0xfe, 0xff}
	r := rand.New(rand.NewPCG(7, 8))
	var w [8]byte
	for i := range 2000000 {
		for j := range w {
			if i%2 == 0 {
				w[j] = edges[r.IntN(len(edges))]
			} else {
				w[j] = byte(0x20 + r.IntN(0x60))
			}
		}
		want := false
		for _, c := range w {
			want = want || c == '"' || c == '\\' || c < 0x20 || c > 0x7f
		}
		if got := special8(binary.LittleEndian.Uint64(w[:])); got != want {
			t.Fatalf("special8(% x) = %v, want %v", w, got, want)
		}
	}
}
