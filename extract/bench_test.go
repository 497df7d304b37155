package extract

import (
	"bytes"
	"fmt"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// BenchmarkDecode measures Decode on the seed reports, concatenated to a
// few sizes, as UTF-8 and as GB18030.
func BenchmarkDecode(b *testing.B) {
	var all []byte
	for _, s := range seeds(b) {
		all = append(all, s...)
	}
	for _, size := range []int{32 << 10, 1 << 20, 16 << 20} {
		utf := bytes.Repeat(all, size/len(all)+1)[:0]
		for len(utf)+len(all) <= size {
			utf = append(utf, all...)
		}
		gb := encode(b, simplifiedchinese.GB18030, string(utf))
		for _, in := range []struct {
			name string
			b    []byte
		}{{"utf-8", utf}, {"gb18030", gb}} {
			b.Run(fmt.Sprintf("%s/%dKiB", in.name, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(in.b)))
				b.ReportAllocs()
				b.ResetTimer()
				for range b.N {
					Decode(in.b)
				}
			})
		}
	}
}
