package generate

import (
	"fmt"
	"slices"
	"strings"

	"github.com/nianbao/nianbao/schemas"
)

// Printed is what a report prints, cell by cell, apart from any layout: the
// paragraphs around its tables and the text of every standard cell. Render
// draws it in the corpus's layouts, so that a report known from elsewhere
// (a seed, a test case) can be published the ways the corpus is.
type Printed struct {
	Template string // Template2019 or Template2021
	Year     int
	Single   bool     // section 三 prints the single （六）其他处理 row
	Head     []string // paragraphs before section 二 (title, section 一)
	Tail     []string // paragraphs after section 四 (sections 五 and 六, signature)
	// S2 holds, per item of the template's section 二 (schemas.Disclosures2019
	// or Disclosures2021), the printed text of each metric.
	S2 [][]string
	// S3 holds, per row of schemas.Outcomes(Single), the six applicant
	// columns and the total.
	S3 [][7]string
	// S2Heads holds, per item of section 二, the header of its amount
	// column when the report words it otherwise than the template
	// (采购总金额（元）); nil or "" for the template's.
	S2Heads []string
	// S4 holds the fifteen cells of section 四: review, suit_direct and
	// suit_after_review, each upheld, corrected, other, pending, total.
	S4 [15]string
}

// HasBlank reports whether p leaves any standard cell blank.
func (p Printed) HasBlank() bool {
	for _, r := range p.S2 {
		for _, c := range r {
			if c == "" {
				return true
			}
		}
	}
	for _, r := range p.S3 {
		for _, c := range r {
			if c == "" {
				return true
			}
		}
	}
	for _, c := range p.S4 {
		if c == "" {
			return true
		}
	}
	return false
}

// Render draws p in layout (one of Layouts, ExtraLayouts or FixtureLayouts) and encoding
// (EncUTF8, EncUTF8BOM, EncGB18030 for text, EncGBK for HTML; a .docx is
// always UTF-8). It fails when the text holds a character enc cannot. What a layout varies at random (HTML cells wrapped in
// <p><span>, a form feed at a page break) is drawn from seed: the same
// arguments give the same bytes. Section 三 breaks over a page after its
// row split (0 for no break) in the layouts that print page breaks.
func Render(p Printed, layout, enc string, seed int64, split int) ([]byte, error) {
	if !slices.Contains(Layouts, layout) && !slices.Contains(ExtraLayouts, layout) && !slices.Contains(FixtureLayouts, layout) {
		return nil, fmt.Errorf("%w %q", ErrLayout, layout)
	}
	if p.Template != Template2019 && p.Template != Template2021 {
		return nil, fmt.Errorf("%w %q", ErrTemplate, p.Template)
	}
	m := &model{year: p.Year, template: p.Template, single: p.Single, layout: layout, enc: enc, date: 15}
	m.items = schemas.Disclosures2021
	if p.Template == Template2019 {
		m.items = schemas.Disclosures2019
	}
	m.outs = schemas.Outcomes(p.Single)
	if len(p.S2) != len(m.items) || len(p.S3) != len(m.outs) {
		return nil, fmt.Errorf("%w: %d section 二 rows and %d section 三 rows, want %d and %d",
			ErrOptions, len(p.S2), len(p.S3), len(m.items), len(m.outs))
	}
	m.s2 = make([][]val, len(m.items))
	m.s2Head = make([]string, len(m.items))
	copy(m.s2Head, p.S2Heads)
	for i, it := range m.items {
		if len(p.S2[i]) != len(it.Metrics) {
			return nil, fmt.Errorf("%w: section 二 row %s has %d cells, want %d", ErrOptions, it.Code.Code, len(p.S2[i]), len(it.Metrics))
		}
		for _, s := range p.S2[i] {
			m.s2[i] = append(m.s2[i], val{raw: s})
		}
	}
	m.s3 = make([][7]val, len(m.outs))
	for i, r := range p.S3 {
		for a, s := range r {
			m.s3[i][a] = val{raw: s}
		}
	}
	for k, s := range p.S4 {
		m.s4[k/5][k%5] = val{raw: s}
	}

	if slices.Contains(FixtureLayouts, layout) {
		text, err := renderFixture(p, layout)
		if err != nil {
			return nil, err
		}
		return encodeText(text, enc)
	}

	var blocks []block
	para := func(lines []string) {
		for _, l := range lines {
			if l = oneLine(l); l != "" {
				blocks = append(blocks, block{kind: bPara, text: l})
			}
		}
	}
	para(p.Head)
	s3 := m.applications()
	if split > 0 && split < len(s3.rows)-s3.head {
		s3.split = s3.head + split - 1
	}
	blocks = append(blocks,
		block{kind: bHeading, text: "二、主动公开政府信息情况"}, block{kind: bTable, t: m.disclosures()},
		block{kind: bHeading, text: "三、收到和处理政府信息公开申请情况"}, block{kind: bTable, t: s3},
		block{kind: bHeading, text: "四、政府信息公开行政复议、行政诉讼情况"}, block{kind: bTable, t: m.appeals()})
	para(p.Tail)

	rng := NewRand(seed, 0)
	switch layout {
	case LayoutLines:
		return encodeText(m.renderLines(blocks), enc)
	case LayoutBlank:
		return encodeText(m.renderBlank(blocks), enc)
	case LayoutTabs:
		return encodeText(m.renderTabs(rng, blocks), enc)
	case LayoutPipe:
		return encodeText(m.renderPipe(blocks), enc)
	case LayoutGlued:
		return encodeText(m.renderGlued(blocks), enc)
	case LayoutColumns:
		return encodeText(m.renderColumns(blocks), enc)
	case LayoutLayout:
		return encodeText(m.renderLayout(blocks), enc)
	case LayoutHTML, LayoutHTMLSpacer, LayoutHTMLShifted:
		page := m.renderHTML(rng, blocks)
		if enc == EncGBK {
			// A page declaring gbk holds GB18030 in practice (browsers
			// decode it so): the same bytes for every GBK character, and
			// the rest of Unicode still representable.
			return encodeText(page, EncGB18030)
		}
		return encodeText(page, enc)
	case LayoutCrawled:
		return encodeText(m.renderCrawled(rng, blocks), enc)
	case LayoutMarkdown:
		return encodeText(m.renderMarkdown(blocks), enc)
	case LayoutMarkdownLost:
		return encodeText(m.renderMarkdownLost(rng, blocks), enc)
	case LayoutParagraphs:
		return encodeText(m.renderParagraphs(rng, blocks), enc)
	case LayoutWordHTML:
		page := m.renderWordHTML(blocks)
		if enc == EncGBK {
			return encodeText(page, EncGB18030)
		}
		return encodeText(page, enc)
	case LayoutWordDOCX:
		return m.renderWordDOCX(blocks), nil
	case LayoutDOCX:
		return m.renderDOCX(rng, blocks), nil
	}
	return nil, fmt.Errorf("%w %q: Render cannot draw it", ErrLayout, layout)
}

// renderFixture draws p in one of the fixture layouts: the tables as the
// test reports print them, between p's own paragraphs.
func renderFixture(p Printed, layout string) (string, error) {
	f := &fixture{File: "printed", Layout: layout, Template: p.Template, Year: p.Year, Single: p.Single}
	byCode := map[string][]any{}
	items := schemas.Disclosures2021
	if p.Template == Template2019 {
		items = schemas.Disclosures2019
	}
	for i, it := range items {
		for _, s := range p.S2[i] {
			byCode[it.Code.Code] = append(byCode[it.Code.Code], s)
		}
	}
	f.S2 = fxS2{Regulations: byCode["regulations"], Normative: byCode["normative"], Permit: byCode["permit"],
		OtherServices: byCode["other_services"], Penalty: byCode["penalty"], Compulsion: byCode["compulsion"]}
	if p.Template == Template2021 {
		f.S2.FeesPrinted = byCode["fees"][0].(string)
	} else {
		f.S2.Fees = byCode["fees"]
		f.S2.ProcurementPrinted = [2]string{byCode["procurement"][0].(string), byCode["procurement"][1].(string)}
	}
	for i, it := range items {
		if i >= len(p.S2Heads) || p.S2Heads[i] == "" {
			continue
		}
		switch it.Code.Code {
		case "fees":
			f.S2.FeesHeader = p.S2Heads[i]
		case "procurement":
			f.S2.ProcurementHeader = p.S2Heads[i]
		}
	}
	f.s2Table = f.disclosureTable()
	for i, r := range fxS3Rows(p.Single) {
		labels := append(append([]string(nil), r.labels...), "", "", "")[:3]
		f.body = append(f.body, fxBody{code: r.code, labels: labels, nums: p.S3[i][:]})
	}
	f.s4v = p.S4[:]
	s2, s3, s4, err := f.render()
	if err != nil {
		return "", err
	}
	paras := cat(p.Head, []string{"", "二、主动公开政府信息情况", s2, "", "三、收到和处理政府信息公开申请情况", s3,
		"", "四、政府信息公开行政复议、行政诉讼情况", s4, ""}, p.Tail, []string{""})
	if layout == FixtureBlankLines {
		return fxHalf.Replace(strings.Join(nonEmpty(paras), "\n\n")) + "\n", nil
	}
	return strings.Join(paras, "\n"), nil
}

// printed is what the model's report prints, for the fixture layouts: the
// paragraphs before section 二's heading and after section 四's table, and
// the text of every cell.
func (m *model) printed(blocks []block) Printed {
	p := Printed{Template: m.template, Year: m.year, Single: m.single, S2Heads: m.s2Head}
	first, last := -1, -1
	for i, b := range blocks {
		if b.kind == bTable {
			if first < 0 {
				first = i
			}
			last = i
		}
	}
	for i, b := range blocks {
		switch {
		case i < first-1:
			p.Head = append(p.Head, b.text)
		case i > last:
			p.Tail = append(p.Tail, b.text)
		}
	}
	for _, row := range m.s2 {
		var r []string
		for _, v := range row {
			r = append(r, v.raw)
		}
		p.S2 = append(p.S2, r)
	}
	for _, row := range m.s3 {
		var r [7]string
		for a, v := range row {
			r[a] = v.raw
		}
		p.S3 = append(p.S3, r)
	}
	for g := range 3 {
		for o := range 5 {
			p.S4[g*5+o] = m.s4[g][o].raw
		}
	}
	return p
}
