package pipeline

import (
	"encoding/binary"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
)

// appendApplications writes rows as the generated appendApplication
// writes each (TestAppendApplicationsSameAsRowwise holds it to it and to
// the code before), and appends to vals, when it is not nil, the cell
// value of each row with a count as appendVal does, counting them in n.
//
// A report has about 170 of these rows, 85% of the rows the state store
// encodes. appendApplication goes through enc's methods, each of which
// loads e.b and stores it back at every byte it appends (e is a pointer:
// the compiler keeps nothing of it in registers across the row), and
// appendVal then reads back the cell it wrote to copy it. Here the
// buffer, the guesses (enc.next, enc.lab, enc.raw0) and the line are
// locals for the whole table, the cell value is the catalogue index just
// written, and only what the guesses miss goes through enc's methods,
// with e.b handed over around the call. In a 2 000-report run under
// cachegrind the package's functions took 116.2–116.5 M estimated
// cycles instead of 122.8–123.2 M, Ir −0.45%. The loop still keeps most
// of its variables on the stack (too many for the registers): writing
// the row's bytes by index into room made first, and the cell values in
// a second pass, took 2.7% less of this function, not kept; nor the same
// loops for disclosures and appeals (no gain: their few rows a report
// pay for the calls the larger loop inlines). The label and line before
// a row are read back from the row before rather than held: three
// variables fewer to spill and reload around the loop, 2.4 M estimated
// cycles of this function's 45.9 M in that run (Ir −7.5 M outside the
// runtime).
func appendApplications(e *enc, rows []schemas.Application, line *int32, vals []byte, n int) ([]byte, int) {
	// The label and line before a row are the row before's: a label
	// written only where it differs leaves lab equal to it by address,
	// so the loop reads them back from that row instead of keeping three
	// more variables live across it (fewer than the registers hold).
	// first stands for the row before the first one.
	var first schemas.Application
	first.Label, first.Line = e.lab, *line
	prev := &first
	b, next, raw0 := e.b, e.next, e.raw0
	for k := range rows {
		x := &rows[k]
		at := len(b)

		// The cell, as enc.cell.
		v := x.Cell
		t := next
		c := &codecCells[t]
		if t == 0 || unsafe.StringData(v) != c.p || len(v) != int(c.n) {
			if t == 0 || v != codecStrings[t-1] {
				t = codecLookup(v)
				c = &codecCells[t]
			}
		}
		next = int32(c.next)
		var c0, c1 string
		if t != 0 {
			b = appendU(b, uint64(t))
			c0, c1 = codecPartStrs[c.c0], codecPartStrs[c.c1]
		} else {
			// Not the catalogue's: written in full, as enc.cell does.
			if v == "" {
				b = append(b, 0)
			} else {
				b = appendU(b, uint64(len(codecStrings)+1+len(v)))
				b = append(b, v...)
			}
			c0, c1 = splitCell(v)
		}

		// The outcome and applicant, as enc.str, then the label as
		// enc.label.
		if v := x.Outcome; unsafe.StringData(v) == unsafe.StringData(c0) && len(v) == len(c0) {
			b = append(b, 0)
		} else {
			e.b = b
			e.strAny(v, c0)
			b = e.b
		}
		if v := x.Applicant; unsafe.StringData(v) == unsafe.StringData(c1) && len(v) == len(c1) {
			b = append(b, 0)
		} else {
			e.b = b
			e.strAny(v, c1)
			b = e.b
		}
		if v, lab := x.Label, prev.Label; unsafe.StringData(v) == unsafe.StringData(lab) && len(v) == len(lab) {
			b = append(b, 0)
		} else {
			e.b = b
			e.strAny(v, lab)
			b = e.b
		}

		// The count, as enc.pi, and the raw text, as enc.raw.
		cnt := x.Count
		if cnt == nil {
			b = append(b, 0)
		} else {
			b = appendI(append(b, 1), *cnt)
		}
		// A null count and a count of one digit, most rows', are told
		// here, the others by rawDerived, too large to inline.
		r := x.Raw
		var same bool
		switch {
		case cnt == nil:
			same = r == ""
		case uint64(*cnt) < 10:
			same = len(r) == 1 && r[0] == '0'+byte(*cnt)
		default:
			same = rawDerived(r, cnt)
		}
		switch {
		case same:
			b = append(b, 0)
		case sameString(r, raw0):
			b = append(b, 1)
		default:
			raw0 = r
			b = appendU(b, uint64(2+len(r)))
			b = append(b, r...)
		}

		// The line, as enc.line.
		b = appendI(b, int64(x.Line)-int64(prev.Line))
		prev = x

		if vals != nil && cnt != nil {
			if t != 0 {
				vals = appendI(appendU(vals, uint64(t)), *cnt)
			} else {
				vals = appendVal(vals, b[at:], *cnt)
			}
			n++
		}
	}
	e.b, e.next, e.lab, e.raw0, *line = b, next, prev.Label, raw0, prev.Line
	return vals, n
}

// appendU is binary.AppendUvarint, a number below 0x80 (most of them)
// without its loop.
func appendU(b []byte, v uint64) []byte {
	if v < 0x80 {
		return append(b, byte(v))
	}
	return binary.AppendUvarint(b, v)
}

// appendI is binary.AppendVarint, as appendU.
func appendI(b []byte, v int64) []byte {
	return appendU(b, uint64(v)<<1^uint64(v>>63))
}
