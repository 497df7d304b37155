package transform

import (
	"context"
	"fmt"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"github.com/nianbao/nianbao/transform/normalize"
)

// Parse reads one decoded document into rows and findings. It never fails:
// whatever it cannot read becomes a finding, and a document with no tables
// still yields its reports row.
func Parse(doc schemas.Document) *schemas.Parsed { return parse(nil, doc) }

// parse is Parse, looking at ctx (nil: never done) as ParseContext says.
func parse(ctx context.Context, doc schemas.Document) *schemas.Parsed {
	scr := scratchPool.Get().(*scratch)
	out, keep := parseWith(ctx, doc, scr)
	if keep {
		scratchPool.Put(scr)
	}
	return out
}

// parseWith is parse with the scratch scr; keep says whether scr may serve
// another report (see releaseScratch).
func parseWith(ctx context.Context, doc schemas.Document, scr *scratch) (_ *schemas.Parsed, keep bool) {
	p := newParserWith(doc, scr)
	p.ctx = ctx
	p.run()
	out := p.out
	if doc.Tables != nil {
		p.poll()
		p.tableRows()
	}
	out.Findings = append(append([]schemas.Finding(nil), doc.Findings...), out.Findings...)
	out.Report.Status = schemas.StatusOf(out.Findings)
	out.Report.IssueCount = int32(len(out.Findings))
	out.Context = contextOf(doc.Text)
	keyFindings(out)
	clearRowsPast(out, p.rowsHeld)
	return out, p.releaseScratch()
}

// keyFindings is out.SetKey() for the findings: the rows carry the key
// (ReportID, ReportYear) from the moment they are made (addDisclosureUnit,
// addApplication, addAppeal), as SetKey would set it, since it is the
// document's id and the year readMeta decides before any table is read,
// and no row is made elsewhere. Keying them once the parse is done wrote
// every row again when they had left the cache: a write miss for nearly
// every row, most of them the 175 applications.
func keyFindings(out *schemas.Parsed) {
	for i := range out.Findings {
		out.Findings[i].ReportID, out.Findings[i].ReportYear = out.Report.ReportID, out.Report.ReportYear
	}
}

// scratch is a parser's working storage, kept between reports: the cell
// tables, the cells' first block and the row readers' buffers, which every
// report filled and dropped again. Nothing the parse returns refers to it
// (the rows point at the cells' values, in values, never at a cell), so it
// can serve the next report once this one is done; what it still holds of
// the last report is overwritten before it is read.
//
// Between reports it may still point at the last report's text (the
// cells' first block always did): its buffers are not cleared where the
// next report writes first, since by the end of a report they have left
// the cache and clearing them cost a miss a line, twice over with the
// next report's writes. What an earlier report left past the last one's
// use is cleared (see bufs.reset), so no older report stays alive.
type scratch struct {
	s3, s4 *cellTable
	cvs    []cellv // the cells' first block (see newCell)
	// Buffers taken in turn by a report: the tables' token streams and
	// the row readers' cells (toks), the row readers' rows (rows).
	toks bufs[tok]
	rows bufs[row]
	// lines holds the report's lines and their compact forms (see
	// splitLinesTo); its first linesHeld may still hold the last
	// report's, the rest is clear.
	lines     []string
	linesHeld int
	// res is the parser's resolveBufs: its blocks point at cells of
	// toks only.
	res resolveBufs
	// hdr holds a section's header lines joined (headerBytes).
	hdr []byte
	// s3rows holds section 三's rows read whole (s3TotalColumn).
	s3rows [][7]int64
	// rep is repairRow's storage.
	rep repairBufs
	// labels are the readers' matches remembered (see labelMemo).
	labels labelMemo
}

var scratchPool = sync.Pool{New: func() any { return newScratch() }}

func newScratch() *scratch {
	return &scratch{s3: newCellTable(), s4: newCellTable(), cvs: make([]cellv, 0, 256)}
}

// bufs hands out a report's buffers in turn (take) and keeps each as its
// user grew it (keep) for the next report. A user only appends to a
// buffer taken empty, so all it reads it wrote.
type bufs[T any] struct {
	b [][]T
	// held[i] is how much of b[i] may still hold what a report wrote:
	// past it, b[i] is clear (see reset).
	held []int
	n    int // taken by this report so far
}

// take returns an empty buffer of at least n elements and its number for
// keep.
func (s *bufs[T]) take(n int) ([]T, int) {
	if s.n == len(s.b) {
		s.b = append(s.b, nil)
		s.held = append(s.held, 0)
	}
	i := s.n
	s.n++
	if cap(s.b[i]) < n {
		s.b[i], s.held[i] = make([]T, 0, n), 0
	}
	return s.b[i][:0], i
}

// keep stores b, grown from the buffer take numbered i, for later reports.
func (s *bufs[T]) keep(i int, b []T) { s.b[i] = b }

// reset readies s for another report, and drops a buffer grown past max
// elements by an odd document. A buffer keeps what this report wrote in
// it, which the next report overwrites before it reads (clearing it here,
// out of the cache by now, cost a write miss a line); what an earlier
// report wrote past this one's use is cleared, so that the buffers point
// at nothing older than this report.
func (s *bufs[T]) reset(max int) {
	for i, b := range s.b {
		if cap(b) > max {
			s.b[i], s.held[i] = nil, 0
			continue
		}
		// b is as this report left it (keep), or empty when it did not
		// take it; grown, it is a new array, clear past its length.
		if h := min(s.held[i], cap(b)); h > len(b) {
			clear(b[len(b):h])
		}
		s.b[i], s.held[i] = b[:0], len(b)
	}
	s.n = 0
}

// releaseScratch readies the scratch for another report, and says whether
// it may serve one.
func (p *parser) releaseScratch() bool {
	s := p.scr
	p.scr, p.s3, p.s4 = nil, nil, nil
	if len(s.s3.extra)+len(s.s4.extra) > 1000 || len(s.toks.b) > 32 || len(s.rows.b) > 16 {
		return false // an odd document's large storage is not kept
	}
	s.s3.reset()
	s.s4.reset()
	s.toks.reset(maxPooledToks)
	s.rows.reset(maxPooledToks)
	s.res = p.res
	s.res.reset()
	if cap(s.lines) > maxPooledLines {
		s.lines, s.linesHeld = nil, 0
	} else {
		// as bufs.reset: the next report writes its lines before it
		// reads them, and what an earlier report left past these is
		// cleared
		if h := min(s.linesHeld, cap(s.lines)); h > len(s.lines) {
			clear(s.lines[len(s.lines):h])
		}
		s.lines, s.linesHeld = s.lines[:0], len(s.lines)
	}
	return true
}

// contextOf keeps the opening and closing runes of a text (the summary
// names the organ's parents, the signature the organ): what the run reads
// to tell same-named divisions apart.
func contextOf(text string) string {
	const head, tail = 1500, 300
	if len(text) <= head+tail {
		return text // fewer runes than bytes
	}
	// Cut at rune boundaries, reading only the runes kept: the text has
	// more than head+tail runes when the head and the tail do not meet.
	i, j := 0, len(text)
	valid := true
	for k := 0; k < head && i < len(text); {
		// ASCII and the three-byte characters decode3 reads are passed
		// over by pairs3, eight bytes at a time; runeAt sizes the rest.
		if i, k = pairs3(text, i, k, head); k >= head || i >= len(text) {
			break
		}
		if text[i] < utf8.RuneSelf {
			i, k = i+1, k+1
			continue
		}
		n, ok := runeAt(text, i)
		valid = valid && ok
		i, k = i+n, k+1
	}
	for k := 0; k < tail && j > i; {
		// the same, backwards from the end
		if j, k = pairs3Back(text, i, j, k, tail); k >= tail || j <= i {
			break
		}
		n, ok := runeBefore(text, j)
		valid = valid && ok
		j, k = j-n, k+1
	}
	if !valid {
		// Bytes that are not UTF-8 become U+FFFD in what is kept.
		rs := []rune(text)
		if len(rs) <= head+tail {
			return text
		}
		return string(rs[:head]) + "\n" + string(rs[len(rs)-tail:])
	}
	if i >= j {
		return text
	}
	return text[:i] + "\n" + text[j:]
}

// pairs3 passes over ASCII and the three-byte characters decode3 reads
// (most of Chinese text) from s[i] on, the k-th character of s, while
// fewer than head characters are passed: it returns where it stopped and
// the number of that character. It reads eight bytes at a time, passing
// over the ASCII bytes they begin with at once, and a pair of three-byte
// characters or one. It is a loop of its own, short enough to keep its
// values in registers.
func pairs3(s string, i, k, head int) (int, int) {
	for k < head && i+8 <= len(s) {
		// the next eight bytes as one word, read in one load
		w := s[i : i+8]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if x&0x80 == 0 {
			// the ASCII bytes up to the first that is not: a character each
			n := min(bits.TrailingZeros64(x&0x8080808080808080)>>3, head-k)
			i, k = i+n, k+n
			continue
		}
		// byte 0 a lead byte, 1 and 2 continuation bytes
		if x&0xc0c000 != 0x808000 || lead3[byte(x)] == 0 {
			break
		}
		// and 3 a lead byte, 4 and 5 continuation bytes
		if k+2 > head || x&0xc0c000000000 != 0x808000000000 || lead3[byte(x>>24)] == 0 {
			i, k = i+3, k+1
			continue
		}
		i, k = i+6, k+2
	}
	return i, k
}

// pairs3Back is pairs3 backwards, for the characters before s[j], the
// k-th from the end, while fewer than tail are passed and j is past i.
func pairs3Back(s string, i, j, k, tail int) (int, int) {
	for k < tail && j > i && j >= 8 {
		// the eight bytes before s[j] as one word, read in one load
		w := s[j-8 : j]
		x := uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
			uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
		if x>>63 == 0 {
			// the ASCII bytes back to the first that is not: a character each
			n := min(bits.LeadingZeros64(x&0x8080808080808080)>>3, tail-k, j-i)
			j, k = j-n, k+n
			continue
		}
		// byte 5 a lead byte, 6 and 7 continuation bytes
		if x&0xc0c0000000000000 != 0x8080000000000000 || lead3[byte(x>>40)] == 0 {
			break
		}
		// and 2 a lead byte, 3 and 4 continuation bytes, when the loop
		// one character at a time would read a second
		if k+2 > tail || j-3 <= i || x&0xc0c0000000 != 0x8080000000 || lead3[byte(x>>16)] == 0 {
			j, k = j-3, k+1
			continue
		}
		j, k = j-6, k+2
	}
	return j, k
}

// lead3 marks the lead bytes of the characters decode3 reads: E1–EC and
// EE–EF.
var lead3 = func() (t [256]uint8) {
	for c := 0xe1; c <= 0xef; c++ {
		if c != 0xed {
			t[c] = 1
		}
	}
	return t
}()

// runeAt is the size of the character at s[i] and whether it is UTF-8,
// as utf8.DecodeRuneInString(s[i:]) tells them, with ASCII and the
// three-byte characters of Chinese text read without decoding.
func runeAt(s string, i int) (size int, valid bool) {
	if s[i] < utf8.RuneSelf {
		return 1, true
	}
	if _, n := decode3(s, i); n == 3 {
		return 3, true
	}
	r, n := utf8.DecodeRuneInString(s[i:])
	return n, !(r == utf8.RuneError && n == 1)
}

// runeBefore is runeAt for the character ending at s[j-1], as
// utf8.DecodeLastRuneInString(s[:j]) tells it.
func runeBefore(s string, j int) (size int, valid bool) {
	if s[j-1] < utf8.RuneSelf {
		return 1, true
	}
	if j >= 3 {
		if _, n := decode3(s, j-3); n == 3 {
			return 3, true
		}
	}
	r, n := utf8.DecodeLastRuneInString(s[:j])
	return n, !(r == utf8.RuneError && n == 1)
}

type parser struct {
	doc      schemas.Document
	lines    []string
	cl       []string
	keepTail bool
	feeds    int // what the lines hold of form feeds (see textFeeds)
	out      *schemas.Parsed
	// rowsHeld is what out's row slices held of an earlier report
	// (Recycle), cleared past out's rows when the parse is done.
	rowsHeld rowsHeld
	template string
	sec      sections

	// s3 and s4 hold the cells read so far, for the arithmetic.
	s3  *cellTable
	s4  *cellTable
	cvs []cellv // backing store of the cells above
	// values holds the cells' values the output rows point at: a fresh
	// store for each report, unlike the cells.
	values []int64
	scr    *scratch // storage kept between reports

	// trials counts the alignments repair has tried (see maxReportTrials),
	// steps the constraint evaluations they took.
	trials, steps int
	// res holds the slices the rows' readings return (see resolveBufs).
	res resolveBufs
	// spans are the columns section 三's numbers form (see spanGrid).
	spans spanGrid
	order orderMemo // see headerOrder
	// s4Rows: section 四 was read with its outcomes as rows (s4Transposed).
	s4Rows bool
	// gluedSteps counts the work of splitting glued runs (see glued.go).
	gluedSteps int

	ctx context.Context // nil: never stops; see poll

}

// newCell returns a zeroed cell from the parser's store.
func (p *parser) newCell() *cellv {
	if len(p.cvs) == cap(p.cvs) {
		p.cvs = make([]cellv, 0, 64) // the cells before keep their storage
	}
	p.cvs = append(p.cvs, cellv{})
	return &p.cvs[len(p.cvs)-1]
}

// newValue returns a place holding v that an output row may point at.
func (p *parser) newValue(v int64) *int64 {
	if len(p.values) == cap(p.values) {
		p.values = make([]int64, 0, 64) // the values before keep their storage
	}
	p.values = append(p.values, v)
	return &p.values[len(p.values)-1]
}

// cellv is the state of one count cell while a table is checked.
type cellv struct {
	v       *int64 // value, nil when null (see newValue)
	na      bool   // printed as a not-applicable marker or blank
	unknown bool   // could not be read or determined
	// rejected marks a printed value the normalizer rejects: unknown, and
	// never determined by the arithmetic, nor used to determine others.
	rejected bool
	raw      string
	line     int
	idx      int // index of the row in its output table
}

// maxPooledLines bounds the lines a scratch keeps between reports (a
// report has a few hundred, each kept twice: as printed and compact).
const maxPooledLines = 1 << 14

func newParser(doc schemas.Document) *parser {
	return newParserWith(doc, scratchPool.Get().(*scratch))
}

// newParserWith is newParser with the scratch scr.
func newParserWith(doc schemas.Document, scr *scratch) *parser {
	lines, cl, both := splitLinesTo(scr.lines, doc.Text)
	scr.lines = both
	p := &parser{doc: doc, lines: lines, cl: cl, keepTail: doc.Tables != nil, feeds: textFeeds(doc.Text),
		s3: scr.s3, s4: scr.s4, cvs: scr.cvs[:0], scr: scr, res: scr.res,
		values: make([]int64, 0, 192)}
	p.out = &schemas.Parsed{Report: schemas.Report{
		ReportID:      doc.ReportID,
		SourcePath:    doc.SourcePath,
		SourceFormat:  doc.SourceFormat,
		Encoding:      doc.Encoding,
		SourceBytes:   doc.SourceBytes,
		ParserVersion: schemas.ParserVersion,
		Template:      schemas.TemplateUnknown,
	},
	}
	if r, _ := rowPool.Get().(*rowSlices); r != nil {
		p.out.Disclosures, p.out.Applications, p.out.Appeals = r.dis, r.app, r.apl
		p.rowsHeld = r.held
	} else {
		p.out.Disclosures = make([]schemas.Disclosure, 0, 24)
		p.out.Applications = make([]schemas.Application, 0, 175)
		p.out.Appeals = make([]schemas.Appeal, 0, 15)
	}
	return p
}

// rowSlices are the row slices of a parse handed back by Recycle, empty,
// for a later parse to fill. They are not cleared: a parse appends its
// rows whole, so the rows it makes overwrite the last report's, and
// clearRowsPast clears, once it is done, those the last report had past
// its own (held). Clearing all of them in Recycle wrote every row a
// second time, and a later parse wrote them again.
type rowSlices struct {
	dis  []schemas.Disclosure
	app  []schemas.Application
	apl  []schemas.Appeal
	held rowsHeld
}

// rowsHeld is how many rows of each slice may still hold a report's values.
type rowsHeld struct{ dis, app, apl int }

// clearRowsPast clears the rows past out's own that an earlier report
// left in their slices (held), so that a parse's result refers to nothing
// of another report.
func clearRowsPast(out *schemas.Parsed, held rowsHeld) {
	clearPast(out.Disclosures, held.dis)
	clearPast(out.Applications, held.app)
	clearPast(out.Appeals, held.apl)
}

// clearPast clears s[len(s):held], as far as s's capacity goes (a slice
// that grew is new storage, with nothing past its length).
func clearPast[T any](s []T, held int) {
	if h := min(held, cap(s)); h > len(s) {
		clear(s[len(s):h])
	}
}

var rowPool sync.Pool // of *rowSlices

// Recycle hands the row slices of p, a result of Parse, back for a later
// parse to fill, and leaves p without rows. A report's rows are about
// 29 KB, most of what a parse allocates: a caller that is done with them
// (pipeline, once they are written and encoded) saves their allocation and
// their collection. Nothing may still refer to p's rows afterwards: the
// strings they held stay valid, the rows themselves do not.
func Recycle(p *schemas.Parsed) {
	if p == nil || cap(p.Applications) == 0 {
		return
	}
	r := &rowSlices{dis: p.Disclosures[:0], app: p.Applications[:0], apl: p.Appeals[:0],
		held: rowsHeld{len(p.Disclosures), len(p.Applications), len(p.Appeals)}}
	p.Disclosures, p.Applications, p.Appeals = nil, nil, nil
	rowPool.Put(r)
}

// finding records a finding of a registered rule: its code and kind are
// the rule's.
func (p *parser) finding(rule *schemas.Rule, sev, cell, msg string, line int, expected, actual *string) {
	f := schemas.Finding{Rule: rule.Code, Severity: sev, Kind: rule.Kind, Cell: cell, Message: msg,
		Expected: expected, Actual: actual}
	if line > 0 {
		l := int32(line)
		f.Line = &l
	}
	p.out.Findings = append(p.out.Findings, f)
}

func strp(s string) *string { return &s }

func (p *parser) run() { p.runStages(p.readS3, p.check) }

// runStages is run with readS3 as the stage that reads section 三 and
// check as the one that checks the arithmetic (differential tests hand it
// the stage they compare with).
func (p *parser) runStages(readS3, check func()) {
	p.poll()
	p.sec = findSections(p.cl)
	p.poll()
	p.readMeta()
	p.poll()
	p.template = p.detectTemplate()
	p.out.Report.Template = p.template
	if p.sec.s2 < 0 && p.sec.s3 < 0 && p.sec.s4 < 0 {
		p.finding(ruleNoTables, schemas.SeverityError, "report",
			"none of the three standard tables was found: not a report of the 2019 or 2021 template, or its tables were lost in conversion", 0, nil, nil)
		return
	}
	for _, stage := range []func(){p.readS2, readS3, p.s3ByHeader, p.readS4, p.s4ByHeader, check, p.checkNarrative} {
		p.poll()
		stage()
	}
}

// s4ByHeader reads section 四 by its header's columns when the header
// prints the proceedings in another order (s4ProceedingOrder), or each
// proceeding's columns (s4ColumnOrder).
func (p *parser) s4ByHeader() {
	if p.sec.s4 < 0 || len(p.out.Appeals) == 0 {
		return
	}
	hdr := p.headerBytes(p.sec.s4)
	if order := p.s4ProceedingOrder(p.sec.s4, hdr); order != nil && !p.s4Rows {
		p.permuteProceedings(order)
	}
	if order := s4ColumnOrder(hdr); order != nil {
		p.permuteS4(order)
	}
}

// s3ByHeader reads section 三 by its columns when its arithmetic puts
// 总计 elsewhere than last (s3TotalColumn), and when the header prints
// those of 法人或其他组织 in another order (s3ColumnOrder).
func (p *parser) s3ByHeader() {
	if p.sec.s3 < 0 || len(p.out.Applications) == 0 {
		return
	}
	switch k, fit, doubt := p.s3TotalColumn(); {
	case k != s3TotalCol:
		p.moveS3Total(k, fit)
	case doubt:
		p.finding(ruleS3ColumnOrder, schemas.SeverityWarning, "s3.*",
			"some rows add up only with 总计 in another column than the last, too few or against others to tell where the table prints it; the numbers were read with 总计 last",
			0, nil, nil)
	}
	if order, at := s3ColumnOrder(p.headerBytes(p.sec.s3)); order != nil && !p.spreadOverSpacedLines(p.sec.s3, at[:]...) {
		p.permuteS3(order)
	}
}

// Header words only one template prints, each group one column or row
// heading (a group matches when any of its spellings occurs).
var (
	tmpl19Words = [][]string{{"新制作"}, {"新公开数量"}, {"对外公开总数"}, {"上一年项目"}, {"增/减", "增减"},
		{"采购项目数"}, {"采购总金额", "采购总额"}, {"其他对外管理服务"}, {"政府集中采购"}}
	tmpl21Words = [][]string{{"制发"}, {"废止"}, {"现行有效"}, {"收费金额"}, {"本年处理决定"}}

	// tmplGroups are both lists' groups, 2019's first: templateWords
	// counts both in one pass over the text.
	tmplGroups = newKeyGroups(append(append([][]string{}, tmpl19Words...), tmpl21Words...))
)

// templateWords returns how many of tmpl19Words' groups and of
// tmpl21Words' groups s holds a word of.
func templateWords(s string) (n19, n21 int) {
	g := tmplGroups.in(s)
	return bits.OnesCount64(g & (1<<len(tmpl19Words) - 1)), bits.OnesCount64(g >> len(tmpl19Words))
}

// detectTemplate decides the template from the tables: the year printed in
// the report decides nothing on its own. Section 二's headers decide, by
// how many of each template's own headings it prints, so that one heading
// of the other template (a 2021 table keeping 政府集中采购) cannot flip it.
// Without a verdict from section 二 (missing, unreadable, or as many
// headings of each), section 三 decides: only 2021 has the rows 逾期不补正…
// 不再处理 and 收费通知…缴纳费用 under （六）其他处理. A section 三 with the
// single （六） row is printed by 2019 reports and by some 2021 ones: there
// the report year breaks the tie. Sentences never count: the narrative
// between the tables may use any of these words.
func (p *parser) detectTemplate() string {
	from, to := p.sec.bounds(secDisclosures)
	if from >= 0 {
		s2 := p.tableText(from, to)
		n19, n21 := templateWords(s2)
		switch {
		case n19 > n21:
			return schemas.Template2019
		case n21 > n19:
			return schemas.Template2021
		}
	}
	from, to = p.sec.bounds(secApplications)
	if from < 0 && p.sec.s2 < 0 {
		return schemas.TemplateUnknown
	}
	if from >= 0 {
		s3 := p.tableText(from, to)
		if hanContains(s3, "不再处理") && containsAny(s3, "逾期不补正", "收费通知", "缴纳费用") {
			return schemas.Template2021
		}
	}
	if y := p.out.Report.ReportYear; y != nil && *y >= 2021 {
		return schemas.Template2021
	}
	return schemas.Template2019
}

// tableText joins the lines of [from, to) that can be table cells, left
// out every sentence of the narrative.
func (p *parser) tableText(from, to int) string {
	var b strings.Builder
	n := 0
	for _, c := range p.cl[from:to] {
		n += len(c)
	}
	b.Grow(n) // at most every line: one allocation, not one a doubling
	for _, c := range p.cl[from:to] {
		if !isSentence(c) {
			b.WriteString(c)
		}
	}
	return b.String()
}

// isSentence reports a line of narrative: it has a full stop, a semicolon,
// or a comma other than a thousands separator (compact folds ，to ',').
//
// It reads c once, eight bytes a load, and looks closer only at the
// places where one of the marks' bytes may stand: most lines asked about
// are a table's short cells, often empty, on which a search for each mark
// in turn costs more in its calls than in its reading, and the few long
// ones are mostly Han text, which holds them seldom. A cell shorter than
// eight bytes is one load (short8).
func isSentence(c string) bool {
	if len(c) < 8 {
		if c == "" || sentenceMarks(short8(c)) == 0 {
			return false
		}
		for i := 0; i < len(c); i++ {
			if sentenceAt(c, i) {
				return true
			}
		}
		return false
	}
	i := 0
	for ; i+8 <= len(c); i += 8 {
		for m := sentenceMarks(le64(c, i)); m != 0; m &= m - 1 {
			if sentenceAt(c, i+bits.TrailingZeros64(m)>>3) {
				return true
			}
		}
	}
	if i < len(c) {
		// the last eight bytes, of which those before i were looked at
		q := len(c) - 8
		for m := sentenceMarks(le64(c, q)) & (^uint64(0) << (uint(i-q) * 8)); m != 0; m &= m - 1 {
			if sentenceAt(c, q+bits.TrailingZeros64(m)>>3) {
				return true
			}
		}
	}
	return false
}

// sentenceMarks has the top bit set of each byte of x that is ';', ','
// or 0xe3 (the first byte of 。), and maybe of a byte above such a byte
// (':', '-' or 0xe2 there): the places sentenceAt looks at.
func sentenceMarks(x uint64) uint64 {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	a, b, e := x^';'*ones, x^','*ones, x^0xe3*ones
	return ((a-ones)&^a | (b-ones)&^b | (e-ones)&^e) & highs
}

// sentenceAt reports whether c[i] starts a mark that makes c a sentence.
func sentenceAt(c string, i int) bool {
	switch c[i] {
	case ';':
		return true
	case ',':
		return i == 0 || i+1 >= len(c) || c[i-1]-'0' > 9 || c[i+1]-'0' > 9
	case 0xe3:
		return strings.HasPrefix(c[i:], "。")
	}
	return false
}

func containsAny(s string, keys ...string) bool {
	for _, k := range keys {
		if hanContains(s, k) {
			return true
		}
	}
	return false
}

func (p *parser) items() []schemas.Item {
	if p.template == schemas.Template2021 {
		return schemas.Disclosures2021
	}
	return schemas.Disclosures2019
}

// ---- section 二 ----

// joinWrappedS2 reads a section 二 row whose label wraps after its first
// words with the numbers beside them (其他 121 74 67 / 对外管理服务事项):
// the first line is no template row (an extra), the second a template row
// printing no cell, and only the two together make that row's label. The
// numbers go with the template row, and the extra row is dropped.
func joinWrappedS2(rows []*row) []*row {
	out := rows[:0]
	for i := 0; i < len(rows); i++ {
		a := rows[i]
		if i+1 < len(rows) && a.code == "extra" && hasValues(a) {
			b := rows[i+1]
			if m := matchS2(compact(a.label) + compact(b.label)); b.code != "extra" && b.line == a.line+1 && !hasValues(b) &&
				m.kind == lblRow && m.code == b.code {
				code, label := b.code, a.label+b.label
				*b = *a // the row as its first line printed it
				b.code, b.label = code, label
				continue
			}
		}
		out = append(out, a)
	}
	return out
}

func (p *parser) readS2() {
	from, to := p.sec.bounds(secDisclosures)
	items := p.items()
	if from < 0 {
		p.missingTable("disclosures", 0)
		for _, it := range items {
			for _, m := range it.Metrics {
				p.addDisclosure(it, m, it.Label, nil, 0)
			}
		}
		return
	}
	spec := p.s2Spec()
	toks := p.sectionTokens(from, to, "s2.*")
	metricsOf := s2MetricsOf[0]
	if p.template == schemas.Template2021 {
		metricsOf = s2MetricsOf[1]
	}
	toks, kv := p.s2KeyValues(toks, metricsOf)
	// A unit printed for the whole table (单位：万元 on a line of its own
	// above or below the heading) applies to the amount columns whose
	// header names none; a unit in the header or the cell wins.
	tableUnit := p.tableUnitAbove(from)
	rows := p.readRows(spec, toks, tableUnit)
	markEmptyParagraphs(rows)
	byCode := map[string]*row{}
	// A row the template lacks takes the columns of the block it is
	// printed in: those of the template row above it (below it when it
	// comes first). The table's last block (收费, a count and an amount)
	// gave a count column's number to a money metric.
	p.valuesBelowLabels(rows, metricsOf)
	rows = joinWrappedS2(rows)
	type extraRow struct {
		r  *row
		ms []schemas.Metric
	}
	var extras []extraRow
	var above []schemas.Metric
	for _, r := range rows {
		p.poll() // a huge table makes this loop long
		if r.code == "extra" {
			if hasValues(r) {
				extras = append(extras, extraRow{r, above})
			}
			continue
		}
		if ms, ok := metricsOf[r.code]; ok {
			above = ms
			for i := len(extras) - 1; i >= 0 && extras[i].ms == nil; i-- {
				extras[i].ms = ms // the rows before the first template row
			}
		}
		prev, dup := byCode[r.code]
		if !dup {
			byCode[r.code] = r
			continue
		}
		if hasValues(r) && !sameNumbers(prev, r) {
			// A second row naming the item (其中：规范性文件备案 under
			// 行政规范性文件, or the row printed twice): which holds the
			// item's numbers the labels do not tell.
			p.finding(ruleS2DuplicateRow, schemas.SeverityWarning, "s2."+r.code+".*",
				fmt.Sprintf("rows %q (line %d) and %q (line %d) both name %s, with other numbers; the first is kept",
					prev.label, prev.line, r.label, r.line, r.code), r.line, nil, nil)
		}
	}
	var lastMetrics []schemas.Metric
	for _, it := range items {
		r := byCode[it.Code.Code]
		lastMetrics = it.Metrics
		if p.keyValueRow(it, r, kv[it.Code.Code], tableUnit) {
			continue
		}
		if r == nil {
			p.finding(ruleS2RowMissing, schemas.SeverityError, "s2."+it.Code.Code+".*",
				fmt.Sprintf("row %s (%s) not found in section 二", it.Label, it.Code.Code), 0, nil, nil)
			for _, m := range it.Metrics {
				p.addDisclosure(it, m, it.Label, nil, 0)
			}
			continue
		}
		p.emitS2Row(it, r, r.unit)
	}
	dropBlankRows(byCode, kv)
	p.otherTemplateRows(items, rows, byCode)
	p.otherTemplateKeyValues(items, byCode, kv, tableUnit)
	for _, e := range extras {
		r, ms := e.r, e.ms
		if ms == nil {
			ms = lastMetrics // no template row in the table at all
		}
		r.dropPages(len(ms), nil, p.lines)
		_, vals, _ := r.resolve(len(ms))
		it := schemas.Item{Code: schemas.Code{Code: "extra", Label: r.label}}
		fits := len(vals) == len(ms)
		for j, v := range vals {
			m := schemas.Metric{Code: schemas.Code{Code: fmt.Sprintf("col%d", j+1)}}
			switch {
			case fits:
				m = ms[j]
			case moneyMarked(v.raw):
				// Which column a number stands in is not known: it is
				// money only when it says so itself (万元, ¥).
				m.Money = true
			}
			it.Metrics = append(it.Metrics, m)
			p.addDisclosure(it, m, r.label, &slot{t: v, line: int(v.line)}, 0)
		}
		msg := fmt.Sprintf("row %q is not in the template; kept as item extra with the columns of its block", r.label)
		if !fits {
			msg = fmt.Sprintf("row %q is not in the template; kept as item extra, its %d numbers as col1…col%d: its block has %d columns, so which each is in is not known (a number is money only when it says so)",
				r.label, len(vals), len(vals), len(ms))
		}
		p.finding(ruleS2ExtraRow, schemas.SeverityInfo, "s2.extra.*", msg, r.line, nil, nil)
	}
}

// s2MetricsOf gives the columns of every section 二 row either template
// has, by its code, each template's own winning: [0] when the report is
// read as 2019's (the items of p.items), [1] as 2021's.
var s2MetricsOf = func() (m [2]map[string][]schemas.Metric) {
	for i, mine := range [][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		m[i] = map[string][]schemas.Metric{}
		for _, its := range [][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021, mine} {
			for _, it := range its {
				m[i][it.Code.Code] = it.Metrics
			}
		}
	}
	return m
}()

// otherTemplateRows keeps the rows of section 二 that only the other
// template has (a 2021 table that still prints 政府集中采购 or 其他对外管理
// 服务事项): under that template's item code and columns, as the single
// （六）其他处理 row of section 三 keeps its 2019 code, with an info finding.
// Nothing printed is dropped.
func (p *parser) otherTemplateRows(items []schemas.Item, rows []*row, byCode map[string]*row) {
	mine := map[string]bool{}
	for _, it := range items {
		mine[it.Code.Code] = true
	}
	other := schemas.Disclosures2019
	if p.template != schemas.Template2021 {
		other = schemas.Disclosures2021
	}
	for _, r := range rows {
		p.poll() // a huge table makes this loop long
		if mine[r.code] || byCode[r.code] != r {
			continue
		}
		for _, it := range other {
			if it.Code.Code != r.code {
				continue
			}
			tmpl := schemas.Template2019
			if p.template != schemas.Template2021 {
				tmpl = schemas.Template2021
			}
			p.finding(ruleS2TemplateRow, schemas.SeverityInfo, "s2."+it.Code.Code+".*",
				fmt.Sprintf("row %q belongs to section 二 of template %s, not %s; kept as item %s with that template's columns",
					r.label, tmpl, p.template, it.Code.Code), r.line, nil, nil)
			p.emitS2Row(it, r, r.unit)
		}
	}
}

// s2ColumnKeys name section 二's column headers, of both templates, by a
// word each spelling of the header holds.
var s2ColumnKeys = [][]string{
	{"新制作", "制作数量"}, {"新公开"}, {"对外公开总", "公开总数"}, {"上一年", "上年"},
	{"增/减", "增减", "增(减)", "增加/减少", "增或减"}, {"处理决定", "决定数量"},
	{"采购项目"}, {"采购总金额", "采购总额", "采购金额"}, {"制发"}, {"废止"}, {"现行有效", "有效件数"}, {"收费金额"},
}

// s2ColumnGroups index s2ColumnKeys.
var s2ColumnGroups = newKeyGroups(s2ColumnKeys)

// s2ColumnKey returns the index in s2ColumnKeys of the column a header
// cell names, or -1: also when it names two columns (a merged or broken
// header).
func s2ColumnKey(c string) int {
	g := s2ColumnGroups.in(c)
	if bits.OnesCount64(g) != 1 {
		return -1
	}
	return bits.TrailingZeros64(g)
}

// byHeader reads a section 二 row that prints more numbers than its
// template has columns by the header printed above it (a 2019 table that
// adds 本年收费金额 to 行政事业性收费, a 2021 table that keeps 2019's
// 上一年项目数量 · 本年增/减 for 行政许可): only when the header names as
// many columns as the row prints numbers, each a known column once, among
// them every column of the template's item. A column the template lacks
// is kept under the other template's metric of that item (S2_EXTRA_COLUMN).
func (p *parser) byHeader(it schemas.Item, r *row, vals []*tok, headerUnit string) bool {
	n := len(it.Metrics)
	if len(vals) <= n || len(r.hdr) != len(vals) {
		return false
	}
	keys := make([]int, len(r.hdr))
	seen := map[int]bool{}
	for j, h := range r.hdr {
		keys[j] = s2ColumnKey(h)
		if keys[j] < 0 || seen[keys[j]] {
			return false
		}
		seen[keys[j]] = true
	}
	colOf := func(m schemas.Metric) int {
		k := s2ColumnKey(m.Label)
		for j := range keys {
			if keys[j] == k {
				return j
			}
		}
		return -1
	}
	used := map[int]bool{}
	for _, m := range it.Metrics {
		j := colOf(m)
		if j < 0 {
			return false
		}
		used[j] = true
	}
	for _, m := range it.Metrics {
		v := vals[colOf(m)]
		p.addDisclosureUnit(it, m, r.label, &slot{t: v, line: int(v.line)}, 0, headerUnit)
	}
	other := schemas.Disclosures2019
	if p.template != schemas.Template2021 {
		other = schemas.Disclosures2021
	}
	for j, v := range vals {
		if used[j] {
			continue
		}
		m := schemas.Metric{Code: schemas.Code{Code: fmt.Sprintf("col%d", j+1), Label: r.hdr[j]}}
		for _, o := range other {
			if o.Code.Code != it.Code.Code {
				continue
			}
			for _, om := range o.Metrics {
				if s2ColumnKey(om.Label) == keys[j] {
					m = om
				}
			}
		}
		p.addDisclosureUnit(it, m, r.label, &slot{t: v, line: int(v.line)}, 0, headerUnit)
		p.finding(ruleS2ExtraColumn, schemas.SeverityInfo, schemas.DisclosureCell(it.Code.Code, m),
			fmt.Sprintf("row %q prints a column %q that template %s does not have for it; the row is read by its header and the column kept as metric %s",
				r.label, r.hdr[j], p.template, m.Code.Code), int(v.line), nil, nil)
	}
	return true
}

// unitLine returns the money unit a line states for its whole table, or "".
func unitLine(c string) string {
	if !hanContains(c, "单位") {
		return ""
	}
	if u := unitLineUnit(c); u != "" {
		return normalize.HeaderUnit("(" + u + ")")
	}
	return ""
}

// unitLineUnit is the unit of a line that states the unit of a whole
// table: 单位：万元, 金额单位：元, （单位：万元）, also closing the
// heading's line (二、主动公开政府信息情况 单位：万元), in compact form;
// "" for any other line. It is reUnitLine.FindStringSubmatch(c)[1], the
// regexp (in the tests)
//
//	^(?:.*情况)?[(\[]?(?:金额|计量)?单位[:]?(?:人民币)?(元|万元|亿元|千元|百万元)[)\]]?$
//
// read from the end, where every part is forced: no part can end with
// the last character of the part before it (a unit ending in 元 takes the
// longest unit, whose first character no part before it ends with). The
// parts are valid UTF-8 and ASCII, so where their bytes are found is
// where decoding c from its start finds them; .* is all but a newline.
func unitLineUnit(c string) string {
	t := c
	if t != "" && (t[len(t)-1] == ')' || t[len(t)-1] == ']') {
		t = t[:len(t)-1]
	}
	u := ""
	for _, w := range [...]string{"百万元", "万元", "亿元", "千元", "元"} {
		if strings.HasSuffix(t, w) {
			u = w
			break
		}
	}
	if u == "" {
		return ""
	}
	t = strings.TrimSuffix(t[:len(t)-len(u)], "人民币")
	t = strings.TrimSuffix(t, ":")
	if !strings.HasSuffix(t, "单位") {
		return ""
	}
	t = t[:len(t)-len("单位")]
	if strings.HasSuffix(t, "金额") || strings.HasSuffix(t, "计量") {
		t = t[:len(t)-len("金额")]
	}
	if t != "" && (t[len(t)-1] == '(' || t[len(t)-1] == '[') {
		t = t[:len(t)-1]
	}
	if t == "" {
		return u
	}
	if !strings.HasSuffix(t, "情况") || strings.IndexByte(t, '\n') >= 0 {
		return ""
	}
	return u
}

// tableUnitAbove returns the unit a line just above section 二's region
// states for its table (单位：万元 printed above the heading), or "".
func (p *parser) tableUnitAbove(from int) string {
	seen := 0
	for j := from - 1; j >= 0 && seen < 2; j-- {
		c := p.cl[j]
		if c == "" {
			continue
		}
		if u := unitLine(c); u != "" {
			return u
		}
		seen++
	}
	if from >= 0 && from < len(p.cl) {
		return unitLine(p.cl[from]) // on the heading's own line
	}
	return ""
}

// isChangeRow reports the section 二 rows that have a 本年增/减 column.
// This and isNoChangeWord are switches rather than maps: they compare
// lengths before bytes, where a map hashed every cell.
func isChangeRow(code string) bool {
	switch code {
	case "permit", "other_services", "penalty", "compulsion", "fees":
		return true
	}
	return false
}

// isNoChangeWord reports the words a 本年增/减 cell prints for no change.
func isNoChangeWord(c string) bool {
	switch c {
	case "持平", "无变化", "不变", "无增减", "没有变化", "未变化", "无增无减", "未增减":
		return true
	}
	return false
}

// noChange reports a cell that says "no change" in words (持平, 无变化,
// 不变), alone or beside a printed 0 (0(持平), 持平(0), 0持平). Compact form.
func noChange(c string) bool {
	if isNoChangeWord(c) {
		return true
	}
	for _, z := range [...]struct{ lead, tail string }{{"0", "0)"}, {"±0", "±0)"}, {"+0", "+0)"}} {
		if rest, ok := strings.CutPrefix(c, z.lead); ok && isNoChangeWord(strings.Trim(rest, "()")) {
			return true
		}
		if rest, ok := strings.CutSuffix(c, z.tail); ok && isNoChangeWord(strings.TrimSuffix(rest, "(")) {
			return true
		}
	}
	return false
}

// unitWords are what unitFragment leaves out around a unit.
var unitWords = strings.NewReplacer("(", "", ")", "", "单位", "", ":", "", "：", "")

// unitFragment reports a cell that is only (part of) a bracketed money
// unit: 万元）, （万元）, (单位:元), 单位：万元. Compact form.
func unitFragment(c string) bool {
	if !hanContains(c, "元") && !hanContains(c, "万") && utf8.ValidString(c) {
		// Every unit holds 元 or 万, and taking the words out of valid
		// text makes no new character (in bytes that are not UTF-8 it
		// may: a lead byte, "(", then the rest of 元).
		return false
	}
	u := unitWords.Replace(c)
	switch u {
	case "元", "万元", "亿元", "千元", "百万元", "千万元":
		return true
	case "万": // a bare 万 is no fragment; （万 or 单位：万 is
		return u != c
	}
	return false
}

// wrappedUnit is the unit of the amount column of row r's block when a
// narrow column wraps its header a character or two a line, in pieces no
// header word names (本年 / 收费 / 金额 / （单 / 位： / 万元 / ）), so that
// the reader found no unit: read from the lines between the block's
// 第二十条 line and the row's first number, joined. "" unless they name an
// amount (金额) with a unit after it, or when no 第二十条 line stands within
// maxBlockLines above. Pieces of the label column's header on the same
// lines are not read as the amount's.
func (p *parser) wrappedUnit(r *row) string {
	line := 0 // the row's first number's, 1-based
	for _, t := range r.toks {
		if t.kind == tokValue {
			line = int(t.line)
			break
		}
	}
	if line <= 1 || line-1 > len(p.cl) {
		return ""
	}
	title := -1
	for j := line - 2; j >= 0 && j >= line-1-maxBlockLines; j-- {
		if hanContains(p.cl[j], "第二十条") {
			title = j
			break
		}
	}
	if title < 0 {
		return ""
	}
	var b strings.Builder
	for _, c := range p.cl[title+1 : line-1] {
		b.WriteString(c)
	}
	h := b.String()
	i := hanIndex(h, "金额")
	if i < 0 {
		return ""
	}
	// The label column's header, 信息内容, wraps beside the amount's on
	// the same lines (（单位 / 信息 ：万元 / 内容 ）): its pieces are left
	// out. No amount header holds those characters.
	h = strings.Map(func(r rune) rune {
		switch r {
		case '信', '息', '内', '容':
			return -1
		}
		return r
	}, h[i:])
	return normalize.HeaderUnit(h)
}

// blankOnItsLine reports a row whose label is followed on its own line by
// empty cells (行政许可 | | |): the row was printed whole, and blank. The
// label on the next line starts another row; were it read as this one's
// continuation, that row's numbers would land in this one.
func blankOnItsLine(r *row) bool {
	if r.trail > 0 {
		return true
	}
	for _, t := range r.toks {
		if t.kind == tokEmpty && int(t.line) == r.line {
			return true
		}
	}
	return false
}

// anyEmpty reports whether a reading leaves a cell empty.
func anyEmpty(slots []slot) bool {
	for _, s := range slots {
		if s.empty {
			return true
		}
	}
	return false
}

// sameNumbers reports whether two rows print the same numbers, in the same
// order: a row repeated at a page break.
func sameNumbers(a, b *row) bool {
	return slices.Equal(numbersOf(a), numbersOf(b))
}

// numbersOf is the compact text of each number r prints, in order.
func numbersOf(r *row) []string {
	var out []string
	for _, t := range r.toks {
		if t.kind == tokValue {
			out = append(out, compact(t.raw))
		}
	}
	return out
}

// hasValues reports whether r prints a number. It reads each cell's kind
// where it lies: ranging over the cells by value copied each whole.
func hasValues(r *row) bool {
	for i := range r.toks {
		if r.toks[i].kind == tokValue {
			return true
		}
	}
	return false
}

func (p *parser) emitS2Row(it schemas.Item, r *row, headerUnit string) {
	if headerUnit == "" && slices.ContainsFunc(it.Metrics, func(m schemas.Metric) bool { return m.Money }) {
		headerUnit = p.wrappedUnit(r)
	}
	n := len(it.Metrics)
	r.dropPages(n, nil, p.lines)
	if g := r.pageGuess; g != nil {
		p.finding(ruleS2PageUnsure, schemas.SeverityWarning, "s2."+it.Code.Code+".*", fmt.Sprintf(
			"row %q prints %d numbers for %d columns; the last, %s, stands alone just before the next block's header and was taken for a page number: if it is a cell, the row's numbers stand one column off",
			r.label, n+1, n, strings.TrimSpace(g.raw)), int(g.line), nil, strp(strings.TrimSpace(g.raw)))
	}
	slots, vals, ok := r.resolve(n)
	// A blank cell is no blank cell once a number beside it was taken for
	// the page number: the number may have been that cell.
	ok = ok && !blankAfterPages(r, slots)
	// A blank cell is no blank cell either beside words the row prints
	// before one of its numbers (见附件 in a cell of an HTML row whose last
	// cell spans two columns): the words were the cell, and the blank the
	// span's padding.
	ok = ok && !(r.wordsAmid && anyEmpty(slots))
	if ok && moneyInCountSlot(it, slots) {
		// A reading that puts an amount (80.24万元) in a count column
		// and leaves the money column blank is not the row's: its
		// numbers are placed as a row with cells missing is.
		ok = false
	}
	if !ok && len(vals) == 0 && r.pages == 0 && !hasDigit(stripNumbering(r.label)) {
		// A row that prints no number at all is blank in every column,
		// however many of its blank cells the layout kept; unless its
		// label holds digits, numbers that could not be told from it, or
		// the number it printed was taken for a page number (at a page
		// break, the last cell of a page looks like the page's footer).
		slots, ok = make([]slot, n), true
		for j := range slots {
			slots[j] = slot{empty: true, line: r.line}
		}
	}
	if !ok && p.byHeader(it, r, vals, headerUnit) {
		return
	}
	if run, isGlued := gluedRow(r, n); !ok && isGlued && run.glued {
		p.readGluedS2(it, r, run, headerUnit)
		return
	}
	if !ok {
		// Section 二 has no arithmetic to repair by: only a unanimous
		// alignment can fill a cell. An alignment that puts a number
		// marked as money in a count column is none of the row's (unless
		// every one does: the report's own contradiction then stays).
		alns := alignments(len(vals), n)
		if kept := moneyFits(it, alns, vals); len(kept) > 0 {
			alns = kept
		}
		det := make([]*tok, n)
		same := make([]bool, n)
		for j := range same {
			same[j] = alns != nil
		}
		for _, a := range alns {
			for j := 0; j < n; j++ {
				k := a[j]
				if k < 0 {
					same[j] = false
					continue
				}
				if det[j] == nil {
					det[j] = vals[k]
				} else if compact(det[j].raw) != compact(vals[k].raw) {
					same[j] = false
				}
			}
		}
		var filled, lost []string
		for j, m := range it.Metrics {
			cell := discCell(it.Code.Code, m)
			if same[j] && det[j] != nil {
				p.addDisclosure(it, m, r.label, &slot{t: det[j], line: int(det[j].line)}, 0)
				filled = append(filled, cell)
			} else {
				p.addDisclosure(it, m, r.label, nil, r.line)
				lost = append(lost, cell)
			}
		}
		note := ""
		if alns == nil && len(vals) > 0 {
			note = limitNote(len(vals), n)
		}
		p.cellCountFinding(ruleS2CellCount, "s2."+it.Code.Code+".*", r, len(vals), n, filled, lost, "every possible alignment of the printed numbers gives the same value", note)
		return
	}
	if order := p.headerOrder(it, r.hdr); order != nil {
		// The block's header prints the columns in another order than
		// the template's: the numbers stand under the header's.
		byHdr := make([]slot, len(slots))
		names := make([]string, len(order))
		for i, j := range order {
			byHdr[j] = slots[i]
			names[i] = it.Metrics[j].Code.Code
		}
		slots = byHdr
		p.finding(ruleS2ColumnOrder, schemas.SeverityWarning, "s2."+it.Code.Code+".*", fmt.Sprintf(
			"the header above row %q prints its columns in the order %s, not the template's; the row's numbers were read by the header",
			r.label, strings.Join(names, ", ")), r.line, nil, nil)
	}
	for j, m := range it.Metrics {
		s := slots[j]
		p.addDisclosureUnit(it, m, r.label, &s, 0, headerUnit)
	}
}

// headerOrder returns, for a row of item it under the block header hdr
// (its cells, in order), the item's columns (indexes into it.Metrics) in
// the order the header prints them. Nil when the header prints them in
// the template's order, or does not name each exactly once (a header cut
// by a page break, a merged heading), which tells no order. The header's
// cells are joined first (in the parser's scratch): a wrapped heading
// (本年新 · 制作数量) names its column across two.
func (p *parser) headerOrder(it schemas.Item, hdr []string) []int {
	n := len(it.Metrics)
	if n < 2 || n > 8 || len(hdr) == 0 {
		return nil
	}
	var keys [8]int
	for j, m := range it.Metrics {
		k, ok := s2MetricKeys[m.Label]
		if !ok || k < 0 {
			return nil
		}
		keys[j] = k
	}
	// The rows of a block share its header, and items of a kind their
	// columns: the answer is most often the last one's.
	m := &p.order
	if len(hdr) > len(m.hdr) {
		var order [8]int
		if !p.printedOrderOf(keys[:n], hdr, order[:n]) {
			return nil
		}
		return slices.Clone(order[:n])
	}
	if !m.ok || m.n != n || m.keys != keys || m.cells != len(hdr) || !slices.Equal(m.hdr[:len(hdr)], hdr) {
		m.cells = copy(m.hdr[:], hdr)
		m.keys, m.n, m.ok = keys, n, true
		m.found = p.printedOrderOf(keys[:n], hdr, m.order[:n])
	}
	if !m.found {
		return nil
	}
	return slices.Clone(m.order[:n])
}

// orderMemo is the header and the columns headerOrder was last asked
// about, and its answer. It keeps its own copy of the header's cells (a
// header of more is read each time), compared cell by cell: a block's
// rows pass the same strings, which compare by their address at once.
type orderMemo struct {
	hdr   [16]string
	cells int    // the cells of hdr in use
	keys  [8]int // s2MetricKeys of the item's columns
	n     int    // the item's columns
	order [8]int
	found bool // order holds an answer: headerOrder is not nil
	ok    bool
}

// printedOrderOf is headerOrder's reading of the header: it puts in order
// the columns whose s2ColumnKeys are keys, in the order hdr prints them,
// and reports whether hdr names each exactly once in another order than
// keys'.
func (p *parser) printedOrderOf(keys []int, hdr []string, order []int) bool {
	joined := p.scr.hdr[:0]
	for _, c := range hdr {
		joined = append(joined, c...)
	}
	p.scr.hdr = joined
	var posBuf [8]int
	pos := posBuf[:len(keys)]
	for j, k := range keys {
		pos[j] = -1
		for _, w := range s2ColumnKeys[k] {
			i := hanIndex(bytesString(joined), w)
			if i < 0 {
				continue
			}
			if hanContains(bytesString(joined[i+len(w):]), w) {
				return false // named twice
			}
			if pos[j] < 0 || i < pos[j] {
				pos[j] = i // the first of its spellings (新制作 in 新制作数量)
			}
		}
		if pos[j] < 0 {
			return false
		}
	}
	return printedOrder(pos, order)
}

// s2MetricKeys is s2ColumnKey of every section 二 column's label.
var s2MetricKeys = func() map[string]int {
	m := map[string]int{}
	for _, its := range [][]schemas.Item{schemas.Disclosures2019, schemas.Disclosures2021} {
		for _, it := range its {
			for _, mt := range it.Metrics {
				m[mt.Label] = s2ColumnKey(mt.Label)
			}
		}
	}
	return m
}()

// moneyMarked reports a printed value that says it is money (元, 万元, ¥).
func moneyMarked(raw string) bool { return normalize.KindOf(raw, "") == normalize.KindAmount }

// moneyInCountSlot reports a reading of a section 二 row that puts a value
// marked as money in a count column while a money column of the row is
// left blank.
func moneyInCountSlot(it schemas.Item, slots []slot) bool {
	blankMoney := false
	for j, m := range it.Metrics {
		blankMoney = blankMoney || m.Money && slots[j].t == nil
	}
	if !blankMoney {
		return false // most rows: no money column, or it holds its value
	}
	for j, m := range it.Metrics {
		if !m.Money && slots[j].t != nil && moneyMarked(slots[j].t.raw) {
			return true
		}
	}
	return false
}

// moneyFits keeps the alignments of vals to it's columns that put no
// value marked as money in a count column.
func moneyFits(it schemas.Item, alns [][]int, vals []*tok) [][]int {
	var kept [][]int
	for _, a := range alns {
		fits := true
		for j, k := range a {
			if k >= 0 && !it.Metrics[j].Money && moneyMarked(vals[k].raw) {
				fits = false
				break
			}
		}
		if fits {
			kept = append(kept, a)
		}
	}
	return kept
}

// reNumberTail matches a label ending in a number, which a row whose
// cells ran into its label leaves there (行政处罚7+60, 政府集中采购00.00万元);
// a sub-item's numeral inside a merged label (不予处理1.信访举报投诉类申请)
// is not one.
var reNumberTail = regexp.MustCompile(`[0-9０-９][0-9０-９+＋\-－.．,，/]*(?:万元|亿元|元|万|亿)?$`)

// note, when not empty, says why no alignment was tried.
func (p *parser) cellCountFinding(rule *schemas.Rule, cell string, r *row, got, want int, filled, lost []string, why, note string) {
	what := fmt.Sprintf("row shows %d numbers for %d columns", got, want)
	if r.splitFrom > 0 {
		what = fmt.Sprintf("row label split across lines %d and %d, %d numbers for %d columns", r.line, r.splitFrom, got, want)
	}
	exp, act := strp(fmt.Sprint(want)), strp(fmt.Sprint(got))
	switch {
	case got == 0 && len(filled) == 0 && reNumberTail.MatchString(r.label):
		p.finding(rule, schemas.SeverityError, cell, fmt.Sprintf(
			"row prints no number of its own, but its label %q holds digits: numbers run into it that could not be told apart; its cells are left null", r.label), r.line, exp, act)
	case got == 0 && len(filled) == 0:
		p.finding(rule, schemas.SeverityError, cell,
			"row prints no number: a row left blank, or numbers lost in conversion; its cells are left null", r.line, exp, act)
	case len(lost) == 0:
		p.finding(rule, schemas.SeverityRepaired, cell,
			what+"; every value is determined: "+why, r.line, exp, act)
	case len(filled) == 0:
		p.finding(rule, schemas.SeverityError, cell,
			what+"; which column each number belongs to is not determined, so the row is left null"+note, r.line, exp, act)
	default:
		p.finding(rule, schemas.SeverityError, cell,
			fmt.Sprintf("%s; determined and filled: %s; not determined, left null: %s", what,
				strings.Join(filled, ", "), strings.Join(lost, ", ")), r.line, exp, act)
	}
}

func (p *parser) addDisclosure(it schemas.Item, m schemas.Metric, label string, s *slot, line int) {
	p.addDisclosureUnit(it, m, label, s, line, "")
}

func (p *parser) addDisclosureUnit(it schemas.Item, m schemas.Metric, label string, s *slot, line int, headerUnit string) {
	cell := discCell(it.Code.Code, m)
	if label == "" {
		label = it.Label
	}
	d := schemas.Disclosure{ReportID: p.out.Report.ReportID, ReportYear: p.out.Report.ReportYear, // keyed as made: see keyFindings
		Cell: cell, Item: it.Code.Code, Metric: m.Code.Code, Label: label}
	if s != nil {
		d.Line = int32(s.line)
		if s.t != nil {
			d.Raw = s.t.raw
		}
	} else {
		d.Line = int32(line)
	}
	if s != nil && s.t != nil {
		if m.Money {
			hu := ""
			if it.Code.Code == "procurement" || it.Code.Code == "fees" {
				hu = headerUnit
			}
			res := normalize.Amount(s.t.raw, hu)
			p.noteResult(cell, res, s.line)
			if res.OK() && !res.Overflow {
				y := res.Amount
				d.AmountYuan = &y
				d.UnitInferred = res.UnitInferred
				if res.UnitInferred && y != 0 {
					p.finding(ruleAmountUnitInferred, schemas.SeverityWarning, cell,
						fmt.Sprintf("amount printed with no unit anywhere (%s): value taken as yuan, unit marked inferred", strings.TrimSpace(s.t.raw)),
						s.line, nil, strp(strings.TrimSpace(s.t.raw)))
				}
			}
			if res.Unit != "" {
				u := res.Unit
				d.Unit = &u
			}
		} else if m.Code.Code == "change" && noChange(s.t.c) {
			// no change, printed in words: the column says how much the
			// count changed, so the words are 0; raw keeps them
			z := int64(0)
			d.Count = &z
		} else if n, na, ok := normalize.CountPlain(s.t.raw); ok {
			if !na { // Count's reading, with nothing to note
				d.Count = p.newValue(n)
			}
		} else {
			res := normalize.Count(s.t.raw)
			p.noteResult(cell, res, s.line)
			if res.OK() && !res.Overflow {
				d.Count = p.newValue(res.Count)
			}
		}
	}
	p.out.Disclosures = append(p.out.Disclosures, d)
}

// noteResult records the normalizer's doubts about a printed value.
func (p *parser) noteResult(cell string, r normalize.Result, line int) {
	if r.Err == nil && !r.Overflow && !r.Approximate {
		return
	}
	raw := strp(strings.TrimSpace(r.Input))
	switch {
	case r.Err != nil && r.Overflow:
		p.finding(ruleValueOverflow, schemas.SeverityError, cell,
			fmt.Sprintf("value %s is too large for the dataset column: %v", r.Exact, r.Err), line, nil, raw)
	case r.Overflow:
		p.finding(ruleValueOverflow, schemas.SeverityError, cell,
			fmt.Sprintf("value %s is too large for the dataset column and is left null", r.Exact), line, nil, raw)
	case r.Err != nil:
		p.finding(ruleValueRejected, schemas.SeverityError, cell,
			fmt.Sprintf("printed value is not a number the dataset can hold exactly (%v); left null", r.Err), line, nil, raw)
	case r.Approximate:
		p.finding(ruleValueApproximate, schemas.SeverityWarning, cell,
			"value printed as approximate; kept as printed", line, nil, raw)
	}
}

func (p *parser) missingTable(table string, line int) {
	if p.template == schemas.TemplateUnknown {
		return
	}
	p.finding(ruleTableMissing, schemas.SeverityError, table,
		fmt.Sprintf("the %s table was not found; its cells are null", table), line, nil, nil)
}

// tableRows rewrites line numbers of values read from HTML and DOCX tables
// as the 1-based row index within their table, the position a reader of
// the page can find (the data dictionary documents this).
func (p *parser) tableRows() {
	conv := func(line int32) int32 {
		for _, t := range p.doc.Tables {
			if int(line) >= t.Line && int(line) < t.Line+len(t.Rows) {
				return line - int32(t.Line) + 1
			}
		}
		return line
	}
	for i := range p.out.Disclosures {
		p.out.Disclosures[i].Line = conv(p.out.Disclosures[i].Line)
	}
	for i := range p.out.Applications {
		p.out.Applications[i].Line = conv(p.out.Applications[i].Line)
	}
	for i := range p.out.Appeals {
		p.out.Appeals[i].Line = conv(p.out.Appeals[i].Line)
	}
	for i := range p.out.Findings {
		if l := p.out.Findings[i].Line; l != nil {
			v := conv(*l)
			p.out.Findings[i].Line = &v
		}
	}
}
