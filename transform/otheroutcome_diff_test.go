package transform

import (
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// oldHasOtherOutcome is the loop check ran at f4e78ac to choose the
// template's equations, ranging over the rows by value: kept to test
// hasOtherOutcome against.
func oldHasOtherOutcome(apps []schemas.Application) bool {
	single := false
	for _, a := range apps {
		if a.Outcome == "other" {
			single = true
			break
		}
	}
	return single
}

func sameOtherOutcome(t testing.TB, apps []schemas.Application) {
	t.Helper()
	if got, want := hasOtherOutcome(apps), oldHasOtherOutcome(apps); got != want {
		t.Fatalf("hasOtherOutcome(%d rows) = %v, was %v", len(apps), got, want)
	}
}

// appsOf makes a row of each outcome a byte of b names: every outcome of
// both templates, "other" among them, "", and a code near "other".
func appsOf(b []byte) []schemas.Application {
	names := []string{"", "other", "others", "Other", "othe", "other "}
	for _, o := range append(schemas.Outcomes(true), schemas.Outcomes(false)...) {
		names = append(names, o.Code.Code)
	}
	apps := make([]schemas.Application, len(b))
	for i, c := range b {
		apps[i] = schemas.Application{Outcome: names[int(c)%len(names)], Cell: "s3.x", Line: int32(i)}
	}
	return apps
}

// TestOtherOutcomeSame compares them on no rows, on "other" first, last,
// alone and absent, and on the rows the seeds', the testdata's and
// generated reports parse into, whole and without their "other" rows.
func TestOtherOutcomeSame(t *testing.T) {
	sameOtherOutcome(t, nil)
	sameOtherOutcome(t, []schemas.Application{})
	for _, b := range [][]byte{{0}, {1}, {2}, {1, 2, 3}, {3, 4, 1}, {3, 4, 5, 6, 7}, {2, 3, 4, 5}} {
		sameOtherOutcome(t, appsOf(b))
	}
	n := 0
	for _, d := range diffCorpus(t, 20, 1, 2) {
		out := Parse(docOf(d.text))
		sameOtherOutcome(t, out.Applications)
		var rest []schemas.Application
		for _, a := range out.Applications {
			if a.Outcome != "other" {
				rest = append(rest, a)
			}
		}
		sameOtherOutcome(t, rest)
		n += len(out.Applications)
	}
	t.Logf("%d rows of reports compared", n)
}

// FuzzOtherOutcomeSame compares them on any list of outcomes.
func FuzzOtherOutcomeSame(f *testing.F) {
	for _, s := range []string{"", "\x00", "\x01", "\x03\x04\x01", "\x02\x03\x04\x05"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) { sameOtherOutcome(t, appsOf(b)) })
}
