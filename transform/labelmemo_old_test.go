package transform

import "strings"

// matchOld is parser.match as it was before its cells were compared by
// sameShort: each remembered cell found at the place its hash names was
// compared with the one asked about as strings.
func (p *parser) matchOld(spec *tableSpec, c string, inOther bool) label {
	if spec.memo == 0 || len(c) > memoMaxLen || p.scr == nil {
		return spec.match(c, inOther)
	}
	k := spec.memo << 1
	if inOther {
		k |= 1
	}
	h := memoHash(c, uint64(k))
	t := p.scr.labels.e
	if t == nil {
		t = new([memoSize]memoEntry)
		p.scr.labels.e = t
	}
	i := h >> (64 - memoBits)
	for ; t[i].k != 0; i = (i + 1) % memoSize {
		if e := &t[i]; e.h == h && e.k == k && e.key == c {
			return label{code: e.code, kind: e.kind, out: e.out}
		}
	}
	l := spec.match(c, inOther)
	if p.scr.labels.n >= memoSize/2 {
		clear(t[:])
		p.scr.labels.n = 0
		i = h >> (64 - memoBits)
	}
	t[i] = memoEntry{h: h, key: strings.Clone(c), code: l.code, kind: l.kind, out: l.out, k: k}
	p.scr.labels.n++
	return l
}
