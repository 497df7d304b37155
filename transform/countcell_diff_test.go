package transform

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// sameCountCell reads raw as a count cell with countCell and with
// countCellOld, each on a parser of its own, and compares the cells (the
// value they point at, not where) and the findings noted.
func sameCountCell(t testing.TB, raw string) {
	t.Helper()
	read := func(old bool) (cellv, *int64, []schemas.Finding) {
		p := newParser(schemas.Document{ReportID: "r"})
		defer p.releaseScratch()
		s := &slot{t: &tok{raw: raw, kind: tokValue}, line: 7}
		var cv *cellv
		if old {
			cv = p.countCellOld("s3.granted.natural", 3, s, 5, false)
		} else {
			cv = p.countCell("s3.granted.natural", 3, s, 5, false)
		}
		c, v := *cv, cv.v
		c.v = nil
		return c, v, p.out.Findings
	}
	c, v, f := read(false)
	oc, ov, of := read(true)
	val := func(v *int64) string {
		if v == nil {
			return "null"
		}
		return fmt.Sprint(*v)
	}
	if c != oc || val(v) != val(ov) || !reflect.DeepEqual(f, of) {
		t.Fatalf("countCell(%q) = %+v, value %s, findings %v; was %+v, value %s, findings %v", raw, c, val(v), f, oc, val(ov), of)
	}
}

// countCellEdges are cells at CountPlain's edges: digits at the length
// bound, signs, leading zeros, the whitespace trimFast removes and what it
// does not, markers alone and with units, full-width digits, bytes that
// are not UTF-8.
var countCellEdges = []string{"", " ", "0", "00", "007", "7", "12", "123456789012345678", "1234567890123456789",
	"999999999999999999", "9223372036854775807", "9223372036854775808", "-3", "+3", "-0", "-007", "- 3", "3-",
	" 0", "0 ", "\t0\n", "\u00a00", "0\u00a0", "\u00a0/", "/\u00a0", "\u30005\u3000", "\ufeff5", "5\u200b",
	"\u00a0", "\u3000", "/", "／", "-", "--", "—", "——", "无", "//", "\\", "＼", "/件", "—项", "5件", "约5", "5左右",
	"０", "１２", "1,234", "1 234", "1.0", "1e3", "一", "\xff", "5\xff", "\xc2", "5\xc2", "\xe3\x80", "0x10", "١"}

// TestCountCellSame: countCell reads what it read before every cell went
// through Count, over the edges above, every field and line of the diff
// corpus (and each trimmed), and the seeds' cells.
func TestCountCellSame(t *testing.T) {
	for _, raw := range countCellEdges {
		sameCountCell(t, raw)
	}
	seen := map[string]bool{}
	n := 0
	for _, d := range diffCorpus(t, 6, 1, 2) {
		for _, l := range strings.Split(d.text, "\n") {
			fs := append(strings.FieldsFunc(l, func(r rune) bool { return r == '|' || r == '\t' }), strings.Fields(l)...)
			for _, f := range append(fs, l) {
				for _, raw := range []string{f, strings.TrimSpace(f)} {
					if len(raw) <= 64 && !seen[raw] {
						seen[raw] = true
						sameCountCell(t, raw)
						n++
					}
				}
			}
		}
	}
	if n < 5000 {
		t.Fatalf("only %d cells compared", n)
	}
}

// FuzzCountCellSame compares countCell with countCellOld on any cell.
func FuzzCountCellSame(f *testing.F) {
	for _, raw := range countCellEdges {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw string) { sameCountCell(t, raw) })
}
