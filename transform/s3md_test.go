package transform_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// mdS3Labels are the label rows of the 2021 table as a PDF-to-Markdown
// converter prints them: the label columns of the merged cells as empty
// cells, one row per row of the template, in its order.
var mdS3Labels = []struct{ code, row string }{
	{"new_received", "| 一、本年新收政府信息公开申请数量 |  |  |"},
	{"carried_over", "| 二、上年结转政府信息公开申请数量 |  |  |"},
	{"granted", "| 三、本年度办理结果 | （一）予以公开 |  |"},
	{"partial", "|  | （二）部分公开（区分处理的，只计这一情形，不计其他情形） |  |"},
	{"denied.state_secret", "|  | （三）不予公开 | 1.属于国家秘密 |"},
	{"denied.law_forbidden", "|  |  | 2.其他法律行政法规禁止公开 |"},
	{"denied.three_safety", "|  |  | 3.危及“三安全一稳定” |"},
	{"denied.third_party", "|  |  | 4.保护第三方合法权益 |"},
	{"denied.internal_affairs", "|  |  | 5.属于三类内部事务信息 |"},
	{"denied.process_info", "|  |  | 6.属于四类过程性信息 |"},
	{"denied.enforcement_file", "|  |  | 7.属于行政执法案卷 |"},
	{"denied.admin_query", "|  |  | 8.属于行政查询事项 |"},
	{"unavailable.not_held", "|  | （四）无法提供 | 1.本机关不掌握相关政府信息 |"},
	{"unavailable.needs_creation", "|  |  | 2.没有现成信息需要另行制作 |"},
	{"unavailable.unclear_after_fix", "|  |  | 3.补正后申请内容仍不明确 |"},
	{"not_processed.complaint", "|  | （五）不予处理 | 1.信访举报投诉类申请 |"},
	{"not_processed.duplicate", "|  |  | 2.重复申请 |"},
	{"not_processed.publication", "|  |  | 3.要求提供公开出版物 |"},
	{"not_processed.mass_repeat", "|  |  | 4.无正当理由大量反复申请 |"},
	{"not_processed.confirm_existing", "|  |  | 5.要求行政机关确认或重新出具已获取信息 |"},
	{"other.no_correction", "|  | （六）其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 |"},
	{"other.no_fee", "|  |  | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 |"},
	{"other.other", "|  |  | 3.其他 |"},
	{"total", "|  | （七）总计 |  |"},
	{"carried_forward", "| 四、结转下年度继续办理 |  |  |"},
}

// mdS3Values gives every row of the 2021 table values that satisfy the
// template's arithmetic; the cells left blank ("") are those whose value
// is 0 in a row of results that prints blanks for zeros.
func mdS3Values() map[string][7]string {
	vals := map[string][7]int{}
	var total, fwd [7]int
	for i, l := range mdS3Labels[2:23] {
		var v [7]int
		for j := range 6 {
			v[j] = (i*3 + j*5) % 4
			v[6] += v[j]
			total[j] += v[j]
		}
		vals[l.code] = v
	}
	for j := range 6 {
		total[6] += total[j]
		fwd[j] = j % 2
		fwd[6] += fwd[j]
	}
	vals["total"], vals["carried_forward"] = total, fwd
	var over, nw [7]int
	for j := range 7 {
		over[j] = 1
		nw[j] = total[j] + fwd[j] - over[j]
	}
	over[6] = 6
	nw[6] = total[6] + fwd[6] - 6
	vals["carried_over"], vals["new_received"] = over, nw
	out := map[string][7]string{}
	for i, l := range mdS3Labels {
		var s [7]string
		for j, v := range vals[l.code] {
			s[j] = fmt.Sprint(v)
			if v == 0 && i%5 == 4 && j < 6 {
				s[j] = "" // a blank cell
			}
		}
		out[l.code] = s
	}
	return out
}

// mdS3 prints section 三 as a converter does: page by page, a table of
// labels and a table of numbers under generic headers; rows of the
// numbers for the label rows [from, to) of each page, in order.
func mdS3(vals map[string][7]string, pages [][2]int, edit func(page int, rows []string) []string) string {
	var b strings.Builder
	b.WriteString(s3Head1 + "\n\n")
	for pg, r := range pages {
		b.WriteString("| 项目 |  |  |\n| --- | --- | --- |\n")
		var nums []string
		for _, l := range mdS3Labels[r[0]:r[1]] {
			b.WriteString(l.row + "\n")
			v := vals[l.code]
			nums = append(nums, "| "+strings.Join(v[:], " | ")+" |")
		}
		if edit != nil {
			nums = edit(pg, nums)
		}
		b.WriteString("\n" + mdGeneric)
		b.WriteString(strings.Join(nums, "\n") + "\n\n")
	}
	return b.String()
}

// mdGeneric is the header converters give a table of numbers.
const mdGeneric = "| 数据1 | 数据2 | 数据3 | 数据4 | 数据5 | 数据6 | 数据7 |\n| --- | --- | --- | --- | --- | --- | --- |\n"

// TestS3MarkdownLabelAndNumberTables: a table of labels followed by a
// table of numbers with one line per label row pairs row i with row i,
// page by page; blank cells are null; the template's arithmetic confirms
// the pairing. The numbers' header is generic (数据1 …), the applicant
// columns' own in one line or two (after the labels, where section 三
// would start were its labels not a table), the first row of numbers, or
// none; the labels' header is 项目 or their first row; the numbers' lines
// may keep the label columns as empty cells.
func TestS3MarkdownLabelAndNumberTables(t *testing.T) {
	vals := mdS3Values()
	header := func(h string) func(string) string {
		return func(s string) string { return strings.ReplaceAll(s, mdGeneric, h) }
	}
	for name, edit := range map[string]func(string) string{
		"generic":             func(s string) string { return s },
		"applicants":          header("| 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |\n|---|---|---|---|---|---|---|\n"),
		"applicants two rows": header("| 自然人 | 法人或其他组织 |  |  |  | 其他 | 总计 |\n|---|---|---|---|---|---|---|\n|  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 |  |  |\n"),
		"no headers": func(s string) string {
			return strings.ReplaceAll(strings.ReplaceAll(s, "| 项目 |  |  |\n| --- | --- | --- |\n", ""), mdGeneric, "")
		},
		"first rows as headers": func(s string) string {
			s = strings.ReplaceAll(s, mdGeneric, "")
			s = strings.ReplaceAll(s, "| 项目 |  |  |\n| --- | --- | --- |\n", "")
			var out []string
			head := true
			for _, ln := range strings.Split(s, "\n") {
				out = append(out, ln)
				if strings.HasPrefix(ln, "|") && head {
					out = append(out, "| --- | --- | --- |")
					head = false
				}
				head = head || ln == ""
			}
			return strings.Join(out, "\n")
		},
		"full-width bars": func(s string) string { return strings.ReplaceAll(s, "|", "｜") },
		"labels in one column": func(s string) string {
			var out []string
			for _, ln := range strings.Split(s, "\n") {
				if strings.Count(ln, "|") == 4 {
					ln = "| " + strings.Join(strings.Fields(strings.ReplaceAll(ln, "|", " ")), "") + " |"
				}
				out = append(out, ln)
			}
			return strings.Join(out, "\n")
		},
		"label columns kept empty": func(s string) string {
			var out []string
			for _, ln := range strings.Split(s, "\n") {
				if strings.Count(ln, "|") == 8 {
					ln = "|  |  |  " + ln
				}
				out = append(out, ln)
			}
			return strings.Join(out, "\n")
		},
	} {
		text := edit(mdS3(vals, [][2]int{{0, 15}, {15, 25}}, nil))
		p := parseText("md.txt", []byte(s3Report(text)))
		if p.Report.Template != schemas.Template2021 {
			t.Fatalf("%s: template %s, want 2021", name, p.Report.Template)
		}
		got := cellValues(p)
		for _, l := range mdS3Labels {
			for j, a := range schemas.Applicants {
				cell := schemas.ApplicationCell(l.code, a.Code)
				w := vals[l.code][j]
				if w == "" {
					w = "null"
				}
				if got[cell] != w {
					t.Errorf("%s: %s = %s, want %s", name, cell, got[cell], w)
				}
			}
		}
		for _, f := range p.Findings {
			if strings.HasPrefix(f.Cell, "s3") && f.Severity != schemas.SeverityInfo {
				t.Errorf("%s: finding %s %s: %s", name, f.Rule, f.Severity, f.Message)
			}
		}
		if n := len(findingsOn(p, "s3.*")); n != 2 {
			t.Errorf("%s: %d findings on s3.*, want the two pages' S3_COLUMN_BLOCKS notes: %v", name, n, rulesOf(p))
		}
	}
}

// TestS3MarkdownTablesUndetermined: when the numbers table has a row too
// few or a column too few, or its rows do not satisfy the template's
// arithmetic read in the labels' order, no cell of the page is read from
// it: null, with a finding.
func TestS3MarkdownTablesUndetermined(t *testing.T) {
	vals := mdS3Values()
	for name, edit := range map[string]func(int, []string) []string{
		"row lost": func(pg int, rows []string) []string {
			if pg == 0 {
				return append(rows[:3:3], rows[4:]...)
			}
			return rows
		},
		"column lost": func(pg int, rows []string) []string {
			for i, r := range rows {
				fs := strings.Split(r, "|")
				rows[i] = strings.Join(append(fs[:3:3], fs[4:]...), "|")
			}
			return rows
		},
		"rows swapped": func(pg int, rows []string) []string {
			if pg == 0 {
				rows[0], rows[2] = rows[2], rows[0]
			}
			return rows
		},
	} {
		p := parseText("md.txt", []byte(s3Report(mdS3(vals, [][2]int{{0, 15}, {15, 25}}, edit))))
		got := cellValues(p)
		for _, l := range mdS3Labels[:15] {
			for j, a := range schemas.Applicants {
				cell := schemas.ApplicationCell(l.code, a.Code)
				w := vals[l.code][j]
				if w == "" {
					w = "null"
				}
				if got[cell] != w && got[cell] != "null" {
					t.Errorf("%s: %s = %s, want %s or null", name, cell, got[cell], w)
				}
			}
		}
		if got["s3.granted.total"] != "null" {
			t.Errorf("%s: s3.granted.total = %s, want null", name, got["s3.granted.total"])
		}
		var errs int
		for _, f := range p.Findings {
			if strings.HasPrefix(f.Cell, "s3") && f.Severity == schemas.SeverityError {
				errs++
			}
		}
		if errs == 0 {
			t.Errorf("%s: no error finding on section 三: %v", name, rulesOf(p))
		}
		if name == "column lost" {
			var said bool
			for _, f := range p.Findings {
				said = said || (f.Rule == "S3_COLUMN_BLOCKS" && strings.Contains(f.Message, "of 6 cells for the template's 7 columns"))
			}
			if !said {
				t.Errorf("%s: no finding names the table's 6 columns: %v", name, rulesOf(p))
			}
		}
	}
}
