package transform

import (
	"context"

	"github.com/nianbao/nianbao/schemas"
)

// pollLines is how many lines the parser tokenizes between two looks at
// its context. The loops over a table's rows, whose work per step can
// grow with the row, look at every step, and the row reader every
// pollTokens tokens; the other stages are passes over the lines, with a
// look between two. A cancelled run thus waits for little more work per
// report being parsed.
const pollLines = 1024

// pollTokens is how many tokens of a table readRows reads between two
// looks at the context. A look at every token was 924 000 calls of the
// context's Err in the 2 000-report run, 11 M est. (0.4% of the run);
// 64 tokens are a few rows of a table.
const pollTokens = 64

// ParseContext is Parse that stops when ctx is done: it looks at ctx
// between stages, every pollLines lines it tokenizes, every pollTokens
// tokens of a table it reads and at each row of a table, and returns
// ctx's error, and no result, once it is done.
func ParseContext(ctx context.Context, doc schemas.Document) (out *schemas.Parsed, err error) {
	defer func() {
		if r := recover(); r != nil {
			s, ok := r.(stopped)
			if !ok {
				panic(r)
			}
			out, err = nil, s.err
		}
	}()
	return parse(ctx, doc), nil
}

// stopped is the panic value that unwinds a parser whose context is done.
type stopped struct{ err error }

// poll unwinds the parser when its context is done.
func (p *parser) poll() {
	if p.ctx == nil {
		return
	}
	if err := p.ctx.Err(); err != nil {
		panic(stopped{err})
	}
}
