package transform

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// The five columns of 法人或其他组织 in section 三, by a word each heading
// holds, in the template's order (schemas.Applicants 1 to 5).
var s3SubColumns = [5][]byte{[]byte("商业企业"), []byte("科研机构"), []byte("社会公益"), []byte("法律服务"), []byte("其他")}

// legalPerson is the heading over the five columns, in its two
// spellings, masked before they are looked for: it holds 其他 too.
var legalPerson = [][]byte{[]byte("法人或其他组织"), []byte("法人或者其他组织")}

// headerLines are the compact lines of a section's header, from the line
// after its heading at from to the first line holding a digit (the first
// row's).
func (p *parser) headerLines(from int) []string {
	i := from + 1
	for ; i < len(p.cl) && i < from+60; i++ {
		if hasDigit(p.cl[i]) {
			break
		}
	}
	return p.cl[min(from+1, i):i]
}

// headerBytes joins the compact lines of a section's header, from the
// line after its heading at from to the first line holding a digit (the
// first row's), in the parser's scratch: valid until the next call. A
// heading wrapped over lines (科研 · 机构) is whole in it.
func (p *parser) headerBytes(from int) []byte {
	b := p.scr.hdr[:0]
	for _, l := range p.headerLines(from) {
		b = append(b, l...)
	}
	p.scr.hdr = b
	return b
}

// s3ColumnOrder reads, from section 三's header hdr (headerBytes, which it
// masks), in which order the five columns of 法人或其他组织 are printed. It
// returns nil when they are printed in the template's order or the header
// does not name each exactly once; otherwise order[i] is the index in
// schemas.Applicants of the column printed i-th among them (order[0] is
// the first of the five, which the template calls commercial).
//
// Only these five are compared: a header of two rows prints 自然人 and 总计
// on the first and the five on the second, so where 总计 stands among the
// header's words tells nothing of its column.
//
// at is where hdr names each of the five (s3SubColumns' order), for
// spreadOverSpacedLines.
func s3ColumnOrder(hdr []byte) (order []int, at [5]int) {
	for _, m := range legalPerson {
		// Masked bytes hold no word: the next is looked for after the
		// last, not from the start again.
		for i := hanIndexBytes(hdr, m); i >= 0; {
			for k := i; k < i+len(m); k++ {
				hdr[k] = '#'
			}
			j := hanIndexBytes(hdr[i+len(m):], m)
			if j < 0 {
				break
			}
			i += len(m) + j
		}
	}
	for j, w := range s3SubColumns {
		i := hanIndexBytes(hdr, w)
		if i < 0 || hanIndexBytes(hdr[i+len(w):], w) >= 0 {
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

// spreadOverSpacedLines reports header words, at the offsets at of the
// header from's headerBytes, that stand on different lines, one of them
// laid out in columns with spaces (pdftotext's layout): there the text's
// order is not the columns'. A header cell centred in a row of wrapped
// ones prints its words a line above its neighbours' (社会公益 / 法律服务
// above 商业企业 · 科研机构, 行政诉讼 above 行政复议), and pdftotext sets
// each line's characters on a grid of its own, so neither the words' order
// in the text nor their offsets tell the columns. Words on one line, or on
// lines of tabs or one cell per line, print in the columns' order.
func (p *parser) spreadOverSpacedLines(from int, at ...int) bool {
	lineOf := p.headerLineOf(from)
	spread, spaced := false, false
	for _, off := range at {
		k := lineOf(off)
		spread = spread || k != lineOf(at[0])
		spaced = spaced || alignedBySpaces(p.lines[from+1+k])
	}
	return spread && spaced
}

// headerLineOf maps an offset of the header from's headerBytes to the
// index, in headerLines, of the line it stands on.
func (p *parser) headerLineOf(from int) func(off int) int {
	lines := p.headerLines(from)
	return func(off int) int {
		for k, l := range lines {
			if off < len(l) {
				return k
			}
			off -= len(l)
		}
		return len(lines) - 1
	}
}

// alignedBySpaces reports a line laid out in columns with spaces: no tab and
// no '|', and two spaces running between its first and last characters.
func alignedBySpaces(l string) bool {
	return !strings.ContainsAny(l, "\t|｜") && hanContains(strings.TrimSpace(l), "  ")
}

// printedOrder fills order with the columns (indexes into pos) in the
// order of their places pos, and reports whether that is another order
// than theirs; false too when two share a place, which tells no order.
func printedOrder(pos, order []int) (moved bool) {
	for j := range pos {
		rank := 0
		for i := range pos {
			if pos[i] == pos[j] && i != j {
				return false
			}
			if pos[i] < pos[j] {
				rank++
			}
		}
		order[rank] = j
		moved = moved || rank != j
	}
	return moved
}

// reCellCode matches a cell code of section 三 or 四 in a finding's cell
// or message: all its segments, so that its last is the column
// (s3.other.other.research is the 2021 row 3.其他's research).
var reCellCode = regexp.MustCompile(`\bs[34](?:\.[a-z_]+)+`)

// renameColumns rewrites the cell codes in s whose last segment is a key
// of to, to end in its value instead; a row's code (s3.x.y.*, followed by
// ".*") is left alone.
func renameColumns(s string, to map[string]string) string {
	locs := reCellCode.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		if l[1] < len(s) && s[l[1]] == '.' {
			continue // s3.denied.state_secret.*: a row, no column
		}
		m := s[l[0]:l[1]]
		i := strings.LastIndexByte(m, '.')
		dst, ok := to[m[i+1:]]
		if !ok {
			continue
		}
		b.WriteString(s[last:l[0]])
		b.WriteString(m[:i+1])
		b.WriteString(dst)
		last = l[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// permuteS3 moves what was read under each of the five columns of
// 法人或其他组织, in the template's order, to the column the header printed
// there (order, see s3ColumnOrder): the table was read by position, and
// its arithmetic is the same for the five (each adds into 总计, each
// column balances alike), so only the cells' names change. It runs before
// the checks, which then name the right columns; findings of the reading
// that name such cells are renamed, and a warning says what was done.
func (p *parser) permuteS3(order []int) {
	var names []string
	for _, a := range order {
		names = append(names, schemas.Applicants[a].Code)
	}
	p.moveS3Columns(func(c int) int {
		if c >= 1 && c <= len(order) {
			return order[c-1]
		}
		return c
	})
	p.finding(ruleS3ColumnOrder, schemas.SeverityWarning, "s3.*", fmt.Sprintf(
		"the header prints the columns of 法人或其他组织 in the order %s, not the template's; the table's numbers were read under them",
		strings.Join(names, ", ")), 0, nil, nil)
}

// moveS3Columns moves what was read under each column c of section 三 (an
// index in schemas.Applicants), in every row, to column dest(c): in the
// cells and in the findings of the reading that name them.
func (p *parser) moveS3Columns(dest func(c int) int) {
	byCode := map[string]string{}
	for c := range schemas.Applicants {
		if d := dest(c); d != c {
			byCode[schemas.Applicants[c].Code] = schemas.Applicants[d].Code
		}
	}
	moves := map[string]string{}
	for i, a := range p.out.Applications {
		if i > 0 && a.Outcome == p.out.Applications[i-1].Outcome {
			continue // one row of cells an outcome
		}
		for c := range schemas.Applicants {
			if d := dest(c); d != c {
				moves[appCell(a.Outcome, c)] = appCell(a.Outcome, d)
			}
		}
	}
	p.moveCells(p.s3, s3Specs[0].out, moves)
	p.renameColumns("s3.", byCode)
}

// moveCells moves what was read into each cell from to the cell
// moves[from], all at once: in the cells the checks read (table) and in
// the output rows they point at (out, a tableSpec's).
func (p *parser) moveCells(table *cellTable, out func(*parser, int) (**int64, *string, *int32), moves map[string]string) {
	type read struct {
		cv    cellv
		count *int64
		raw   string
		line  int32
	}
	saved := make(map[string]read, len(moves))
	for from := range moves {
		if cv := table.get(from); cv != nil {
			count, raw, line := out(p, cv.idx)
			saved[from] = read{*cv, *count, *raw, *line}
		}
	}
	for from, to := range moves {
		r, ok := saved[from]
		dst := table.get(to)
		if !ok || dst == nil {
			continue
		}
		idx := dst.idx
		*dst = r.cv
		dst.idx = idx
		count, raw, line := out(p, idx)
		*count, *raw, *line = r.count, r.raw, r.line
	}
}

// renameColumns renames, in the findings on cells of the section whose
// codes begin with prefix, the columns byCode names (renameColumns).
func (p *parser) renameColumns(prefix string, byCode map[string]string) {
	for i := range p.out.Findings {
		f := &p.out.Findings[i]
		if strings.HasPrefix(f.Cell, prefix) || hanContains(f.Message, prefix) {
			f.Cell, f.Message = renameColumns(f.Cell, byCode), renameColumns(f.Message, byCode)
		}
	}
}

// s4Names are the columns of each proceeding of section 四, in the
// template's order: the four outcomes, then 总计.
var s4Names = [5][]byte{[]byte("结果维持"), []byte("结果纠正"), []byte("其他结果"), []byte("尚未审结"), []byte("总计")}

// s4ColumnOrder reads, from section 四's header hdr (headerBytes), in
// which order the columns of each proceeding are printed: nil when in the
// template's order, or when the header does not name each of them once
// for each of the three proceedings, in the same order each time and one
// proceeding after the other; otherwise order[i] is the index in
// schemas.AppealOutcomes of the column printed i-th. 总计 is read where the
// header prints it when it names it once a proceeding too (总计 · 结果维持 ·
// …): read last, its column's number went to 尚未审结 and each cell after
// it one column on, and the arithmetic's warnings blamed the report. Named
// otherwise (a 行政诉讼 总计 beside them), it stays last, and order has the
// four outcomes only.
func s4ColumnOrder(hdr []byte) []int {
	if _, n := wordAt(hdr, s4Names[4]); n == len(schemas.Proceedings) {
		if order, ok := s4Order(hdr, len(s4Names)); ok {
			if order[4] != 4 {
				return order
			}
			return s4Trim(order[:4])
		}
	}
	order, ok := s4Order(hdr, 4)
	if !ok {
		return nil
	}
	return s4Trim(order)
}

// s4Trim is nil for the template's order of the four outcomes.
func s4Trim(order []int) []int {
	if slices.Equal(order, []int{0, 1, 2, 3}) {
		return nil
	}
	return order
}

// s4Order is the order the header hdr prints the first m of s4Names in,
// for each proceeding alike; ok is false when it names them otherwise
// (see s4ColumnOrder).
func s4Order(hdr []byte, m int) (order []int, ok bool) {
	const groups = 3      // len(schemas.Proceedings)
	var at [groups][5]int // at[k][j]: where the k-th proceeding names column j
	for j, w := range s4Names[:m] {
		where, n := wordAt(hdr, w)
		if n != groups {
			return nil, false
		}
		for k := range groups {
			at[k][j] = where[k]
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

// wordAt returns where hdr names w the first three times, and how many
// times it does (as bytes.Count counts, but not past four): one pass
// over hdr, where counting and then finding each took two.
func wordAt(hdr, w []byte) (at [3]int, n int) {
	for off := 0; n <= len(at); n++ {
		i := hanIndexBytes(hdr[off:], w)
		if i < 0 {
			break
		}
		if n < len(at) {
			at[n] = off + i
		}
		off += i + len(w)
	}
	return at, n
}

// permuteS4 is permuteS3 for section 四: what was read under each of the
// first four columns of every proceeding moves to the column the header
// printed there (order, see s4ColumnOrder), before the checks run.
func (p *parser) permuteS4(order []int) {
	byCode := map[string]string{}
	var names []string
	for i, j := range order {
		byCode[schemas.AppealOutcomes[i].Code] = schemas.AppealOutcomes[j].Code
		names = append(names, schemas.AppealOutcomes[j].Code)
	}
	if len(order) < len(schemas.AppealOutcomes) {
		names = append(names, "total") // 总计 stays last
	}
	moves := map[string]string{}
	for _, proc := range schemas.Proceedings {
		for from, to := range byCode {
			moves["s4."+proc.Code+"."+from] = "s4." + proc.Code + "." + to
		}
	}
	p.moveCells(p.s4, s4Spec.out, moves)
	p.renameColumns("s4.", byCode)
	p.finding(ruleS4ColumnOrder, schemas.SeverityWarning, "s4.*", fmt.Sprintf(
		"the header prints each proceeding's columns in the order %s, not the template's; the numbers were read under them",
		strings.Join(names, ", ")), 0, nil, nil)
}

// The column 总计 stands in when section 三 prints it last, as the template
// does (schemas.Applicants).
const s3TotalCol = 6

// s3TotalColumn tells, from section 三's own arithmetic, in which column
// the table prints 总计: its rows were read in the template's order, 总计
// last, and a table that prints it first or second (总计 · 自然人 · …)
// leaves each applicant's number one column on and 总计's under 自然人.
// The header cannot tell it: a header of two rows may print 总计 on the
// first line, before the 自然人 of the second, over the last column.
//
// Every row read whole (seven numbers) is tried with each column as the
// sum of the six others. A column k other than the last is taken when at
// least two rows hold only with 总计 at k and no row holds only with it
// last; columns that fit alike and give the same numbers are one reading.
// at is k (s3TotalCol: printed last, or not known); doubt reports rows
// that fit 总计 elsewhere without such proof, so that the table's columns
// are flagged instead of moved.
func (p *parser) s3TotalColumn() (at, fit int, doubt bool) {
	rows := p.scr.s3rows[:0]
	defer func() { p.scr.s3rows = rows[:0] }()
	apps := p.out.Applications
	const cols = s3TotalCol + 1 // len(schemas.Applicants)
	for i := 0; i+cols <= len(apps); {
		// An outcome's cells stand together, one a column (addApplication).
		o := apps[i].Outcome
		b, ok := catalog.appBase[o]
		if !ok || apps[i+cols-1].Outcome != o || i+cols < len(apps) && apps[i+cols].Outcome == o {
			i++
			continue
		}
		var r [cols]int64
		whole := true
		for j := range r {
			cv := p.s3.at(b + j)
			if cv == nil || cv.v == nil || cv.unknown || cv.rejected {
				whole = false
				break
			}
			r[j] = *cv.v
		}
		if whole {
			rows = append(rows, r)
		}
		i += cols
	}
	holds := func(r *[7]int64, k int) bool {
		var sum int64
		for j, v := range r {
			if j != k {
				sum += v
			}
		}
		return r[k] == sum
	}
	last := true // every row adds up with 总计 last: no other column can win
	for i := range rows {
		last = last && holds(&rows[i], s3TotalCol)
	}
	if last {
		return s3TotalCol, 0, false
	}
	var win, lose [s3TotalCol]int
	var cands []int
	for k := range win {
		for i := range rows {
			hk, hl := holds(&rows[i], k), holds(&rows[i], s3TotalCol)
			if hk && !hl {
				win[k]++
			} else if hl && !hk {
				lose[k]++
			}
		}
		switch {
		case win[k] >= 2 && lose[k] == 0:
			cands = append(cands, k)
		case win[k] > 0:
			doubt = true
		}
	}
	if len(cands) == 0 {
		return s3TotalCol, 0, doubt
	}
	best := cands[0]
	for _, k := range cands[1:] {
		if win[k] > win[best] {
			best = k
		}
	}
	// Another column that fits must give the same numbers, or fit only
	// rows best fits too, best fitting two more (a row of 自然人 alone,
	// 总计 · 自然人 equal, fits 总计 first and second alike).
	for _, k := range cands {
		same, within, more := true, true, 0
		for i := range rows {
			same = same && s3WithTotalAt(rows[i], k) == s3WithTotalAt(rows[i], best)
			hk, hb := holds(&rows[i], k), holds(&rows[i], best)
			within = within && (!hk || hb)
			if hb && !hk {
				more++
			}
		}
		if k != best && !same && !(within && more >= 2) {
			return s3TotalCol, 0, true
		}
	}
	return best, win[best], false
}

// s3WithTotalAt is row r, read in the template's order, as the cells of
// a table that prints 总计 in column k (s3TotalDest).
func s3WithTotalAt(r [7]int64, k int) (out [7]int64) {
	for i, v := range r {
		out[s3TotalDest(i, k)] = v
	}
	return out
}

// s3TotalDest is the template's column of the number read in column i of
// a table that prints 总计 in column k: the columns before k are the
// template's own, k is 总计, and each after it is the template's one
// before.
func s3TotalDest(i, k int) int {
	switch {
	case i < k:
		return i
	case i == k:
		return s3TotalCol
	default:
		return i - 1
	}
}

// moveS3Total moves each row's numbers to the columns of a table that
// prints 总计 in column k (s3TotalColumn), before the header's order of
// the five columns of 法人或其他组织 is applied and before the checks: a
// warning says what was done and how many rows proved it.
func (p *parser) moveS3Total(k, fit int) {
	p.moveS3Columns(func(c int) int { return s3TotalDest(c, k) })
	p.finding(ruleS3ColumnOrder, schemas.SeverityWarning, "s3.*", fmt.Sprintf(
		"the table prints 总计 in column %d of the seven, not last: %d rows add up only so, none only with it last; the numbers were read under it",
		k+1, fit), 0, nil, nil)
}

// The words that place section 四's proceedings in its header: 行政诉讼
// heads the two suits, as 行政复议 heads the review's columns.
const (
	s4Review, s4Suits          = "行政复议", "行政诉讼"
	s4SuitDirect, s4SuitReview = "直接起诉", "复议后起诉"
)

// s4ProceedingOrder reads, from section 四's header hdr (headerBytes of
// the header at from), in which order its three proceedings are printed,
// each a group of the same five columns (so the arithmetic cannot tell
// them apart): nil for the template's (行政复议, then 行政诉讼's 未经复议直接
// 起诉 and 复议后起诉), or when it cannot be told; otherwise order[i] is the
// index in schemas.Proceedings of the proceeding printed i-th. The header
// must name 行政复议, 行政诉讼 and both suits once each, and each pair
// compared (行政复议 with 行政诉讼, 直接起诉 with 复议后起诉) stand on one
// line: pdftotext's layout prints a group's name on the line its cell is
// centred on, 行政诉讼 above 行政复议 over the columns after it.
func (p *parser) s4ProceedingOrder(from int, hdr []byte) []int {
	at := func(w string) int {
		if at, n := wordAt(hdr, []byte(w)); n == 1 {
			return at[0]
		}
		return -1
	}
	rv, su, sd, sa := at(s4Review), at(s4Suits), at(s4SuitDirect), at(s4SuitReview)
	if rv < 0 || su < 0 || sd < 0 || sa < 0 || rv < su && sd < sa {
		return nil
	}
	if lineOf := p.headerLineOf(from); lineOf(rv) != lineOf(su) || lineOf(sd) != lineOf(sa) {
		return nil
	}
	suits := []int{1, 2} // schemas.Proceedings: suit_direct, suit_after_review
	if sd > sa {
		suits = []int{2, 1}
	}
	if rv < su {
		return append([]int{0}, suits...)
	}
	return append(suits, 0)
}

// permuteProceedings moves what was read under each proceeding, in the
// template's order, to the proceeding the header printed there (order,
// see s4ProceedingOrder), before the checks: each proceeding's columns and
// their total are the same, so only the cells' names change. Findings of
// the reading that name such cells are renamed, and a warning says what
// was done.
func (p *parser) permuteProceedings(order []int) {
	var names, pairs []string
	moves := map[string]string{}
	for i, j := range order {
		from, to := schemas.Proceedings[i].Code, schemas.Proceedings[j].Code
		names = append(names, to)
		pairs = append(pairs, "s4."+from+".", "s4."+to+".")
		for _, o := range schemas.AppealOutcomes {
			moves[schemas.AppealCell(from, o.Code)] = schemas.AppealCell(to, o.Code)
		}
	}
	p.moveCells(p.s4, s4Spec.out, moves)
	rn := strings.NewReplacer(pairs...)
	for i := range p.out.Findings {
		f := &p.out.Findings[i]
		f.Cell, f.Message = rn.Replace(f.Cell), rn.Replace(f.Message)
	}
	p.finding(ruleS4ColumnOrder, schemas.SeverityWarning, "s4.*", fmt.Sprintf(
		"the header prints the proceedings in the order %s, not the template's; the numbers were read under them",
		strings.Join(names, ", ")), 0, nil, nil)
}
