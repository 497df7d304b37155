package pipeline

import (
	"bytes"
	"encoding/binary"
	"testing"
)

// uByLoop and iByLoop are dec.u and dec.i as they were: binary.Uvarint and
// binary.Varint for every number, the reference of the one-byte path.
func (d *dec) uByLoop() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.err, d.b = errCodec, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) iByLoop() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err, d.b = errCodec, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

// sameVarints reads b to its end (or its first error) twice, with u and i
// and with uByLoop and iByLoop, taking a uvarint or a varint by the bits
// of kinds in turn, and checks that every number, what is left of b and
// the error are the same.
func sameVarints(t testing.TB, b []byte, kinds uint64) {
	t.Helper()
	got, want := &dec{b: b}, &dec{b: b}
	for k := 0; len(want.b) > 0 && want.err == nil; k++ {
		var g, w int64
		if kinds>>(k%64)&1 == 0 {
			g, w = int64(got.u()), int64(want.uByLoop())
		} else {
			g, w = got.i(), want.iByLoop()
		}
		if g != w || !bytes.Equal(got.b, want.b) || len(got.b) != len(want.b) || got.err != want.err {
			t.Fatalf("%x, number %d: read %d (%d bytes left, %v), want %d (%d left, %v)",
				b, k, g, len(got.b), got.err, w, len(want.b), want.err)
		}
	}
}

// TestVarintsSameAsLoop: over the encodings of generated parses, every
// one- and two-byte input, numbers of every length and varints too long
// or cut short, u and i read what binary.Uvarint and binary.Varint read.
func TestVarintsSameAsLoop(t *testing.T) {
	ps, _ := generatedParses(t, 50)
	for _, p := range ps {
		b := encodeParsed(p)
		for _, kinds := range []uint64{0, ^uint64(0), 0x5555555555555555, 0x0f0f0f0f0f0f0f0f} {
			sameVarints(t, b, kinds)
		}
	}
	for x := range 1 << 16 {
		b := []byte{byte(x), byte(x >> 8)}
		sameVarints(t, b, 0)
		sameVarints(t, b, ^uint64(0))
		sameVarints(t, b[:1], 1)
	}
	var b []byte
	for shift := range 64 {
		v := uint64(1)<<shift | uint64(shift)
		b = binary.AppendUvarint(b, v)
		b = binary.AppendUvarint(b, v-1)
		b = binary.AppendVarint(b, -int64(v))
	}
	sameVarints(t, b, 0)
	sameVarints(t, b, 0x4924924924924924)
	sameVarints(t, bytes.Repeat([]byte{0xff}, 12), 0)
	sameVarints(t, bytes.Repeat([]byte{0xff}, 12), 1)
	sameVarints(t, append(bytes.Repeat([]byte{0x80}, 9), 2), 0)
}

func FuzzVarints(f *testing.F) {
	ps, _ := generatedParses(f, 1)
	f.Add(encodeParsed(ps[0])[:200], uint64(0x5555))
	f.Add([]byte{0x7f, 0x80, 0x01, 0xff, 0xff, 0x03, 0x00}, uint64(0))
	f.Add(bytes.Repeat([]byte{0xff}, 11), uint64(1))
	f.Fuzz(func(t *testing.T, b []byte, kinds uint64) {
		sameVarints(t, b, kinds)
	})
}
