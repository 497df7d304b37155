package extract

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"
)

// scanXML reads word/document.xml with a scanner of our own: encoding/xml
// spent most of a .docx's reading time (and allocations) on tokens and
// names nianbao never looks at. It reports start tags by local name with
// their raw attributes, end tags, and character data with entities
// decoded. It checks what matters for trusting the text: every tag is
// closed, end tags match their start tags, and the document does not end
// inside an element, a comment or a tag.
//
// wantText says whether the caller would use character data at this point;
// when it would not, the data is still checked (entities) but not copied.
func scanXML(b []byte, start func(local string, attrs []byte), end func(local string), wantText func() bool, text func(string)) error {
	if !utf8.Valid(b) {
		// as encoding/xml: a document that is not UTF-8 is broken
		return fmt.Errorf("xml: invalid UTF-8")
	}
	var open []string
	// names holds each tag name once: a document uses a few dozen.
	names := map[string]string{}
	i := 0
	for i < len(b) {
		if b[i] != '<' {
			j := bytes.IndexByte(b[i:], '<')
			if j < 0 {
				j = len(b) - i
			}
			if len(open) > 0 {
				if seg := b[i : i+j]; bytes.IndexByte(seg, '&') >= 0 {
					t, err := unescape(seg)
					if err != nil {
						return err
					}
					if wantText() {
						text(t)
					}
				} else if wantText() {
					text(string(seg))
				}
			}
			i += j
			continue
		}
		rest := b[i:]
		switch {
		case len(rest) > 1 && rest[1] != '?' && rest[1] != '!':
			// a tag, below
		case bytes.HasPrefix(rest, []byte("<?")):
			k := bytes.Index(rest, []byte("?>"))
			if k < 0 {
				return fmt.Errorf("xml: unterminated processing instruction")
			}
			i += k + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest[4:], []byte("-->"))
			if k < 0 {
				return fmt.Errorf("xml: unterminated comment")
			}
			i += 4 + k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			k := bytes.Index(rest[9:], []byte("]]>"))
			if k < 0 {
				return fmt.Errorf("xml: unterminated CDATA")
			}
			if len(open) > 0 {
				text(string(rest[9 : 9+k]))
			}
			i += 9 + k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			k := bytes.IndexByte(rest, '>')
			if k < 0 {
				return fmt.Errorf("xml: unterminated declaration")
			}
			i += k + 1
			continue
		}
		// a tag: find its end, skipping quoted attribute values
		k, q := 1, byte(0)
		for ; k < len(rest); k++ {
			c := rest[k]
			if q != 0 {
				if c == q {
					q = 0
				}
				continue
			}
			if c == '"' || c == '\'' {
				q = c
			} else if c == '>' {
				break
			}
		}
		if k >= len(rest) {
			return fmt.Errorf("xml: unterminated tag")
		}
		tag := rest[1:k]
		i += k + 1
		closing := len(tag) > 0 && tag[0] == '/'
		if closing {
			tag = tag[1:]
		}
		self := len(tag) > 0 && tag[len(tag)-1] == '/'
		if self {
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && !isXMLSpace(tag[n]) {
			n++
		}
		name, ok := names[string(tag[:n])]
		if !ok {
			name = string(tag[:n])
			names[name] = name
		}
		if name == "" {
			return fmt.Errorf("xml: tag without a name")
		}
		local := name
		if c := strings.LastIndexByte(name, ':'); c >= 0 {
			local = name[c+1:]
		}
		if closing {
			if len(open) == 0 || open[len(open)-1] != name {
				return fmt.Errorf("xml: element </%s> closes <%s>", name, strings.Join(open[max(0, len(open)-1):], ""))
			}
			open = open[:len(open)-1]
			end(local)
			continue
		}
		start(local, tag[n:])
		if self {
			end(local)
		} else {
			open = append(open, name)
		}
	}
	if len(open) > 0 {
		return fmt.Errorf("xml: document ends inside <%s>", open[len(open)-1])
	}
	return nil
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attrVal returns the value of the attribute with the given local name
// (w:val → "val") from a tag's raw attributes.
func attrVal(attrs []byte, local string) string {
	for len(attrs) > 0 {
		for len(attrs) > 0 && isXMLSpace(attrs[0]) {
			attrs = attrs[1:]
		}
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return ""
		}
		name := strings.TrimSpace(string(attrs[:eq]))
		rest := bytes.TrimLeft(attrs[eq+1:], " \t\r\n")
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return ""
		}
		endq := bytes.IndexByte(rest[1:], rest[0])
		if endq < 0 {
			return ""
		}
		val := rest[1 : 1+endq]
		attrs = rest[2+endq:]
		if c := strings.LastIndexByte(name, ':'); c >= 0 {
			name = name[c+1:]
		}
		if name == local {
			v, err := unescape(val)
			if err != nil {
				return ""
			}
			return v
		}
	}
	return ""
}

// unescape decodes the five predefined entities and character references.
func unescape(b []byte) (string, error) {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b), nil
	}
	var out strings.Builder
	out.Grow(len(b))
	for len(b) > 0 {
		k := bytes.IndexByte(b, '&')
		if k < 0 {
			out.Write(b)
			break
		}
		out.Write(b[:k])
		b = b[k:]
		semi := bytes.IndexByte(b, ';')
		if semi < 0 || semi > 12 {
			return "", fmt.Errorf("xml: bad entity")
		}
		ent := string(b[1:semi])
		b = b[semi+1:]
		switch ent {
		case "lt":
			out.WriteByte('<')
		case "gt":
			out.WriteByte('>')
		case "amp":
			out.WriteByte('&')
		case "quot":
			out.WriteByte('"')
		case "apos":
			out.WriteByte('\'')
		default:
			if !strings.HasPrefix(ent, "#") {
				return "", fmt.Errorf("xml: unknown entity &%s;", ent)
			}
			var n uint64
			var err error
			if strings.HasPrefix(ent, "#x") || strings.HasPrefix(ent, "#X") {
				n, err = strconv.ParseUint(ent[2:], 16, 32)
			} else {
				n, err = strconv.ParseUint(ent[1:], 10, 32)
			}
			if err != nil || !utf8.ValidRune(rune(n)) {
				return "", fmt.Errorf("xml: bad character reference &%s;", ent)
			}
			out.WriteRune(rune(n))
		}
	}
	return out.String(), nil
}
