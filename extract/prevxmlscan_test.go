package extract

// scanXML as it was before tags of the common shape were read in one
// pass (plainTag), kept so that a differential test can compare the two.

import (
	"bytes"
	"fmt"
)

// prevScanXML is scanXML as it was before plainTag: every tag's end found
// a byte at a time, then its name in a second pass.
func prevScanXML(x *xmlReader, h xmlHandler) error {
	// open holds the names of the open elements. Streamed, they are
	// slices of strings held in names, each name once (a document uses a
	// few dozen); in memory, slices of the document.
	var open [][]byte
	var names map[string][]byte
	if x.r != nil {
		names = map[string][]byte{}
	}
	var scratch []byte // entities decoded
	for {
		if err := h.stop(); err != nil {
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
					var err error
					if scratch, err = appendUnescaped(scratch[:0], seg); err != nil {
						return err
					}
					if h.wantText() {
						h.text(scratch)
					}
				} else if h.wantText() {
					h.text(seg)
				}
			}
			x.i += j
			continue
		}
		// whether the construct at rest ends in the bytes at hand; if not,
		// more are read and the loop comes back to it. In memory, it is
		// refused when streaming might not have held it (see scanXML).
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
			if x.r == nil && k+2 >= maxXMLToken {
				return errXMLToken
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
			if x.r == nil && 4+k+3 >= maxXMLToken {
				return errXMLToken
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
			if x.r == nil && 9+k+3 >= maxXMLToken {
				return errXMLToken
			}
			if len(open) > 0 {
				h.text(rest[9 : 9+k])
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
			if x.r == nil && k+1 >= maxXMLToken {
				return errXMLToken
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
		if x.r == nil && k+1 >= maxXMLToken {
			return errXMLToken
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
		name := tag[:n]
		if n == 0 {
			return fmt.Errorf("xml: tag without a name")
		}
		local := name
		if c := bytes.LastIndexByte(name, ':'); c >= 0 {
			local = name[c+1:]
		}
		if closing {
			if len(open) == 0 || !bytes.Equal(open[len(open)-1], name) {
				var last []byte
				if len(open) > 0 {
					last = open[len(open)-1]
				}
				return fmt.Errorf("xml: element </%s> closes <%s>", name, last)
			}
			open = open[:len(open)-1]
			h.end(local)
			continue
		}
		h.start(local, tag[n:])
		if self {
			h.end(local)
			continue
		}
		if names != nil {
			held, ok := names[string(name)]
			if !ok {
				held = []byte(string(name))
				names[string(held)] = held
			}
			name = held
		}
		open = append(open, name)
	}
	if len(open) > 0 {
		return fmt.Errorf("xml: document ends inside <%s>", open[len(open)-1])
	}
	return nil
}
