package transform

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
)

// clearScratchAsBefore leaves s as releaseScratch left it before it kept
// what the last report wrote: every buffer clear to its capacity, as a
// new one is.
func clearScratchAsBefore(s *scratch) {
	for i, b := range s.toks.b {
		clear(b[:cap(b)])
		s.toks.held[i] = 0
	}
	for i, b := range s.rows.b {
		clear(b[:cap(b)])
		s.rows.held[i] = 0
	}
	clear(s.lines[:cap(s.lines)])
	s.linesHeld = 0
	s.rep = repairBufs{} // repairRow made its storage at each call
}

// deepCopy returns a copy of v sharing no memory with it, not even a
// string's bytes: compared with reflect.DeepEqual afterwards, it tells
// whether anything v points at was written since.
func deepCopy(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		c := reflect.New(v.Type().Elem())
		c.Elem().Set(deepCopy(v.Elem()))
		return c
	case reflect.Slice:
		if v.IsNil() {
			return reflect.Zero(v.Type())
		}
		c := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			c.Index(i).Set(deepCopy(v.Index(i)))
		}
		return c
	case reflect.String:
		return reflect.ValueOf(strings.Clone(v.String())).Convert(v.Type())
	case reflect.Struct:
		c := reflect.New(v.Type()).Elem()
		c.Set(v) // the unexported fields (time.Time's) as they are
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				c.Field(i).Set(deepCopy(v.Field(i)))
			}
		}
		return c
	case reflect.Map, reflect.Interface, reflect.Chan, reflect.Func:
		if !v.IsNil() {
			panic(fmt.Sprintf("deepCopy: %s", v.Type()))
		}
	}
	return v
}

func copyParsed(p *schemas.Parsed) *schemas.Parsed {
	return deepCopy(reflect.ValueOf(p)).Interface().(*schemas.Parsed)
}

// reuseDocs are the test reports, the seeds, the package's samples and
// generated reports of every layout with the grids extract reads from
// them, and the reports of a corpus NIANBAO_BENCH_CORPUS names.
func reuseDocs(t testing.TB, perSeed int) []schemas.Document {
	t.Helper()
	var docs []schemas.Document
	for _, f := range globTexts(t, "../testdata/samples/*.txt", "../../shared/seeds/*.txt", "../testdata/reports/*/*.txt") {
		d := docOf(f.text)
		d.SourcePath = f.path
		docs = append(docs, d)
	}
	for _, seed := range []int64{3, 4} {
		opt := generate.Options{Seed: seed, Layouts: generate.AllLayouts()}
		for i := 0; i < perSeed; i++ {
			name, data, _ := generate.Report(generate.NewRand(seed, i), i, opt)
			docs = append(docs, extract.ReadBytes(name, data, extract.Limits{}))
		}
	}
	if len(docs) < 20 {
		t.Fatalf("%d reports", len(docs))
	}
	return docs
}

// sameParse says how a differs from b, "" when it does not.
func sameParse(a, b *schemas.Parsed) string {
	if reflect.DeepEqual(a, b) {
		return ""
	}
	ra, rb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range ra.NumField() {
		if !reflect.DeepEqual(ra.Field(i).Interface(), rb.Field(i).Interface()) {
			return fmt.Sprintf("%s differs", ra.Type().Field(i).Name)
		}
	}
	return "differs"
}

// TestScratchReuseSame parses the reports in turn with one scratch kept as
// releaseScratch keeps it (the last report's writes left in place) and
// with one cleared as before, and requires the same results; and each
// result, copied when it was made, must read the same after the next
// reports were parsed with its scratch: nothing it points at is the
// scratch's.
func TestScratchReuseSame(t *testing.T) {
	per := 200
	if testing.Short() {
		per = 20
	}
	docs := reuseDocs(t, per)
	for _, order := range []string{"forward", "backward"} {
		sNew, sOld := newScratch(), newScratch()
		type kept struct {
			p, c *schemas.Parsed
			name string
		}
		var back []kept
		for k := range docs {
			d := docs[k]
			if order == "backward" {
				d = docs[len(docs)-1-k]
			}
			got, keep := parseWith(nil, d, sNew)
			if !keep {
				sNew = newScratch()
			}
			want, keep := parseWith(nil, d, sOld)
			if keep {
				clearScratchAsBefore(sOld)
			} else {
				sOld = newScratch()
			}
			if msg := sameParse(got, want); msg != "" {
				t.Fatalf("%s (%s, report %d): parsed with the last report's scratch, %s", d.SourcePath, order, k, msg)
			}
			back = append(back, kept{got, copyParsed(got), d.SourcePath})
			if len(back) > 3 {
				back = back[1:]
			}
			for _, b := range back {
				if msg := sameParse(b.p, b.c); msg != "" {
					t.Fatalf("%s: its result changed once %s was parsed with its scratch: %s", b.name, d.SourcePath, msg)
				}
			}
		}
	}
}

// reportPairs are pairs of texts for fuzzing one parse after another: each
// sample report before the next one, and before a report's tables alone
// (fewer lines, cells and rows than the report before); with both, also
// the tables alone before the report.
func reportPairs(both bool) [][2]string {
	files, _ := filepath.Glob("../testdata/samples/*.txt")
	var seeds []string
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			seeds = append(seeds, string(b))
		}
	}
	var pairs [][2]string
	for i := range seeds {
		s := seeds[(i+2)%len(seeds)]
		if j := strings.Index(s, "三、收到"); j >= 0 {
			s = s[j:]
		}
		s = s[:min(len(s), 3000)]
		pairs = append(pairs, [2]string{seeds[i], seeds[(i+1)%len(seeds)]}, [2]string{seeds[i], s})
		if both {
			pairs = append(pairs, [2]string{s, seeds[i]})
		}
	}
	return pairs
}

// FuzzScratchReuseSame parses a then b with one scratch, and b with a new
// one: the results of b are the same, and a's reads as it did.
func FuzzScratchReuseSame(f *testing.F) {
	for _, pair := range reportPairs(false) {
		f.Add(pair[0], pair[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		s := newScratch()
		pa, keep := parseWith(nil, docOf(a), s)
		if !keep {
			return
		}
		ca := copyParsed(pa)
		got, _ := parseWith(nil, docOf(b), s)
		want, _ := parseWith(nil, docOf(b), newScratch())
		if msg := sameParse(got, want); msg != "" {
			t.Fatalf("b parsed after a with its scratch: %s", msg)
		}
		if msg := sameParse(pa, ca); msg != "" {
			t.Fatalf("a's result changed once b was parsed with its scratch: %s", msg)
		}
	})
}
