package transform

import (
	"fmt"
	"math/bits"
	"math/rand"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// oldBreakPairs is breakPairs as it was at ef1a759, which looked each row
// up in its maps before asking whether a header was repeated beside it:
// kept to test that breakPairs pairs the same rows with the same
// readings. Only the name differs.
func oldBreakPairs(rows []*row, byCode map[string]*row, blocks map[*row]*labelBlock, n int) []*breakPair {
	var out []*breakPair
	used := map[*row]bool{}
	for i := 0; i+1 < len(rows); i++ {
		a := rows[i]
		if used[a] || a.code == "" || byCode[a.code] != a || blocks[a] != nil {
			continue
		}
		broke := a.broke
		j := i + 1
		for ; j < len(rows) && rows[j].code == ""; j++ {
			broke = broke || rows[j].broke
		}
		if j == len(rows) {
			continue
		}
		b := rows[j]
		// The header may come after the second row's label, its first
		// numbers printed before the label, beside a group label.
		broke = broke || (b.broke && j > i+1)
		if !broke {
			continue
		}
		if byCode[b.code] != b {
			continue
		}
		if bl := blocks[b]; bl != nil && (!bl.broken || bl.rows[0] != b) {
			continue
		}
		var vals []*tok
		var cands []int
		na := 0
		for _, r := range rows[i : j+1] {
			for k := range r.toks {
				if t := &r.toks[k]; t.kind == tokValue {
					if t.page {
						cands = append(cands, len(vals))
					}
					vals = append(vals, t)
				}
			}
			if r == a {
				na = len(vals)
			}
		}
		d := len(vals) - 2*n
		if d < 0 || d > len(cands) || len(cands) > maxPageCands {
			continue
		}
		bp := &breakPair{a: a, b: b, open: &openRow{cells: append(append([]string(nil), appCells[a.code]...), appCells[b.code]...)}}
		for mask := 0; mask < 1<<len(cands); mask++ {
			if bits.OnesCount(uint(mask)) != d {
				continue
			}
			drop := map[int]bool{}
			for j, c := range cands {
				if mask&(1<<j) != 0 {
					drop[c] = true
				}
			}
			rd := make([]placed, 0, 2*n)
			fromA := 0
			readable := true
			for k, t := range vals {
				if drop[k] {
					continue
				}
				v, ok := readCount(t.raw)
				readable = readable && ok
				if len(rd) < n && k < na {
					fromA++
				}
				rd = append(rd, placed{v: v, raw: t.raw, line: int(t.line)})
			}
			if !readable {
				continue
			}
			plain := fromA == n
			dup := false
			for j, c := range bp.open.cands {
				if sameReading(c, rd) {
					dup = true
					bp.plain[j] = bp.plain[j] || plain
				}
			}
			if !dup {
				bp.open.cands = append(bp.open.cands, rd)
				bp.plain = append(bp.plain, plain)
			}
		}
		if len(bp.open.cands) == 0 {
			continue
		}
		used[a], used[b] = true, true
		bp.strays = rows[i+1 : j]
		out = append(out, bp)
	}
	return out
}

// oldStackedLabels is stackedLabels as it was at ef1a759, which looked the
// rows' columns up first. Only the name differs.
func (p *parser) oldStackedLabels(a, b *row, metricsOf map[string][]schemas.Metric) bool {
	ma, okA := metricsOf[a.code]
	mb, okB := metricsOf[b.code]
	if !okA || !okB || len(ma) != len(mb) || a.trail > 0 || a.splitFrom > 0 || b.line <= a.line || b.line > len(p.cl) {
		return false
	}
	for _, t := range a.toks {
		if t.kind != tokBlank {
			return false
		}
	}
	for k := a.line; k < b.line-1; k++ {
		if p.cl[k] != "" && !pageMarkLine(p.lines[k], p.cl[k]) {
			return false
		}
	}
	return true
}

// pairCodes are the codes rows are drawn with: none, the break's usual
// rows, and a code outside the catalogue.
var pairCodes = []string{"", "", "granted", "partial", "total", "carried_over", "other", "not_a_row"}

// pairRaws are the numbers rows are drawn with, some of them unreadable.
var pairRaws = []string{"0", "1", "2", "3", "12", "7", "x", "-", "1,234"}

// randomSection3 draws the rows of a section 三 as readS3 hands them to
// breakPairs: codes, repeated headers, numbers (some bare, beside a
// break), the map of the rows kept for each code (a row of the code, or
// another, or none) and label blocks over some rows.
func randomSection3(rng *rand.Rand) (rows []*row, byCode map[string]*row, blocks map[*row]*labelBlock, n int) {
	n = []int{1, 2, 3, 7}[rng.Intn(4)]
	rows = make([]*row, 2+rng.Intn(10))
	for i := range rows {
		r := &row{code: pairCodes[rng.Intn(len(pairCodes))], line: i + 1, broke: rng.Intn(3) == 0}
		for range rng.Intn(2*n + 3) {
			t := tok{kind: tokValue, raw: pairRaws[rng.Intn(len(pairRaws))], line: int32(i + 1)}
			switch rng.Intn(6) {
			case 0:
				t.kind = tokText
			case 1:
				t.page = true
			}
			t.c = t.raw
			r.toks = append(r.toks, t)
		}
		rows[i] = r
	}
	byCode = map[string]*row{}
	for _, c := range pairCodes[2:] {
		switch rng.Intn(4) {
		case 0: // none
		case 1:
			byCode[c] = rows[rng.Intn(len(rows))]
		default:
			for _, r := range rows {
				if r.code == c {
					byCode[c] = r
					break
				}
			}
		}
	}
	blocks = map[*row]*labelBlock{}
	for range rng.Intn(3) {
		r := rows[rng.Intn(len(rows))]
		bl := &labelBlock{broken: rng.Intn(2) == 0}
		bl.rows = []*row{rows[rng.Intn(len(rows))], r}
		if rng.Intn(2) == 0 {
			bl.rows[0] = r
		}
		blocks[r] = bl
	}
	return rows, byCode, blocks, n
}

// sameBreakPairs compares breakPairs with oldBreakPairs on one section
// and returns the first difference, "" when there is none, and how many
// pairs they found.
func sameBreakPairs(rows []*row, byCode map[string]*row, blocks map[*row]*labelBlock, n int) (string, int) {
	got, want := breakPairs(rows, s3IndexOf(byCode), blocks, n), oldBreakPairs(rows, byCode, blocks, n)
	if !reflect.DeepEqual(got, want) {
		return fmt.Sprintf("%d pairs, were %d: %+v, %+v", len(got), len(want), got, want), len(want)
	}
	return "", len(want)
}

// TestBreakPairsSame checks that breakPairs pairs the rows oldBreakPairs
// did, with the same readings, over sections drawn at random (a seed
// each), enough of them with pairs.
func TestBreakPairsSame(t *testing.T) {
	found := 0
	for seed := range int64(100000) {
		rows, byCode, blocks, n := randomSection3(rand.New(rand.NewSource(seed)))
		msg, k := sameBreakPairs(rows, byCode, blocks, n)
		if msg != "" {
			t.Fatalf("seed %d: %s", seed, msg)
		}
		found += k
	}
	if found < 1000 {
		t.Fatalf("%d pairs found: the sections do not test the pairing", found)
	}
}

// FuzzBreakPairsSame compares the two on sections drawn from the
// fuzzer's seed.
func FuzzBreakPairsSame(f *testing.F) {
	for _, s := range []int64{0, 7, 42, 1 << 40} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		rows, byCode, blocks, n := randomSection3(rand.New(rand.NewSource(seed)))
		if msg, _ := sameBreakPairs(rows, byCode, blocks, n); msg != "" {
			t.Fatal(msg)
		}
	})
}

// stackedCodes are the codes section 二's rows are drawn with: every
// item's of both templates, a row outside them and none.
func stackedCodes() []string {
	out := []string{"", "extra", "not_a_row"}
	for _, items := range [][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		for _, it := range items {
			out = append(out, it.Code.Code)
		}
	}
	return out
}

// stackedLines are the lines between two labels: blank, page marks and
// text.
var stackedLines = []string{"", "   ", "- 3 -", "3", "第 2 页", "规章", "12 13 14", "\f", "— 4 —"}

// sameStacked asks stackedLabels and oldStackedLabels about every pair of
// rows, under both templates' columns, and returns the first difference
// and how many pairs were stacked.
func sameStacked(text string, rows []*row) (string, int) {
	lines, cl := splitLines(text)
	p := &parser{lines: lines, cl: cl}
	found := 0
	for _, metricsOf := range s2MetricsOf {
		for _, a := range rows {
			for _, b := range rows {
				got, want := p.stackedLabels(a, b, metricsOf), p.oldStackedLabels(a, b, metricsOf)
				if got != want {
					return fmt.Sprintf("rows %+v, %+v: %v, was %v", *a, *b, got, want), found
				}
				if want {
					found++
				}
			}
		}
	}
	return "", found
}

// randomSection2 draws a text of lines between labels and rows on them:
// codes, blank cells or numbers, wrapped labels and trailing fields.
func randomSection2(rng *rand.Rand, codes []string) (string, []*row) {
	var text []string
	for range 3 + rng.Intn(12) {
		text = append(text, stackedLines[rng.Intn(len(stackedLines))])
	}
	rows := make([]*row, 2+rng.Intn(5))
	for i := range rows {
		r := &row{code: codes[rng.Intn(len(codes))], line: 1 + rng.Intn(len(text)+2)}
		if rng.Intn(6) == 0 {
			r.trail = 1
		}
		if rng.Intn(6) == 0 {
			r.splitFrom = r.line + 1
		}
		for range rng.Intn(3) {
			k := tokBlank
			if rng.Intn(3) == 0 {
				k = tokValue
			}
			r.toks = append(r.toks, tok{kind: k, c: "1", raw: "1", line: int32(r.line)})
		}
		rows[i] = r
	}
	return strings.Join(text, "\n"), rows
}

// TestStackedLabelsSame checks that stackedLabels answers as
// oldStackedLabels over sections drawn at random, enough of them stacked.
func TestStackedLabelsSame(t *testing.T) {
	codes := stackedCodes()
	found := 0
	for seed := range int64(20000) {
		text, rows := randomSection2(rand.New(rand.NewSource(seed)), codes)
		msg, k := sameStacked(text, rows)
		if msg != "" {
			t.Fatalf("seed %d: %s", seed, msg)
		}
		found += k
	}
	if found < 1000 {
		t.Fatalf("%d pairs stacked: the sections do not test it", found)
	}
}

// FuzzStackedLabelsSame compares the two on sections drawn from the
// fuzzer's seed.
func FuzzStackedLabelsSame(f *testing.F) {
	codes := stackedCodes()
	for _, s := range []int64{0, 7, 42} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, seed int64) {
		text, rows := randomSection2(rand.New(rand.NewSource(seed)), codes)
		if msg, _ := sameStacked(text, rows); msg != "" {
			t.Fatal(msg)
		}
	})
}
