package pipeline

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"unicode/utf8"
)

// The two indexes of the state store (files.json, index.json) are read at
// the start of every run, and with encoding/json their decoding was about
// 40% of the CPU of a run in which nothing changed: reflection for each of
// the six or four fields of every entry. decodeFiles and decodePacks read
// the form writeJSONMap writes (no space, the fields in struct order, keys
// sorted) directly, and hand anything else (an index edited by hand,
// written by another version, damaged) to json.Unmarshal whole, so the
// result is always what json.Unmarshal gives.

// decodeFiles decodes a file index into *m as json.Unmarshal(b, m) does.
func decodeFiles(b []byte, m *map[string]fileEntry) error {
	d := jsonScan{b: b}
	if fast, ok := decodeMap(&d, len(b)/128, (*jsonScan).fileEntry); ok {
		mergeMap(m, fast)
		return nil
	}
	return json.Unmarshal(b, m)
}

// decodePacks decodes a pack index into *m as json.Unmarshal(b, m) does.
func decodePacks(b []byte, m *map[string]packRef) error {
	d := jsonScan{b: b}
	if fast, ok := decodeMap(&d, len(b)/160, (*jsonScan).packRef); ok {
		mergeMap(m, fast)
		return nil
	}
	return json.Unmarshal(b, m)
}

// mergeMap puts the entries of fast into *m, as json.Unmarshal does into
// a map that exists.
func mergeMap[V any](m *map[string]V, fast map[string]V) {
	if len(*m) == 0 {
		*m = fast
		return
	}
	for k, v := range fast {
		(*m)[k] = v
	}
}

// decodeMap reads a whole JSON object of values read by value, with no
// space. ok is false for anything else. A key given twice keeps its last
// value, as in json.Unmarshal.
func decodeMap[V any](d *jsonScan, hint int, value func(*jsonScan) (V, bool)) (m map[string]V, ok bool) {
	if !d.lit("{") {
		return nil, false
	}
	m = make(map[string]V, hint)
	if d.lit("}") {
		return m, d.i == len(d.b)
	}
	for {
		k, ok := d.str()
		if !ok || !d.lit(":") {
			return nil, false
		}
		v, ok := value(d)
		if !ok {
			return nil, false
		}
		m[k] = v
		if d.lit("}") {
			return m, d.i == len(d.b)
		}
		if !d.lit(",") {
			return nil, false
		}
	}
}

// jsonScan reads the JSON that writeJSONMap writes, b from i on.
type jsonScan struct {
	b []byte
	i int
	// pack is the last pack name read: the entries of a pack index name a
	// few packs, each many times.
	pack string
}

// lit reads the bytes of s.
func (d *jsonScan) lit(s string) bool {
	if len(d.b)-d.i < len(s) || string(d.b[d.i:d.i+len(s)]) != s {
		return false
	}
	d.i += len(s)
	return true
}

// strBytes reads a string and returns its bytes between the quotes; plain
// is false when they hold an escape or a byte that is not printable
// ASCII, which strValue decodes.
func (d *jsonScan) strBytes() (s []byte, plain, ok bool) {
	if d.i >= len(d.b) || d.b[d.i] != '"' {
		return nil, false, false
	}
	start := d.i + 1
	plain = true
	j := start
	// Eight bytes at a time to the first that is special: a quote, a
	// backslash, a control character or one of a multi-byte character.
	for ; j+8 <= len(d.b); j += 8 {
		if special8(binary.LittleEndian.Uint64(d.b[j:])) {
			break
		}
	}
	for ; j < len(d.b); j++ {
		switch c := d.b[j]; {
		case c == '"':
			d.i = j + 1
			return d.b[start:j], plain, true
		case c == '\\':
			plain = false
			j++
		case c < 0x20:
			return nil, false, false
		case c >= utf8.RuneSelf:
			plain = false
		}
	}
	return nil, false, false
}

// special8 reports whether one of the eight bytes of x is '"', '\\',
// below 0x20 or above 0x7f (the tests of "Bit Twiddling Hacks" for a zero
// byte and a byte less than n, which are exact for the word as a whole).
func special8(x uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	q, bs := x^(lo*'"'), x^(lo*'\\')
	return (x|(x-lo*0x20)&^x|(q-lo)&^q|(bs-lo)&^bs)&hi != 0
}

// strValue is the string s that strBytes read: valid UTF-8 without an
// escape is itself; else json.Unmarshal decodes the quoted string (escapes,
// invalid UTF-8 made U+FFFD).
func strValue(s []byte, plain bool) (string, bool) {
	if plain || (utf8.Valid(s) && bytes.IndexByte(s, '\\') < 0) {
		return string(s), true
	}
	var v string
	q := make([]byte, 0, len(s)+2)
	q = append(append(append(q, '"'), s...), '"')
	if json.Unmarshal(q, &v) != nil {
		return "", false
	}
	return v, true
}

// str reads a string.
func (d *jsonScan) str() (string, bool) {
	s, plain, ok := d.strBytes()
	if !ok {
		return "", false
	}
	return strValue(s, plain)
}

// int reads an integer as json.Marshal writes an int64: an optional minus
// and digits without a leading zero, at most 19 of them (so a uint64 holds
// them) and within the range of an int64, followed by neither a fraction
// nor an exponent.
func (d *jsonScan) int() (int64, bool) {
	i, neg := d.i, false
	if i < len(d.b) && d.b[i] == '-' {
		neg = true
		i++
	}
	start := i
	var n uint64
	for i < len(d.b) && d.b[i] >= '0' && d.b[i] <= '9' {
		n = n*10 + uint64(d.b[i]-'0')
		i++
	}
	digits := i - start
	if digits == 0 || digits > 19 || (digits > 1 && d.b[start] == '0') {
		return 0, false
	}
	if i < len(d.b) && (d.b[i] == '.' || d.b[i] == 'e' || d.b[i] == 'E') {
		return 0, false
	}
	if neg {
		if n > 1<<63 {
			return 0, false
		}
		d.i = i
		return -int64(n), true
	}
	if n > 1<<63-1 {
		return 0, false
	}
	d.i = i
	return int64(n), true
}

// fileEntry reads a fileEntry as json.Marshal writes it.
func (d *jsonScan) fileEntry() (e fileEntry, ok bool) {
	if !d.lit(`{"size":`) {
		return e, false
	}
	if e.Size, ok = d.int(); !ok || !d.lit(`,"mtime_ns":`) {
		return e, false
	}
	if e.ModNanos, ok = d.int(); !ok || !d.lit(`,"report_id":`) {
		return e, false
	}
	if e.ReportID, ok = d.str(); !ok {
		return e, false
	}
	if d.lit(`,"meta":`) {
		if e.Meta, ok = d.str(); !ok {
			return e, false
		}
	}
	return e, d.lit("}")
}

// packRef reads a packRef as json.Marshal writes it.
func (d *jsonScan) packRef() (r packRef, ok bool) {
	if !d.lit(`{"pack":`) {
		return r, false
	}
	s, plain, ok := d.strBytes()
	if !ok {
		return r, false
	}
	if plain && string(s) == d.pack {
		r.Pack = d.pack
	} else if r.Pack, ok = strValue(s, plain); !ok {
		return r, false
	}
	d.pack = r.Pack
	for _, f := range [...]struct {
		name string
		v    *int64
	}{{`,"off":`, &r.Off}, {`,"len":`, &r.Len}, {`,"at":`, &r.At}, {`,"n":`, &r.N}, {`,"raw":`, &r.Raw}} {
		if !d.lit(f.name) {
			return r, false
		}
		if *f.v, ok = d.int(); !ok {
			return r, false
		}
	}
	return r, d.lit("}")
}
