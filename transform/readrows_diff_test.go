package transform

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// readRowsSpecs are the tables readRows reads, each with no table unit
// and with one (section 二 takes the unit printed above the table).
var readRowsSpecs = []*tableSpec{&s2Specs[0], &s2Specs[1], &s3Specs[0], &s3Specs[1], &s4Spec, &s4TransposedSpec}

// readRowsOf reads the cell stream of text (lines[from:to], the whole
// text when to < 0) as spec's table with read (readRows or oldReadRows)
// on a parser of its own, and returns the rows (without their blocks for
// resolve, which are the parser's), the stream as reading left it and
// the findings.
func readRowsOf(text string, keepTail bool, spec *tableSpec, unit string, from, to int,
	read func(*parser, *tableSpec, []tok, string) []*row) ([]row, []tok, string) {
	p := newParser(docOf(text))
	defer p.releaseScratch()
	p.keepTail = keepTail
	if to < 0 || to > len(p.lines) {
		to = len(p.lines)
	}
	from = min(from, to)
	toks := tokenizeTo(nil, p.lines, p.cl, from, to, keepTail, nil)
	rows := read(p, spec, toks, unit)
	out := make([]row, len(rows))
	for i, r := range rows {
		out[i] = *r
		out[i].ar = nil
	}
	fs, err := json.Marshal(p.out.Findings)
	if err != nil {
		fs = []byte(err.Error())
	}
	return out, toks, string(fs)
}

// sameReadRows compares readRows with oldReadRows on text for every spec,
// over the whole text and over each third of it. It returns the first
// difference, "" when there is none.
func sameReadRows(text string, keepTail bool) string {
	n := strings.Count(text, "\n") + 1
	parts := [][2]int{{0, -1}, {0, n / 3}, {n / 3, 2 * n / 3}, {2 * n / 3, -1}}
	for _, spec := range readRowsSpecs {
		for _, unit := range []string{"", "万元"} {
			for _, pt := range parts {
				rows, toks, fs := readRowsOf(text, keepTail, spec, unit, pt[0], pt[1], (*parser).readRows)
				oldRows, oldToks, oldFs := readRowsOf(text, keepTail, spec, unit, pt[0], pt[1], (*parser).oldReadRows)
				where := fmt.Sprintf("spec %s (%d columns), unit %q, lines %d to %d", spec.prefix, spec.columns, unit, pt[0], pt[1])
				if !reflect.DeepEqual(rows, oldRows) {
					return fmt.Sprintf("%s: rows\n%+v\nwere\n%+v", where, rows, oldRows)
				}
				if !reflect.DeepEqual(toks, oldToks) {
					return fmt.Sprintf("%s: stream after reading\n%+v\nwas\n%+v", where, toks, oldToks)
				}
				if fs != oldFs {
					return fmt.Sprintf("%s: findings %s, were %s", where, fs, oldFs)
				}
			}
		}
	}
	return ""
}

// readRowsEdges are hand-made tables: none, one byte, invalid UTF-8, a
// header repeated after a page break with a page number under it, a bare
// page number between rows, blank-field lines, glued cells, spaced rows
// whose numbers stand a line below, and units in the header.
var readRowsEdges = []string{
	"",
	"1",
	"\xff",
	"\xe6\x9c",
	"\n\n\n",
	"项目\t本年\n一、本年新收政府信息公开申请数量\t12\n二、上年结转\t3\n\f\n项目\t本年\n7\n三、本年度办理结果\t9\n",
	"（一）予以公开\n12\n（二）部分公开\n3\n\n\n4\n（三）不予公开\n5\n",
	"行政许可5\t3\t2\n行政处罚7\t1\t0\n",
	"|\t|\t|\n行政许可\t\t\t\n\t\t\t\n",
	"  1.属于国家秘密           20    10    30\n  2.其他法律行政法规禁止公开   3  4  5\n                          6  7  8\n",
	"收费事项\t本年收费金额（单位：\n万元）\n行政事业性收费\t12.5\n单位：万元\n其他\t3\n",
	"行政复议\t\t\t\t\t行政诉讼\n维持\t纠正\t其他\t未审结\t总计\n1\t2\t3\t4\t10\n",
	"总计\n总计\n12\n其他\n其他\n3\n",
	"（六）其他处理\n1.申请人无正当理由逾期不补正\n2\n3.其他\n4\n（七）总计\n9\n",
}

// TestReadRowsSame compares readRows with oldReadRows on the hand-made
// tables, the seeds' and the testdata's reports and generated reports in
// every layout, for every table spec.
func TestReadRowsSame(t *testing.T) {
	for _, s := range readRowsEdges {
		for _, keepTail := range []bool{false, true} {
			if d := sameReadRows(s, keepTail); d != "" {
				t.Fatalf("%q (keepTail %v): %s", s, keepTail, d)
			}
		}
	}
	docs := diffCorpus(t, 12, 1, 5)
	if testing.Short() {
		docs = docs[:min(len(docs), 60)]
	}
	for _, d := range docs {
		if diff := sameReadRows(d.text, d.keepTail); diff != "" {
			t.Fatalf("%s: %s", d.name, diff)
		}
	}
	t.Logf("%d documents compared", len(docs))
}

// FuzzReadRowsSame compares them on any text.
func FuzzReadRowsSame(f *testing.F) {
	for _, s := range readRowsEdges {
		f.Add(s, false)
	}
	f.Add(readRowsEdges[5], true)
	f.Fuzz(func(t *testing.T, text string, keepTail bool) {
		if len(text) > 1<<14 {
			return // a report's table, not a book
		}
		if d := sameReadRows(text, keepTail); d != "" {
			t.Fatal(d)
		}
	})
}
