package extract

import (
	"bytes"
	"io"
	"slices"
	"unicode/utf8"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// The fast HTML reader as it was before run noted the bytes of text that
// flushText and the renderer look for (textClass) and the renderer wrote
// plain text nodes whole (textPlain): oldFastHTMLVia is fastHTMLVia with
// the old run and flushText, which make every text node one textRuns
// reads, as all were.

// oldFastHTMLVia is fastHTMLVia as it was.
func oldFastHTMLVia(doc *schemas.Document, r io.Reader, page []byte, valid bool, maxText int64, stop *stopper, slice bool) bool {
	p := fastPool.Get().(*fastParser)
	defer func() {
		p.z = nil
		p.st.s, p.st.name = nil, nil
		p.stop = nil
		p.rd.release()
		if cap(p.nodes) <= 1<<16 && cap(p.text) <= 1<<20 && cap(p.page) <= 2*maxSlicePage && p.rd.small() {
			fastPool.Put(p)
		}
	}()
	p.reset()
	p.stop = stop
	if !slice {
		page = nil
	} else if page == nil {
		b, all, err := readPage(p.page[:0], r, maxSlicePage)
		p.page = b
		if err != nil {
			return false // as html.Tokenizer would meet it before the end
		}
		if all {
			page = b
		} else {
			r = io.MultiReader(bytes.NewReader(b), r)
		}
	}
	ok := false
	if page != nil {
		p.st.reset(page)
		ok = p.oldRun(maxText)
		if !ok && p.st.bail {
			p.reset()
			r = stop.reader(bytes.NewReader(page))
			page = nil
		}
	}
	if page == nil {
		z := html.NewTokenizer(r)
		z.SetMaxBuf(maxHTMLToken)
		p.z = z
		ok = p.oldRun(maxText)
	}
	if !ok {
		return false
	}
	rd := &p.rd
	rd.renderer = renderer{rel: doc.SourcePath, stop: stop}
	rd.p, rd.s, rd.valid = p, p.text, valid || utf8.Valid(p.text)
	rd.out = slices.Grow(rd.out, len(p.text)) // the text is about that of the text nodes
	if len(p.nodes) > 0 {
		rd.node(0, 1)
	}
	rd.flush()
	doc.Text = string(rd.out)
	doc.Tables = rd.tables
	doc.Findings = append(doc.Findings, rd.findings...)
	return true
}

// oldRun is run as it was.
func (p *fastParser) oldRun(maxText int64) bool {
	var name, buf []byte
	var pending []byte // the parser's pending buffer, as it was
	for p.ok {
		// The next token, from whichever tokenizer reads the page: a
		// method of its own for this was a call more per token.
		var tt html.TokenType
		if p.z != nil {
			tt = p.z.Next()
		} else {
			p.stop.step()
			tt = p.st.next()
		}
		switch tt {
		case html.ErrorToken:
			if p.z == nil && p.st.bail || p.z != nil && p.z.Err() != io.EOF {
				return false // the tree path reports it
			}
			p.oldFlushText(&pending)
			p.finish()
			return p.ok
		case html.TextToken:
			if p.raw && p.skip {
				continue
			}
			// keepVisible's loop, a run of other bytes at a time.
			raw := p.rawToken()
			for i := 0; i < len(raw); {
				if c := raw[i]; isWS(c) {
					if !p.space {
						p.kept++
						pending = append(pending, c)
					}
					p.space = true
					i++
					continue
				}
				j := i + 1
				for j < len(raw) && !isWS(raw[j]) {
					j++
				}
				p.space = false
				p.kept += int64(j - i)
				pending = append(pending, raw[i:j]...)
				i = j
			}
			if p.kept > maxText {
				return false
			}
		case html.CommentToken:
		case html.DoctypeToken:
			p.oldFlushText(&pending)
			p.space = false
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			if p.tags++; p.tags > maxHTMLTags {
				return false
			}
			p.oldFlushText(&pending)
			p.space = false
			var a atom.Atom
			if p.z == nil {
				// sliceTok has read the name
				if !p.st.namePlain {
					return false
				}
				name, a = p.st.name, p.st.nameAtom
			} else {
				buf = rawTagName(buf[:0], p.z.Raw())
				if !plainName(buf) {
					return false
				}
				name, a = buf, atom.Lookup(buf)
			}
			if p.raw {
				// The tokenizer ends a raw text element only at its end tag.
				p.raw, p.skip = false, false
				if p.phase == phBody {
					p.pop()
				}
				continue
			}
			if tt == html.EndTagToken {
				p.end(a, name)
				continue
			}
			if tt == html.SelfClosingTagToken && rawText(a) {
				return false // its content is kept as text by keepVisible
			}
			p.start(a, name)
		}
	}
	return false
}

// oldFlushText is flushText as it was, with the pending text in a buffer
// of its own: no text node is plain.
func (p *fastParser) oldFlushText(pending *[]byte) {
	if len(*pending) == 0 {
		return
	}
	raw := *pending
	*pending = (*pending)[:0]
	if p.raw {
		if p.phase != phBody {
			return // a title in the head
		}
		p.fail()
		return
	}
	if bytes.IndexByte(raw, '<') >= 0 || bytes.IndexByte(raw, 0) >= 0 {
		p.fail() // read back as more than text, or NULs dropped
		return
	}
	var d []byte
	if bytes.IndexByte(raw, '&') >= 0 {
		d = []byte(html.UnescapeString(string(raw)))
	} else {
		d = raw
	}
	// addText's text node takes the end of p.text: d is copied there,
	// where textNode copied it
	p.text = append(p.text[:p.pending], d...)
	p.addText(p.text[p.pending:], false)
	p.text = p.text[:p.pending]
}
