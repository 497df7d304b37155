package schemas

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

func TestEscapeUTF8(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"报告/2020.txt", "报告/2020.txt"},
		{"a\xffb.txt", `a\xffb.txt`},
		{"\xe5\xb9.txt", `\xe5\xb9.txt`}, // a cut multi-byte sequence
		{`a\xff.txt`, `a\x5cxff.txt`},    // a valid name that looks escaped
		{`a\x.txt`, `a\x.txt`},
		{"a\\\xff", `a\\xff`},
		{"", ""},
	} {
		got := EscapeUTF8(c.in)
		if got != c.want {
			t.Errorf("EscapeUTF8(%q) = %q, want %q", c.in, got, c.want)
		}
		if !utf8.ValidString(got) {
			t.Errorf("EscapeUTF8(%q) = %q is not valid UTF-8", c.in, got)
		}
		if back := UnescapeUTF8(got); !bytes.Equal(back, []byte(c.in)) {
			t.Errorf("UnescapeUTF8(%q) = %q, want %q", got, back, c.in)
		}
	}
}

// FuzzEscapeUTF8 checks that the escape is valid UTF-8 and reversible,
// hence that two names never share an escaped form.
func FuzzEscapeUTF8(f *testing.F) {
	for _, s := range []string{"a\xff", `\x41`, "\\\xff", `\x5c`, "年报\xe5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		e := EscapeUTF8(s)
		if !utf8.ValidString(e) {
			t.Fatalf("EscapeUTF8(%q) = %q: invalid UTF-8", s, e)
		}
		if back := UnescapeUTF8(e); !bytes.Equal(back, []byte(s)) {
			t.Fatalf("UnescapeUTF8(EscapeUTF8(%q)) = %q", s, back)
		}
		if utf8.ValidString(s) && !bytes.Contains([]byte(s), []byte(`\x`)) && e != s {
			t.Fatalf("valid %q changed to %q", s, e)
		}
	})
}
