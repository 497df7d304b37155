package transform

import "testing"

// naMarkers are the cells the templates use for "not applicable", as the
// map isNAMarker replaces held them ("一" listed as no marker).
var naMarkers = map[string]bool{
	"/": true, "-": true, "—": true, "——": true, "－": true, "无": true, "--": true,
	"―": true, "─": true, "\\": true, "一": false,
	"–": true, "﹣": true, "−": true, "――": true, "//": true,
}

func sameNAMarker(t *testing.T, c string) {
	t.Helper()
	if got, want := isNAMarker(c), naMarkers[c]; got != want {
		t.Fatalf("isNAMarker(%q) = %v, by the map %v", c, got, want)
	}
}

// TestNAMarkerSameAsMap: isNAMarker says what the map said, for its keys,
// their pieces and doublings, and every cell of the diff corpus.
func TestNAMarkerSameAsMap(t *testing.T) {
	n := 0
	for m := range naMarkers {
		for _, c := range []string{m, m + m, m + " ", " " + m, m[:len(m)-1], m[1:], m + "0"} {
			sameNAMarker(t, c)
		}
	}
	per := 4
	if testing.Short() {
		per = 1
	}
	for _, d := range diffCorpus(t, per, 1) {
		lines, cl := splitLines(d.text)
		for _, tk := range tokenizeTo(nil, lines, cl, 0, len(lines), d.keepTail, nil) {
			sameNAMarker(t, tk.c)
			sameNAMarker(t, tk.raw)
			n++
		}
	}
	if n < 10000 {
		t.Fatalf("only %d cells compared", n)
	}
}

// FuzzNAMarker compares isNAMarker with the map on any cell.
func FuzzNAMarker(f *testing.F) {
	for m := range naMarkers {
		f.Add(m)
	}
	f.Fuzz(func(t *testing.T, c string) { sameNAMarker(t, c) })
}
