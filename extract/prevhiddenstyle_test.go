package extract

// hiddenStyle's test as it was before it read the value where it is, kept
// so that a differential test can compare the two.

import (
	"bytes"
	"testing"
)

// prevHiddenStyle is hiddenStyle on a copy of v lower-cased, spaces
// removed.
func prevHiddenStyle(v []byte) bool {
	var st []byte
	for _, c := range v {
		if c == ' ' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		st = append(st, c)
	}
	return bytes.Contains(st, []byte("display:none")) || bytes.Contains(st, []byte("visibility:hidden"))
}

// hiddenStyleCases are style values with the words looked for whole, split
// by spaces, in upper case, cut short, at the end, and near misses.
var hiddenStyleCases = []string{
	``, `display:none`, `DISPLAY: NONE`, ` d i s p l a y : n o n e `, `display :none;color:red`, `display:non`,
	`ddisplay:none`, `display:nonedisplay`, `visibility:hidden`, `Visibility : Hidden`, `visibility:hidde`,
	`vvisibility:hidden`, "display:\tnone", `display:block`, `color:red;visibility:hidden`, `d`, `v`,
	`display`, `visibility:`, `隐display:none`, "\xc4isplay:none", "\xd6isibility:hidden", `displa y:no ne`,
}

// TestHiddenStyleSameAsBefore: the test of a style value says what it did
// before, on values of every shape.
func TestHiddenStyleSameAsBefore(t *testing.T) {
	for _, c := range hiddenStyleCases {
		if got, want := hiddenStyle([]byte(c)), prevHiddenStyle([]byte(c)); got != want {
			t.Errorf("%q: %v, before %v", c, got, want)
		}
	}
}

// FuzzHiddenStyleSameAsBefore: on any bytes, the test says what it did
// before.
func FuzzHiddenStyleSameAsBefore(f *testing.F) {
	for _, c := range hiddenStyleCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, v []byte) {
		if got, want := hiddenStyle(v), prevHiddenStyle(v); got != want {
			t.Fatalf("%q: %v, before %v", v, got, want)
		}
	})
}
