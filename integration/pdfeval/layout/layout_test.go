package layout_test

import (
	"testing"

	"github.com/nianbao/nianbao/integration/pdfeval/layout"
)

func TestLines(t *testing.T) {
	for _, c := range []struct {
		name string
		in   []layout.Glyph
		want string
	}{
		{"cells of a row become columns, rows top to bottom", []layout.Glyph{
			{X: 100, Y: 700, W: 5, Size: 10, S: "0"},
			{X: 20, Y: 700.5, W: 10, Size: 10, S: "规"},
			{X: 30, Y: 700, W: 10, Size: 10, S: "章"},
			{X: 20, Y: 720, W: 10, Size: 10, S: "表"},
			{X: 200, Y: 699.8, W: 15, Size: 10, S: "125"},
		}, "表\n规章  0  125\n"},
		{"a word space is one space", []layout.Glyph{
			{X: 0, Y: 0, W: 20, Size: 10, S: "Open"},
			{X: 23, Y: 0, W: 20, Size: 10, S: "data"},
		}, "Open data\n"},
		{"glyphs without widths at one origin follow each other", []layout.Glyph{
			{X: 10, Y: 0, Size: 10, S: "行"},
			{X: 10, Y: 0, Size: 10, S: "政"},
			{X: 30, Y: 0, Size: 10, S: "许"},
			{X: 60, Y: 0, Size: 10, S: "7"},
		}, "行政许  7\n"},
		{"blank glyphs are dropped", []layout.Glyph{{X: 0, Y: 0, Size: 10, S: " "}}, ""},
	} {
		if got := layout.Lines(c.in); got != c.want {
			t.Errorf("%s: got %q, want %q", c.name, got, c.want)
		}
	}
}
