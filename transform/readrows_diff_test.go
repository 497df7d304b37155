package transform

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// readerSpecs are the specs readRows reads tables by.
var readerSpecs = []*tableSpec{&s2Specs[0], &s2Specs[1], &s3Specs[0], &s3Specs[1], &s4Spec, &s4TransposedSpec}

// rowsOf are rows as values, without the parser's buffers they share, for
// comparing whole.
func rowsOf(rows []*row) []row {
	out := make([]row, len(rows))
	for i, r := range rows {
		out[i] = *r
		out[i].ar = nil
	}
	return out
}

// sameReadRows reads toks by spec with readRows on one parser of text
// and with readRowsOld on another, each on its own copy of the stream,
// and returns the first difference of the rows (every field, every cell),
// of the streams as the readers left them and of the parsers' findings,
// or the first cell two rows share; "" when there is none.
func sameReadRows(text string, keepTail bool, spec *tableSpec, unit string, stream func(p *parser) []tok) string {
	p, q := newParser(docOf(text)), newParser(docOf(text))
	p.keepTail, q.keepTail = keepTail, keepTail
	gt, wt := stream(p), stream(q)
	var got, want []*row
	// A reader that panicked would do so alike: the same panic.
	gp := catch(func() { got = p.readRows(spec, gt, unit) })
	wp := catch(func() { want = q.readRowsOld(spec, wt, unit) })
	if gp != wp {
		return fmt.Sprintf("panic %q, was %q", gp, wp)
	}
	if len(got) != len(want) {
		return fmt.Sprintf("%d rows, were %d", len(got), len(want))
	}
	g, w := rowsOf(got), rowsOf(want)
	for i := range g {
		if !reflect.DeepEqual(g[i], w[i]) {
			return fmt.Sprintf("row %d is %+v, was %+v", i, g[i], w[i])
		}
		if cap(got[i].toks) != cap(want[i].toks) {
			return fmt.Sprintf("row %d: cells capped at %d, were at %d", i, cap(got[i].toks), cap(want[i].toks))
		}
	}
	if !reflect.DeepEqual(gt, wt) {
		return "the stream was left otherwise"
	}
	if !reflect.DeepEqual(p.out.Findings, q.out.Findings) {
		return fmt.Sprintf("findings %+v, were %+v", p.out.Findings, q.out.Findings)
	}
	return sharedCells(spec, got, gt)
}

// sharedCells returns "" when no cell of rows is another row's too, and,
// for section 四's specs, none is a cell of the stream toks; otherwise
// what is shared.
func sharedCells(spec *tableSpec, rows []*row, toks []tok) string {
	seen := map[*tok]int{}
	for i := range toks {
		seen[&toks[i]] = -1
	}
	for i, r := range rows {
		for k := range r.toks {
			c := &r.toks[k]
			if j, ok := seen[c]; ok && (j >= 0 || spec.prefix == "s4") {
				return fmt.Sprintf("cell %d of row %d is also %d's (-1: the stream's)", k, i, j)
			}
			seen[c] = i
		}
	}
	return ""
}

// catch runs f and returns what it panicked with, "" if it did not.
func catch(f func()) (msg string) {
	defer func() {
		if r := recover(); r != nil {
			msg = fmt.Sprint(r)
		}
	}()
	f()
	return ""
}

// readerStreams are the cell streams the readers are compared on: that
// of the whole text and those of the sections the parser finds.
var readerStreams = []func(p *parser) []tok{
	func(p *parser) []tok {
		return tokenizeTo(nil, p.lines, p.cl, 0, len(p.lines), p.keepTail, nil)
	},
	sectionStream(secDisclosures), sectionStream(secApplications), sectionStream(secAppeals),
}

func sectionStream(sec section) func(p *parser) []tok {
	return func(p *parser) []tok {
		p.sec = findSections(p.cl)
		from, to := p.sec.bounds(sec)
		if from < 0 {
			return nil
		}
		return p.sectionTokens(from, to, "x")
	}
}

// sameReadRowsSel compares the readers on text with one stream, spec and
// unit, which sel picks.
func sameReadRowsSel(text string, keepTail bool, sel int) string {
	si, spec := sel%len(readerStreams), readerSpecs[sel/len(readerStreams)%len(readerSpecs)]
	unit := ""
	if sel/(len(readerStreams)*len(readerSpecs))%2 == 1 {
		unit = "万元"
	}
	if msg := sameReadRows(text, keepTail, spec, unit, readerStreams[si]); msg != "" {
		return fmt.Sprintf("stream %d, spec %s (columns %d), unit %q: %s", si, spec.prefix, spec.columns, unit, msg)
	}
	return ""
}

// readerSels is the number of choices sameReadRowsSel has.
var readerSels = 2 * len(readerStreams) * len(readerSpecs)

// sameReadRowsAll compares the readers on text with every stream, spec
// and unit.
func sameReadRowsAll(text string, keepTail bool) string {
	for sel := 0; sel < readerSels; sel++ {
		if msg := sameReadRowsSel(text, keepTail, sel); msg != "" {
			return msg
		}
	}
	return ""
}

// readerEdges are tables cut by hand: a header repeated after a page
// break with a page number under it, numbers before a label, blank
// fields, a wrapped label, glued cells, a lone 总计 and 其他; and a text
// the fuzzer found.
var readerEdges = []string{
	"",
	"\n\n",
	"三、收到和处理政府信息公开申请情况\n本年新收政府信息公开申请数量 1 2 3 4 5 6 7\n12\n申请人情况 自然人 法人或其他组织 总计\n8\n上年结转政府信息公开申请数量 0 0 0 0 0 0 0\n",
	"三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量\n1\n2\n3\n\f4\n申请人情况\n5\n6\n7\n二、上年结转政府信息公开申请数量\n\t\t\t\n",
	"四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n结果维持 结果纠正 其他结果 尚未审结 总计\n1 2 3 4 5 6 7 8 9 10 11 12 13 14 15\n",
	"二、主动公开政府信息情况\n第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 1 2 3\n规范性文件 4 5 6\n第二十条第（九）项\n信息内容 采购总金额（单位：\n万元）\n政府集中采购 12.5\n",
	"（六）其他处理\n1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 1 2 3\n总计\n其他 4 5 6\n行政许可5\n",
	// a last word of only a form feed, on which joinWrapped cut the
	// text past its end (see TestColWordsSpaceLast)
	"上年结转 \f\n000000",
}

// TestReadRowsSame compares readRows with readRowsOld on the tables cut
// by hand, the seeds', the testdata's and generated reports.
func TestReadRowsSame(t *testing.T) {
	for i, text := range readerEdges {
		for _, keep := range []bool{false, true} {
			if msg := sameReadRowsAll(text, keep); msg != "" {
				t.Fatalf("table %d (keepTail %v): %s", i, keep, msg)
			}
		}
	}
	per := 60
	if testing.Short() {
		per = 6
	}
	docs := diffCorpus(t, per, 1, 2, 5)
	for _, d := range docs {
		if msg := sameReadRowsAll(d.text, d.keepTail); msg != "" {
			t.Fatalf("%s: %s", d.name, msg)
		}
	}
	t.Logf("%d reports compared", len(docs))
}

// FuzzReadRowsSame compares them on any text, on one stream, spec and
// unit (sel) an input.
func FuzzReadRowsSame(f *testing.F) {
	files, _ := filepath.Glob("../testdata/samples/*.txt")
	for i, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			s := string(b)
			if j := strings.Index(s, "三、收到"); j >= 0 {
				s = s[j:]
			}
			f.Add(s[:min(len(s), 4000)], false, uint8(i))
		}
	}
	for i, s := range readerEdges {
		for sel := 0; sel < readerSels; sel += 7 {
			f.Add(s, i%2 == 0, uint8(sel+i))
		}
	}
	f.Fuzz(func(t *testing.T, text string, keepTail bool, sel uint8) {
		if len(text) > 4096 {
			text = text[:4096]
		}
		if msg := sameReadRowsSel(text, keepTail, int(sel)); msg != "" {
			t.Fatal(msg)
		}
	})
}
