package extract

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/net/html"
)

// maxPeelLayers bounds the escaping layers removed (a JSON string inside a
// JSON string inside entities is three); each layer is one linear pass.
const maxPeelLayers = 4

// peelText reads a decoded text file that holds table markup, as a crawler
// saves a page whose content is a JavaScript variable or a JSON field
// (\u003ctd\u003e, <td class=\"c\">, <\/td>) or shows the page's source
// (&lt;td&gt;): the escaping is removed, layer by layer, and the markup is
// read by the HTML reader, so its tables are tables. Text with no table
// markup is left as it is.
func peelText(doc *schemas.Document, lim Limits) {
	if doc.Text == "" || !hasTableTag(doc.Text, tagAny) {
		return
	}
	text, layers := peel(doc.Text)
	if !hasTableTag(text, tagRaw) {
		return
	}
	page := schemas.Document{SourcePath: doc.SourcePath, SourceFormat: "html"}
	b := []byte(text)
	readHTML(&page, bytes.NewReader(b), b, int64(len(b)), nil, lim.withDefaults(), nil)
	if len(page.Tables) == 0 {
		return
	}
	doc.Text, doc.Tables = page.Text, page.Tables
	doc.Findings = append(doc.Findings, finding(RuleMarkupPeeled, schemas.SeverityInfo, fmt.Sprintf(
		"%s holds its page's markup (%d escaping layers removed); it was read as HTML.", doc.SourcePath, layers)))
	for _, f := range page.Findings {
		switch f.Rule {
		case RuleCharsetMismatch.Code, RuleEncodingUncertain.Code, RuleEncodingInvalid.Code:
			// about the page's bytes, which were decoded with the file
		default:
			doc.Findings = append(doc.Findings, f)
		}
	}
}

// peel removes escaping layers from text while they hide table markup and
// returns the result and the number of layers removed. Unescaping shrinks a
// real page; the markup added around spliced literals and JSON values can
// grow a crafted one, so a result over twice the input (and 4 KiB) is
// given up: the text is returned as it was, with no layer removed.
func peel(text string) (string, int) {
	orig, layers := text, 0
	limit := 2*len(text) + 4096
	plain := !looksHTML(text)
	for layers < maxPeelLayers {
		t, ok, _ := unquote(text, plain)
		plain = false // what a layer gives is markup
		if !ok && hasTableTag(text, tagEntity) {
			t = html.UnescapeString(text)
			ok = t != text
		}
		if !ok {
			break
		}
		if len(t) > limit {
			return orig, 0
		}
		text = t
		layers++
	}
	return text, layers
}

// openers are the ways a '<' is printed in a page's source: raw, as a
// JavaScript escape, or as an HTML entity (matched without case).
var openers = []string{"<", `\u003c`, `\x3c`, "&lt;", "&#60;", "&#060;", "&#x3c;", "&#x003c;", "&amp;lt;"}

// tableTags are the elements whose markup makes a text a table page.
var tableTags = []string{"td", "th", "tr", "table"}

// How a tag's '<' may be printed, for hasTableTag.
const (
	tagRaw    = 1 << iota // <
	tagJS                 // \u003c, \x3c
	tagEntity             // &lt; and the numeric references
	tagAny    = tagRaw | tagJS | tagEntity
)

// openerKind is the kind of each of openers.
var openerKind = []int{tagRaw, tagJS, tagJS, tagEntity, tagEntity, tagEntity, tagEntity, tagEntity, tagEntity}

// hasTableTag reports whether s holds the start or end tag of a table
// element with its '<' printed in one of the ways kinds allows.
//
// The text is searched once for each first byte of the openers of kinds
// (IndexByte is many bytes an instruction, where IndexAny tests them one
// by one): only the answer matters, not where the first tag is.
func hasTableTag(s string, kinds int) bool {
	for _, f := range openerFirsts {
		if f.kind&kinds == 0 {
			continue
		}
		for i := 0; i < len(s); i++ {
			j := strings.IndexByte(s[i:], f.c)
			if j < 0 {
				break
			}
			i += j
			if tableTagAt(s, i, kinds) {
				return true
			}
		}
	}
	return false
}

// openerFirsts are the first bytes of openers, with the kind of the
// openers each begins.
var openerFirsts = [...]struct {
	c    byte
	kind int
}{{'<', tagRaw}, {'\\', tagJS}, {'&', tagEntity}}

// tableTagAt reports whether a table tag starts at s[i].
func tableTagAt(s string, i int, kinds int) bool {
	rest := s[i:]
	n := 0
	for k, o := range openers {
		if openerKind[k]&kinds == 0 {
			continue
		}
		if len(rest) >= len(o) && strings.EqualFold(rest[:len(o)], o) {
			n = len(o)
			break
		}
	}
	if n == 0 {
		return false
	}
	rest = rest[n:]
	switch {
	case strings.HasPrefix(rest, `\/`):
		rest = rest[2:]
	case strings.HasPrefix(rest, "/"):
		rest = rest[1:]
	}
	for _, t := range tableTags {
		if len(rest) >= len(t) && strings.EqualFold(rest[:len(t)], t) {
			if len(rest) == len(t) || !isAlnum(rest[len(t)]) {
				return true
			}
		}
	}
	return false
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// unquote replaces every JavaScript string literal of text that
// holds table markup by its content, unescaped. Inside a <script> element the
// content is spliced between </script> and <script>, so that the HTML
// reader sees it and not the code around it. A text that is JSON (it starts
// with '{' or '[') keeps only its string values: markup as markup, other
// values as paragraphs, keys and punctuation dropped. ok is false when no
// literal was replaced.
//
// plain says the text around the literals is plain text, not markup (a
// crawler's text of the page with the variable after it): it is escaped
// and its line breaks kept as <br>, so that the HTML reader keeps its
// lines. unquote also returns the bytes scanned for the ends of literals.
func unquote(text string, plain bool) (string, bool, int) {
	steps := 0
	trimmed := strings.TrimLeft(text, " \t\r\n\ufeff")
	json := strings.HasPrefix(trimmed, "{") || strings.HasPrefix(trimmed, "[")
	var b strings.Builder
	b.Grow(len(text))
	inScript, changed := false, false
	last := 0 // text[last:i] is not yet written
	// open[q] is the end of the line on which a literal opened by q found
	// no closing quote: later openers of q on that line are not scanned
	// again, so a line of lone quotes costs its length, not its square.
	var open [2]int
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' {
			open = [2]int{}
			continue
		}
		if c == '<' && !json {
			switch {
			case hasPrefixFold(text[i:], "<script"):
				inScript = true
			case hasPrefixFold(text[i:], "</script"):
				inScript = false
			}
			continue
		}
		if c != '"' && c != '\'' {
			continue
		}
		q := 0
		if c == '\'' {
			q = 1
		}
		if open[q] > i {
			continue
		}
		end := literalEnd(text, i)
		if end < 0 {
			steps += strings.IndexByte(text[i:]+"\n", '\n')
			open[q] = len(text)
			if nl := strings.IndexByte(text[i:], '\n'); nl >= 0 {
				open[q] = i + nl
			}
			continue
		}
		steps += end - i
		body := text[i+1 : end]
		markup := hasTableTag(body, tagAny)
		switch {
		case markup && (inScript || json || strings.IndexByte(body, '\\') >= 0):
			if !json {
				writeOutside(&b, text[last:i], plain)
			}
			v := unescapeJS(body)
			if inScript {
				b.WriteString("</script>")
				b.WriteString(v)
				b.WriteString("<script>")
			} else {
				b.WriteString("\n")
				b.WriteString(v)
				b.WriteString("\n")
			}
			changed = true
		case json:
			if !isKey(text, end+1) {
				b.WriteString("<p>")
				b.WriteString(html.EscapeString(unescapeJS(body)))
				b.WriteString("</p>\n")
			}
		default:
			i = end
			continue
		}
		last, i = end+1, end
	}
	if !changed {
		return text, false, steps
	}
	if !json {
		writeOutside(&b, text[last:], plain)
	}
	return b.String(), true, steps
}

// reHTMLPage finds the elements of a page's frame.
var reHTMLPage = regexp.MustCompile(`(?i)<(?:!doctype|html|head|body|script)[\s>]`)

// looksHTML reports a text that is a page's source: it opens with a tag or
// holds the elements of a page's frame. Markup inside a variable of plain
// text does not count.
func looksHTML(text string) bool {
	return strings.HasPrefix(strings.TrimLeft(text, " \t\r\n\ufeff"), "<") || reHTMLPage.MatchString(text)
}

// writeOutside writes text that lies outside the replaced literals: as it
// is, or, when plain, escaped with its line breaks as <br>.
func writeOutside(b *strings.Builder, s string, plain bool) {
	if !plain {
		b.WriteString(s)
		return
	}
	for i, l := range strings.Split(s, "\n") {
		if i > 0 {
			b.WriteString("<br>\n")
		}
		b.WriteString(html.EscapeString(l))
	}
}

func hasPrefixFold(s, p string) bool {
	return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p)
}

// literalEnd returns the index of the quote closing the literal opened at
// text[i], or -1 when the line ends first (a JavaScript string holds no raw
// line break, so a lone quote in prose opens nothing).
func literalEnd(text string, i int) int {
	q := text[i]
	for j := i + 1; j < len(text); j++ {
		switch text[j] {
		case '\\':
			j++
		case '\n':
			return -1
		case q:
			return j
		}
	}
	return -1
}

// isKey reports whether the literal that ended before text[i] is an object
// key: a ':' follows it.
func isKey(text string, i int) bool {
	for ; i < len(text); i++ {
		switch text[i] {
		case ' ', '\t', '\r', '\n':
		case ':':
			return true
		default:
			return false
		}
	}
	return false
}

// unescapeJS decodes the escapes of a JavaScript (or JSON) string body:
// \n \t \r \b \f \v \0, \" \' \/ \\, \xHH, \uHHHH with surrogate pairs,
// \u{H…}, and a backslash before a line break. An unknown escape stands
// for its character, as in JavaScript; a broken one is kept as printed.
func unescapeJS(s string) string {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	// The text between escapes is copied a run at a time.
	for ; i >= 0; i = strings.IndexByte(s, '\\') {
		b.WriteString(s[:i])
		s = s[i:] // s[0] is the backslash
		if len(s) == 1 {
			break // a lone backslash at the end stays
		}
		n := 2 // the backslash and the character after it
		switch e := s[1]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b', 'f', 'v':
			b.WriteByte(' ')
		case '0':
			b.WriteByte(' ')
		case '\n':
		case 'x':
			if v, ok := hexAt(s, 2, 2); ok {
				b.WriteRune(rune(v))
				n = 4
			} else {
				b.WriteString(`\x`)
			}
		case 'u':
			if r, m := unicodeEscape(s, 2); m == 0 {
				b.WriteString(`\u`)
			} else {
				b.WriteRune(r)
				n = 2 + m
			}
		default:
			b.WriteByte(e)
		}
		s = s[n:]
	}
	b.WriteString(s)
	return b.String()
}

// unicodeEscape reads the digits of \uHHHH (a surrogate pair as two
// escapes) or \u{H…} at s[i:], returning the rune and the bytes read (0 when
// broken).
func unicodeEscape(s string, i int) (rune, int) {
	if i < len(s) && s[i] == '{' {
		end := strings.IndexByte(s[i:], '}')
		if end < 2 || end > 7 {
			return 0, 0
		}
		v, err := strconv.ParseUint(s[i+1:i+end], 16, 32)
		if err != nil || !utf8.ValidRune(rune(v)) {
			return 0, 0
		}
		return rune(v), end + 1
	}
	v, ok := hexAt(s, i, 4)
	if !ok {
		return 0, 0
	}
	r := rune(v)
	if r >= 0xD800 && r < 0xDC00 && i+10 <= len(s) && s[i+4] == '\\' && s[i+5] == 'u' {
		if lo, ok := hexAt(s, i+6, 4); ok && lo >= 0xDC00 && lo < 0xE000 {
			return 0x10000 + (r-0xD800)<<10 + rune(lo-0xDC00), 10
		}
	}
	if r >= 0xD800 && r < 0xE000 {
		return utf8.RuneError, 4
	}
	return r, 4
}

// hexAt reads the n hexadecimal digits (n at most 7) at s[i:].
func hexAt(s string, i, n int) (uint32, bool) {
	if i+n > len(s) {
		return 0, false
	}
	var v uint32
	for _, c := range []byte(s[i : i+n]) {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		v = v<<4 | uint32(c)
	}
	return v, true
}
