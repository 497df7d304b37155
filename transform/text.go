package transform

import (
	"strings"

	"golang.org/x/text/width"
	"unicode"
	"unicode/utf8"
)

// compact returns s with every kind of whitespace removed and full-width
// ASCII-range characters folded to half-width, for matching labels. The raw
// text is kept elsewhere; compact is never written to the dataset.
func compact(s string) string {
	s = strings.TrimFunc(s, isSpace)
	if !mayFold(s) {
		return s // the common case: nothing to fold, nothing to allocate
	}
	clean := true
	for _, r := range s {
		if isSpace(r) || (r >= 0xFF01 && r <= 0xFF5E) || r == '【' || r == '】' || r == '〔' || r == '〕' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if !isSpace(rune(c)) {
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(r) // as ranging over the string would
		case isSpace(r):
		case r >= 0xFF01 && r <= 0xFF5E:
			b.WriteByte(byte(r - 0xFEE0))
		case r == '【', r == '〔':
			b.WriteByte('[')
		case r == '】', r == '〕':
			b.WriteByte(']')
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// mayFold reports, from the bytes alone, whether compact could change s:
// it holds an ASCII space or control, or a character whose UTF-8 lead byte
// is that of a Latin-1 or general-punctuation space, of the CJK symbols
// block (U+3000, 【】〔〕) or of U+FExx–U+FFxx (BOM, full-width forms).
// Han characters (leads E4–E9) and ASCII letters and digits never are.
func mayFold(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c <= ' ' || c == 0x7f:
			return true
		case c < 0x80:
		case c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xef:
			return true
		case c == 0xe3 && i+1 < len(s) && s[i+1] == 0x80:
			return true
		}
	}
	return false
}

// isSpace reports whitespace of every kind reports use, including the
// zero-width characters and BOM that conversions leave behind.
func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || (r >= '\t' && r <= '\r')
	}
	if r > 0x3000 {
		return r == '\ufeff' // Unicode has no other space above U+3000
	}
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u3000', '\u00a0':
		return true
	}
	return unicode.IsSpace(r)
}

// hasDigit reports whether s holds an ASCII digit.
func hasDigit(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i]-'0' <= 9 {
			return true
		}
	}
	return false
}

// hasSpace reports whether s holds a whitespace character (isSpace). It
// decodes only the characters whose lead byte a space can have (ASCII,
// C2, E1, E2, E3, EF): Han text is passed over a byte at a time.
func hasSpace(s string) bool {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c < utf8.RuneSelf:
			if isSpace(rune(c)) {
				return true
			}
		case c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xe3 || c == 0xef:
			if r, _ := utf8.DecodeRuneInString(s[i:]); isSpace(r) {
				return true
			}
		}
	}
	return false
}

// innerSpace reports whether s holds whitespace between two characters
// that are not (what strings.TrimFunc(s, isSpace) would still hold), decoding
// only the characters whose lead byte a space can have, as hasSpace does.
func innerSpace(s string) bool {
	seen, gap := false, false // a character that is not a space; a space after one
	for i := 0; i < len(s); {
		c, n, space := s[i], 1, false
		switch {
		case c < utf8.RuneSelf:
			space = isSpace(rune(c))
		case c == 0xc2 || c == 0xe1 || c == 0xe2 || c == 0xe3 || c == 0xef:
			var r rune
			r, n = utf8.DecodeRuneInString(s[i:])
			space = isSpace(r)
		}
		switch {
		case space:
			gap = seen
		case gap:
			return true
		default:
			seen = true
		}
		i += n
	}
	return false
}

// isBlank reports whether s holds nothing but whitespace.
func isBlank(s string) bool {
	for _, r := range s {
		if !isSpace(r) {
			return false
		}
	}
	return true
}

// splitFieldsAt splits one line into table cells: on tabs, '|' (and its
// full-width form) and runs of two or more spaces, the separators that
// converters, scrapers and pdftotext -layout write between cells. Single
// spaces stay inside a cell ("自然 人" is one cell). Each field keeps its
// text as printed, apart from the separators themselves.

// It also returns the byte offset at which each field starts, for lines
// laid out in columns, and appends to out and at, so a caller can reuse
// them from line to line.
func splitFieldsAt(line string, out []string, at []int) ([]string, []int) {
	// The separators are ASCII or '｜' (EF BD 9C), so the line is read a
	// byte at a time: no byte of another character's encoding is one of
	// them, nor can EF be inside one.
	start := 0
	i := 0
	for i < len(line) {
		c := line[i]
		sz := 0
		switch {
		case c == '\t' || c == '|':
			sz = 1
		case c == 0xef && strings.HasPrefix(line[i:], "｜"):
			sz = len("｜")
		}
		switch {
		case sz > 0:
			out = append(out, line[start:i])
			at = append(at, start)
			i += sz
			start = i
			continue
		case c == ' ' && i+1 < len(line) && line[i+1] == ' ':
			// A run of two or more ASCII spaces separates cells, unless
			// it is indentation at the start of the cell.
			j := i
			for j < len(line) && line[j] == ' ' {
				j++
			}
			if !isBlank(line[start:i]) {
				out = append(out, line[start:i])
				at = append(at, start)
				start = j
			}
			i = j
			continue
		}
		i++
	}
	return append(out, line[start:]), append(at, start)
}

// dispWidth is the number of columns s takes in a fixed-width layout: East
// Asian wide and full-width characters take two, as pdftotext -layout
// places them.
func dispWidth(s string) int {
	n := 0
	for _, r := range s {
		if r < 0x1100 {
			if r == '\f' {
				continue
			}
			n++
			continue
		}
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			n++
		}
	}
	return n
}

// runeCols is the number of characters of s, form feeds left out: the
// columns s takes in pdftotext's layout grid.
func runeCols(s string) int {
	return utf8.RuneCountInString(s) - strings.Count(s, "\f")
}

// hanCount counts Han characters in s.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}
