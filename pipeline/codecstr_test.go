package pipeline

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// refStr is enc.str before codecTable and codecNext: a lookup in the map
// codecIndex for every string. It writes to b what str writes.
func refStr(b []byte, v, derived string) []byte {
	if v == derived {
		return binary.AppendUvarint(b, 0)
	}
	if k, ok := codecIndex[v]; ok {
		return binary.AppendUvarint(b, uint64(k)+1)
	}
	b = binary.AppendUvarint(b, uint64(len(codecStrings)+1+len(v)))
	return append(b, v...)
}

// refRaw is what enc.raw writes for the raw text v of a row whose count
// is n, last being the last raw text written in full (enc.raw0): 0 for
// rawOf(n), 1 for last, else 2+len(v) followed by v's bytes.
func refRaw(b []byte, v string, n *int64, last string) []byte {
	switch {
	case v == rawOf(n):
		return append(b, 0)
	case v == last:
		return append(b, 1)
	}
	b = binary.AppendUvarint(b, uint64(2+len(v)))
	return append(b, v...)
}

// strsOf lists the strings of p in the order appendParsed writes them,
// each with what it is derived from.
func strsOf(p *schemas.Parsed) [][2]string {
	var out [][2]string
	add := func(v, derived string) { out = append(out, [2]string{v, derived}) }
	r := &p.Report
	for _, v := range []string{r.ReportID, r.SourcePath, r.SourceFormat, r.Encoding, r.Template, r.Status, r.ParserVersion} {
		add(v, "")
	}
	for _, d := range p.Disclosures {
		c0, c1 := splitCell(d.Cell)
		add(d.Cell, "")
		add(d.Item, c0)
		add(d.Metric, c1)
		add(d.Label, "")
		if d.Unit != nil {
			add(*d.Unit, "")
		}
		add(d.Raw, rawOf(d.Count))
	}
	for _, a := range p.Applications {
		c0, c1 := splitCell(a.Cell)
		add(a.Cell, "")
		add(a.Outcome, c0)
		add(a.Applicant, c1)
		add(a.Label, "")
		add(a.Raw, rawOf(a.Count))
	}
	for _, a := range p.Appeals {
		c0, c1 := splitCell(a.Cell)
		add(a.Cell, "")
		add(a.Proceeding, c0)
		add(a.Outcome, c1)
		add(a.Raw, rawOf(a.Count))
	}
	for _, f := range p.Findings {
		add(f.Rule, "")
		add(f.Severity, "")
		add(f.Kind, "")
		add(f.Cell, "")
		add(f.Message, "")
	}
	add(p.Organ, "")
	return out
}

// sameAsRef checks that enc.str writes what refStr writes for the
// sequence of strings seq, through one encoder (its guesses depend on the
// strings before).
func sameAsRef(t testing.TB, seq [][2]string) {
	t.Helper()
	e := &enc{}
	var want []byte
	for i, s := range seq {
		n := len(e.b)
		e.str(s[0], s[1])
		want = refStr(want, s[0], s[1])
		if !bytes.Equal(e.b, want) {
			t.Fatalf("string %d %q (derived %q): wrote %x, want %x", i, s[0], s[1], e.b[n:], want[n:])
		}
	}
}

// TestEncStrSameAsMap: over the strings of generated parses, in the order
// the codec writes them, and over every catalogue string followed by every
// other (so that each guess of codecNext is tried right and wrong), str
// writes what the map lookup wrote.
func TestEncStrSameAsMap(t *testing.T) {
	ps, _ := generatedParses(t, 200)
	for _, p := range ps {
		sameAsRef(t, strsOf(p))
	}
	var seq [][2]string
	for _, a := range codecStrings {
		for _, b := range codecStrings[:40] {
			seq = append(seq, [2]string{a, ""}, [2]string{b, ""}, [2]string{a, ""}, [2]string{b + "x", ""})
		}
	}
	sameAsRef(t, seq)
	// Cells one after another (the collection spool's cell values), each
	// twice, a label the catalogue lacks repeated between them, the same
	// string missed twice with a catalogue string between.
	seq = seq[:0]
	for i, c := range codecStrings {
		seq = append(seq, [2]string{c, ""}, [2]string{c, ""})
		if i%3 == 0 {
			seq = append(seq, [2]string{"(七)总计", ""}, [2]string{c, ""}, [2]string{"(七)总计", ""}, [2]string{"(七)总计", "(七)总计"})
		}
	}
	sameAsRef(t, seq)
}

// TestCellValuesSameAsRef: appendCellValues writes each cell value as
// refStr writes its cell, for the values of generated parses.
func TestCellValuesSameAsRef(t *testing.T) {
	ps, _ := generatedParses(t, 100)
	total := 0
	for _, p := range ps {
		var vals [][2]any
		eachValue(p, func(cell string, v int64) { vals = append(vals, [2]any{cell, v}) })
		want := binary.AppendUvarint(nil, uint64(len(vals)))
		for _, x := range vals {
			want = refStr(want, x[0].(string), "")
			want = binary.AppendVarint(want, x[1].(int64))
		}
		if got := appendCellValues(nil, p); !bytes.Equal(got, want) {
			t.Fatalf("%s: cell values %x, want %x", p.Report.SourcePath, got, want)
		}
		total += len(vals)
	}
	if total < 50*len(ps) {
		t.Fatalf("only %d cell values in %d parses", total, len(ps))
	}
}

// TestStrTableMatchesMap: codecTable finds every catalogue string at its
// index, and nothing else: strings one byte off, cut or extended, empty,
// and strings of generated parses.
func TestStrTableMatchesMap(t *testing.T) {
	check := func(s string) {
		t.Helper()
		k, ok := codecTable.index(s)
		wk, wok := codecIndex[s]
		if k != wk || ok != wok {
			t.Fatalf("%q: index %d %v, map %d %v", s, k, ok, wk, wok)
		}
	}
	check("")
	for _, s := range codecStrings {
		check(s)
		for i := 0; i < len(s); i++ {
			b := []byte(s)
			b[i] ^= 1
			check(string(b))
			check(s[:i])
			check(s[i:])
		}
		check(s + "x")
		check(strings.Repeat(s, 3))
	}
	ps, _ := generatedParses(t, 50)
	for _, p := range ps {
		for _, s := range strsOf(p) {
			check(s[0])
		}
	}
}

// FuzzEncStr: any sequence of strings, catalogue strings among them
// (a byte below 0x1c picks one), is written as refStr writes it. Two bytes
// "\x1e" and "\x1f" repeat the string two before, or the one before, as
// the same string; "\x1d" and "\x1c" take their first half (the same
// address, fewer bytes).
func FuzzEncStr(f *testing.F) {
	f.Add([]byte("\x01\x02\x01\x02|abc|\x05"))
	f.Add([]byte(codecStrings[0] + "|" + codecStrings[1] + "||x"))
	f.Add([]byte("\x03|\x04|\x1e\x1e|\x05|\x1d\x1d|\x1f\x1f|\x1c\x1c"))
	f.Fuzz(func(t *testing.T, b []byte) {
		var seq [][2]string
		for _, part := range bytes.Split(b, []byte("|")) {
			s := string(part)
			switch n := len(seq); {
			case len(part) == 1 && part[0] < 0x1c:
				s = codecStrings[int(part[0])*7%len(codecStrings)]
			case len(part) == 2 && part[0] == part[1] && part[0] >= 0x1c && part[0] < 0x20 && n >= 2:
				s = seq[n-2+int(part[0]&1)][0]
				if part[0] < 0x1e {
					s = s[:len(s)/2]
				}
			}
			seq = append(seq, [2]string{s, ""})
		}
		sameAsRef(t, seq)
	})
}

// TestDecodeSlabs: a decoded parse takes its pointed-to values from a few
// slabs, yet every pointer of it has a value of its own (writing through
// one changes no other), and the rows equal the parse encoded.
func TestDecodeSlabs(t *testing.T) {
	ps, _ := generatedParses(t, 40)
	var prev *schemas.Parsed
	for _, p := range ps {
		b := encodeParsed(p)
		got, err := decodeParsedReusing(b, prev)
		if err != nil {
			t.Fatal(err)
		}
		if diff := parsedDiff(got, p); diff != "" {
			t.Fatalf("%s: %s", p.Report.SourcePath, diff)
		}
		seen := map[any]bool{}
		distinct := func(ptr any) {
			if seen[ptr] {
				t.Fatalf("%s: two fields share the pointer %p", p.Report.SourcePath, ptr)
			}
			seen[ptr] = true
		}
		for i := range got.Disclosures {
			d := &got.Disclosures[i]
			if d.Count != nil {
				distinct(d.Count)
			}
			if d.AmountYuan != nil {
				distinct(d.AmountYuan)
			}
			if d.Unit != nil {
				distinct(d.Unit)
			}
		}
		for i := range got.Applications {
			if c := got.Applications[i].Count; c != nil {
				distinct(c)
				*c = -7 // the next check compares with p: no other row may see it
			}
		}
		for i := range got.Applications {
			if c, w := got.Applications[i].Count, p.Applications[i].Count; c != nil && *c != -7 {
				t.Fatalf("%s: application %d reads %d (want %d) after writes through the others", p.Report.SourcePath, i, *c, *w)
			}
		}
		prev = got
	}
	// Allocations: the rows' slices are reused; what is left is the
	// parse, its string and a few slabs, not one allocation a count.
	p := ps[0]
	b := encodeParsed(p)
	prev, _ = decodeParsed(b)
	allocs := testing.AllocsPerRun(20, func() { prev, _ = decodeParsedReusing(b, prev) })
	if rows := len(p.Disclosures) + len(p.Applications) + len(p.Appeals); allocs > 20 || rows < 50 {
		t.Errorf("decoding a parse of %d rows allocates %.0f times, want at most 20", rows, allocs)
	}
}

// TestEncRawSameAsStr: raw writes what refRaw writes, with rawOf's string
// as the derived value, for counts of every size and sign, none, and raw
// texts equal to the digits or not.
func TestEncRawSameAsStr(t *testing.T) {
	counts := []*int64{nil}
	for _, n := range []int64{0, 1, -1, 7, 99, 100, 101, 999, 1000, 123456789, -100, 1 << 62, -1 << 63} {
		counts = append(counts, &n)
	}
	for _, n := range counts {
		d := rawOf(n)
		for _, v := range []string{"", d, " " + d, d + "\u3000", "—", "0", "100", codecStrings[3]} {
			e := &enc{}
			e.raw(v, n)
			if want := refRaw(nil, v, n, ""); !bytes.Equal(e.b, want) {
				t.Errorf("raw(%q, %s) wrote %x, want %x", v, d, e.b, want)
			}
		}
	}
	big := make([]int64, 200)
	for i := range big {
		big[i] = int64(100 + i*37)
	}
	allocs := testing.AllocsPerRun(10, func() {
		e := &enc{b: make([]byte, 0, 1<<16)}
		for i := range big {
			e.raw("", &big[i])
		}
	})
	if allocs > 1 {
		t.Errorf("raw allocates %.0f times for 200 counts of 100 and more, want only the buffer", allocs)
	}
}
