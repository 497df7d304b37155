package generate

import (
	"math/rand/v2"
	"strconv"
)

// Kinds of blocks in a report.
const (
	bTitle = iota
	bHeading
	bPara
	bTable
	bSignature
	bDate
)

type block struct {
	kind int
	text string
	t    *table
}

func itoa(n int) string { return strconv.Itoa(n) }

// blocks lays the report out in reading order. Tables that a layout prints
// over a page break get their break row here, so every layout of the same
// report would break at the same place.
func (m *model) blocks(r *rand.Rand) []block {
	var out []block
	if m.title != "" {
		out = append(out, block{kind: bTitle, text: m.title})
	}
	n := m.narrative
	for _, p := range n.intro {
		out = append(out, block{kind: bPara, text: p})
	}
	out = append(out, block{kind: bHeading, text: m.label(n.h1)})
	for _, p := range n.sec1 {
		out = append(out, block{kind: bPara, text: m.label(p)})
	}
	out = append(out, block{kind: bHeading, text: "二、主动公开政府信息情况"})
	out = append(out, block{kind: bTable, t: m.disclosures()})
	s3 := m.applications()
	s3.split = s3.head + 3 + r.IntN(len(s3.rows)-s3.head-6)
	out = append(out, block{kind: bHeading, text: n.h3})
	out = append(out, block{kind: bTable, t: s3})
	out = append(out, block{kind: bHeading, text: "四、政府信息公开行政复议、行政诉讼情况"})
	out = append(out, block{kind: bTable, t: m.appeals()})
	out = append(out, block{kind: bHeading, text: "五、存在的主要问题及改进情况"})
	for _, p := range n.sec5 {
		out = append(out, block{kind: bPara, text: m.label(p)})
	}
	out = append(out, block{kind: bHeading, text: "六、其他需要报告的事项"})
	for _, p := range n.sec6 {
		out = append(out, block{kind: bPara, text: m.label(p)})
	}
	if m.signature {
		out = append(out, block{kind: bSignature, text: m.agency.name})
	}
	out = append(out, block{kind: bDate, text: itoa(m.year+1) + "年1月" + itoa(m.date) + "日"})
	return out
}
