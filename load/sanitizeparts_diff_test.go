package load

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
	"unsafe"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// TestCatalogueConstsValid: every constant of catalogueConsts, whole, is
// valid UTF-8, which fixPart takes for granted.
func TestCatalogueConstsValid(t *testing.T) {
	n := 0
	for _, e := range catalogueConsts {
		if e.p == nil {
			continue
		}
		n++
		if s := unsafe.String(e.p, e.n); !utf8.ValidString(s) {
			t.Errorf("catalogue constant %q is not valid UTF-8", s)
		}
	}
	if n < 100 {
		t.Fatalf("%d catalogue constants: the table is not filled", n)
	}
}

// constStrings are the constants of catalogueConsts, whole, and pieces
// of them (which may cut a character), copies and views of the code text.
func constStrings() []string {
	var ss []string
	for _, e := range catalogueConsts {
		if e.p == nil {
			continue
		}
		s := unsafe.String(e.p, e.n)
		ss = append(ss, s, s[:len(s)/2], s[len(s)/3:], s[:max(len(s)-1, 0)], strings.Clone(s))
	}
	return append(ss, catalogueStrings()...)
}

// sanitizeRowsWith runs rows over each report of ps in turn, with one
// validator reset between them (as the pool's is), and returns the
// columns escaped in each.
func sanitizeRowsWith(ps []*schemas.Parsed, rows func(*schemas.Parsed, *validator)) []escaped {
	v := new(validator)
	bad := make([]escaped, len(ps))
	for i, p := range ps {
		v.bad = &bad[i]
		rows(p, v)
		v.reset()
	}
	return bad
}

// checkPartsSame fails where sanitizeRows leaves the reports that build
// makes, or the columns it escapes, other than sanitizeRowsOld does.
func checkPartsSame(t *testing.T, build func() []*schemas.Parsed) {
	t.Helper()
	got, want := build(), build()
	gotBad, wantBad := sanitizeRowsWith(got, sanitizeRows), sanitizeRowsWith(want, sanitizeRowsOld)
	if !reflect.DeepEqual(gotBad, wantBad) {
		t.Fatalf("columns escaped differ:\n got %v\nwant %v", gotBad, wantBad)
	}
	for i := range got {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Fatalf("report %d differs:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// TestSanitizePartsSameAsOld: the parses of 300 generated reports, the
// catalogue reports of sanitize_test.go, valid and spoilt, and reports
// whose columns hold the catalogue's constants, pieces and copies of
// them, in any column, are left by sanitizeRows as sanitizeRowsOld leaves
// them.
func TestSanitizePartsSameAsOld(t *testing.T) {
	opt := generate.Options{Reports: 300, Seed: 1}
	checkPartsSame(t, func() []*schemas.Parsed {
		ps := make([]*schemas.Parsed, opt.Reports)
		for i := range ps {
			name, data, _ := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
			ps[i] = transform.Parse(extract.ReadBytes(name, data, extract.Limits{}))
		}
		return ps
	})
	checkPartsSame(t, func() []*schemas.Parsed {
		var ps []*schemas.Parsed
		for seed := uint64(0); seed < 200; seed++ {
			ps = append(ps, catalogueReport(seed, []float64{0, 0.002, 0.02, 0.3}[seed%4]))
		}
		return ps
	})
	pool := constStrings()
	for seed := uint64(0); seed < 300; seed++ {
		r := rand.New(rand.NewPCG(seed, 9))
		ss := make([]string, 120)
		for i := range ss {
			ss[i] = pool[r.IntN(len(pool))]
			if r.IntN(3) == 0 && i > 0 {
				ss[i] = ss[i-1] // a row repeating the one before
			}
		}
		checkPartsSame(t, func() []*schemas.Parsed { return partsReports(ss) })
	}
	checkPartsSame(t, func() []*schemas.Parsed { return partsReports([]string{""}) })
}

// partsReports are three reports whose strings ss hands out in turn.
func partsReports(ss []string) []*schemas.Parsed {
	k := 0
	next := func() string { s := ss[k%len(ss)]; k++; return s }
	return []*schemas.Parsed{codesReport(next), codesReport(next), codesReport(next)}
}

// FuzzSanitizePartsSameAsOld: each pair of input bytes picks a string of
// constStrings and a piece of it, or else the input's own next bytes, for
// the columns of three reports in turn, and sanitizeRows leaves them as
// sanitizeRowsOld does.
func FuzzSanitizePartsSameAsOld(f *testing.F) {
	f.Add([]byte{0, 0, 1, 3, 2, 0, 255, 7})
	f.Add([]byte("s3.granted.total\xff\x01\x02"))
	f.Add([]byte{9, 200, 9, 0, 9, 130, 40, 0, 40, 0, 41, 1})
	pool := constStrings()
	f.Fuzz(func(t *testing.T, b []byte) {
		ss := []string{""}
		for i := 0; i+1 < len(b); i += 2 {
			s := pool[int(b[i])*7%len(pool)]
			switch k := int(b[i+1]); {
			case k < 96:
				// whole
			case k < 144:
				s = s[k%(len(s)+1):]
			case k < 192:
				s = s[:k%(len(s)+1)]
			default:
				s = string(b[i : i+1+k%min(8, len(b)-i)])
			}
			ss = append(ss, s)
		}
		checkPartsSame(t, func() []*schemas.Parsed { return partsReports(ss) })
	})
}
