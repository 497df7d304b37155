package transform

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// subRowOfOld is how readRows told a sub-row of the spec's group before
// subRowOf: by joining the group and its dot at every label read.
func subRowOfOld(code, group string) bool { return strings.HasPrefix(code, group+".") }

// subRowCodes are the codes readRows compares: every row of every spec,
// every group and the rows after it, the codes a reader makes (extra, "")
// and codes at subRowOf's edges.
func subRowCodes() []string {
	codes := []string{"", ".", "..", "other", "other.", "other.x", "othe", "other.1", "others", "other..",
		"x.other", "other.其他", "其他", "其他.", "extra", "total", "carried_forward", "\xff", "other\x00", "Other.x"}
	for _, s := range []*tableSpec{&s2Specs[0], &s2Specs[1], &s3Specs[0], &s3Specs[1], &s4Spec, &s4TransposedSpec} {
		codes = append(codes, s.group)
		codes = append(codes, s.afterGroup...)
		for _, r := range s.rows {
			codes = append(codes, r.code)
		}
	}
	return codes
}

// TestSubRowOfSame checks subRowOf against the strings.HasPrefix form it
// replaces for every pair of the specs' codes, the codes at its edges,
// and random strings of the bytes that matter.
func TestSubRowOfSame(t *testing.T) {
	codes := subRowCodes()
	sub := 0
	for _, code := range codes {
		for _, group := range codes {
			got, want := subRowOf(code, group), subRowOfOld(code, group)
			if got != want {
				t.Fatalf("subRowOf(%q, %q) = %v, before %v", code, group, got, want)
			}
			if want {
				sub++
			}
		}
	}
	if len(codes) < 50 || sub < 10 {
		t.Fatalf("%d codes, %d sub-rows: too few for the comparison to mean much", len(codes), sub)
	}
	rng := rand.New(rand.NewPCG(5, 6))
	pieces := []string{"", ".", "o", "other", "x", "其", "\xe5", "1"}
	str := func() string {
		var b strings.Builder
		for range rng.IntN(5) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 100000 {
		code, group := str(), str()
		if got, want := subRowOf(code, group), subRowOfOld(code, group); got != want {
			t.Fatalf("subRowOf(%q, %q) = %v, before %v", code, group, got, want)
		}
	}
}

// FuzzSubRowOfSame: subRowOf agrees with strings.HasPrefix(code,
// group+".") on any strings.
func FuzzSubRowOfSame(f *testing.F) {
	codes := subRowCodes()
	for i, c := range codes {
		f.Add(c, codes[(i*7+3)%len(codes)])
	}
	f.Fuzz(func(t *testing.T, code, group string) {
		if got, want := subRowOf(code, group), subRowOfOld(code, group); got != want {
			t.Fatalf("subRowOf(%q, %q) = %v, before %v", code, group, got, want)
		}
	})
}
