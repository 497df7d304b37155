package transform

import (
	"reflect"
	"testing"
)

// TestColWordsSpaceLast checks that colWords ends a spaced cell's last
// word before its trailing space of any kind, and counts a last "word" of
// nothing but such space as none: a form feed after the last single space
// (上年结转 \f) made a word that ended before it began, and joinWrapped cut
// the text there and panicked.
func TestColWordsSpaceLast(t *testing.T) {
	for _, c := range []struct {
		raw  string
		want []colWord
	}{
		{"上年结转 \f", []colWord{{at: 0, end: 12, rcol: 0, rend: 4}}},
		{"上年结转 \u3000", []colWord{{at: 0, end: 12, rcol: 0, rend: 4}}},
		{"上年结转 \t\f", []colWord{{at: 0, end: 12, rcol: 0, rend: 4}}},
		{"上年 结转\f", []colWord{{at: 0, end: 6, rcol: 0, rend: 2}, {at: 7, end: 13, rcol: 3, rend: 6}}},
		{"上年 结转", []colWord{{at: 0, end: 6, rcol: 0, rend: 2}, {at: 7, end: 13, rcol: 3, rend: 5}}},
		{"  上年 结转 ", []colWord{{at: 2, end: 8, rcol: 0, rend: 2}, {at: 9, end: 15, rcol: 3, rend: 5}}}, // rcol is where the text begins
		{"\f", nil},
	} {
		got := colWords(tok{raw: c.raw}, nil)
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("colWords(%q) = %+v, want %+v", c.raw, got, c.want)
		}
		for _, w := range got {
			if w.at >= w.end || w.end > len(c.raw) {
				t.Errorf("colWords(%q): word %+v is not within the text", c.raw, w)
			}
		}
	}
}

// FuzzColWords checks that every word colWords gives lies within its
// cell's text, in order, and that joinWrapped, which cuts the text at
// them, never panics on a cell of any bytes.
func FuzzColWords(f *testing.F) {
	for _, s := range []string{"上年结转 \f", "上年 结转", "  a b  c ", "\u3000x \u3000", "规章 1 2 3"} {
		f.Add(s)
	}
	spec := &s2Specs[0]
	f.Fuzz(func(t *testing.T, raw string) {
		last := 0
		for _, w := range colWords(tok{raw: raw}, nil) {
			if w.at < last || w.at >= w.end || w.end > len(raw) || w.rcol > w.rend {
				t.Fatalf("colWords(%q): word %+v out of order or outside the text", raw, w)
			}
			last = w.end
		}
		toks := []tok{{raw: raw, c: compact(raw), kind: tokText, spaced: true, line: 1},
			{raw: raw, c: compact(raw), kind: tokText, spaced: true, line: 2, rend: 40}}
		joinWrapped(spec, toks, 0, false)
	})
}
