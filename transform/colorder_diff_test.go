package transform

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// s3ColumnOrderOld is s3ColumnOrder before it looked for the next
// 法人或其他组织 after the last one masked instead of from the start.
func s3ColumnOrderOld(hdr []byte) (order []int, at [5]int) {
	for _, m := range legalPerson {
		for i := bytes.Index(hdr, m); i >= 0; i = bytes.Index(hdr, m) {
			for k := i; k < i+len(m); k++ {
				hdr[k] = '#'
			}
		}
	}
	for j, w := range s3SubColumns {
		i := bytes.Index(hdr, w)
		if i < 0 || bytes.Contains(hdr[i+len(w):], w) {
			return nil, at // not named, or named twice
		}
		at[j] = i
	}
	var o [5]int
	if !printedOrder(at[:], o[:]) {
		return nil, at
	}
	for i := range o {
		o[i]++ // the five are schemas.Applicants 1 to 5
	}
	return o[:], at
}

// s4ColumnOrderOld is s4ColumnOrder before wordAt: it counted each name
// with bytes.Count, then found it again with bytes.Index.
func s4ColumnOrderOld(hdr []byte) []int {
	if bytes.Count(hdr, s4Names[4]) == len(schemas.Proceedings) {
		if order, ok := s4OrderOld(hdr, len(s4Names)); ok {
			if order[4] != 4 {
				return order
			}
			return s4Trim(order[:4])
		}
	}
	order, ok := s4OrderOld(hdr, 4)
	if !ok {
		return nil
	}
	return s4Trim(order)
}

// s4OrderOld is s4Order before wordAt.
func s4OrderOld(hdr []byte, m int) (order []int, ok bool) {
	const groups = 3      // len(schemas.Proceedings)
	var at [groups][5]int // at[k][j]: where the k-th proceeding names column j
	for j, w := range s4Names[:m] {
		if bytes.Count(hdr, w) != groups {
			return nil, false
		}
		off := 0
		for k := 0; k < groups; k++ {
			i := bytes.Index(hdr[off:], w)
			at[k][j] = off + i
			off += i + len(w)
		}
	}
	identity := make([]int, m)
	for j := range identity {
		identity[j] = j
	}
	for k := range at {
		o := make([]int, m)
		moved := printedOrder(at[k][:m], o)
		if !moved && !slices.Equal(o, identity) {
			return nil, false // two names at one place
		}
		if k > 0 && (!slices.Equal(o, order) || slices.Min(at[k][:m]) < slices.Max(at[k-1][:m])) {
			return nil, false
		}
		order = o
	}
	return order, true
}

// onceAtOld is how s4ProceedingOrder found a word before wordAt: where
// hdr names w, when it names it once; -1 otherwise.
func onceAtOld(hdr []byte, w string) int {
	if bytes.Count(hdr, []byte(w)) != 1 {
		return -1
	}
	return bytes.Index(hdr, []byte(w))
}

// headerWords are the words the column order readers look for.
var headerWords = func() []string {
	var ws []string
	for _, w := range s4Names {
		ws = append(ws, string(w))
	}
	for _, w := range s3SubColumns {
		ws = append(ws, string(w))
	}
	for _, w := range legalPerson {
		ws = append(ws, string(w))
	}
	return append(ws, s4Review, s4Suits, s4SuitDirect, s4SuitReview)
}()

// sameColumnOrder compares the column order readers with their earlier
// forms, and wordAt with bytes.Count and bytes.Index, on one header.
func sameColumnOrder(t *testing.T, hdr []byte) {
	t.Helper()
	a, b := bytes.Clone(hdr), bytes.Clone(hdr)
	gotO, gotAt := s3ColumnOrder(a)
	wantO, wantAt := s3ColumnOrderOld(b)
	if !slices.Equal(gotO, wantO) || gotAt != wantAt || !bytes.Equal(a, b) {
		t.Fatalf("s3ColumnOrder(%q) = %v %v, masked %q; before %v %v, %q", hdr, gotO, gotAt, a, wantO, wantAt, b)
	}
	if got, want := s4ColumnOrder(hdr), s4ColumnOrderOld(hdr); !slices.Equal(got, want) {
		t.Fatalf("s4ColumnOrder(%q) = %v, before %v", hdr, got, want)
	}
	for _, w := range headerWords {
		at, n := wordAt(hdr, []byte(w))
		if want := min(bytes.Count(hdr, []byte(w)), 4); n != want {
			t.Fatalf("wordAt(%q, %q) counts %d, bytes.Count %d", hdr, w, n, want)
		}
		off := 0
		for k := 0; k < min(n, len(at)); k++ {
			i := bytes.Index(hdr[off:], []byte(w))
			if at[k] != off+i {
				t.Fatalf("wordAt(%q, %q) finds %v, bytes.Index %d for the %d-th", hdr, w, at, off+i, k)
			}
			off += i + len(w)
		}
		once := -1
		if n == 1 {
			once = at[0]
		}
		if want := onceAtOld(hdr, w); once != want {
			t.Fatalf("%q once in %q at %d, before %d", w, hdr, once, want)
		}
	}
}

// TestColumnOrderSame checks the column order readers against their
// earlier forms on windows of lines of the test inputs, the seeds and
// generated reports, and on random headers of their words, pieces of
// them, spaces and proceedings' names.
func TestColumnOrderSame(t *testing.T) {
	n := 0
	for _, text := range labelTexts(t) {
		lines := strings.Split(text, "\n")
		for i := range lines {
			if !strings.Contains(lines[i], "总计") && !strings.Contains(lines[i], "行政") && !strings.Contains(lines[i], "法人") {
				continue
			}
			sameColumnOrder(t, []byte(strings.Join(lines[i:min(i+8, len(lines))], "")))
			n++
		}
	}
	if n < 1000 {
		t.Fatalf("only %d headers compared", n)
	}
	pieces := append([]string{" ", "\n", "总", "计", "结果", "行政", "其他", "法人或", "自然人", "\xe6"}, headerWords...)
	for _, pr := range schemas.Proceedings {
		pieces = append(pieces, pr.Code)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20000 {
		var b strings.Builder
		for range rng.IntN(30) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		sameColumnOrder(t, []byte(b.String()))
	}
	// a section 四 header in the template's order, and with 总计 first
	var tmpl, first strings.Builder
	for range 3 {
		for _, w := range s4Names {
			tmpl.Write(w)
			tmpl.WriteString(" ")
		}
		first.Write(s4Names[4])
		for _, w := range s4Names[:4] {
			first.Write(w)
		}
	}
	sameColumnOrder(t, []byte(tmpl.String()))
	sameColumnOrder(t, []byte(first.String()))
}

// FuzzColumnOrderSame compares the column order readers with their
// earlier forms on any header.
func FuzzColumnOrderSame(f *testing.F) {
	f.Add([]byte("行政复议 行政诉讼 结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计"))
	f.Add([]byte("自然人 法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计"))
	f.Add([]byte("总计结果维持结果纠正其他结果尚未审结总计结果纠正结果维持其他结果尚未审结"))
	f.Fuzz(func(t *testing.T, hdr []byte) { sameColumnOrder(t, hdr) })
}
