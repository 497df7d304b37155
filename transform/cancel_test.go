package transform

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// countingCtx counts the looks at its Err and is cancelled from the
// (after+1)-th on: the parser does a bounded amount of work between two
// looks (pollLines lines, or one pass of a stage), so the looks count it.
type countingCtx struct {
	context.Context
	calls atomic.Int64
	after int64
}

func (c *countingCtx) Err() error {
	if c.calls.Add(1) > c.after {
		return context.Canceled
	}
	return nil
}

// TestParseStopsWhenCancelled: parsing a report whose tables run to
// tens of thousands of lines looks at its context every pollLines
// lines, and stops at the first look after the cancel.
func TestParseStopsWhenCancelled(t *testing.T) {
	var b strings.Builder
	b.WriteString("某区2021年政府信息公开工作年度报告\n二、主动公开政府信息情况\n")
	b.WriteString(strings.Repeat("规章\t1\t0\t3\n", 15000))
	b.WriteString("三、收到和处理政府信息公开申请情况\n")
	b.WriteString(strings.Repeat("（一）予以公开\t3\t1\t0\t0\t0\t0\t4\n", 15000))
	b.WriteString("四、政府信息公开行政复议、行政诉讼情况\n")
	b.WriteString(strings.Repeat("0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\n", 15000))
	b.WriteString("五、存在的主要问题及改进情况\n")
	doc := schemas.Document{ReportID: "x", SourcePath: "r.txt", SourceFormat: "txt", Text: b.String()}

	full := &countingCtx{Context: context.Background(), after: 1 << 62}
	if _, err := ParseContext(full, doc); err != nil {
		t.Fatal(err)
	}
	looks := full.calls.Load()
	if looks < 30 { // 45 000 table lines, a look every pollLines
		t.Fatalf("%d looks at the context over 45 000 table lines: too few to stop in time", looks)
	}
	for _, after := range []int64{0, 3, looks / 2, looks - 2} {
		ctx := &countingCtx{Context: context.Background(), after: after}
		p, err := ParseContext(ctx, doc)
		if !errors.Is(err, context.Canceled) || p != nil {
			t.Fatalf("cancelled after %d looks: %v, %v", after, p, err)
		}
		if got := ctx.calls.Load(); got != after+1 {
			t.Errorf("cancelled after %d looks: %d looks in all, want %d (work went on after the cancel)", after, got, after+1)
		}
	}
	if p := Parse(doc); p.Report.ReportID != "x" {
		t.Errorf("Parse without a context: %+v", p.Report)
	}
}

// TestReadRowsPolls: the row reader looks at its context at its first
// token and every pollTokens tokens after it, and stops at the first look
// after the cancel.
func TestReadRowsPolls(t *testing.T) {
	var b strings.Builder
	b.WriteString("三、收到和处理政府信息公开申请情况\n")
	b.WriteString(strings.Repeat("（一）予以公开\t3\t1\t0\t0\t0\t0\t4\n", 300))
	stream := func(p *parser) []tok {
		return tokenizeTo(nil, p.lines, p.cl, 0, len(p.lines), p.keepTail, nil)
	}
	p := newParser(docOf(b.String()))
	toks := stream(p)
	ctx := &countingCtx{Context: context.Background(), after: 1 << 62}
	p.ctx = ctx
	p.readRows(&s3Specs[0], toks, "")
	if got, want := ctx.calls.Load(), int64((len(toks)+pollTokens-1)/pollTokens); got != want {
		t.Errorf("%d tokens: %d looks, want %d", len(toks), got, want)
	}
	for _, after := range []int64{0, 1, 5} {
		p := newParser(docOf(b.String()))
		p.ctx = &countingCtx{Context: context.Background(), after: after}
		var r any
		func() {
			defer func() { r = recover() }()
			p.readRows(&s3Specs[0], stream(p), "")
		}()
		if s, ok := r.(stopped); !ok || !errors.Is(s.err, context.Canceled) {
			t.Errorf("cancelled after %d looks: %v, want the reader stopped", after, r)
		}
		if got := p.ctx.(*countingCtx).calls.Load(); got != after+1 {
			t.Errorf("cancelled after %d looks: %d looks in all, want %d", after, got, after+1)
		}
	}
}
