package transform

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// The five columns of 法人或其他组织 in section 三, by a word each heading
// holds, in the template's order (schemas.Applicants 1 to 5).
var s3SubColumns = []string{"商业企业", "科研机构", "社会公益", "法律服务", "其他"}

// reLegalPerson is the heading over the five columns, masked before they
// are looked for: it holds 其他 too.
var reLegalPerson = regexp.MustCompile(`法人或者?其他组织`)

// s3ColumnOrder reads, from section 三's header (its lines from the
// heading at from to the first line holding a digit, the first row's), in
// which order the five columns of 法人或其他组织 are printed. It returns
// nil when they are printed in the template's order or the header does
// not name each exactly once; otherwise order[i] is the index in
// schemas.Applicants of the column printed i-th among them (order[0] is
// the first of the five, which the template calls commercial).
//
// Only these five are compared: a header of two rows prints 自然人 and 总计
// on the first and the five on the second, so where 总计 stands among the
// header's words tells nothing of its column.
func s3ColumnOrder(cl []string, from int) []int {
	var b strings.Builder
	for i := from + 1; i < len(cl) && i < from+60; i++ {
		if strings.ContainsAny(cl[i], "0123456789") {
			break
		}
		b.WriteString(cl[i])
	}
	hdr := reLegalPerson.ReplaceAllStringFunc(b.String(), func(m string) string { return strings.Repeat("#", len(m)) })
	pos := make([]int, len(s3SubColumns))
	for j, w := range s3SubColumns {
		if strings.Count(hdr, w) != 1 {
			return nil
		}
		pos[j] = strings.Index(hdr, w)
	}
	order := make([]int, len(pos))
	moved := false
	for j := range pos {
		rank := 0
		for i := range pos {
			if pos[i] < pos[j] {
				rank++
			}
		}
		order[rank] = j + 1
		moved = moved || rank != j
	}
	if !moved {
		return nil
	}
	return order
}

// reS3SubCell matches a section 三 cell code of one of the five columns
// in a finding's cell or message.
var reS3SubCell = regexp.MustCompile(`\bs3\.[a-z_.]+?\.(commercial|research|social|legal|other)\b`)

// permuteS3 moves what was read under each of the five columns of
// 法人或其他组织, in the template's order, to the column the header printed
// there (order, see s3ColumnOrder): the table was read by position, and
// its arithmetic is the same for the five (each adds into 总计, each
// column balances alike), so only the cells' names change. It runs before
// the checks, which then name the right columns; findings of the reading
// that name such cells are renamed, and a warning says what was done.
func (p *parser) permuteS3(order []int) {
	// to[j] is the index in schemas.Applicants of the column the
	// template's column j (1 to 5) is printed as.
	to := map[int]int{}
	var names []string
	for i, a := range order {
		to[i+1] = a
		names = append(names, schemas.Applicants[a].Code)
	}
	apps := p.out.Applications
	type val struct {
		count *int64
		raw   string
		line  int32
		cv    cellv
		ok    bool
	}
	for start := 0; start < len(apps); {
		o := apps[start].Outcome
		end := start
		for end < len(apps) && apps[end].Outcome == o {
			end++
		}
		var saved [8]val
		for j := range to {
			cell := appCell(o, j)
			for i := start; i < end; i++ {
				if apps[i].Cell == cell {
					saved[j] = val{count: apps[i].Count, raw: apps[i].Raw, line: apps[i].Line, ok: true}
				}
			}
			if cv := p.s3.get(cell); cv != nil {
				saved[j].cv = *cv
			}
		}
		for j, dst := range to {
			cell := appCell(o, dst)
			if !saved[j].ok {
				continue
			}
			for i := start; i < end; i++ {
				if apps[i].Cell == cell {
					apps[i].Count, apps[i].Raw, apps[i].Line = saved[j].count, saved[j].raw, saved[j].line
				}
			}
			if cv := p.s3.get(cell); cv != nil {
				idx := cv.idx
				*cv = saved[j].cv
				cv.idx = idx
			}
		}
		start = end
	}
	byCode := map[string]string{}
	for j, dst := range to {
		byCode[schemas.Applicants[j].Code] = schemas.Applicants[dst].Code
	}
	rename := func(s string) string {
		return reS3SubCell.ReplaceAllStringFunc(s, func(m string) string {
			i := strings.LastIndexByte(m, '.')
			if dst, ok := byCode[m[i+1:]]; ok {
				return m[:i+1] + dst
			}
			return m
		})
	}
	for i := range p.out.Findings {
		f := &p.out.Findings[i]
		if strings.HasPrefix(f.Cell, "s3.") || strings.Contains(f.Message, "s3.") {
			f.Cell, f.Message = rename(f.Cell), rename(f.Message)
		}
	}
	p.finding(ruleS3ColumnOrder, schemas.SeverityWarning, "s3.*", fmt.Sprintf(
		"the header prints the columns of 法人或其他组织 in the order %s, not the template's; the table's numbers were read under them",
		strings.Join(names, ", ")), 0, nil, nil)
}
