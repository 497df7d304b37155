package pipeline

import "encoding/binary"

// tablesCellEnc is enc.cell as it was before codecCells: its guess and
// parts read from codecNext, codecStrings and codecParts. The code of
// then, on a type of its own.
type tablesCellEnc struct {
	b  []byte
	ck int32
}

func (e *tablesCellEnc) u(v uint64) { e.b = binary.AppendUvarint(e.b, v) }

func (e *tablesCellEnc) cell(v string) (string, string) {
	k := codecNext[e.ck]
	if k == 0 || !sameString(codecStrings[k-1], v) {
		k = codecLookup(v)
	}
	e.ck = k
	if k != 0 {
		e.u(uint64(k))
		p := &codecParts[k]
		return p[0], p[1]
	}
	if v == "" {
		e.b = append(e.b, 0)
	} else {
		e.u(uint64(len(codecStrings) + 1 + len(v)))
		e.b = append(e.b, v...)
	}
	return splitCell(v)
}
