package division

import (
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strings"
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

// stripPieces are what the comparisons of stripSpace build strings from:
// every character it drops, their bytes alone and cut short, characters
// that share their first bytes, and bytes that are not UTF-8.
var stripPieces = []string{"\t", "\n", "\f", "\r", "\v", " ", "　", "\"", "“", "”", "'", "‘", "’", "《", "》", "<", ">", "(", ")", "（", "）", "[", "]", "【", "】",
	"\xe2", "\xe3", "\xef", "\xe2\x80", "\xe3\x80", "\xef\xbc", "\x80", "\x98", "\xbc", "\x88",
	"、", "。", "〈", "〉", "「", "，", "：", "…", "—", "\u2000", "\u201e", "\uff0a",
	"市", "县", "a", "\xff", "\xe5\x8c", "\u00a0", "\u2003", "�", "𠀀"}

// TestStripSpaceSameAsBefore compares stripSpace with oldStripSpace, which
// decodes every character: on random strings of stripPieces, short and
// as long as a report's text, and on the seed reports' texts.
func TestStripSpaceSameAsBefore(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	var cases []string
	for range 20000 {
		var b strings.Builder
		for n := rng.Intn(16); n > 0; n-- {
			b.WriteString(stripPieces[rng.Intn(len(stripPieces))])
		}
		cases = append(cases, b.String())
	}
	for range 50 {
		var b strings.Builder
		for n := rng.Intn(3000); n > 0; n-- {
			b.WriteString(stripPieces[rng.Intn(len(stripPieces))])
		}
		cases = append(cases, b.String())
	}
	seeds, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "samples", "*.txt"))
	if len(seeds) == 0 {
		t.Fatal("no seed reports in testdata/samples")
	}
	for _, p := range seeds {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, string(b))
	}
	stripped := 0
	for _, s := range cases {
		got, want := stripSpace(s), oldStripSpace(s)
		if got != want {
			t.Fatalf("stripSpace(%q) = %q, before %q", s, got, want)
		}
		if got != s {
			stripped++
		}
	}
	if stripped < len(cases)/2 {
		t.Errorf("only %d of %d strings had something to drop", stripped, len(cases))
	}
}

func FuzzStripSpaceSameAsBefore(f *testing.F) {
	for _, p := range stripPieces {
		f.Add("市" + p + "县")
	}
	f.Add("\xe3\x80\xe3\x80\x80\xef\xbc\x89\xe2\x80")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := stripSpace(s), oldStripSpace(s); got != want {
			t.Fatalf("stripSpace(%q) = %q, before %q", s, got, want)
		}
	})
}
