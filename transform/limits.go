package transform

import (
	"fmt"

	"github.com/nianbao/nianbao/schemas"
)

// maxSectionToks bounds the cells (values, labels, blank lines) read from
// one section's table. The largest table of the templates has about 350
// cells; a section of millions (a text made of table rows) would cost
// memory and time in proportion to its size for nothing the template can
// hold.
const maxSectionToks = 20_000

// sectionTokens is the cell stream of lines[from:to], cut at
// maxSectionToks cells with a TABLE_TOO_LARGE finding on cell.
func (p *parser) sectionTokens(from, to int, cell string) []tok {
	// The stream is built in a buffer of the parser's scratch, kept for
	// the next report: rows and findings keep strings, never a tok.
	buf, i := p.scr.toks.take(1024)
	toks := tokenizeGrid(buf, p.lines, p.cl, from, to, p.keepTail, p.doc.Tables, p.feeds, p.poll)
	p.scr.toks.keep(i, toks)
	toks = toks[:len(toks):len(toks)] // an append by a reader copies
	if len(toks) > maxSectionToks {
		line := int(toks[maxSectionToks].line)
		toks = toks[:maxSectionToks]
		p.finding(ruleTableTooLarge, schemas.SeverityError, cell, fmt.Sprintf(
			"the table holds more than %d cells; what follows line %d was not read", maxSectionToks, line-1), line, nil, nil)
	}
	return toks
}
