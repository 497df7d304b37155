package extract

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// scanXML reads word/document.xml with a scanner of our own: encoding/xml
// spent most of a .docx's reading time (and allocations) on tokens and
// names nianbao never looks at. It reports start tags by local name with
// their raw attributes, end tags, and character data with entities
// decoded. It checks what matters for trusting the text: the bytes are
// UTF-8, every tag is closed, end tags match their start tags, and the
// document does not end inside an element, a comment or a tag.
//
// It streams: at most maxXMLToken bytes of r are held at a time, so a
// document.xml of hundreds of megabytes costs no more than a small one;
// character data longer than that is handed over in pieces.
//
// wantText says whether the caller would use character data at this point;
// when it would not, the data is still checked (entities) but not copied.
// stop is asked before each token; a non-nil error ends the scan with it.
func scanXML(r io.Reader, start func(local string, attrs []byte), end func(local string), wantText func() bool, text func(string), stop func() error) error {
	x := &xmlReader{r: r}
	var open []string
	// names holds each tag name once: a document uses a few dozen.
	names := map[string]string{}
	for {
		if err := stop(); err != nil {
			return err
		}
		if x.i == len(x.buf) || (x.buf[x.i] == '<' && len(x.buf)-x.i < 9 && !x.eof) {
			// (a '<' needs the bytes after it to tell what it opens)
			if x.eof {
				break
			}
			if err := x.more(); err != nil {
				return err
			}
			continue
		}
		rest := x.buf[x.i:]
		if rest[0] != '<' {
			j := bytes.IndexByte(rest, '<')
			if j < 0 && !x.eof {
				if len(rest) < textPiece {
					if err := x.more(); err != nil {
						return err
					}
					continue
				}
				// a long run of text: hand over what is certain, not an
				// entity or a character cut in two
				j = len(rest)
				if k := bytes.LastIndexByte(rest, '&'); k >= 0 && len(rest)-k <= 12 {
					j = k
				}
				j = len(trimPartialRune(rest[:j]))
			}
			if j < 0 {
				j = len(rest)
			}
			if len(open) > 0 {
				if seg := rest[:j]; bytes.IndexByte(seg, '&') >= 0 {
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
			x.i += j
			continue
		}
		// whether the construct at rest ends in the bytes at hand; if not,
		// more are read and the loop comes back to it
		more := func(found bool, what string) (bool, error) {
			if found {
				return false, nil
			}
			if x.eof {
				return false, fmt.Errorf("xml: unterminated %s", what)
			}
			return true, x.more()
		}
		switch {
		case len(rest) > 1 && rest[1] != '?' && rest[1] != '!':
			// a tag, below
		case bytes.HasPrefix(rest, []byte("<?")):
			k := bytes.Index(rest, []byte("?>"))
			if again, err := more(k >= 0, "processing instruction"); err != nil || again {
				if err != nil {
					return err
				}
				continue
			}
			x.i += k + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!--")):
			k := bytes.Index(rest[4:], []byte("-->"))
			if again, err := more(k >= 0, "comment"); err != nil || again {
				if err != nil {
					return err
				}
				continue
			}
			x.i += 4 + k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			k := bytes.Index(rest[9:], []byte("]]>"))
			if again, err := more(k >= 0, "CDATA"); err != nil || again {
				if err != nil {
					return err
				}
				continue
			}
			if len(open) > 0 {
				text(string(rest[9 : 9+k]))
			}
			x.i += 9 + k + 3
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			k := bytes.IndexByte(rest, '>')
			if again, err := more(k >= 0, "declaration"); err != nil || again {
				if err != nil {
					return err
				}
				continue
			}
			x.i += k + 1
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
		if again, err := more(k < len(rest), "tag"); err != nil || again {
			if err != nil {
				return err
			}
			continue
		}
		tag := rest[1:k]
		x.i += k + 1
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

const (
	// maxXMLToken bounds one tag, comment or other markup construct of
	// word/document.xml, and so the bytes held while scanning it.
	maxXMLToken = 1 << 20
	// textPiece is the character data read before it is handed over
	// without waiting for the next tag.
	textPiece = 64 << 10
)

// errXMLToken is met when one construct is over maxXMLToken bytes.
var errXMLToken = fmt.Errorf("xml: a tag or comment over %d bytes", maxXMLToken)

// xmlReader holds the unread bytes of a document, buf[i:], and checks that
// what it reads is UTF-8.
type xmlReader struct {
	r       io.Reader
	buf     []byte
	i       int
	checked int // buf[:checked] is known to be UTF-8
	eof     bool
}

// more reads more of the document, keeping the unread bytes.
func (x *xmlReader) more() error {
	if x.i > 0 {
		n := copy(x.buf, x.buf[x.i:])
		x.buf, x.checked, x.i = x.buf[:n], max(0, x.checked-x.i), 0
	}
	if len(x.buf) >= maxXMLToken {
		return errXMLToken
	}
	if cap(x.buf)-len(x.buf) < 16<<10 {
		nb := make([]byte, len(x.buf), min(max(2*cap(x.buf), 64<<10), maxXMLToken+textPiece))
		copy(nb, x.buf)
		x.buf = nb
	}
	for {
		n, err := x.r.Read(x.buf[len(x.buf):cap(x.buf)])
		x.buf = x.buf[:len(x.buf)+n]
		if err == io.EOF {
			x.eof = true
		} else if err != nil {
			return err
		}
		if n > 0 || x.eof {
			break
		}
	}
	// as encoding/xml: a document that is not UTF-8 is broken. A
	// character cut by the end of this read is checked with the next.
	upTo := len(x.buf)
	if !x.eof {
		upTo = len(trimPartialRune(x.buf))
	}
	if !utf8.Valid(x.buf[x.checked:upTo]) {
		return fmt.Errorf("xml: invalid UTF-8")
	}
	x.checked = upTo
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
