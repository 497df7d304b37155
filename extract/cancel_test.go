package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// countingCtx counts the looks at its Err and is cancelled from the
// (after+1)-th on: the work a reader does between two looks is bounded
// (pollEvery steps or one read), so the looks count the work.
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

// heavyDOCX is a .docx of n blocks of paragraphs and an 8-column table:
// about 11 KB of document.xml a block.
func heavyDOCX(t testing.TB, n int) []byte {
	row := "<w:tr>"
	for i := range 8 {
		row += tc("", fmt.Sprint(i))
	}
	row += "</w:tr>"
	block := strings.Repeat(para("（一）予以公开 三、收到和处理政府信息公开申请情况 12"), 20) + "<w:tbl>" + strings.Repeat(row, 10) + "</w:tbl>"
	return buildDOCX(t, strings.Repeat(block, n), nil)
}

func heavyHTML(n int) []byte {
	var b strings.Builder
	b.WriteString("<html><body>")
	for range n {
		b.WriteString("<p>三、收到和处理政府信息公开申请情况</p><table>")
		for r := range 10 {
			fmt.Fprintf(&b, "<tr><td>（%d）予以公开</td><td>1</td><td>2</td><td>3</td></tr>", r)
		}
		b.WriteString("</table>")
	}
	b.WriteString("</body></html>")
	return []byte(b.String())
}

// TestReadStopsWhenCancelled: reading a large .docx or HTML page looks at
// its context every pollEvery steps, and stops at the first look after the
// cancel, with the context's error and no finding: the work done after a
// cancel is bounded however large the file.
func TestReadStopsWhenCancelled(t *testing.T) {
	for _, c := range []struct {
		name string
		b    []byte
	}{
		{"r.docx", heavyDOCX(t, 1000)}, // under the 100 000 table rows and cells limit
		{"r.html", heavyHTML(3000)},    // under the 500 000-tag limit
	} {
		t.Run(c.name, func(t *testing.T) {
			read := func(ctx context.Context) (schemas.Document, error) {
				doc := schemas.Document{SourcePath: c.name, SourceFormat: FormatOf(c.name)}
				err := parse(ctx, &doc, input{r: bytes.NewReader(c.b), size: int64(len(c.b)), b: c.b}, Limits{MaxTextBytes: 256 << 20}.withDefaults())
				return doc, err
			}
			full := &countingCtx{Context: context.Background(), after: 1 << 62}
			doc, err := read(full)
			if err != nil || len(doc.Findings) != 0 || doc.Text == "" {
				t.Fatalf("uncancelled: %v %+v", err, doc.Findings)
			}
			looks := full.calls.Load()
			if looks < 100 {
				t.Fatalf("%d looks at the context over %d bytes: too few to stop in time", looks, len(c.b))
			}
			for _, after := range []int64{0, 1, looks / 10, looks / 2} {
				ctx := &countingCtx{Context: context.Background(), after: after}
				doc, err := read(ctx)
				if !errors.Is(err, context.Canceled) {
					t.Fatalf("cancelled after %d looks: error %v, findings %+v", after, err, doc.Findings)
				}
				// One look sees the cancel; html.Parse turns the stop into
				// an error, which takes a second look to tell apart.
				if got := ctx.calls.Load(); got > after+2 {
					t.Errorf("cancelled after %d looks: %d looks in all, want at most %d (work went on after the cancel)", after, got, after+2)
				}
			}
		})
	}
}
