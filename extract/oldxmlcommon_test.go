package extract

// scanXML and scanCommon as they were before scanCommon read a tag's name
// itself, kept so that a differential test can compare the two.

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// oldScanXML is scanXML calling oldScanCommon.
func oldScanXML(x *xmlReader, h xmlHandler) error {
	// open holds the names of the open elements. Streamed, they are
	// slices of strings held in names, each name once (a document uses a
	// few dozen); in memory, slices of the document.
	var room [32]openElem // a report's open elements, a dozen deep, without an allocation
	open := room[:0]
	var names map[string][]byte
	if x.r != nil {
		names = map[string][]byte{}
	}
	var scratch []byte // entities decoded
	// A docxParser, the handler of every document read, is called
	// directly: an interface call a token cost more than the call's work
	// (stop and wantText are a field or three, inlined this way).
	p, _ := h.(*docxParser)
	for {
		if p != nil {
			open = oldScanCommon(x, p, open, names)
			if err := p.stop(); err != nil {
				return err
			}
		} else if err := h.stop(); err != nil {
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
				seg := rest[:j]
				if bytes.IndexByte(seg, '&') >= 0 {
					var err error
					if scratch, err = appendUnescaped(scratch[:0], seg); err != nil {
						return err
					}
					seg = scratch
				}
				if p != nil {
					if p.wantText() {
						p.text(seg)
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
		// a tag
		name, local, attrs, k, closing, self, ok := plainTag(rest)
		if !ok {
			// not of the common shape: its end found skipping quoted
			// attribute values, its parts taken from between
			k = quotedTagEnd(rest, 1)
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
			closing = len(tag) > 0 && tag[0] == '/'
			if closing {
				tag = tag[1:]
			}
			self = len(tag) > 0 && tag[len(tag)-1] == '/'
			if self {
				tag = tag[:len(tag)-1]
			}
			n := 0
			for n < len(tag) && !isXMLSpace(tag[n]) {
				n++
			}
			name, attrs = tag[:n], tag[n:]
			if n == 0 {
				return fmt.Errorf("xml: tag without a name")
			}
			local = name
			if c := bytes.LastIndexByte(name, ':'); c >= 0 {
				local = name[c+1:]
			}
		}
		if x.r == nil && k+1 >= maxXMLToken {
			return errXMLToken
		}
		x.i += k + 1
		if closing {
			if len(open) == 0 || !bytes.Equal(open[len(open)-1].name, name) {
				var last []byte
				if len(open) > 0 {
					last = open[len(open)-1].name
				}
				return fmt.Errorf("xml: element </%s> closes <%s>", name, last)
			}
			open = open[:len(open)-1]
			if p != nil {
				p.end(local)
			} else {
				h.end(local)
			}
			continue
		}
		ends := true
		if p != nil {
			ends = p.begin(local, attrs)
			if self {
				p.end(local)
				continue
			}
		} else {
			h.start(local, attrs)
			if self {
				h.end(local)
				continue
			}
		}
		if names != nil {
			name = holdName(names, name)
		}
		open = append(open, openElem{name: name, local: int32(len(name) - len(local)), plain: ok, ends: ends})
	}
	if len(open) > 0 {
		return fmt.Errorf("xml: document ends inside <%s>", open[len(open)-1].name)
	}
	return nil
}

// oldScanCommon is scanCommon as it was before it read a tag's name
// itself, by index into the buffer, instead of calling plainTag.
func oldScanCommon(x *xmlReader, p *docxParser, open []openElem, names map[string][]byte) []openElem {
	rest := x.buf[x.i:]
	for p.err == nil && len(rest) > 0 {
		if rest[0] != '<' {
			j := bytes.IndexByte(rest, '<')
			if j < 0 {
				break
			}
			if len(open) > 0 {
				seg := rest[:j]
				if bytes.IndexByte(seg, '&') >= 0 {
					break
				}
				if p.wantText() {
					p.text(seg)
				}
			}
			rest = rest[j:]
			continue
		}
		if len(rest) < 9 && !x.eof || len(rest) < 2 || rest[1] == '?' || rest[1] == '!' {
			break
		}
		if rest[1] == '/' && len(open) > 0 {
			// the end tag of the open element, as plainTag would read
			// it: a name plainTag read holds no byte that ends a name
			top := open[len(open)-1]
			if n := len(top.name); top.plain && n+2 < len(rest) && rest[n+2] == '>' && bytes.Equal(rest[2:n+2], top.name) {
				if x.r == nil && n+3 >= maxXMLToken {
					break
				}
				rest = rest[n+3:]
				open = open[:len(open)-1]
				if top.ends {
					p.end(top.name[top.local:])
				}
				continue
			}
		}
		name, local, attrs, k, closing, self, ok := plainTag(rest)
		if !ok || x.r == nil && k+1 >= maxXMLToken {
			break
		}
		if closing {
			if len(open) == 0 || !bytes.Equal(open[len(open)-1].name, name) {
				break
			}
			rest = rest[k+1:]
			if open[len(open)-1].ends {
				p.end(local)
			}
			open = open[:len(open)-1]
			continue
		}
		rest = rest[k+1:]
		ends := p.begin(local, attrs)
		if self {
			if ends {
				p.end(local)
			}
			continue
		}
		if names != nil {
			name = holdName(names, name)
		}
		open = append(open, openElem{name: name, local: int32(len(name) - len(local)), plain: true, ends: ends})
	}
	x.i = len(x.buf) - len(rest)
	return open
}

// sameCommonScan fails unless scanXML leaves a docxParser as oldScanXML
// (with oldScanCommon) left it, with the same error: on doc in memory
// and streamed in pieces of a few sizes, with text limited to maxText
// bytes (so that the parser stops the scan part way).
func sameCommonScan(t testing.TB, doc []byte, maxText int64) {
	t.Helper()
	sameCommonScanIn(t, doc, maxText, []int{0, 1, 7, 4096})
}

// sameCommonScanIn is sameCommonScan in pieces of the given sizes (0: in
// memory).
func sameCommonScanIn(t testing.TB, doc []byte, maxText int64, pieces []int) {
	t.Helper()
	sameDocxScanIn(t, doc, maxText, pieces, func(x *xmlReader, p *docxParser) error { return oldScanXML(x, p) })
}

// sameDocxScanIn fails unless scanXML leaves a docxParser as old left
// one, with the same error: on doc in memory and streamed in pieces of
// the given sizes (0: in memory), with text limited to maxText bytes.
func sameDocxScanIn(t testing.TB, doc []byte, maxText int64, pieces []int, old func(*xmlReader, *docxParser) error) {
	t.Helper()
	scan := func(f func(*xmlReader, *docxParser) error, piece int) docxScan {
		p := &docxParser{rel: "f.docx", maxText: maxText}
		defer p.release()
		var x *xmlReader
		if piece == 0 {
			var err error
			if x, err = memXMLReader(doc); err != nil {
				return docxScan{Err: err.Error()}
			}
		} else {
			x = newXMLReader(&pieceReader{b: doc, n: piece})
		}
		var s docxScan
		if err := f(x, p); err != nil {
			s.Err = err.Error()
		}
		s.Para, s.Arena, s.Lines, s.Tables, s.Findings = p.para.String(), string(p.arena), p.lines, p.tables, p.findings
		s.Written, s.Parts, s.Open, s.Skip, s.TooDeep = p.written, p.parts, len(p.stack), p.skip, p.tooDeep
		s.InText, s.InRun, s.RunHidden = p.inText, p.inRun, p.runHidden
		return s
	}
	newScan := func(x *xmlReader, p *docxParser) error { return scanXML(x, p) }
	for _, piece := range pieces {
		got, want := scan(newScan, piece), scan(old, piece)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%q (pieces of %d, text limit %d):\n%+v\nold:\n%+v", doc[:min(len(doc), 200)], piece, maxText, got, want)
		}
	}
}

// commonEdgeCases are documents at scanCommon's edges: empty, one byte,
// a tag cut at every length, invalid UTF-8 in names and text, names with
// and without a prefix (one colon, several, one at either end), tags
// ended by '>', "/>", whitespace of each kind and attributes, end tags
// that close another element or carry a space, and constructs scanCommon
// leaves to scanXML's loop.
func commonEdgeCases() []string {
	cases := []string{"", "<", ">", "a", "\xff", "<w:p>\xff</w:p>", "<w:\xffp>t</w:\xffp>", "<\xe4\xb8\x80>t</\xe4\xb8\x80>",
		"<:a>t</:a>", "<a:>t</a:>", "<::>t</::>", "<a:b:c>t</a:b:c>", "<w:p\t>t</w:p>", "<w:p\n/>", "<w:p\r w:x='1'>t</w:p >",
		"<w:p></w:r>", "<w:p></w:p\x00>", "<w:p\x00>t</w:p\x00>", "<w:p/ >", "<w:p/x>", "<w:p'>", `<w:p">`, "<w:p>&amp;</w:p>",
		"<w:p><?x?></w:p>", "<w:p><!--x--></w:p>", "<w:p><![CDATA[x]]></w:p>", "<w:p></w:p", "<w:p></w:", "</w:p>",
		"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>1</w:t></w:r></w:p></w:tc></w:tr></w:tbl>", "<w:t>x</w:t><w:t>y",
		"<abcdefghijklmnopq>t</abcdefghijklmnopq>", "<abcdefgh>t</abcdefgh>", "<abcdefghi>t</abcdefghi>", "<w:t>a</w:t >",
	}
	full := `<w:document><w:body><w:p w:rsidR="1"><w:r><w:t xml:space="preserve">一 a</w:t></w:r></w:p></w:body></w:document>`
	for i := range len(full) + 1 {
		cases = append(cases, full[:i]) // cut at every length
	}
	return cases
}

// TestScanCommonSameAsOld: scanXML, with scanCommon reading the common
// constructs, leaves a docxParser as it was left with oldScanCommon: on
// the edge cases, the tag shapes of the other scanner tests, the fuzz
// seeds and corpus, the seed reports set in paragraphs and table cells,
// generated reports of every layout drawn as .docx, tags at the bound in
// memory (maxXMLToken), and under text limits that stop the scan.
func TestScanCommonSameAsOld(t *testing.T) {
	cases := append(commonEdgeCases(), docxScanCases...)
	cases = append(cases, xmlTagCases...)
	for _, c := range cases {
		for _, limit := range []int64{1 << 30, 3, 0} {
			sameCommonScan(t, []byte(c), limit)
			sameCommonScan(t, []byte(`<w:document><w:body>`+c+`<w:p><w:r><w:t>z</w:t></w:r></w:p></w:body></w:document>`), limit)
		}
	}
	for i, body := range docxBodies(t) {
		if len(body) > 64<<10 {
			// streamed a byte at a time, a large one takes minutes
			sameCommonScanIn(t, body, 1<<30, []int{0, 4096})
			continue
		}
		sameCommonScan(t, body, 1<<30)
		sameCommonScan(t, body, int64(i*7))
	}
	seedDocuments(t, func(doc []byte, text int) {
		sameCommonScan(t, doc, 1<<30)
		sameCommonScan(t, doc, int64(text/2))
	})
	generatedDocuments(t, 3, func(doc []byte) {
		sameCommonScan(t, doc, 1<<30)
		sameCommonScan(t, doc, 2000)
	})
	// a tag whose '>' is just before, at and after the bound in memory
	for _, d := range []int{-3, -2, -1, 0, 1} {
		pad := maxXMLToken + d - len(`<w:p w:x=""`)
		start := `<w:p w:x="` + strings.Repeat("x", pad) + `">`
		long := strings.Repeat("n", maxXMLToken+d-3)
		for _, doc := range []string{
			`<w:body>` + start + `t</w:p></w:body>`,
			`<w:body><w:p w:x="` + strings.Repeat("x", pad) + `"/></w:body>`,
			`<w:body><` + long + `>t</` + long + `></w:body>`,
			`<w:body><` + long + `>t</` + long + ` ></w:body>`,
		} {
			sameCommonScanIn(t, []byte(doc), 1<<30, []int{0, 64 << 10})
		}
	}
}

// FuzzScanCommonSameAsOld: on any bytes and text limit, scanXML leaves a
// docxParser as it was left with oldScanCommon, and does not panic.
func FuzzScanCommonSameAsOld(f *testing.F) {
	cases := append(commonEdgeCases(), docxScanCases...)
	for _, c := range append(cases, xmlTagCases...) {
		f.Add([]byte(c), int64(1<<30))
	}
	for i, b := range docxBodies(f) {
		if len(b) < 8<<10 {
			f.Add(b, int64(i*5))
		}
	}
	f.Fuzz(func(t *testing.T, doc []byte, maxText int64) {
		sameCommonScan(t, doc, maxText)
	})
}

// seedDocuments calls f with each seed report made a document.xml: each
// line a paragraph and a one-row table of two cells holding it (one with
// cell properties), with the size of the report's text.
func seedDocuments(t testing.TB, f func(doc []byte, text int)) {
	t.Helper()
	paths, _ := filepath.Glob("../../shared/seeds/*.txt")
	if len(paths) == 0 {
		t.Fatal("no seed reports in ../shared/seeds")
	}
	for _, path := range paths {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var doc strings.Builder
		doc.WriteString(`<w:document ` + wordNS + `><w:body>`)
		for l := range strings.SplitSeq(string(b), "\n") {
			l = html.EscapeString(l)
			doc.WriteString(para(l) + `<w:tbl><w:tr>` + tc(`<w:vAlign w:val="center"/>`, l) + tc("", l) + `</w:tr></w:tbl>`)
		}
		doc.WriteString(`</w:body></w:document>`)
		f([]byte(doc.String()), len(b))
	}
}
