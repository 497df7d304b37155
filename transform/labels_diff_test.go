package transform

import (
	"io/fs"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/nianbao/nianbao/extract"
	"github.com/nianbao/nianbao/pipeline/generate"
)

// sameLabels compares the label matchers with the strings.Contains
// versions they replace on one cell.
func sameLabels(t *testing.T, c string) {
	t.Helper()
	q := c // as the failures quote it
	if len(q) > 200 {
		q = q[:200] + "…"
	}
	for _, in := range []bool{false, true} {
		got, want := matchS3(c, in), oldMatchS3(c, in)
		want.out = s3Place(want.code) // the old labels carried no place
		if got != want {
			t.Fatalf("matchS3(%q, %v) = %+v, by Contains %+v", q, in, got, want)
		}
	}
	if got, want := matchS2(c), oldMatchS2(c); got != want {
		t.Fatalf("matchS2(%q) = %+v, by Contains %+v", q, got, want)
	}
	if got, want := isNote(c), isNoteOld(c); got != want {
		t.Fatalf("isNote(%q) = %v, before %v", q, got, want)
	}
	if got, want := stripNumbering(c), oldStripNumbering(c); got != want {
		t.Fatalf("stripNumbering(%q) = %q, without the shortcut %q", q, got, want)
	}
	if got, want := isS4Header(c), oldIsS4Header(c); got != want {
		t.Fatalf("isS4Header(%q) = %v, by Contains %v", q, got, want)
	}
	if got, want := s2ColumnKey(c), oldS2ColumnKey(c); got != want {
		t.Fatalf("s2ColumnKey(%q) = %d, by Contains %d", q, got, want)
	}
	if got, want := notInNameIndex.contains(c) != 0, containsAny(c, notInName...); got != want {
		t.Fatalf("words of notInName in %q: %v, by Contains %v", q, got, want)
	}
	n19, n21 := templateWords(c)
	if want := oldCountGroups(c, tmpl19Words); n19 != want {
		t.Fatalf("2019 words in %q: %d, by Contains %d", q, n19, want)
	}
	if want := oldCountGroups(c, tmpl21Words); n21 != want {
		t.Fatalf("2021 words in %q: %d, by Contains %d", q, n21, want)
	}
	for _, x := range []*keyIndex{s3Words, s2HeaderIndex, s2Words, s4HeaderIndex, s2ColumnGroups.words, tmplGroups.words, notInNameIndex} {
		var want uint64
		for i, k := range x.keys {
			if strings.Contains(c, k) {
				want |= 1 << i
			}
		}
		if got := x.contains(c); got != want {
			t.Fatalf("keyIndex.contains(%q) = %b, by Contains %b (words %q)", q, got, want, x.keys)
		}
		if has := x.has(c); has != (want != 0) {
			t.Fatalf("keyIndex.has(%q) = %v, by Contains %b (words %q)", q, has, want, x.keys)
		}
		o := oldOf(x)
		if got, old := x.contains(c), o.contains(c); got != old {
			t.Fatalf("keyIndex.contains(%q) = %b, by the old keyIndex %b (words %q)", q, got, old, x.keys)
		}
		if got, old := x.contains(c), o.containsOld(c); got != old {
			t.Fatalf("keyIndex.contains(%q) = %b, before %b (words %q)", q, got, old, x.keys)
		}
		if got, old := x.contains(c), o.containsEach(c); got != old {
			t.Fatalf("keyIndex.contains(%q) = %b, by character %b (words %q)", q, got, old, x.keys)
		}
	}
}

// cellsOf returns what the matchers may be asked about a text: each line
// compacted, its fields and pairs of neighbouring fields (a wrapped label
// joined), each also without its first runes (numbering, cut labels).
func cellsOf(text string, add func(string)) {
	for _, line := range strings.Split(text, "\n") {
		fields, _ := oldSplitFieldsAt(line, nil, nil)
		cells := []string{compact(line)}
		for i, f := range fields {
			cells = append(cells, compact(f))
			if i > 0 {
				cells = append(cells, compact(fields[i-1])+compact(f))
			}
		}
		for _, c := range cells {
			add(c)
			if len(c) > 300 {
				continue
			}
			for i := range c {
				if i > 0 {
					add(c[i:])
				}
			}
		}
	}
}

// labelTexts returns the texts of testdata (the seeds and the reports),
// of the package's cases, and of generated reports in every layout.
func labelTexts(t testing.TB) []string {
	var texts []string
	for _, root := range []string{filepath.Join("..", "testdata"), "testdata"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if utf8.Valid(b) {
				texts = append(texts, string(b))
			} else if doc := extract.ReadBytes(filepath.Base(path), b, extract.Limits{}); doc.Text != "" {
				texts = append(texts, doc.Text)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	layouts := generate.AllLayouts()
	for _, l := range layouts {
		opt := generate.Options{Reports: 4, Seed: 7, Layouts: []string{l}}
		for i := range opt.Reports {
			name, data, _ := generate.Report(generate.NewRand(opt.Seed, i), i, opt)
			texts = append(texts, extract.ReadBytes(name, data, extract.Limits{}).Text)
		}
	}
	return texts
}

// TestLabelsSameAsContains checks that the label matchers, which look
// their words up in one keyIndex pass, classify every cell of the test
// inputs, the seeds and generated reports of every layout as the
// strings.Contains versions they replace do, and so do labelRandom random
// cells made of the words, their pieces, numerals and broken bytes.
func TestLabelsSameAsContains(t *testing.T) {
	seen := map[string]bool{}
	add := func(c string) {
		if !seen[c] {
			seen[c] = true
			sameLabels(t, c)
		}
	}
	for _, text := range labelTexts(t) {
		add(text) // detectTemplate counts the words of a whole table
		cellsOf(text, add)
	}
	if len(seen) < 10000 {
		t.Fatalf("only %d cells compared", len(seen))
	}
	var pieces []string
	for _, x := range []*keyIndex{s3Words, s2HeaderIndex, s2Words, s4HeaderIndex, s2ColumnGroups.words, tmplGroups.words, notInNameIndex} {
		for _, k := range x.keys {
			pieces = append(pieces, k)
			if rs := []rune(k); len(rs) > 1 {
				pieces = append(pieces, string(rs[:len(rs)/2]), string(rs[len(rs)/2:]), k[:len(k)-1], k[1:])
			}
		}
	}
	pieces = append(pieces, "（一）", "(二)", "1.", "2、", "十．", "一、", "(", ")", "其他", "总计", "合计", "注：", "注:", "注", "说明：", "说明:", "说明", "备注", "附注", "：", ":", "\xe5", "\xff", " ", "1")
	rng := rand.New(rand.NewSource(3))
	for range labelRandom {
		var b strings.Builder
		for n := 1 + rng.Intn(5); n > 0; n-- {
			b.WriteString(pieces[rng.Intn(len(pieces))])
		}
		add(b.String())
	}
}

// labelRandom is how many random cells TestLabelsSameAsContains makes:
// the strings.Contains versions cost most of the test's time on them.
const labelRandom = 40000

// FuzzLabels compares the label matchers with the strings.Contains
// versions, and keyIndex.contains with its earlier loop, on fuzzed cells.
func FuzzLabels(f *testing.F) {
	for _, c := range []string{"（一）本年新收政府信息公开申请数量", "3.其他", "（七）总计", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
		"第二十条第（五）项行政许可", "规章", "本年增/减", "新制作数量新公开数量", "本年制发件数本年废止件数", "结果维持", "勾稽关系", "\xe5\x8c规章", "注:1.", "说明：", "附注"} {
		f.Add(c)
	}
	f.Fuzz(func(t *testing.T, c string) { sameLabels(t, c) })
}

// BenchmarkLabels classifies the label cells of the seeds' tables (each
// field of their lines, compacted) with the matchers (new) and with the
// strings.Contains versions they replaced (old); SetBytes makes the
// figure MB/s of cell text.
func BenchmarkLabels(b *testing.B) {
	var cells []string
	var n int64
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "samples", "*.txt"))
	for _, f := range files {
		d, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		for _, line := range strings.Split(string(d), "\n") {
			fields, _ := oldSplitFieldsAt(line, nil, nil)
			for _, f := range fields {
				if c := compact(f); c != "" && !hasDigit(c) {
					cells = append(cells, c)
					n += int64(len(c))
				}
			}
		}
	}
	for _, m := range []struct {
		name     string
		s3       func(string, bool) label
		s2       func(string) label
		s4header func(string) bool
	}{{"new", matchS3, matchS2, isS4Header}, {"old", oldMatchS3, oldMatchS2, oldIsS4Header}} {
		b.Run(m.name, func(b *testing.B) {
			b.SetBytes(n)
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				for _, c := range cells {
					m.s3(c, false)
					m.s2(c)
					m.s4header(c)
				}
			}
		})
	}
}
