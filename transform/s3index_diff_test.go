package transform

import (
	"fmt"
	"math/bits"
	"math/rand"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// prevMatchS3 is matchS3 as it was at c0b291f, its labels without the
// row's place.
func prevMatchS3(c string, inOther bool) label {
	has := s3Words.contains(c)
	if has&(1<<s3WordCheck) != 0 {
		return headerLabel
	}
	if isNote(c) {
		return noLabel
	}
	if k := has & s3KeyMask; k != 0 {
		code := s3Keys[bits.TrailingZeros64(k)].code
		if code == "other.no_correction" && has&(1<<s3WordFee) != 0 {
			return rowLabel("other.no_fee")
		}
		return rowLabel(code)
	}
	if has&(1<<s3WordTail) != 0 {
		switch {
		case strings.HasPrefix(c, "1.") || strings.HasPrefix(c, "1、"):
			return rowLabel("other.no_correction")
		case strings.HasPrefix(c, "2.") || strings.HasPrefix(c, "2、"):
			return rowLabel("other.no_fee")
		}
		return noLabel
	}
	body := stripNumbering(c)
	switch {
	case has&(1<<s3WordOther) != 0:
		return rowLabel("other")
	case body == "总计" || body == "合计":
		if body != c { // （七）总计
			return rowLabel("total")
		}
		return label{kind: lblTotalOrHeader, code: "total"}
	case inOther && body == "其他" && body != c:
		return rowLabel("other.other")
	case inOther && body == "其他":
		return label{kind: lblOtherOrHeader, code: "other.other"}
	}
	if isS3HeaderWord(body) || isS3HeaderWord(c) {
		return headerLabel
	}
	if has>>s3WordGroup != 0 {
		return groupLabel
	}
	return noLabel
}

// oldIndexS3 is how readS3 held its rows at c0b291f: a map keyed by
// code, with the same findings and the same renaming of 其他.
func oldIndexS3(p *parser, rows []*row) (map[string]*row, bool) {
	byCode := make(map[string]*row, len(rows))
	for i, r := range rows {
		p.poll() // a huge table makes this loop long
		if r.code == "" {
			if hasValues(r) && !r.broke && (i == 0 || !rows[i-1].broke) {
				msg := fmt.Sprintf("a row labelled %q names no row of the template; its numbers are not read", r.label)
				if r.label == "" {
					msg = "numbers on a line after the row above's, with no label beside them (a label not read), stand in no row of the template; they are not read"
				}
				p.finding(ruleS3UnknownRow, schemas.SeverityWarning, "s3.*", msg, r.line, nil, nil)
			}
			continue
		}
		if prev, dup := byCode[r.code]; dup {
			if !hasValues(prev) && cellsSeen(prev) == 0 && hasValues(r) {
				byCode[r.code] = r
				continue
			}
			if hasValues(r) {
				p.finding(ruleS3DuplicateRow, schemas.SeverityWarning, "s3."+r.code+".*",
					fmt.Sprintf("row %s printed twice (lines %d and %d); the first is kept", r.code, prev.line, r.line), r.line, nil, nil)
			}
			continue
		}
		byCode[r.code] = r
	}
	if oo := byCode["other.other"]; oo != nil && byCode["other"] == nil && byCode["other.no_correction"] == nil &&
		byCode["other.no_fee"] == nil && stripNumbering(oo.label) == oo.label {
		oo.code = "other"
		delete(byCode, "other.other")
		byCode["other"] = oo
	}
	subRows := byCode["other.no_correction"] != nil || byCode["other.no_fee"] != nil || byCode["other.other"] != nil
	if o := byCode["other"]; o != nil && subRows && !hasValues(o) {
		delete(byCode, "other")
	}
	return byCode, subRows
}

// s3IndexOf is the s3Index holding byCode's rows.
func s3IndexOf(byCode map[string]*row) *s3Index {
	var x s3Index
	for code, r := range byCode {
		if n := s3Place(code); n > 0 {
			x.rows[n-1] = r
		} else {
			if x.others == nil {
				x.others = map[string]*row{}
			}
			x.others[code] = r
		}
	}
	return &x
}

// s3SectionRows reads the rows of section 三 of text as readS3 does
// before holding them, with the parser that read them.
func s3SectionRows(text string) (*parser, []*row) {
	p := newParser(schemas.Document{ReportID: "x", SourcePath: "x.txt", SourceFormat: "txt", Text: text})
	p.sec = findSections(p.cl)
	p.readMeta()
	p.template = p.detectTemplate()
	from, to := p.sec.bounds(secApplications)
	if from < 0 {
		return p, nil
	}
	rows := p.readRows(&s3Specs[0], p.sectionTokens(from, to, "s3.*"), "")
	pickMeasure(rows)
	markSpans(&p.spans, rows, p.lines, len(schemas.Applicants))
	markEmptyParagraphs(rows)
	markLabelPads(rows, len(schemas.Applicants))
	return p, rows
}

// sameS3Index reads section 三 of text twice, holds one reading's rows
// with indexS3 and the other's with oldIndexS3, and returns the first
// difference: findings, the rows' codes, the row held for each code (by
// its place in rows), subRows, the pairs breakPairs makes of them; and
// every row's out against its code.
func sameS3Index(text string) string {
	p, rows := s3SectionRows(text)
	q, old := s3SectionRows(text)
	if len(rows) != len(old) {
		return fmt.Sprintf("%d rows, %d", len(rows), len(old))
	}
	got, sub := p.indexS3(rows)
	want, wsub := oldIndexS3(q, old)
	if sub != wsub {
		return fmt.Sprintf("subRows %v, was %v", sub, wsub)
	}
	if !reflect.DeepEqual(p.out.Findings, q.out.Findings) {
		return fmt.Sprintf("findings %+v, were %+v", p.out.Findings, q.out.Findings)
	}
	at := func(rs []*row, r *row) int {
		for i := range rs {
			if rs[i] == r {
				return i
			}
		}
		return -1
	}
	for i, r := range rows {
		if r.code != old[i].code {
			return fmt.Sprintf("row %d: code %q, was %q", i, r.code, old[i].code)
		}
		if r.out != 0 && r.out != s3Place(r.code) {
			return fmt.Sprintf("row %d (%s): out %d, its place %d", i, r.code, r.out, s3Place(r.code))
		}
		if g, w := at(rows, got.of(r)), at(old, want[r.code]); g != w {
			return fmt.Sprintf("row %d (%s): holds row %d, held %d", i, r.code, g, w)
		}
	}
	for n, code := range s3Places {
		if g, w := at(rows, got.rows[n]), at(old, want[code]); g != w {
			return fmt.Sprintf("%s: row %d, was %d", code, g, w)
		}
	}
	for code, r := range want {
		if s3Place(code) == 0 && at(rows, got.others[code]) != at(old, r) {
			return fmt.Sprintf("%s: not held as before", code)
		}
	}
	if len(got.others) > len(want) {
		return fmt.Sprintf("%d others", len(got.others))
	}
	gp := breakPairs(rows, &got, map[*row]*labelBlock{}, len(schemas.Applicants))
	wp := oldBreakPairs(old, want, map[*row]*labelBlock{}, len(schemas.Applicants))
	if len(gp) != len(wp) {
		return fmt.Sprintf("%d pairs, were %d", len(gp), len(wp))
	}
	for i := range gp {
		if at(rows, gp[i].a) != at(old, wp[i].a) || at(rows, gp[i].b) != at(old, wp[i].b) {
			return fmt.Sprintf("pair %d differs", i)
		}
	}
	return ""
}

// sameMatchS3 compares matchS3 with prevMatchS3 on c.
func sameMatchS3(c string) string {
	for _, in := range []bool{false, true} {
		g, w := matchS3(c, in), prevMatchS3(c, in)
		if g.kind != w.kind || g.code != w.code {
			return fmt.Sprintf("matchS3(%q, %v) = %+v, was %+v", c, in, g, w)
		}
		if g.out != s3Place(g.code) && !(g.code == "" && g.out == 0) {
			return fmt.Sprintf("matchS3(%q, %v) = %+v: its place is %d", c, in, g, s3Place(g.code))
		}
	}
	return ""
}

// s3IndexTexts are the package's samples, the seeds, the text reports of
// a generated corpus when NIANBAO_BENCH_CORPUS names one, and edge cases
// of section 三's （六） rows.
func s3IndexTexts(t *testing.T) []string {
	var texts []string
	for _, f := range globTexts(t, "../testdata/samples/*.txt", "../../shared/seeds/*.txt") {
		texts = append(texts, f.text)
	}
	if len(texts) < 5 {
		t.Fatalf("%d texts", len(texts))
	}
	return append(texts, s3EdgeTexts...)
}

// s3EdgeTexts hold the （六） rows in the ways indexS3 treats apart.
var s3EdgeTexts = []string{
	"三、收到和处理政府信息公开申请情况\n（六）其他处理\n其他 1 1 1 1 1 1 6\n（七）总计 1 2 3 4 5 6 7\n四、政府信息公开行政复议\n",
	"三、收到和处理政府信息公开申请情况\n（六）其他处理\n其他 0 0 0 0 0 0 0\n（六）其他处理 1 1 1 1 1 1 6\n（七）总计 1 2 3 4 5 6 7\n四、政府信息公开行政复议\n",
	"三、收到和处理政府信息公开申请情况\n（六）其他处理 1 2 3 4 5 6 7\n其他 1 1 1 1 1 1 3\n（七）总计 1 2 3 4 5 6 7\n四、政府信息公开行政复议\n",
	"三、收到和处理政府信息公开申请情况\n（六）其他处理\n1.申请人无正当理由逾期不补正 1 1 1 1 1 1 6\n2.申请人逾期未按收费通知要求缴纳费用 0 0 0 0 0 0 0\n3.其他 1 0 0 0 0 0 1\n（七）总计 1 2 3 4 5 6 7\n四、政府信息公开行政复议\n",
	"三、收到和处理政府信息公开申请情况\n（六）其他处理\n其他\n（七）总计 1 2 3 4 5 6 7\n（七）总计 1 2 3 4 5 6 7\n予以公开\n（一）予以公开 1 2 3 4 5 6 7\n四、政府信息公开行政复议\n",
}

// TestS3IndexSame: indexS3 holds the rows oldIndexS3 held, with its
// findings, and breakPairs pairs them as before, on every text of
// s3IndexTexts and on each line of the seeds' section 三 matched alone;
// matchS3's labels are prevMatchS3's with their places.
func TestS3IndexSame(t *testing.T) {
	for i, text := range s3IndexTexts(t) {
		if msg := sameS3Index(text); msg != "" {
			t.Fatalf("text %d: %s", i, msg)
		}
		for _, l := range strings.Split(text, "\n") {
			for _, c := range append(strings.Fields(l), strings.ReplaceAll(l, " ", "")) {
				if msg := sameMatchS3(c); msg != "" {
					t.Fatal(msg)
				}
			}
		}
	}
	rng := rand.New(rand.NewSource(1))
	for range 20000 {
		rows, _, _, _ := randomSection3(rng)
		for _, r := range rows {
			if rng.Intn(2) == 0 {
				r.out = s3Place(r.code)
			}
		}
		old := make([]*row, len(rows))
		for i, r := range rows {
			c := *r
			old[i] = &c
		}
		p, q := newParser(schemas.Document{}), newParser(schemas.Document{})
		got, _ := p.indexS3(rows)
		want, _ := oldIndexS3(q, old)
		for n, code := range s3Places {
			if (got.rows[n] == nil) != (want[code] == nil) || got.rows[n] != nil && got.rows[n].line != want[code].line {
				t.Fatalf("%s held apart", code)
			}
		}
		if !reflect.DeepEqual(p.out.Findings, q.out.Findings) {
			t.Fatal("findings differ")
		}
	}
}

// FuzzS3IndexSame: as TestS3IndexSame, on texts made of the seeds'
// section 三 changed at random.
func FuzzS3IndexSame(f *testing.F) {
	for _, e := range s3EdgeTexts {
		f.Add(e)
	}
	for _, glob := range []string{"../testdata/samples/*.txt"} {
		files, _ := filepath.Glob(glob)
		for _, fn := range files {
			if b, err := os.ReadFile(fn); err == nil {
				f.Add(string(b))
			}
		}
	}
	f.Fuzz(func(t *testing.T, text string) {
		if msg := sameS3Index(text); msg != "" {
			t.Fatal(msg)
		}
		for _, l := range strings.Split(text, "\n") {
			if msg := sameMatchS3(strings.ReplaceAll(l, " ", "")); msg != "" {
				t.Fatal(msg)
			}
		}
	})
}

// globTexts reads the text files the globs name, and those of
// NIANBAO_BENCH_CORPUS when it is set, as extract hands text over (no BOM,
// lines ended by '\n').
func globTexts(t testing.TB, globs ...string) []struct{ path, text string } {
	t.Helper()
	if root := os.Getenv("NIANBAO_BENCH_CORPUS"); root != "" {
		globs = append(globs, filepath.Join(root, "*", "*.txt"))
	}
	var out []struct{ path, text string }
	for _, glob := range globs {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, struct{ path, text string }{f, strings.ReplaceAll(strings.TrimPrefix(string(b), "\ufeff"), "\r\n", "\n")})
		}
	}
	return out
}
