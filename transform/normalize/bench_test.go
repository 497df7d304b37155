package normalize_test

import (
	"testing"

	"github.com/nianbao/nianbao/transform/normalize"
)

// realistic is the mix of cells a report gives: mostly zeros, then small
// counts, not-applicable markers and a few amounts.
var realistic = func() []string {
	var s []string
	for i := 0; i < 60; i++ {
		s = append(s, " 0")
	}
	for i := 0; i < 10; i++ {
		s = append(s, "\u00a00")
	}
	s = append(s, "1", "2", "12", "125", "+163", "40625", "741", "3")
	for i := 0; i < 10; i++ {
		s = append(s, "/", "\u3000/")
	}
	s = append(s, "362.24万元", "10268898元", "207204.99", "567.27万元")
	return s
}()

func bytesOf(in []string) int64 {
	n := 0
	for _, s := range in {
		n += len(s)
	}
	return int64(n)
}

func BenchmarkNormalize(b *testing.B) {
	for _, bc := range []struct {
		name string
		kind normalize.Kind
		in   []string
	}{
		{"realistic_mix", "", realistic},
		{"plain_zero", normalize.KindCount, []string{" 0"}},
		{"small_count", normalize.KindCount, []string{"12", "+163", "\u00a00"}},
		{"na_marker", normalize.KindCount, []string{"/", "\u3000\u3000/"}},
		{"amount_wanyuan", normalize.KindAmount, []string{"362.24万元"}},
		{"amount_yuan", normalize.KindAmount, []string{"10268898元"}},
		{"amount_decimal", normalize.KindAmount, []string{"207204.99"}},
		{"chinese_numeral", normalize.KindAmount, []string{"壹仟贰佰叁拾肆圆整"}},
		{"rejected_range", normalize.KindAmount, []string{"3-5万元"}},
	} {
		kinds := make([]normalize.Kind, len(bc.in))
		for i, s := range bc.in {
			kinds[i] = bc.kind
			if kinds[i] == "" {
				kinds[i] = normalize.KindOf(s, "")
			}
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(bytesOf(bc.in))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for j, s := range bc.in {
					_ = normalize.Normalize(kinds[j], s, "")
				}
			}
		})
	}
}
