// Package bytestest gives differential tests of more than one package the
// inputs they build byte by byte. Only tests import it.
package bytestest

// EachByteAmong calls f with every byte value at every place of an n-byte
// text of one filler repeated, for each filler. f is handed the same
// buffer each time: it must not keep it.
func EachByteAmong(fill []string, n int, f func([]byte)) {
	b := make([]byte, n)
	for c := 0; c < 0x100; c++ {
		for _, fl := range fill {
			for at := range b {
				for k := range b {
					b[k] = fl[k%len(fl)]
				}
				b[at] = byte(c)
				f(b)
			}
		}
	}
}
