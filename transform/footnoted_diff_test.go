package transform

import (
	"regexp"
	"strings"
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

// TestFootnoteUnitBytes checks the units' constants against their text.
func TestFootnoteUnitBytes(t *testing.T) {
	for u, w := range map[string]uint32{"万": unit万, "元": unit元, "件": unit件, "项": unit项, "个": unit个, "条": unit条, "次": unit次} {
		if got := word3(u, 0); len(u) != 3 || got != w {
			t.Fatalf("%s: %x, the constant %x", u, got, w)
		}
	}
	if len(footnoteUnits) != 8 {
		t.Fatalf("footnoteUnits changed: %q", footnoteUnits)
	}
}

// sameFootnoted compares footnoted with footnotedOld, and with the
// regular expression, on c.
func sameFootnoted(t testing.TB, c string) bool {
	t.Helper()
	got, want := footnoted(c), footnotedOld(c)
	if got != want {
		t.Fatalf("footnoted(%q) = %v, was %v", c, got, want)
	}
	if re := reFootnoted.MatchString(c); got != re {
		t.Fatalf("footnoted(%q) = %v, the expression says %v", c, got, re)
	}
	return got
}

// TestFootnotedSame compares footnoted with its form before over the diff
// corpus's lines, their fields and their compact forms, and cells built of
// a number, every unit and its pieces (cut at each byte, doubled, with a
// byte changed), and marks whole and cut.
func TestFootnotedSame(t *testing.T) {
	texts := diffTexts(t)
	for _, s := range diffTexts(t) {
		for _, f := range strings.Fields(s) {
			texts = append(texts, f, compact(f))
		}
	}
	units := []string{""}
	for _, u := range append(footnoteUnits, "万万", "元元", "万元元", "亿", "人", "万件") {
		for k := 0; k <= len(u); k++ {
			units = append(units, u[:k], u[k:])
		}
		for k := range len(u) {
			b := []byte(u)
			b[k] ^= 1
			units = append(units, string(b))
		}
	}
	for _, n := range []string{"", "5", "-12", "+1.5", "3,000", "0.", "x"} {
		for _, u := range units {
			for _, m := range []string{"", "①", "⒇", "❶", "※", "#", "＃", "(注)", "(注1)", "注", "注12", "[2]", "[]", "\xe2\x91", "a", "①①"} {
				texts = append(texts, n+u+m)
			}
		}
	}
	yes := 0
	for _, c := range texts {
		if sameFootnoted(t, c) {
			yes++
		}
	}
	if yes < 200 || len(texts) < 20000 {
		t.Fatalf("%d of %d texts footnoted: too few for the comparison to mean much", yes, len(texts))
	}
	t.Logf("%d texts, %d footnoted", len(texts), yes)
}

// FuzzFootnotedSame compares footnoted with its form before on any cell.
func FuzzFootnotedSame(f *testing.F) {
	for _, s := range []string{"5①", "12件※", "3万元(注)", "3万(注12)", "3元注1", "3次注", "7个[2]", "7条[]", "7项[a]", "-5万元⒇",
		"5万元元#", "5万万#", "5\xe4\xb8#", "5\xe4\xb8\x87\xe5\x85#", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, c string) { sameFootnoted(t, c) })
}
