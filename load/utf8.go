package load

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"
	"unsafe"

	"github.com/nianbao/nianbao/schemas"
)

// RuleInvalidUTF8 is the rule of the finding the Writer adds to a report
// when one of its strings was not valid UTF-8 and had to be escaped, taken
// from the schemas registry (its code and kind are the registry's).
var RuleInvalidUTF8 = func() *schemas.Rule {
	r, ok := schemas.RuleOf("INVALID_UTF8")
	if !ok {
		panic("load: rule INVALID_UTF8 is not registered in schemas.Rules")
	}
	return &r
}()

// sanitize makes every string of p valid UTF-8 before it is written:
// Parquet's string columns must be, and readers (DuckDB, Arrow) refuse a
// file where one is not. Nothing upstream should hand the Writer such a
// string (extract decodes text to UTF-8 and escapes file names); this is
// the guard that makes sure no path can. A bad string is escaped
// reversibly (schemas.EscapeUTF8) and the report gets an INVALID_UTF8
// finding naming the columns. The columns are every string column of the
// row types (sanitizeRows, generated from them: rows_gen.go).
//
//go:generate go run ../internal/rowgen/cmd/rowgen load rows_gen.go
func sanitize(p *schemas.Parsed) {
	var bad escaped
	escapeInvalid(p, &bad)
	addInvalidUTF8(p, bad)
}

// escaped is a set of columns, by number of sanitizeCols, where a string
// was escaped.
type escaped [len(sanitizeCols)]bool

func (e *escaped) any() bool { return *e != escaped{} }

// escapeInvalid escapes the strings of p that are not valid UTF-8 and adds
// their columns to bad.
func escapeInvalid(p *schemas.Parsed, bad *escaped) {
	v := validators.Get().(*validator) // reset when put back
	defer func() {
		v.reset()
		validators.Put(v)
	}()
	v.bad = bad
	sanitizeRows(p, v)
	v.bad = nil
}

// addInvalidUTF8 adds to p, when bad holds a column, the INVALID_UTF8
// finding naming bad's columns, and updates its issue count and status.
func addInvalidUTF8(p *schemas.Parsed, bad escaped) {
	if !bad.any() {
		return
	}
	var cols []string
	for c, b := range bad {
		if b {
			cols = append(cols, sanitizeCols[c])
		}
	}
	sort.Strings(cols)
	r := &p.Report
	p.Findings = append(p.Findings, schemas.Finding{Rule: RuleInvalidUTF8.Code, Severity: schemas.SeverityWarning,
		Kind: RuleInvalidUTF8.Kind, Cell: "report",
		Message: fmt.Sprintf("%s: bytes that are not UTF-8 in %s were written as \\xHH escapes", r.SourcePath, strings.Join(cols, ", "))})
	r.IssueCount = int32(len(p.Findings))
	r.Status = schemas.StatusOf(p.Findings)
}

// validator checks the strings of a report column by column. ASCII is
// valid and found as fast as compared. Rows repeat their neighbours'
// values (a row's label on each of its cells, the report's id on every
// row), most often as the very same string: the last valid string of each
// column (ptr, n: its bytes' address and length) is passed over without
// reading a byte, and a copy of the last valid string that is not ASCII
// (last) spares decoding the same characters of an equal string again.
// The address holds only within one report: the caller's strings may be
// views of buffers it reuses between reports, never while one is checked
// (fix replaces a bad string, it writes into none).
type validator struct {
	last [len(sanitizeCols)][]byte
	ptr  [len(sanitizeCols)]*byte
	n    [len(sanitizeCols)]int
	bad  *escaped // where fix notes the columns it escaped
}

var validators = sync.Pool{New: func() any { return new(validator) }}

// reset forgets what a report before had: each report is checked on its own.
func (v *validator) reset() {
	for i := range v.last {
		v.last[i] = v.last[i][:0]
	}
	clear(v.ptr[:]) // and keeps no caller's memory alive in the pool
}

// fix escapes *s (s not nil) when it is not valid UTF-8 and notes its
// column. It is
// inlined into sanitizeRows, which calls it for every string of every
// row: the string checked last in the column, which most rows repeat
// (their report_id, label, outcome), is passed over without a call.
func (v *validator) fix(col int, s *string) {
	if unsafe.StringData(*s) != v.ptr[col] || len(*s) != v.n[col] {
		v.check(col, s)
	}
}

// fixPart is fix for a column of a cell's parts (an outcome, an
// applicant, an item …), which a parse's rows hold as codes of the
// catalogue (checkPart).
func (v *validator) fixPart(col int, s *string) {
	if unsafe.StringData(*s) != v.ptr[col] || len(*s) != v.n[col] {
		v.checkPart(col, s)
	}
}

// checkPart is fixPart for a string other than the column's last: a view
// of the catalogue's code text, or one of its constants whole
// (catalogueConsts.whole), is valid and passed over by its address,
// without reading its bytes.
func (v *validator) checkPart(col int, s *string) {
	x := *s
	if schemas.IsCodeText(x) || catalogueConsts.whole(x) {
		v.ptr[col], v.n[col] = unsafe.StringData(x), len(x)
		return
	}
	v.check(col, s)
}

// check is fix for a string other than the column's last.
func (v *validator) check(col int, s *string) {
	x := *s
	i := asciiPrefix(x)
	if i == len(x) {
		v.ptr[col], v.n[col] = unsafe.StringData(x), len(x)
		return // codes, numbers, ids: checked as fast as compared
	}
	if last := v.last[col]; len(last) == len(x) && string(last) == x {
		v.ptr[col], v.n[col] = unsafe.StringData(x), len(x)
		return
	}
	if validText(x[i:]) {
		v.ptr[col], v.n[col] = unsafe.StringData(x), len(x)
		if len(x) <= maxRemembered {
			v.last[col] = append(v.last[col][:0], x...)
		}
		return
	}
	*s = schemas.EscapeUTF8(x)
	v.bad[col] = true
}

// validText is utf8.ValidString, faster on the Chinese text of labels and
// names: a character of three bytes whose first byte admits any
// continuation bytes (anyContinuation: all of the CJK ideographs and
// full-width punctuation) is taken whole, by a table and one mask, and the
// rest of s from any other byte that is not ASCII, and its last two bytes,
// are left to utf8.ValidString.
func validText(s string) bool {
	i := 0
	for i+3 <= len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		if !anyContinuation[c] || (uint16(s[i+1])|uint16(s[i+2])<<8)&0xc0c0 != 0x8080 {
			break
		}
		i += 3
	}
	return utf8.ValidString(s[i:])
}

// anyContinuation holds the first bytes of three-byte characters that any
// two continuation bytes (80 to BF) complete: E1 to EC, EE and EF (E0 and
// ED admit fewer).
var anyContinuation = func() (t [256]bool) {
	for c := 0xe1; c <= 0xec; c++ {
		t[c] = true
	}
	t[0xee], t[0xef] = true, true
	return t
}()

// maxRemembered bounds the copy a validator keeps of a column's value.
const maxRemembered = 256

// asciiPrefix returns the length of the longest prefix of s that is
// ASCII, looking at sixteen bytes at a time, and at the last eight bytes
// at once where fewer than eight are left. A string shorter than eight
// bytes (a number, an applicant's code) is found ASCII from two loads of
// four bytes, or from its first, middle and last bytes, which are all
// its bytes below four.
func asciiPrefix(s string) int {
	const high = 0x8080808080808080
	n, i := len(s), 0
	if n < 8 {
		switch {
		case n >= 4:
			if (word4(s)|word4(s[n-4:]))&0x80808080 == 0 {
				return n
			}
		case n > 0:
			if s[0]|s[n/2]|s[n-1] < utf8.RuneSelf {
				return n
			}
		}
		return byteASCII(s)
	}
	for ; i+16 <= n; i += 16 {
		if (word(s[i:i+8])|word(s[i+8:i+16]))&high != 0 {
			break
		}
	}
	for ; i+8 <= n; i += 8 {
		if word(s[i:i+8])&high != 0 {
			return i + byteASCII(s[i:i+8])
		}
	}
	if i < n && n >= 8 && word(s[n-8:])&high == 0 {
		return n // the bytes before i are ASCII too
	}
	return i + byteASCII(s[i:])
}

// word reads the first eight bytes of s (len(s) >= 8) as one load.
func word(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// word4 reads the first four bytes of s (len(s) >= 4) as one load.
func word4(s string) uint32 {
	_ = s[3]
	return uint32(s[0]) | uint32(s[1])<<8 | uint32(s[2])<<16 | uint32(s[3])<<24
}

// byteASCII returns the length of the ASCII prefix of s, a byte at a time.
func byteASCII(s string) int {
	i := 0
	for ; i < len(s) && s[i] < utf8.RuneSelf; i++ {
	}
	return i
}
