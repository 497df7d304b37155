package transform

import (
	"fmt"
	"strings"
	"testing"
)

// TestFoldedFormsKeepTheirBytes: the compact forms written into a shared
// byte buffer (a table's cells, a document's lines) read the same once
// many more are written after them, past the buffer's room, and when
// bytes that are not UTF-8 grow into U+FFFD beyond the room a document's
// lines were sized for.
func TestFoldedFormsKeepTheirBytes(t *testing.T) {
	var buf []byte
	var ins, outs []string
	for i := range 3000 {
		s := fmt.Sprintf(" （%d）自然人：%s，\xff合计%d ", i, strings.Repeat("Ａ", i%7), i)
		ins, outs = append(ins, s), append(outs, compactIn(&buf, s))
	}
	for i, s := range ins {
		if outs[i] != compact(s) {
			t.Fatalf("form %d of the shared buffer reads %q, want %q", i, outs[i], compact(s))
		}
	}
	var text strings.Builder
	for i := range 500 {
		fmt.Fprintf(&text, "第%d行，\xff\xfe\xfd：%s\r\n", i, strings.Repeat("\x80", i%5))
	}
	lines, cl := splitLines(text.String())
	for i, l := range lines {
		if cl[i] != compact(l) {
			t.Fatalf("line %d's compact form %q, want %q", i, cl[i], compact(l))
		}
	}
}
