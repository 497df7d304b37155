package pipeline

import (
	"reflect"
	"testing"
	"time"

	"github.com/nianbao/nianbao/schemas"
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
	p.Findings[1].Expected = nil // nil and pointer-to-zero both survive
	p.Context = "在白云区委、区政府的领导下"
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
