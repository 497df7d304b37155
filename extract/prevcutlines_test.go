package extract

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// prevCutLines is cutLines as it was before text it cuts nothing of
// (uncut) only had its line ends made '\n' (lfOnly): the lineCutter
// read it a line at a time.
func prevCutLines(name string, text []byte, maxLine int, maxText int64) (string, []schemas.Finding, error) {
	lc := lineCutter{name: name, maxLine: maxLine, maxText: maxText, line: 1, out: make([]byte, 0, min(int64(len(text)), maxText))}
	lc.write(text)
	return lc.finish()
}

// sameCutLines compares cutLines with prevCutLines, and decodeMem with
// prevDecodeMem, on text under limits around its length and around
// lineCost+1 times it, where uncut starts to hold.
func sameCutLines(t testing.TB, text []byte) {
	t.Helper()
	n := len(text)
	lines := []int{0, 1, n / 2, n - 1, n, n + 1, 1 << 20}
	texts := []int64{0, 1, int64(n), int64(n)*(1+lineCost) - 1, int64(n) * (1 + lineCost), int64(n)*(1+lineCost) + 1, 4 << 20}
	for _, maxLine := range lines {
		for _, maxText := range texts {
			if maxLine < 0 || maxText < 0 {
				continue // (limits are never negative: lineCutter would panic)
			}
			got, gotFs, _ := cutLines("f", text, maxLine, maxText)
			want, wantFs, _ := prevCutLines("f", text, maxLine, maxText)
			if got != want || !reflect.DeepEqual(gotFs, wantFs) {
				t.Fatalf("cutLines(%q, %d, %d) = %q %v, was %q %v", text[:min(n, 40)], maxLine, maxText,
					got[:min(len(got), 80)], gotFs, want[:min(len(want), 80)], wantFs)
			}
		}
	}
	for _, maxText := range []int64{max(int64(n)*(1+lineCost)-1, 0), int64(n) * (1 + lineCost), 4 << 20} {
		sameDecodeMem(t, text, max(n, 1), maxText)
	}
}

// TestCutLinesSamePrev compares cutLines with prevCutLines (and
// decodeMem with prevDecodeMem) on every string of up to 6 symbols of a,
// '\n', '\r' and é, on runs of CRLF lines, and on generated, testdata,
// seed and, when NIANBAO_BENCH_CORPUS names one, corpus text, as it is
// and with CRLF or CR line ends, decoded as Read decodes it and raw.
func TestCutLinesSamePrev(t *testing.T) {
	syms := []string{"a", "\n", "\r", "é"}
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		sameCutLines(t, []byte(prefix))
		if n > 0 {
			for _, s := range syms {
				all(prefix+s, n-1)
			}
		}
	}
	all("", 6)
	for _, e := range []string{"\r", "\r\n", "\n\r", "\r\r\n", "市场\r\n市场市场\r\n", "a\rb\r\nc\n"} {
		sameCutLines(t, []byte(e))
		sameCutLines(t, bytes.Repeat([]byte(e), 500))
	}
	files := textFiles(t)
	n := 0
	for name, b := range files {
		text, _, _ := decodeBytes(name, b, DefaultMaxLineBytes, DefaultMaxTextBytes, false)
		for _, s := range []string{text, strings.ReplaceAll(text, "\n", "\r\n"), strings.ReplaceAll(text, "\n", "\r")} {
			s = s[:min(len(s), 3000)]
			sameCutLines(t, []byte(s))
			sameDecodeMem(t, encode(t, simplifiedchinese.GB18030, s), 1<<20, 4<<20)
		}
		sameCutLines(t, b[:min(len(b), 3000)])
		n++
	}
	if n < 20 {
		t.Fatalf("%d files compared", n)
	}
	t.Logf("%d files compared", n)
}

// FuzzCutLinesSamePrev compares cutLines with prevCutLines, and
// decodeMem with prevDecodeMem, on any text and limits.
func FuzzCutLinesSamePrev(f *testing.F) {
	f.Add([]byte("市场\r\n市场市场\r\n"), 5, int64(40))
	f.Add([]byte("a\rb\r\n\r\r\nc"), 1<<20, int64(4<<20))
	f.Add([]byte("\xb0\xa1\r\n\x81\x30\x81\x30\ra\x80\xff\x81"), 8, int64(400))
	f.Fuzz(func(t *testing.T, text []byte, maxLine int, maxText int64) {
		if maxLine < 0 || maxText < 0 {
			return // never given: the lineCutter would panic
		}
		got, gotFs, _ := cutLines("f", text, maxLine, maxText)
		want, wantFs, _ := prevCutLines("f", text, maxLine, maxText)
		if got != want || !reflect.DeepEqual(gotFs, wantFs) {
			t.Fatalf("cutLines(%q, %d, %d) = %q %v, was %q %v", text, maxLine, maxText, got, gotFs, want, wantFs)
		}
		sameDecodeMem(t, text, maxLine, min(maxText, 1<<30))
		sameCutLines(t, text)
	})
}
