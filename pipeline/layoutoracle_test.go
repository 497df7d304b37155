package pipeline_test

import (
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
)

// tally counts how the cells of one part of the reports came back: exact,
// with another value than the report's, and differing (null or another
// value) without a finding on the cell or its row.
type tally struct{ cells, exact, wrong, silent int }

func (t tally) String() string {
	return fmt.Sprintf("%d/%d exact, %d wrong, %d without a finding", t.exact, t.cells, t.wrong, t.silent)
}

// oracle is what layoutOracle found over a generated corpus.
type oracle struct {
	n      int
	all    tally
	by     map[string]*tally // by section: "s2", "s3", "s4"
	whole  int               // reports with every cell exact
	whole3 int               // reports with every section 三 cell exact
	meta   int               // reports whose template or year is wrong
	// examples of wrong and of silent cells, five at most of each
	wrongs, silents []string
}

// oracleReports is the number of reports an oracle test generates: def,
// a fifth of it under -short, or the number in the environment variable
// env.
func oracleReports(env string, def int) int {
	n := def
	if testing.Short() {
		n = def / 5
	}
	if s := os.Getenv(env); s != "" {
		n, _ = strconv.Atoi(s)
	}
	return n
}

// layoutOracle generates n reports drawn in layout from seed, parses each
// and compares every cell, the template and the year with the truth the
// generator wrote.
func layoutOracle(layout string, seed int64, n int) oracle {
	o := oracle{n: n, by: map[string]*tally{"s2": {}, "s3": {}, "s4": {}}}
	opt := generate.Options{Reports: n, Seed: seed, Layouts: []string{layout}}
	for i := 0; i < n; i++ {
		name, data, truth := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		p := parseBytes(name, data)
		if p.Report.Template != truth.Template || ptr32(p.Report.ReportYear) != strconv.Itoa(truth.Year) {
			o.meta++
		}
		got := cells(p)
		whole, whole3 := true, true
		for _, c := range truth.Cells {
			w := "null"
			switch {
			case c.Null:
			case c.Money:
				w = c.Yuan.String()
			default:
				w = strconv.FormatInt(c.Count, 10)
			}
			g := got[c.Code]
			sec := o.by[c.Code[:2]]
			for _, tl := range []*tally{&o.all, sec} {
				tl.cells++
			}
			if g == w {
				o.all.exact++
				sec.exact++
				continue
			}
			whole = false
			if c.Code[:2] == "s3" {
				whole3 = false
			}
			if g != "null" {
				o.all.wrong++
				sec.wrong++
				if len(o.wrongs) < 5 {
					o.wrongs = append(o.wrongs, fmt.Sprintf("%s: %s = %s, want %s", name, c.Code, g, w))
				}
			}
			if !covered(p, c.Code) {
				o.all.silent++
				sec.silent++
				if len(o.silents) < 5 {
					o.silents = append(o.silents, fmt.Sprintf("%s: %s = %s, want %s, with no finding on it", name, c.Code, g, w))
				}
			}
		}
		if whole {
			o.whole++
		}
		if whole3 {
			o.whole3++
		}
	}
	return o
}

// noSilent fails t for every cell that differs without a finding and,
// when wrongToo, for every cell with a value other than the report's.
func (o oracle) noSilent(t *testing.T, wrongToo bool) {
	t.Helper()
	for _, e := range o.silents {
		t.Error(e)
	}
	if o.all.silent > 0 {
		t.Errorf("%d cells differ without a finding", o.all.silent)
	}
	if wrongToo {
		for _, e := range o.wrongs {
			t.Error(e)
		}
		if o.all.wrong > 0 {
			t.Errorf("%d cells with a value other than the report's", o.all.wrong)
		}
	}
}

// atLeast fails t when fewer than pct per mille of tl's cells are exact.
func atLeast(t *testing.T, what string, tl tally, permille int) {
	t.Helper()
	if tl.exact*1000 < tl.cells*permille {
		t.Errorf("%s: only %d of %d cells read exactly, want at least %d.%d%%", what, tl.exact, tl.cells, permille/10, permille%10)
	}
}
