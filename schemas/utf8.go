package schemas

import (
	"strings"
	"unicode/utf8"
)

// EscapeUTF8 returns s as valid UTF-8, reversibly: every byte of s that is
// not part of a valid UTF-8 sequence is written as `\xHH` (two lower-case
// hex digits), and so is a backslash that already begins `\x` and two hex
// digits in s (as `\x5c`). Any other text, valid UTF-8 names included, is
// returned unchanged. UnescapeUTF8 gives back the exact bytes.
//
// File names on Linux are bytes, not text; source_path holds them this way,
// since Parquet's string columns must be UTF-8.
func EscapeUTF8(s string) string {
	if utf8.ValidString(s) && !strings.Contains(s, `\x`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			writeHex(&b, s[i])
		case r == '\\' && isHexEscape(s[i:]):
			writeHex(&b, '\\')
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// UnescapeUTF8 undoes EscapeUTF8: every `\xHH` becomes the byte HH.
func UnescapeUTF8(s string) []byte {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && isHexEscape(s[i:]) {
			b = append(b, unhex(s[i+2])<<4|unhex(s[i+3]))
			i += 3
			continue
		}
		b = append(b, s[i])
	}
	return b
}

// isHexEscape reports whether s begins with `\x` and two hex digits.
func isHexEscape(s string) bool {
	return len(s) >= 4 && s[0] == '\\' && s[1] == 'x' && unhex(s[2]) < 16 && unhex(s[3]) < 16
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10
	}
	return 255
}

func writeHex(b *strings.Builder, c byte) {
	const digits = "0123456789abcdef"
	b.WriteString(`\x`)
	b.WriteByte(digits[c>>4])
	b.WriteByte(digits[c&15])
}
