package division

import (
	"math/rand"
	"regexp"
	"testing"
)

// TestStripSpaceIsTheRegexp compares stripSpace with the regular expression
// it replaces, on hand-picked strings (bytes that are not UTF-8 among them)
// and on random strings drawn from the characters it drops and others.
func TestStripSpaceIsTheRegexp(t *testing.T) {
	re := regexp.MustCompile(`[\s　"“”'‘’《》<>()（）\[\]【】]+`)
	cases := []string{
		"", "北京市", " 北京市 ", "《北京市》人民政府", "a\tb\nc\fd\re\vf", "\xff（\xe5\x8c）\xe5", "�", "【】[]()（）",
		"中共 深圳市 委员会", "x\u00a0y", "\u2003z",
	}
	pieces := []string{"\t", "\n", "\f", "\r", "\v", " ", "　", "\"", "“", "”", "'", "‘", "’", "《", "》", "<", ">", "(", ")", "（", "）", "[", "]", "【", "】",
		"市", "a", "\xff", "\xe5\x8c", "\u00a0", "\u2003", "�"}
	rng := rand.New(rand.NewSource(1))
	for range 2000 {
		var s string
		for n := rng.Intn(12); n > 0; n-- {
			s += pieces[rng.Intn(len(pieces))]
		}
		cases = append(cases, s)
	}
	for _, s := range cases {
		if got, want := stripSpace(s), re.ReplaceAllString(s, ""); got != want {
			t.Fatalf("stripSpace(%q) = %q, the regexp gives %q", s, got, want)
		}
	}
}
