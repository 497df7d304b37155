package generate

import (
	"encoding/json"
	"fmt"
	"html"
	"math/rand/v2"
	"strings"
)

// renderCrawled prints the report as a crawler saves a page whose article
// a script fills in: the HTML of LayoutHTML as a string in a JSON answer,
// in a JavaScript variable or document.write call, or escaped as entities
// (view source), in a .txt file.
func (m *model) renderCrawled(r *rand.Rand, blocks []block) string {
	page := m.renderHTML(r, blocks)
	if i := strings.Index(page, `<div class="article">`); i >= 0 {
		if j := strings.LastIndex(page, "</div>"); j > i {
			page = page[i : j+len("</div>")]
		}
	}
	title := m.title
	if title == "" {
		title = "政府信息公开工作年度报告"
	}
	date := fmt.Sprintf("%d-01-%02d", m.year+1, m.date)
	shell := func(script string) string {
		return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>政府信息公开</title>\n" +
			"<script src=\"/js/jquery.min.js\"></script></head><body><div id=\"content\"></div>\n" +
			"<script type=\"text/javascript\">" + script + "</script></body></html>\n"
	}
	switch r.IntN(7) {
	case 0: // a JSON API answer: '<' as \u003c
		api, _ := json.Marshal(map[string]any{"code": 200, "msg": "success", "data": map[string]any{
			"title": title, "content": page, "pubDate": date}}) // maps of strings always encode
		return string(api) + "\n"
	case 1:
		return shell("var content = " + phpJSON(page) + ";\n$(\"#content\").html(content);")
	case 2:
		return shell("\n  var pageData = {id: 1024, content: " + goJSON(page) + "};\n")
	case 3:
		return shell("document.write(" + hexJS(page) + ");")
	case 4: // view source
		return html.EscapeString(page) + "\n"
	case 5:
		return shell(`var c = "` + strings.ReplaceAll(html.EscapeString(page), "\n", `\n`) + `";`)
	}
	return "jQuery1124_1({\"status\":1,\"content\":" + goJSON(page) + "});\n"
}

// phpJSON encodes s as PHP's json_encode does by default: '/' as '\/' and
// every non-ASCII character as \uXXXX.
func phpJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\' || r == '/':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x80:
			b.WriteRune(r)
		case r > 0xFFFF:
			r1, r2 := r>>10+0xD7C0, r&0x3FF+0xDC00
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			fmt.Fprintf(&b, `\u%04x`, r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// goJSON encodes s as encoding/json does: <, > and & as \u003c, \u003e,
// \u0026.
func goJSON(s string) string {
	b, _ := json.Marshal(s) // a string always encodes
	return string(b)
}

// hexJS encodes s as a single-quoted JavaScript string with '<' and '>' as
// \x3c and \x3e, as document.write snippets do.
func hexJS(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "<", `\x3c`, ">", `\x3e`)
	return "'" + r.Replace(s) + "'"
}
