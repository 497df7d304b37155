package normalize

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// MarshalJSON writes the object `nianbao normalize` prints for one value
// (data contract, "Command-line contract"), keys in this order:
//
//	{"input":…, "kind":"amount"|"count", "value":…, "unit":…|null,
//	 "unit_inferred":bool, "error":null|"reason", "approximate":bool}
//
// value is a decimal string in yuan for amounts, a JSON integer for counts,
// null for not-applicable markers and for every rejected value (error not
// null), as the dataset holds them: a number too large for the dataset
// (Overflow) or an amount finer than a fen is no value there either, and
// a count past int64 printed as a JSON integer would break the readers
// that decode one. input keeps what was printed.
func (r Result) MarshalJSON() ([]byte, error) {
	return r.appendJSON(make([]byte, 0, 96+len(r.Input))), nil
}

func (r Result) appendJSON(b []byte) []byte {
	b = append(b, `{"input":`...)
	b = appendString(b, r.Input)
	b = append(b, `,"kind":`...)
	b = appendString(b, string(r.Kind))
	b = append(b, `,"value":`...)
	switch {
	case r.NA || r.Exact == "" || r.Err != nil:
		b = append(b, "null"...)
	case r.Kind == KindAmount:
		b = appendString(b, r.Exact)
	case strings.IndexByte(r.Exact, '.') < 0:
		b = append(b, r.Exact...) // an integer, however large
	default:
		b = append(b, "null"...) // a count that is not whole
	}
	b = append(b, `,"unit":`...)
	if r.Unit == "" {
		b = append(b, "null"...)
	} else {
		b = appendString(b, r.Unit)
	}
	b = append(b, `,"unit_inferred":`...)
	b = strconv.AppendBool(b, r.UnitInferred)
	b = append(b, `,"error":`...)
	if r.Err == nil {
		b = append(b, "null"...)
	} else {
		b = appendString(b, r.Err.Error())
	}
	b = append(b, `,"approximate":`...)
	b = strconv.AppendBool(b, r.Approximate)
	return append(b, '}')
}

const hex = "0123456789abcdef"

// appendString writes s as a JSON string. Invalid UTF-8 becomes U+FFFD;
// U+2028 and U+2029 are escaped so the line stays one JSON Lines record.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				b = append(b, '\\', c)
			case c == '\n':
				b = append(b, '\\', 'n')
			case c == '\r':
				b = append(b, '\\', 'r')
			case c == '\t':
				b = append(b, '\\', 't')
			case c < 0x20 || c == 0x7f:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			default:
				b = append(b, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, `\u202`...)
			b = append(b, hex[r&0xf])
		default:
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return append(b, '"')
}

// KindOf is the kind `nianbao normalize` uses when --kind is not given: an
// amount when a header unit is given or the text names money (元, 圆, 角, 分,
// ¥, ￥, RMB, CNY, 人民币, or a foreign currency, so that it is rejected as one),
// a count otherwise. 3.5万 alone is therefore read as a count.
func KindOf(s, headerUnit string) Kind {
	if headerUnit != "" {
		return KindAmount
	}
	for _, m := range moneyMarks {
		if strings.Contains(s, m) {
			return KindAmount
		}
	}
	u := strings.ToUpper(s)
	for _, m := range []string{"RMB", "CNY", "USD", "EUR"} {
		if strings.Contains(u, m) {
			return KindAmount
		}
	}
	return KindCount
}

var moneyMarks = []string{"元", "圆", "圓", "角", "分", "¥", "￥", "人民币", "$", "＄", "€", "£", "美金", "港币", "英镑"}

// WriteJSONL normalizes each input and writes one JSON object per line, in
// order. kind "" chooses per value with KindOf; unit is the header unit.
func WriteJSONL(w io.Writer, kind Kind, unit string, inputs []string) error {
	bw := bufio.NewWriter(w)
	var b []byte
	for _, in := range inputs {
		b = line(b[:0], kind, unit, in)
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// CopyJSONL is WriteJSONL over the lines of r (a trailing "\r" is dropped),
// streaming: one line in memory at a time, up to 1 MiB per line.
func CopyJSONL(w io.Writer, r io.Reader, kind Kind, unit string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	bw := bufio.NewWriter(w)
	var b []byte
	for sc.Scan() {
		in := strings.TrimSuffix(sc.Text(), "\r")
		b = line(b[:0], kind, unit, in)
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		bw.Flush()
		return err
	}
	return bw.Flush()
}

func line(b []byte, kind Kind, unit, in string) []byte {
	k := kind
	if k == "" {
		k = KindOf(in, unit)
	}
	b = Normalize(k, in, unit).appendJSON(b)
	return append(b, '\n')
}
