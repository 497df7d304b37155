package extract

import (
	"bytes"
	"testing"
)

// prevAsCut is asCut as it was before it passed over text no longer than
// a line and within the text limit were each byte a line: every line
// looked for and measured.
func prevAsCut(text []byte, maxLine int, maxText int64) bool {
	if bytes.IndexByte(text, '\r') >= 0 {
		return false
	}
	lines := int64(0)
	for rest := text; ; lines++ {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			if len(rest) > maxLine {
				return false
			}
			break
		}
		if i > maxLine {
			return false
		}
		rest = rest[i+1:]
	}
	return int64(len(text))+lineCost*lines <= maxText
}

// sameAsCut compares asCut with prevAsCut on text under limits around
// its length and around lineCost+1 times it, where the shortcut starts.
func sameAsCut(t testing.TB, text []byte) {
	t.Helper()
	n := len(text)
	lines := []int{0, 1, n / 2, n - 1, n, n + 1, 1 << 20, int(^uint(0) >> 1)}
	texts := []int64{0, 1, int64(n), int64(n) * lineCost, int64(n)*(1+lineCost) - 1, int64(n) * (1 + lineCost),
		int64(n)*(1+lineCost) + 1, 4 << 20, 1<<63 - 1, -1}
	for _, maxLine := range lines {
		for _, maxText := range texts {
			if got, want := asCut(text, maxLine, maxText), prevAsCut(text, maxLine, maxText); got != want {
				t.Fatalf("asCut(%q, %d, %d) = %v, was %v", text[:min(n, 40)], maxLine, maxText, got, want)
			}
		}
	}
}

// TestAsCutSamePrev compares asCut with prevAsCut on every string of up
// to 6 symbols of a, '\n', '\r' and é, on edges, and on the text of
// generated reports, testdata, the seeds and, when NIANBAO_BENCH_CORPUS
// names one, a corpus's text files, each decoded as Read decodes it.
func TestAsCutSamePrev(t *testing.T) {
	syms := []string{"a", "\n", "\r", "é"}
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		sameAsCut(t, []byte(prefix))
		if n > 0 {
			for _, s := range syms {
				all(prefix+s, n-1)
			}
		}
	}
	all("", 6)
	for _, e := range []string{"\n", "\n\n\n", "abc\n", "\nabc", "市场\n市场市场\n"} {
		sameAsCut(t, []byte(e))
		sameAsCut(t, bytes.Repeat([]byte(e), 1000))
	}
	files := textFiles(t)
	n := 0
	for name, b := range files {
		text, _, _ := decodeBytes(name, b, DefaultMaxLineBytes, DefaultMaxTextBytes, false)
		sameAsCut(t, []byte(text))
		sameAsCut(t, b)
		n++
	}
	if n < 20 {
		t.Fatalf("%d files compared", n)
	}
	t.Logf("%d files compared", n)
}

// FuzzAsCutSamePrev compares asCut with prevAsCut on any text and
// limits.
func FuzzAsCutSamePrev(f *testing.F) {
	f.Add([]byte("市场\n市场市场\n"), 5, int64(40))
	f.Add([]byte("a\r\nb"), 1<<20, int64(4<<20))
	f.Add([]byte(""), 0, int64(-1))
	f.Fuzz(func(t *testing.T, text []byte, maxLine int, maxText int64) {
		if got, want := asCut(text, maxLine, maxText), prevAsCut(text, maxLine, maxText); got != want {
			t.Fatalf("asCut(%q, %d, %d) = %v, was %v", text, maxLine, maxText, got, want)
		}
		sameAsCut(t, text)
	})
}
