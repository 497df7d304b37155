package pipeline

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform"
)

// fill sets every field of v (a pointer to a struct) to a non-zero value;
// pointers point to zero values, the case encoding/gob gets wrong.
func fill(v reflect.Value, n *int) {
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		*n++
		switch f.Kind() {
		case reflect.String:
			f.SetString("值" + string(rune('a'+*n%26)))
		case reflect.Int32, reflect.Int64:
			f.SetInt(int64(*n))
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Pointer:
			f.Set(reflect.New(f.Type().Elem())) // pointer to zero
		case reflect.Struct:
			if f.Type() == reflect.TypeOf(time.Time{}) {
				f.Set(reflect.ValueOf(time.Date(2026, 1, 31, 2, 0, 0, 123000, time.UTC)))
			}
		default:
			panic("codec test: field kind " + f.Kind().String())
		}
	}
}

func TestCodecRoundTrip(t *testing.T) {
	n := 0
	p := &schemas.Parsed{Disclosures: make([]schemas.Disclosure, 2), Applications: make([]schemas.Application, 3),
		Appeals: make([]schemas.Appeal, 1), Findings: make([]schemas.Finding, 2)}
	fill(reflect.ValueOf(&p.Report).Elem(), &n)
	for i := range p.Disclosures {
		fill(reflect.ValueOf(&p.Disclosures[i]).Elem(), &n)
	}
	for i := range p.Applications {
		fill(reflect.ValueOf(&p.Applications[i]).Elem(), &n)
	}
	for i := range p.Appeals {
		fill(reflect.ValueOf(&p.Appeals[i]).Elem(), &n)
	}
	for i := range p.Findings {
		fill(reflect.ValueOf(&p.Findings[i]).Elem(), &n)
	}
	p.Findings[1].Expected = nil             // nil and pointer-to-zero both survive
	p.Organ = "code:440111000000|government" // the context text it was settled with is not kept
	p.SetKey()
	b := encodeParsed(p)
	got, err := decodeParsed(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, p) {
		t.Fatalf("round trip differs:\n got %+v\nwant %+v", got, p)
	}
	for cut := 0; cut < len(b); cut += 7 {
		if _, err := decodeParsed(b[:cut]); err == nil {
			t.Fatalf("a truncated entry (%d of %d bytes) decoded without error", cut, len(b))
		}
	}
}

func FuzzDecodeParsed(f *testing.F) {
	f.Add(encodeParsed(&schemas.Parsed{Report: schemas.Report{ReportID: "x"}}))
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeParsed(b) // must not panic or allocate without bound
	})
}

// generatedParses parses n generated reports (every layout, both
// templates) and returns them with their source bytes.
func generatedParses(t testing.TB, n int) ([]*schemas.Parsed, int) {
	t.Helper()
	opt := generate.Options{Reports: n, Seed: 1}
	var ps []*schemas.Parsed
	var src int
	for i := 0; i < n; i++ {
		name, data, _ := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		p := transform.Parse(extract.ReadBytes(name, data, extract.Limits{}))
		p.Report.IngestedAt = time.Date(2026, 12, 4, 2, 0, 0, 123000, time.UTC) // as a run sets it
		p.SetKey()
		ps = append(ps, p)
		src += len(data)
	}
	return ps, src
}

// TestPackEntryGenerated: parses of generated reports come back equal
// through the compact codec (catalogue strings, derived outcomes and raw
// texts, line differences, zstd), and the entries take less than 0.3× the
// reports' bytes (codec version 2 took 2.7×).
func TestPackEntryGenerated(t *testing.T) {
	ps, src := generatedParses(t, 300)
	var packed, plain int
	var scratch []byte
	derived := 0
	for _, p := range ps {
		var b []byte
		b, scratch = packEntry(nil, scratch, p)
		packed += len(b)
		plain += len(scratch)
		got, err := unpackEntry(b)
		if err != nil {
			t.Fatalf("%s: %v", p.Report.SourcePath, err)
		}
		if diff := parsedDiff(got, p); diff != "" {
			t.Fatalf("%s: round trip differs: %s", p.Report.SourcePath, diff)
		}
		for _, a := range p.Applications {
			if o, ap := splitCell(a.Cell); o == a.Outcome && ap == a.Applicant && a.Raw == rawOf(a.Count) {
				derived++
			}
		}
	}
	if derived == 0 {
		t.Fatal("no application row had its outcome, applicant and raw text derived: the test covers nothing")
	}
	if r := float64(packed) / float64(src); r > 0.3 {
		t.Errorf("packed entries take %.2f× the source bytes (%d of %d), want ≤ 0.3×", r, packed, src)
	}
	t.Logf("%d reports, %d source bytes: codec %d bytes (%.2f×), packed %d (%.2f×)",
		len(ps), src, plain, float64(plain)/float64(src), packed, float64(packed)/float64(src))
}

// TestPackEntryRejectsOther: an entry of codec version 2 (the plain
// encoding, uncompressed), a damaged frame or one cut short is refused,
// never read as a parse.
func TestPackEntryRejectsOther(t *testing.T) {
	ps, _ := generatedParses(t, 3)
	b, raw := packEntry(nil, nil, ps[0])
	cases := map[string][]byte{
		"plain encoding": raw,
		"cut":            b[:len(b)/2],
		"empty":          {},
	}
	flip := append([]byte(nil), b...)
	flip[len(flip)-5] ^= 0x55 // zstd's frame checksum or the content
	cases["flipped byte"] = flip
	for name, c := range cases {
		if p, err := unpackEntry(c); err == nil {
			t.Errorf("%s: decoded as %s", name, p.Report.SourcePath)
		}
	}
}

// TestCacheGenerationNamesCodec: the cache generation names the codec's
// version and its string list, so that a cache written by another codec
// is never read (and is removed at the next commit).
func TestCacheGenerationNamesCodec(t *testing.T) {
	g := cacheGeneration(extract.Limits{})
	if !strings.Contains(g, "-c"+strconv.Itoa(codecVersion)+"."+codecDigest) {
		t.Errorf("generation %q does not name codec %d.%s", g, codecVersion, codecDigest)
	}
	if !generationName.MatchString(g) {
		t.Errorf("generation %q does not match generationName: old generations would not be removed", g)
	}
	if len(codecStrings) < 100 || codecIndex[schemas.ApplicationCell("granted", "natural_person")] == 0 && codecStrings[0] != schemas.ApplicationCell("granted", "natural_person") {
		t.Errorf("codecStrings (%d) lacks the catalogue's cell codes", len(codecStrings))
	}
}

// parsedDiff names the first part where a and b differ, "" when they are
// equal (an empty table and a nil one count as equal: both write no rows).
func parsedDiff(a, b *schemas.Parsed) string {
	if !reflect.DeepEqual(a.Report, b.Report) {
		return fmt.Sprintf("report:\n got %+v\nwant %+v", a.Report, b.Report)
	}
	rows := func(name string, x, y any) string {
		vx, vy := reflect.ValueOf(x), reflect.ValueOf(y)
		if vx.Len() != vy.Len() {
			return fmt.Sprintf("%s: %d rows, want %d", name, vx.Len(), vy.Len())
		}
		for i := 0; i < vx.Len(); i++ {
			if !reflect.DeepEqual(vx.Index(i).Interface(), vy.Index(i).Interface()) {
				return fmt.Sprintf("%s row %d:\n got %+v\nwant %+v", name, i, vx.Index(i).Interface(), vy.Index(i).Interface())
			}
		}
		return ""
	}
	for _, d := range []string{rows("disclosures", a.Disclosures, b.Disclosures), rows("applications", a.Applications, b.Applications),
		rows("appeals", a.Appeals, b.Appeals), rows("findings", a.Findings, b.Findings)} {
		if d != "" {
			return d
		}
	}
	return ""
}

func FuzzUnpackEntry(f *testing.F) {
	b, _ := packEntry(nil, nil, &schemas.Parsed{Report: schemas.Report{ReportID: "x", SourcePath: "a.txt"},
		Applications: []schemas.Application{{Cell: "s3.granted.total", Outcome: "granted", Applicant: "total", Label: "（一）予以公开", Raw: "1"}}})
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		unpackEntry(b) // must not panic or allocate without bound
	})
}
