package extract

// lineCutter.write as it was before it searched lines for '\r' only in
// data that holds one, kept so that a differential test can compare the
// two.

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// prevWrite is lineCutter.write searching every line for '\r'.
func (lc *lineCutter) prevWrite(data []byte) {
	for len(data) > 0 && !lc.over {
		if lc.pendingCR && data[0] == '\n' {
			data = data[1:]
		}
		lc.pendingCR = false
		i := bytes.IndexByte(data, '\n')
		seg := data
		if i >= 0 {
			seg = data[:i]
		}
		if j := bytes.IndexByte(seg, '\r'); j >= 0 {
			i, seg = j, seg[:j]
		}
		if !lc.cut {
			room := int64(lc.maxLine) - lc.lineLen
			if int64(len(seg)) <= room {
				lc.out = append(lc.out, seg...)
			} else {
				lc.cut = true
				lc.out = append(lc.out, seg[:room]...)
				lc.out = trimPartialRune(lc.out)
			}
		}
		lc.lineLen += int64(len(seg))
		if lc.cost() > lc.maxText {
			lc.over, lc.out = true, nil
			break
		}
		if i < 0 {
			break
		}
		lc.pendingCR = data[i] == '\r'
		lc.endLine()
		lc.out = append(lc.out, '\n')
		lc.line++
		data = data[i+1:]
	}
}

// sameCut fails unless lineCutter.write and prevWrite leave a cutter alike
// after each piece of b, written in pieces of a few sizes and whole, and
// finish it alike, under the limits given.
func sameCut(t testing.TB, b []byte, maxLine int, maxText int64) {
	t.Helper()
	for _, piece := range []int{1, 2, 3, 7, 64, len(b) + 1} {
		got := lineCutter{name: "f", maxLine: maxLine, maxText: maxText, line: 1}
		want := got
		// The states are compared after every piece of a short text, and
		// of a long one in pieces of 64 bytes or more: comparing a long
		// text's whole state after each of its bytes is quadratic.
		every := len(b) <= 512 || piece >= 64
		for p := b; len(p) > 0; p = p[min(len(p), piece):] {
			got.write(p[:min(len(p), piece)])
			want.prevWrite(p[:min(len(p), piece)])
			if (every || len(p) <= piece) && !reflect.DeepEqual(got, want) {
				t.Fatalf("%q in pieces of %d, limits %d, %d: %+v, before %+v", b[:min(len(b), 100)], piece, maxLine, maxText, got, want)
			}
		}
		gotText, gotFs, _ := got.finish()
		wantText, wantFs, _ := want.finish()
		if gotText != wantText || !reflect.DeepEqual(gotFs, wantFs) {
			t.Fatalf("%q in pieces of %d, limits %d, %d: %q %v, before %q %v", b[:min(len(b), 100)], piece, maxLine, maxText, gotText, gotFs, wantText, wantFs)
		}
	}
}

// TestLineCutterSame: the lineCutter cuts as before every string of up to
// 4 of a, '\n', '\r', "\r\n" and é, the seeds with each line ending and
// generated text, under line and text limits around their lengths.
func TestLineCutterSame(t *testing.T) {
	syms := []string{"a", "\n", "\r", "\r\n", "é"}
	var all func(prefix string, n int)
	all = func(prefix string, n int) {
		for _, maxLine := range []int{0, 1, 2, 5, 1 << 20} {
			for _, maxText := range []int64{0, 3, 40, 80, 1 << 20} {
				sameCut(t, []byte(prefix), maxLine, maxText)
			}
		}
		if n == 0 {
			return
		}
		for _, s := range syms {
			all(prefix+s, n-1)
		}
	}
	all("", 4)
	for _, s := range seeds(t) {
		for _, end := range []string{"\n", "\r\n", "\r"} {
			b := []byte(strings.ReplaceAll(string(s), "\n", end))
			sameCut(t, b, 1<<20, 1<<30)
			sameCut(t, b, 50, 1<<30)
			sameCut(t, b, 1<<20, int64(len(b)/2))
		}
	}
	generated(t, 1, "", func(_, _ string, b []byte) { sameCut(t, b, 200, 1<<30) })
}

// FuzzLineCutterSame: on any bytes and limits, the lineCutter cuts as
// before.
func FuzzLineCutterSame(f *testing.F) {
	for _, s := range seeds(f) {
		f.Add(s[:min(len(s), 600)], uint16(50), uint16(400))
		f.Add([]byte(strings.ReplaceAll(string(s[:min(len(s), 600)]), "\n", "\r\n")), uint16(1000), uint16(60000))
	}
	f.Add([]byte("a\r\nb\rc\n\r\r\nd"), uint16(1), uint16(100))
	f.Fuzz(func(t *testing.T, b []byte, maxLine, maxText uint16) {
		sameCut(t, b, int(maxLine), int64(maxText))
	})
}
