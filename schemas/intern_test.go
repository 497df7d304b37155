package schemas

import (
	"testing"
	"unsafe"
)

// The cell codes as DisclosureCell, ApplicationCell and AppealCell made
// them before catalogueCells: the concatenation, every time.
func disclosureCellConcat(item string, m Metric) string {
	if m.Money {
		return "s2." + item + ".amount_yuan"
	}
	return "s2." + item + "." + m.Code.Code
}

func applicationCellConcat(outcome, applicant string) string {
	return "s3." + outcome + "." + applicant
}

func appealCellConcat(proceeding, outcome string) string { return "s4." + proceeding + "." + outcome }

// sameCells checks that the three functions return what they did for
// these arguments.
func sameCells(t testing.TB, a, b string, m Metric) {
	t.Helper()
	if got, want := DisclosureCell(a, m), disclosureCellConcat(a, m); got != want {
		t.Fatalf("DisclosureCell(%q, %v) = %q, want %q", a, m, got, want)
	}
	if got, want := ApplicationCell(a, b), applicationCellConcat(a, b); got != want {
		t.Fatalf("ApplicationCell(%q, %q) = %q, want %q", a, b, got, want)
	}
	if got, want := AppealCell(a, b), appealCellConcat(a, b); got != want {
		t.Fatalf("AppealCell(%q, %q) = %q, want %q", a, b, got, want)
	}
}

// TestCellsSameAsConcat: over every code of the catalogue, each with
// every other, and codes it lacks, the cell codes are the concatenation,
// and a cell of the catalogue is one string wherever it is built.
func TestCellsSameAsConcat(t *testing.T) {
	var codes []string
	var metrics []Metric
	for _, items := range [][]Item{Disclosures2019, Disclosures2021} {
		for _, it := range items {
			codes = append(codes, it.Code.Code)
			metrics = append(metrics, it.Metrics...)
		}
	}
	for _, o := range append(Outcomes(true), OutcomesOther2021...) {
		codes = append(codes, o.Code.Code)
	}
	for _, c := range [][]Code{Applicants, Proceedings, AppealOutcomes} {
		for _, x := range c {
			codes = append(codes, x.Code)
		}
	}
	codes = append(codes, "", "x", "s3", ".", "granted.", "total.total")
	metrics = append(metrics, Metric{}, Metric{Code: Code{"amount_yuan", ""}}, Metric{Money: true})
	for _, a := range codes {
		for _, b := range codes {
			for _, m := range metrics[:3] {
				sameCells(t, a, b, m)
			}
		}
		for _, m := range metrics {
			sameCells(t, a, a, m)
		}
	}
	same := func(x, y string) bool { return unsafe.StringData(x) == unsafe.StringData(y) }
	n := 0
	for _, o := range Outcomes(false) {
		for _, a := range Applicants {
			if !same(ApplicationCell(o.Code.Code, a.Code), ApplicationCell(o.Code.Code, a.Code)) {
				t.Fatalf("%s.%s: two strings", o.Code.Code, a.Code)
			}
			n++
		}
	}
	if n < 100 || len(catalogueCells) < n {
		t.Fatalf("%d cells checked, %d held", n, len(catalogueCells))
	}
}

func FuzzCellsSameAsConcat(f *testing.F) {
	f.Add("granted", "natural_person", "count", false)
	f.Add("review", "total", "amount", true)
	f.Add("denied.state_secret", "other", "", false)
	f.Fuzz(func(t *testing.T, a, b, metric string, money bool) {
		sameCells(t, a, b, Metric{Code: Code{metric, ""}, Money: money})
		sameCells(t, a, b, Metric{Code: Code{b, ""}, Money: money})
	})
}
