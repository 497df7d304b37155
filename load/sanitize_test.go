package load

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/internal/gc"
	"github.com/nianbao/nianbao/internal/gc/gctest"
	"github.com/nianbao/nianbao/schemas"
)

// refSanitize is sanitize before the validator: every string checked on
// its own by utf8.ValidString, its columns found here by reflection (the
// table's name and the field's parquet tag) instead of sanitizeCols.
func refSanitize(p *schemas.Parsed) {
	bad := map[string]bool{}
	walk := func(table string, row reflect.Value) {
		for i := 0; i < row.NumField(); i++ {
			f, sf := row.Field(i), row.Type().Field(i)
			col := table + "." + strings.Split(sf.Tag.Get("parquet"), ",")[0]
			if f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.String && !f.IsNil() {
				f = f.Elem()
			}
			if f.Kind() == reflect.String && !utf8.ValidString(f.String()) {
				f.SetString(schemas.EscapeUTF8(f.String()))
				bad[col] = true
			}
		}
	}
	walk("reports", reflect.ValueOf(&p.Report).Elem())
	for _, t := range []struct {
		name string
		rows any
	}{{"disclosures", p.Disclosures}, {"applications", p.Applications}, {"appeals", p.Appeals}, {"quality", p.Findings}} {
		v := reflect.ValueOf(t.rows)
		for i := 0; i < v.Len(); i++ {
			walk(t.name, v.Index(i))
		}
	}
	if len(bad) == 0 {
		return
	}
	cols := make([]string, 0, len(bad))
	for c := range bad {
		cols = append(cols, c)
	}
	sort.Strings(cols)
	r := &p.Report
	p.Findings = append(p.Findings, schemas.Finding{Rule: RuleInvalidUTF8.Code, Severity: schemas.SeverityWarning,
		Kind: RuleInvalidUTF8.Kind, Cell: "report",
		Message: fmt.Sprintf("%s: bytes that are not UTF-8 in %s were written as \\xHH escapes", r.SourcePath, strings.Join(cols, ", "))})
	r.IssueCount = int32(len(p.Findings))
	r.Status = schemas.StatusOf(p.Findings)
}

// catalogueReport is a report of the 2021 template's section 三 (every
// outcome by every applicant, each row's label on its seven cells) and
// section 四, with a few findings. Where bad says so (seeded by seed), a
// string is spoiled: a byte that is not UTF-8 put into it, the same spoilt
// string on the next rows at times, a valid one after an invalid one.
func catalogueReport(seed uint64, bad float64) *schemas.Parsed {
	r := rand.New(rand.NewPCG(seed, 7))
	spoil := func(s string) string {
		if r.Float64() >= bad {
			return s
		}
		b := []byte(s)
		i := r.IntN(len(b) + 1)
		bs := []string{"\xff", "\xe5\xb9", "\xc0\x80", "\xed\xa0\x80", "\x80"}[r.IntN(5)]
		return string(append(b[:i:i], append([]byte(bs), b[i:]...)...))
	}
	id := fmt.Sprintf("%064x", seed)
	p := sample(id, ptr(int32(2021)), true)
	p.Report.SourcePath = spoil(p.Report.SourcePath)
	p.Report.Agency = ptr(spoil(*p.Report.Agency))
	p.Applications = nil
	line := int32(40)
	for _, o := range schemas.Outcomes(false) {
		label := spoil(o.Code.Label)
		for _, a := range schemas.Applicants {
			n := int64(r.IntN(300))
			raw := strconv.FormatInt(n, 10)
			p.Applications = append(p.Applications, schemas.Application{Cell: schemas.ApplicationCell(o.Code.Code, a.Code),
				Outcome: o.Code.Code, Applicant: spoil(a.Code), Label: label, Count: &n, Raw: spoil(raw), Line: line})
			if r.IntN(4) == 0 {
				label = spoil(o.Code.Label) // a valid label after a spoilt one, or the reverse
			}
		}
		line++
	}
	for _, pr := range schemas.Proceedings {
		for _, o := range schemas.AppealOutcomes {
			p.Appeals = append(p.Appeals, schemas.Appeal{Cell: schemas.AppealCell(pr.Code, o.Code), Proceeding: pr.Code,
				Outcome: o.Code, Raw: spoil("0"), Line: line})
		}
	}
	for i := range p.Findings {
		p.Findings[i].Message = spoil(p.Findings[i].Message)
	}
	p.SetKey()
	return p
}

// TestSanitizeSameAsBefore: over reports valid and spoilt in every way
// catalogueReport has, sanitize leaves each report as refSanitize does:
// the same strings, escapes and finding.
func TestSanitizeSameAsBefore(t *testing.T) {
	flagged := 0
	for seed := uint64(0); seed < 400; seed++ {
		bad := []float64{0, 0.002, 0.02, 0.3}[seed%4]
		got, want := catalogueReport(seed, bad), catalogueReport(seed, bad)
		sanitize(got)
		refSanitize(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("seed %d: sanitize differs from before:\n got %+v\nwant %+v", seed, got.Findings, want.Findings)
		}
		if n := len(want.Findings); n > 0 && want.Findings[n-1].Rule == RuleInvalidUTF8.Code {
			flagged++
		}
	}
	if flagged < 100 || flagged > 350 {
		t.Fatalf("%d of 400 reports flagged: the cases do not cover both kinds", flagged)
	}
}

// FuzzSanitizeSameAsBefore: strings cut from the input fill the fields of
// a report's rows in turn (a row repeating the one before when the input
// says so), and sanitize leaves it as refSanitize does.
func FuzzSanitizeSameAsBefore(f *testing.F) {
	f.Add([]byte("a\xffb|一、本年新收|一、本年新收|\xe5\xb9|x||\x00|s3.granted.total"))
	f.Add([]byte("ok|ok|ok\xff|ok|ok\xff|ok"))
	f.Fuzz(func(t *testing.T, b []byte) {
		parts := strings.Split(string(b), "|")
		build := func() *schemas.Parsed {
			k := 0
			next := func() string { s := parts[k%len(parts)]; k++; return s }
			p := &schemas.Parsed{Report: schemas.Report{ReportID: next(), SourcePath: next(), Agency: ptr(next())}}
			for i := 0; i < 4; i++ {
				p.Applications = append(p.Applications, schemas.Application{ReportID: p.Report.ReportID, Cell: next(),
					Outcome: next(), Applicant: next(), Label: next(), Raw: next()})
				p.Disclosures = append(p.Disclosures, schemas.Disclosure{Label: next(), Unit: ptr(next()), Raw: next()})
			}
			p.Findings = append(p.Findings, schemas.Finding{Message: next(), Expected: ptr(next())})
			return p
		}
		got, want := build(), build()
		sanitize(got)
		refSanitize(want)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("sanitize differs from before:\n got %+v\nwant %+v", got, want)
		}
	})
}

// BenchmarkSanitize checks the strings of 200 valid 2021-template reports
// (as a run's Writer does for every report). Bytes are the strings'.
func BenchmarkSanitize(b *testing.B) {
	b.Cleanup(gc.Apply(gc.DefaultLimit)) // the CLI's collector settings
	ps := make([]*schemas.Parsed, 200)
	var n int64
	for i := range ps {
		ps[i] = catalogueReport(uint64(i), 0)
		for _, a := range ps[i].Applications {
			n += int64(len(a.ReportID) + len(a.Cell) + len(a.Outcome) + len(a.Applicant) + len(a.Label) + len(a.Raw))
		}
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	done := gctest.ReportCPU(b)
	for i := 0; i < b.N; i++ {
		for _, p := range ps {
			sanitize(p)
		}
	}
	done()
}
