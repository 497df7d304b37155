package transform

import (
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// memoCells are the cells the memo is tested on: every text cell of the
// corpus (seeds, testdata, generated reports) and made-up ones: the
// labels and headers the matchers tell apart, cells of every length
// about the memo's loads and its cut-off, cells that differ only in
// bytes its hash does not read, and cells whose hashes name one place.
func memoCells(t testing.TB, per int) []string {
	seen := map[string]bool{}
	var cells []string
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			cells = append(cells, c)
		}
	}
	for _, c := range []string{"", "1", "12", "其", "其他", "3.其他", "3、其他", "（三）其他", "总计", "合计", "（七）总计",
		"申请人情况", "自然人", "商业企业", "勾稽关系", "注：", "说明:", "备注", "信访", "（六）其他处理",
		"1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "不再处理其政府信息公开申请",
		"2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
		"第二十条第（一）项", "第二十条第(五)项行政许可", "规章", "行政许可5", "收费", "收费项目",
		"结果维持", "维持", "纠正", "未审结", "小计", "行政复议", "|---|---|", "---",
		"本年新收政府信息公开申请数量", "上年结转政府信息公开申请数量"} {
		add(c)
	}
	// every length from 0 to past the cut-off, of Han text and of ASCII
	han := strings.Repeat("本年新收政府信息公开申请数量予以公开", 8)
	for n := 0; n <= memoMaxLen+10; n++ {
		add(han[:n])
		add(strings.Repeat("a", n))
	}
	// the same first, middle and last eight bytes, another byte between
	for _, base := range []string{"本年新收政府信息公开申请数量", "1.属于国家秘密的信息", "（二）部分公开（区分处理的）"} {
		for i := 8; i < len(base)-8; i++ {
			b := []byte(base)
			b[i] ^= 1
			add(string(b))
		}
	}
	// cells whose hashes name the same place: the memo probes past it
	for _, spec := range readerSpecs[:3] {
		at := map[uint64]bool{}
		for i, found := 0, 0; found < 40 && i < 1<<16; i++ {
			c := fmt.Sprintf("行政许可%d", i)
			place := memoHash(c, uint64(spec.memo)<<1) >> (64 - memoBits)
			if at[place] {
				add(c)
				found++
			}
			at[place] = true
		}
	}
	for _, d := range diffCorpus(t, per, 1, 2, 5) {
		p := newParser(docOf(d.text))
		for _, tk := range tokenizeTo(nil, p.lines, p.cl, 0, len(p.lines), d.keepTail, nil) {
			if tk.kind == tokText {
				add(tk.c)
			}
		}
	}
	return cells
}

// TestMatchMemoSame compares the memo's answers (parser.match) with each
// spec's matcher called directly, as readRows called it before the memo,
// for every spec and both inOther, on memoCells asked in three orders, so
// that the memo answers from cells it holds, cells it holds after a probe
// and after it was emptied. A parser without a scratch matches directly.
func TestMatchMemoSame(t *testing.T) {
	per := 40
	if testing.Short() {
		per = 4
	}
	cells := memoCells(t, per)
	p := &parser{scr: newScratch()}
	cleared, prev := 0, 0
	ask := func(c string) {
		for _, spec := range readerSpecs {
			for _, in := range []bool{false, true} {
				if got, want := p.match(spec, c, in), spec.match(c, in); got != want {
					t.Fatalf("spec %s (memo %d), inOther %v, cell %q: %+v, want %+v", spec.prefix, spec.memo, in, c, got, want)
				}
				if p.scr.labels.n < prev {
					cleared++
				}
				prev = p.scr.labels.n
			}
		}
	}
	askInOrders(cells, ask)
	if cleared == 0 {
		t.Errorf("%d cells: the memo was never emptied", len(cells))
	}
	var q parser
	for _, c := range cells[:100] {
		if got, want := q.match(&s3Specs[0], c, true), matchS3(c, true); got != want {
			t.Fatalf("without a scratch, cell %q: %+v, want %+v", c, got, want)
		}
	}
	t.Logf("%d cells, the memo emptied %d times", len(cells), cleared)
}

// FuzzMatchMemoSame compares them on any cell, asked twice (the second
// time from the memo, which holds the cells of the inputs before).
func FuzzMatchMemoSame(f *testing.F) {
	for i, c := range memoCells(f, 1) {
		f.Add(c, uint8(i), i%3 == 0)
	}
	p := &parser{scr: newScratch()}
	f.Fuzz(func(t *testing.T, c string, sel uint8, in bool) {
		spec := readerSpecs[int(sel)%len(readerSpecs)]
		want := spec.match(c, in)
		for range 2 {
			if got := p.match(spec, c, in); got != want {
				t.Fatalf("spec %s, inOther %v, cell %q: %+v, want %+v", spec.prefix, in, c, got, want)
			}
		}
	})
}

// TestMatchMemoConcurrentParses parses reports in four goroutines at once,
// each parse with a scratch (and memo) of its own from the pool, and
// compares each result with that of a parse alone: under -race, this is
// where a memo shared between parses would show.
func TestMatchMemoConcurrentParses(t *testing.T) {
	docs := diffCorpus(t, 3, 1)
	want := make([]*schemas.Parsed, len(docs))
	for i, d := range docs {
		want[i] = Parse(schemas.Document{ReportID: "x", SourcePath: "r.txt", SourceFormat: "txt", Text: d.text})
	}
	var wg sync.WaitGroup
	errs := make(chan string, 4)
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range docs {
				i := (k + g*len(docs)/4) % len(docs)
				got := Parse(schemas.Document{ReportID: "x", SourcePath: "r.txt", SourceFormat: "txt", Text: docs[i].text})
				if !reflect.DeepEqual(got, want[i]) {
					errs <- docs[i].name
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for name := range errs {
		t.Errorf("%s: parsed otherwise beside other parses", name)
	}
}

// memoKeySame is the test match makes of a remembered cell a against the
// cell asked about, b, once their hashes and slots agree.
func memoKeySame(a, b string) bool {
	return len(a) == len(b) && (sameShort(a, b) || a == b)
}

// checkSameShort checks memoKeySame against a == b for a and b, and
// that sameShort never calls two cells equal that are not; b is copied
// so that the two never share their bytes.
func checkSameShort(t *testing.T, a, b string) {
	t.Helper()
	b = strings.Clone(b)
	if got, want := memoKeySame(a, b), a == b; got != want {
		t.Fatalf("memoKeySame(%q, %q) = %v, want %v", a, b, got, want)
	}
	if len(a) == len(b) && sameShort(a, b) && a != b {
		t.Fatalf("sameShort(%q, %q) = true", a, b)
	}
}

// TestSameShortAsEqual compares the memo's test of a cell with == on
// every length from 0 to past 24 bytes: equal cells in distinct storage,
// cells that differ in one byte at each place (each bit of it and all of
// it), in two bytes, and in their length; and on the corpus's cells, each
// against itself and its neighbours.
func TestSameShortAsEqual(t *testing.T) {
	base := "本年新收政府信息公开申请数量予以公开ab12"
	n := 0
	for l := 0; l <= 40; l++ {
		for _, s := range []string{base[:l], strings.Repeat("x", l), base[len(base)-l:]} {
			checkSameShort(t, s, s)
			if l > 0 {
				checkSameShort(t, s, s[:l-1])
				checkSameShort(t, s[1:], s[:l-1])
			}
			for i := 0; i < l; i++ {
				for _, flip := range []byte{1, 2, 4, 8, 16, 32, 64, 128, 0xff} {
					b := []byte(s)
					b[i] ^= flip
					checkSameShort(t, s, string(b))
					for j := i + 1; j < l; j++ {
						b[j] ^= flip
						checkSameShort(t, s, string(b))
						b[j] ^= flip
					}
					n++
				}
			}
		}
	}
	cells := memoCells(t, 4)
	for i, c := range cells {
		checkSameShort(t, c, c)
		if i > 0 {
			checkSameShort(t, c, cells[i-1])
		}
	}
	t.Logf("%d changed cells, %d corpus cells", n, len(cells))
}

// FuzzSameShortAsEqual: the memo's test of a cell is == on any two
// cells, and on any cell against itself with one byte changed.
func FuzzSameShortAsEqual(f *testing.F) {
	f.Add("本年新收政府信息公开", "本年新收政府信息公开", uint8(0), byte(0))
	f.Add("1.属于国家秘密的", "1.属于国家秘密的", uint8(9), byte(1))
	f.Add("abcdefghijklmnopq", "abcdefghijklmnopr", uint8(8), byte(0x80))
	f.Fuzz(func(t *testing.T, a, b string, at uint8, flip byte) {
		checkSameShort(t, a, b)
		checkSameShort(t, a, a)
		if a != "" {
			c := []byte(a)
			c[int(at)%len(c)] ^= flip
			checkSameShort(t, a, string(c))
		}
	})
}

// TestMatchSameAsOld compares parser.match with matchOld, the memo
// before its cells were compared by sameShort, each with a memo of its
// own, asked the same cells in the same three orders as TestMatchMemoSame:
// the same answers, and memos that hold the same cells.
func TestMatchSameAsOld(t *testing.T) {
	per := 40
	if testing.Short() {
		per = 4
	}
	cells := memoCells(t, per)
	p, q := &parser{scr: newScratch()}, &parser{scr: newScratch()}
	ask := func(c string) {
		for _, spec := range readerSpecs {
			for _, in := range []bool{false, true} {
				if got, want := p.match(spec, c, in), q.matchOld(spec, c, in); got != want {
					t.Fatalf("spec %s, inOther %v, cell %q: %+v, before %+v", spec.prefix, in, c, got, want)
				}
			}
		}
		if p.scr.labels.n != q.scr.labels.n {
			t.Fatalf("cell %q: the memo holds %d cells, before %d", c, p.scr.labels.n, q.scr.labels.n)
		}
	}
	askInOrders(cells, ask)
	if !reflect.DeepEqual(p.scr.labels.e, q.scr.labels.e) {
		t.Fatal("the memos differ")
	}
}

// askInOrders asks every cell in three orders: as they come, backwards,
// and each after the cell i·7919 places on (modulo their number).
func askInOrders(cells []string, ask func(string)) {
	for _, c := range cells {
		ask(c)
	}
	for i := len(cells) - 1; i >= 0; i-- {
		ask(cells[i])
	}
	for i := range cells {
		ask(cells[i*7919%len(cells)])
		ask(cells[i])
	}
}
