package transform

import (
	"regexp"
	"testing"
)

// reFootnoted is footnoted's plain statement: a number followed by a
// footnote mark (5①, 12件※, 3(注), 3注1, 7[2]; compact form).
var reFootnoted = regexp.MustCompile(`^[+-]?[0-9][0-9.,]*(?:万元|元|万|件|项|个|条|次)?(?:[\x{2460}-\x{2487}\x{2776}-\x{2793}※△▲#＃]|\(注[0-9]*\)|注[0-9]*|\[[0-9]+\])$`)

// FuzzFootnotedSameAsRegexp: the hand-written footnoted says what the
// regular expression says, for any cell.
func FuzzFootnotedSameAsRegexp(f *testing.F) {
	for _, s := range []string{"5①", "12件※", "3(注)", "3(注12)", "3注1", "3注", "7[2]", "7[]", "7[a]", "-5⒇", "+1.5万元#",
		"2020年", "5", "5①②", "①", "5 ①", "5(注", "5注a", "5,000件＃", "12万▲", "3元△", "❶", "5❶", "5➓", "5➔", "5[12]x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) {
		if got, want := footnoted(c), reFootnoted.MatchString(c); got != want {
			t.Fatalf("footnoted(%q) = %v, the expression says %v", c, got, want)
		}
	})
}
