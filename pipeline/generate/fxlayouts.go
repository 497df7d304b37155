package generate

import (
	"fmt"
	"strings"
	"unicode"
)

// The fixture layouts: how each prints the tables of a test report.

// padTo fills s with spaces to w display columns, on the left when right.
func padTo(s string, w int, right bool) string {
	fill := strings.Repeat(" ", max(0, w-Width(s)))
	if right {
		return fill + s
	}
	return s + fill
}

// cut splits s into pieces at most w display columns wide, character by
// character (as a narrow PDF column breaks a label); "" gives no pieces.
func cut(s string, w int) []string {
	var out []string
	cur, cw := "", 0
	for _, c := range s {
		rw := Width(string(c))
		if cw+rw > w {
			out = append(out, cur)
			cur, cw = "", 0
		}
		cur += string(c)
		cw += rw
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

func stripTrailing(cells []string) []string {
	for len(cells) > 0 && cells[len(cells)-1] == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

func nonEmpty(cells []string) []string {
	var out []string
	for _, c := range cells {
		if c != "" {
			out = append(out, c)
		}
	}
	return out
}

func rstrip(s string) string { return strings.TrimRightFunc(s, unicode.IsSpace) }

func cat(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func (f *fixture) renderCells() (string, string, string) {
	cell := func(c string) string {
		rs := []rune(c)
		// Header cells break after their third character, as Word tables do.
		if strings.HasPrefix(c, "本年") && len(rs) > 5 && !strings.Contains(c, "单位") {
			return "\t" + string(rs[:3]) + "\n" + string(rs[3:])
		}
		return "\t" + c
	}
	lines := func(r []string) string {
		var out []string
		for _, c := range stripTrailing(r) {
			out = append(out, cell(c))
		}
		return strings.Join(out, "\n")
	}
	table := func(rows [][]string) string {
		var out []string
		for _, r := range rows {
			out = append(out, lines(r))
		}
		return strings.Join(out, "\n\n")
	}
	s2 := table(f.s2Table)
	s3 := table([][]string{
		{fxS3Note, "申请人情况"},
		{"", "自然人", "法人或其他组织", "总计"},
		cat([]string{"", ""}, fxOrgKinds, []string{""}),
	})
	for _, b := range f.s3Body() {
		var ls []string
		for _, c := range stripTrailing(b.labels) {
			ls = append(ls, cell(c))
		}
		for _, n := range b.nums {
			ls = append(ls, "\t\u00a0"+n)
		}
		s3 += "\n\n" + strings.Join(ls, "\n")
	}
	s4 := table([][]string{
		{"行政复议", "行政诉讼"},
		cat(fxOutcomeNames, []string{"未经复议直接起诉", "复议后起诉"}),
		cat([]string{"", "", "", "", ""}, repeat(fxOutcomeNames, 2)),
	})
	var vs []string
	for _, v := range f.s4Values() {
		vs = append(vs, "\t"+v)
	}
	return s2, s3, s4 + "\n\n" + strings.Join(vs, "\n")
}

func (f *fixture) renderBlankLines() (string, string, string) {
	table := func(rows [][]string) string {
		var out []string
		for _, r := range rows {
			out = append(out, nonEmpty(stripTrailing(r))...)
		}
		return strings.Join(out, "\n\n")
	}
	s2 := table(f.s2Table)
	s3 := table([][]string{{fxS3Note}, {"申请人情况"}, {"自然人"}, {"法人或其他组织"}, {"总计"}, fxOrgKinds})
	for _, b := range f.s3Body() {
		s3 += "\n\n" + strings.Join(cat(nonEmpty(b.labels), b.nums), "\n\n")
	}
	s4 := table([][]string{
		{"行政复议", "行政诉讼"},
		cat(fxOutcomeNames, []string{"未经复议直接起诉", "复议后起诉"}),
		repeat(fxOutcomeNames, 2),
	})
	return s2, s3, s4 + "\n\n" + strings.Join(f.s4Values(), "\n\n")
}

func tabRow(cells []string) string { return strings.Join(cells, "\t") }

func joinRows(rows [][]string, row func([]string) string) string {
	var out []string
	for _, r := range rows {
		out = append(out, row(r))
	}
	return strings.Join(out, "\n")
}

func (f *fixture) renderTabs() (string, string, string) {
	spaced := func(s string) string { // '自 然 人': letters drawn one by one
		if rs := []rune(s); len(rs) <= 4 {
			parts := make([]string, len(rs))
			for i, r := range rs {
				parts[i] = string(r)
			}
			return strings.Join(parts, " ")
		}
		return s
	}
	// Merged cells come out as empty ones: every row has the table's 4 columns.
	var s2 []string
	for _, r := range f.s2Table {
		s2 = append(s2, tabRow(append(append([]string(nil), r...), make([]string, max(0, 4-len(r)))...)))
	}
	header := joinRows([][]string{
		{fxS3Note, "", "", "申请人情况", "", "", "", "", "", ""},
		{"", "", "", spaced("自然人"), "法人或其他组织", "", "", "", "", "总计"},
		{"", "", "", "", "商业 企业", "科研 机构", "社会 公益 组织", "法律 服务 机构", "其 他", ""},
	}, tabRow)
	body := f.s3Body()
	at := splitPoint(body)
	var lines []string
	for _, b := range body {
		lines = append(lines, tabRow(cat(b.labels, b.nums)))
	}
	s3 := header + "\n" + strings.Join(lines[:at], "\n") + "\n\n" + header + "\n" + strings.Join(lines[at:], "\n")
	s4 := joinRows(fxS4Header, tabRow) + "\n" + tabRow(f.s4Values())
	return strings.Join(s2, "\n"), s3, s4
}

func (f *fixture) renderPipes() (string, string, string) {
	row := func(cells []string) string { return "| " + strings.Join(cells, " | ") + " |" }
	s2 := joinRows(f.s2Table, row)
	s3 := joinRows(fxS3Header, row)
	for _, b := range f.s3Body() {
		s3 += "\n" + row(cat(b.labels, b.nums))
	}
	s4 := joinRows(fxS4Header, row) + "\n" + row(f.s4Values())
	return s2, s3, s4
}

// fxPageWidth is the page width, in columns, of the -layout fixtures.
const fxPageWidth = 150

func (f *fixture) renderLayout(centred bool) (string, string, string) {
	// Section 二: label column, then numbers right-aligned under their headers.
	var s2 []string
	for _, r := range f.s2Table {
		if len(r) == 1 {
			s2 = append(s2, "    "+r[0])
			continue
		}
		line := "    " + padTo(r[0], 30, false)
		for _, c := range r[1:] {
			if r[0] != "信息内容" {
				line += padTo(c, 26, true)
			} else {
				line += "  " + padTo(c, 24, true)
			}
		}
		s2 = append(s2, rstrip(line))
	}

	lw := [3]int{16, 14, 42} // label column widths
	sumLW := lw[0] + lw[1] + lw[2]
	const nw = 9 // number column width
	rightAll := func(xs []string) string {
		var b strings.Builder
		for _, x := range xs {
			b.WriteString(padTo(x, nw, true))
		}
		return b.String()
	}
	header := func() string {
		left := sumLW + 6 // where the first number column starts
		h := []string{
			padTo("（本列数据的勾稽关系为：第一项加第二项", left, false) + strings.Repeat(" ", nw*3) + "申请人情况",
			padTo("之和，等于第三项加第四项之和）", left, false) +
				padTo("自然人", nw, true) + padTo("法人或其他组织", nw*4, true) + strings.Repeat(" ", nw) + padTo("总计", nw, true),
			strings.Repeat(" ", left+nw) + rightAll([]string{"商业企业", "科研机构", "社会公益", "法律服务", "其他"}),
			strings.Repeat(" ", left+nw*3) + padTo("组织", nw, true) + padTo("机构", nw, true),
		}
		for i := range h {
			h[i] = rstrip(h[i])
		}
		return strings.Join(h, "\n")
	}
	type seg struct {
		pieces []string
		w      int
	}
	segments := func(labels []string) []seg {
		// A label spans the columns its neighbours leave empty.
		var ss []seg
		add := func(text string, w int) {
			p := cut(text, w)
			if len(p) == 0 {
				p = []string{""}
			}
			ss = append(ss, seg{p, w})
		}
		switch {
		case labels[1] == "" && labels[2] == "":
			add(labels[0], sumLW+2)
		case labels[2] == "":
			add(labels[0], lw[0])
			add(labels[1], lw[1]+lw[2]+1)
		default:
			for i, l := range labels {
				add(l, lw[i])
			}
		}
		return ss
	}
	bodyLines := func(entries []fxBody) string {
		var out []string
		for _, e := range entries {
			segs := segments(e.labels)
			n := 0
			for _, s := range segs {
				n = max(n, len(s.pieces))
			}
			mid := 0
			if centred {
				mid = n / 2
			}
			for i := range n {
				line := "  "
				for _, s := range segs {
					p := ""
					if i < len(s.pieces) {
						p = s.pieces[i]
					}
					line += padTo(p, s.w+1, false)
				}
				if i == mid {
					line = padTo(line, sumLW+6, false) + rightAll(e.nums)
				}
				out = append(out, rstrip(line))
			}
		}
		return strings.Join(out, "\n")
	}
	body := f.s3Body()
	at := splitPoint(body)
	footer := "\n\n" + strings.Repeat(" ", fxPageWidth/2-3) + "- 3 -\n\f"
	s3 := header() + "\n" + bodyLines(body[:at]) + footer + header() + "\n" + bodyLines(body[at:])

	s4h := []string{
		"  " + padTo("行政复议", nw*5, false) + padTo("行政诉讼", nw*10-10, true),
		"  " + rightAll(fxOutcomeNames) + padTo("未经复议直接起诉", nw*5, true) + padTo("复议后起诉", nw*5, true),
		"  " + strings.Repeat(" ", nw*5) + rightAll(repeat(fxOutcomeNames, 2)),
	}
	for i := range s4h {
		s4h[i] = rstrip(s4h[i])
	}
	s4 := strings.Join(s4h, "\n") + "\n  " + rightAll(f.s4Values())
	return strings.Join(s2, "\n"), s3, s4
}

func (f *fixture) renderWebCopy() (string, string, string) {
	row := func(cells []string) string { return strings.Join(nonEmpty(cells), "\t") }
	s2 := joinRows(f.s2Table, row)
	s3 := joinRows([][]string{{fxS3Note, "申请人情况"}, {"自然人", "法人或其他组织", "总计"}, fxOrgKinds}, row)
	for _, b := range f.s3Body() {
		s3 += "\n" + strings.Join(cat(nonEmpty(b.labels), b.nums), "\t")
	}
	s4 := joinRows([][]string{
		{"行政复议", "行政诉讼"},
		cat(fxOutcomeNames, []string{"未经复议直接起诉", "复议后起诉"}),
		repeat(fxOutcomeNames, 2),
	}, row) + "\n" + strings.Join(f.s4Values(), "\t")
	return s2, s3, s4
}

// rawS3Break is what FixtureRaw prints between the pages of section 三.
var rawS3Break = []string{"", "— 4 —", "\f"}

func (f *fixture) renderRaw() (string, string, string) {
	table := func(rows [][]string, w int) []string {
		var out []string
		for _, r := range rows {
			for _, c := range r {
				out = append(out, cut(c, w)...)
			}
		}
		return out
	}
	s2 := strings.Join(table(f.s2Table, 20), "\n")
	header := cat(cut(fxS3Note, 20), []string{"申请人情况", "自然人", "法人或其他组织", "总计"})
	for _, h := range fxOrgKinds {
		header = append(header, cut(h, 6)...)
	}
	lines := append([]string(nil), header...)
	for _, b := range f.s3Body() {
		if b.code == "denied.process_info" {
			lines = append(append(lines, rawS3Break...), header...)
		}
		for j, c := range b.labels {
			switch {
			case c == "":
			case j == 0 && b.code == "granted":
				lines = append(lines, cut(c, 6)...) // 三、本年度办理结果 in its narrow column
			case j < 2:
				lines = append(lines, cut(c, 24)...)
			default:
				lines = append(lines, cut(c, 20)...)
			}
		}
		lines = append(lines, b.nums...)
	}
	s4 := table([][]string{
		{"行政复议", "行政诉讼"},
		cat(fxOutcomeNames, []string{"未经复议直接起诉", "复议后起诉"}),
		repeat(fxOutcomeNames, 2),
	}, 4)
	return s2, strings.Join(lines, "\n"), strings.Join(append(s4, f.s4Values()...), "\n")
}

func (f *fixture) renderPageNum() (string, string, string) {
	s2, s3, s4 := f.renderRaw()
	marks := f.PageMarks
	if marks == nil {
		marks = []string{"2", "3"}
	}
	// a page break in section 二 after its first value row
	lines := strings.Split(s2, "\n")
	at := indexOf(lines, "规章") + 4
	lines[at] = "\f" + lines[at]
	lines = append(lines[:at], append([]string{marks[0]}, lines[at:]...)...)
	s2 = strings.Join(lines, "\n")
	// section 三's break: the bare number instead of '— 4 —'
	brk := "\n" + strings.Join(rawS3Break, "\n") + "\n"
	with := "\n" + marks[1] + "\n\f"
	if f.NoFormfeed {
		with = "\n" + marks[1] + "\n"
	}
	return s2, strings.ReplaceAll(s3, brk, with), s4
}

func (f *fixture) renderWord() (string, string, string) {
	s2 := joinRows(f.s2Table, tabRow)
	s3 := joinRows([][]string{
		{fxS3Note, "申请人情况"},
		{"", "自然人", "法人或其他组织", "总计"},
		cat([]string{"", ""}, fxOrgKinds, []string{""}),
	}, tabRow)
	for _, b := range f.s3Body() {
		l := b.labels
		var cells []string
		switch {
		case l[1] == "" && l[2] == "":
			cells = l[:1] // spans the three label columns
		case l[2] == "":
			cells = l[:2] // the second spans two
		default:
			cells = l
		}
		s3 += "\n" + tabRow(cat(cells, b.nums))
	}
	s4 := joinRows([][]string{
		{"行政复议", "行政诉讼"},
		cat(fxOutcomeNames, []string{"未经复议直接起诉", "复议后起诉"}),
		cat([]string{"", "", "", "", ""}, repeat(fxOutcomeNames, 2)),
	}, tabRow) + "\n" + tabRow(f.s4Values())
	return s2, s3, s4
}

func (f *fixture) renderSpaced() (string, string, string) {
	sep := f.Sep
	if sep == "" {
		sep = " "
	}
	row := func(cells []string) string { return strings.Join(nonEmpty(cells), sep) }
	s2 := joinRows(f.s2Table, row)
	s3 := joinRows([][]string{{fxS3Note, "申请人情况"}, {"自然人", "法人或其他组织", "总计"}, fxOrgKinds}, row)
	for _, b := range f.s3Body() {
		s3 += "\n" + row(cat(b.labels, b.nums))
	}
	s4 := joinRows([][]string{
		{"行政复议", "行政诉讼"},
		cat(fxOutcomeNames, []string{"未经复议直接起诉", "复议后起诉"}),
		repeat(fxOutcomeNames, 2),
	}, row) + "\n" + row(f.s4Values())
	return s2, s3, s4
}

func (f *fixture) render() (string, string, string, error) {
	var s2, s3, s4 string
	switch f.Layout {
	case FixtureCells:
		s2, s3, s4 = f.renderCells()
	case FixtureBlankLines:
		s2, s3, s4 = f.renderBlankLines()
	case FixtureTabs:
		s2, s3, s4 = f.renderTabs()
	case FixturePipes:
		s2, s3, s4 = f.renderPipes()
	case FixtureLayout:
		s2, s3, s4 = f.renderLayout(false)
	case FixtureCentred:
		s2, s3, s4 = f.renderLayout(true)
	case FixtureWebCopy:
		s2, s3, s4 = f.renderWebCopy()
	case FixtureRaw:
		s2, s3, s4 = f.renderRaw()
	case FixturePageNum:
		s2, s3, s4 = f.renderPageNum()
	case FixtureWord:
		s2, s3, s4 = f.renderWord()
	case FixtureSpaced:
		s2, s3, s4 = f.renderSpaced()
	default:
		return "", "", "", fmt.Errorf("%w: %s: layout %q", ErrFixture, f.File, f.Layout)
	}
	return s2, s3, s4, nil
}
