package extract

import (
	"context"
	"io"
)

// pollEvery is how many steps of work (XML tags, HTML nodes, reads) a
// reader does between two looks at its context: a cancelled run waits for
// at most that much more work per file being read.
const pollEvery = 1024

// stopper lets a reader that has no error path (callbacks of the XML
// scanner, the HTML tree walk) stop when its context is done: step counts
// work and every pollEvery steps looks at the context; once it is done,
// step panics with stopped, which parse turns back into the context's
// error.
type stopper struct {
	ctx context.Context
	n   int
}

// stopped is the panic value of a stopper whose context is done.
type stopped struct{ err error }

func newStopper(ctx context.Context) *stopper {
	if ctx == nil {
		ctx = context.Background()
	}
	return &stopper{ctx: ctx}
}

func (s *stopper) step() {
	if s == nil {
		return
	}
	if s.n++; s.n&(pollEvery-1) == 0 { // pollEvery is a power of two
		s.poll()
	}
}

// poll is check, called out of line so that step, a call per XML tag,
// is inlined.
//
//go:noinline
func (s *stopper) poll() { s.check() }

func (s *stopper) check() {
	if s == nil {
		return
	}
	if err := s.ctx.Err(); err != nil {
		panic(stopped{err})
	}
}

// reader checks the context before each read of r.
func (s *stopper) reader(r io.Reader) io.Reader { return stopReader{s, r} }

type stopReader struct {
	s *stopper
	r io.Reader
}

func (r stopReader) Read(p []byte) (int, error) {
	r.s.check()
	return r.r.Read(p)
}
