package generate

import (
	"html"
	"math/rand/v2"
	"strconv"
	"strings"
)

// renderHTML prints the report as a government site serves it: a page
// whose tables carry rowspan and colspan, cells often wrapped in the
// <p><span> a word processor leaves behind.
func (m *model) renderHTML(r *rand.Rand, blocks []block) string {
	var b strings.Builder
	charset := "utf-8"
	if m.enc == EncGBK {
		charset = "gbk"
	}
	wordish := chance(r, 0.5) // cells as <p><span>…</span></p>
	nbsp := chance(r, 0.5)    // blank cells as &nbsp;
	title := m.title
	if title == "" {
		title = "政府信息公开工作年度报告"
	}
	b.WriteString("<!DOCTYPE html>\n<html>\n<head>\n")
	if chance(r, 0.7) {
		b.WriteString(`<meta charset="` + charset + `">` + "\n")
	} else {
		b.WriteString(`<meta http-equiv="Content-Type" content="text/html; charset=` + charset + `">` + "\n")
	}
	b.WriteString("<title>" + html.EscapeString(title) + "</title>\n")
	b.WriteString("<style>table{border-collapse:collapse}td{border:1px solid #000;padding:2px 4px}</style>\n")
	b.WriteString("</head>\n<body>\n<div class=\"header\"><a href=\"/\">首页</a> &gt; <a href=\"/zfxxgk/\">政府信息公开</a> &gt; 年度报告</div>\n")
	b.WriteString("<div class=\"article\">\n")
	for _, bl := range blocks {
		switch bl.kind {
		case bTitle:
			b.WriteString("<h1 style=\"text-align:center\">" + html.EscapeString(bl.text) + "</h1>\n")
		case bHeading:
			b.WriteString("<p><strong>" + html.EscapeString(bl.text) + "</strong></p>\n")
		case bPara:
			b.WriteString("<p style=\"text-indent:2em\">" + html.EscapeString(bl.text) + "</p>\n")
		case bSignature, bDate:
			b.WriteString("<p style=\"text-align:right\">" + html.EscapeString(bl.text) + "</p>\n")
		case bTable:
			var spacer func() int
			if (m.layout == LayoutHTMLSpacer || m.layout == LayoutHTMLShifted) && bl.t.head == 3 && len(bl.t.widths) == 10 {
				lost := 0
				if m.layout == LayoutHTMLShifted {
					lost = 8
				}
				spacer = func() int {
					switch x := r.IntN(100); {
					case x < lost:
						return spacerLost
					case x < lost+48:
						return spacerCell
					}
					return spacerSpanned
				}
			}
			m.htmlTable(&b, bl.t, wordish, nbsp, spacer)
		}
	}
	b.WriteString("</div>\n</body>\n</html>\n")
	return b.String()
}

// How a body row of a grid with a spacer column fills it.
const (
	spacerSpanned = iota // the row's last label spans it
	spacerCell           // an empty cell of its own
	spacerLost           // neither: the row is one cell short, its numbers one column left
)

// htmlTable writes t as a <table>. With spacer set (section 三 of
// LayoutHTMLSpacer), the grid has a narrow empty column between the labels
// and the numbers, as tables drawn in an editor often do: the header's
// first cell spans it, and spacer says how each body row fills it; now and
// then a row forgets it, and stands one column off.
func (m *model) htmlTable(b *strings.Builder, t *table, wordish, nbsp bool, spacer func() int) {
	b.WriteString("<table border=\"1\" cellspacing=\"0\" cellpadding=\"0\" width=\"100%\">\n<tbody>\n")
	for i, row := range t.rows {
		b.WriteString("<tr>")
		cols := columns(row)
		lastLabel, fill := -1, spacerSpanned
		if spacer != nil {
			for k, c := range row {
				if c.kind != kValue && cols[k] < 3 && c.vm != vmContinue {
					lastLabel = k
				}
			}
			if i >= t.head {
				fill = spacer()
			}
		}
		for k, c := range row {
			if c.vm == vmContinue {
				continue
			}
			if k == lastLabel && fill == spacerSpanned {
				c.span++
			}
			m.htmlCell(b, t, i, cols[k], c, wordish, nbsp)
			if k == lastLabel && fill == spacerCell {
				b.WriteString(`<td width="1" style="width:1px"></td>`)
			}
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>\n")
}

func (m *model) htmlCell(b *strings.Builder, t *table, i, col int, c tc, wordish, nbsp bool) {
	b.WriteString("<td")
	if c.vm == vmRestart {
		if n := t.rowspan(i, col); n > 1 {
			b.WriteString(` rowspan="` + strconv.Itoa(n) + `"`)
		}
	}
	if c.span > 1 {
		b.WriteString(` colspan="` + strconv.Itoa(c.span) + `"`)
	}
	b.WriteString(">")
	text := strings.ReplaceAll(html.EscapeString(c.text), "\n", "<br/>")
	if text == "" && nbsp {
		text = "&nbsp;"
	}
	if wordish {
		align := ""
		if c.kind != kLabel {
			align = ` align="center"`
		}
		text = "<p" + align + "><span>" + text + "</span></p>"
	}
	b.WriteString(text)
	b.WriteString("</td>")
}
