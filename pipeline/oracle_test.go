package pipeline_test

import (
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
)

// TestOracle generates reports in every layout, encoding and template with
// a known truth and checks every cell the parser reads, plus template,
// year and agency. NIANBAO_ORACLE_REPORTS raises the count (the issue's
// acceptance runs it at 10 000).
func TestOracle(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 200
	}
	if s := os.Getenv("NIANBAO_ORACLE_REPORTS"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	seed := int64(20260124)
	if s := os.Getenv("NIANBAO_ORACLE_SEED"); s != "" {
		seed, _ = strconv.ParseInt(s, 10, 64)
	}
	opt := generate.Options{Reports: n, Seed: seed}
	var ncells, wrong, silent, reports, badReports int
	failures := map[string]int{}
	examples := map[string]string{}
	for i := 0; i < n; i++ {
		name, data, truth := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
		p := parseBytes(name, data)
		reports++
		got := cells(p)
		bad := false
		check := func(what, g, w string) {
			if g != w {
				bad = true
				key := truth.Layout + "/" + truth.Encoding + ": " + what
				failures[key]++
				if _, ok := examples[key]; !ok {
					examples[key] = fmt.Sprintf("%s: got %s want %s", name, g, w)
				}
			}
		}
		check("template", p.Report.Template, truth.Template)
		check("year", ptr32(p.Report.ReportYear), strconv.Itoa(truth.Year))
		ag := ""
		if p.Report.Agency != nil {
			ag = *p.Report.Agency
		}
		okAg := false
		for _, a := range truth.Agency {
			okAg = okAg || a == ag
		}
		if !okAg {
			check("agency", ag, strings.Join(truth.Agency, "|"))
		}
		for _, c := range truth.Cells {
			ncells++
			w := "null"
			switch {
			case c.Null:
			case c.Money:
				w = c.Yuan.String()
			default:
				w = strconv.FormatInt(c.Count, 10)
			}
			g, ok := got[c.Code]
			if !ok {
				g = "missing"
			}
			if g != w {
				wrong++
				if !covered(p, c.Code) {
					silent++
				}
				check("cell "+c.Code[:strings.Index(c.Code, ".")], g, w)
			}
		}
		if len(got) != len(truth.Cells) {
			check("cell count", strconv.Itoa(len(got)), strconv.Itoa(len(truth.Cells)))
		}
		if bad {
			badReports++
		}
	}
	keys := make([]string, 0, len(failures))
	for k := range failures {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("%d × %s (e.g. %s)", failures[k], k, examples[k])
	}
	t.Logf("%d reports, %d cells: %d wrong (%d without a finding on the cell), %d reports with any difference",
		reports, ncells, wrong, silent, badReports)
}

// covered reports whether a finding above info names the cell or its row.
func covered(p *schemas.Parsed, cell string) bool {
	for _, f := range p.Findings {
		if f.Severity == schemas.SeverityInfo {
			continue
		}
		if f.Cell == cell || (strings.HasSuffix(f.Cell, "*") && strings.HasPrefix(cell, strings.TrimSuffix(f.Cell, "*"))) {
			return true
		}
	}
	return false
}
