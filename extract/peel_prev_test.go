package extract

import (
	"strconv"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/pipeline/generate"
)

// prevUnescapeJS is unescapeJS as it was before it copied the text
// between escapes a run at a time and read hexadecimal digits itself: the
// reference its results must equal. Its \u escapes go through the same
// unicodeEscape, whose only change, hexAt, is compared with prevHexAt at
// every offset of the same inputs (sameHex).
func prevUnescapeJS(s string) string {
	if strings.IndexByte(s, '\\') < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch e := s[i]; e {
		case 'n':
			b.WriteByte('\n')
		case 't':
			b.WriteByte('\t')
		case 'r':
			b.WriteByte('\r')
		case 'b', 'f', 'v':
			b.WriteByte(' ')
		case '0':
			b.WriteByte(' ')
		case '\n':
		case 'x':
			if v, ok := prevHexAt(s, i+1, 2); ok {
				b.WriteRune(rune(v))
				i += 2
			} else {
				b.WriteString(`\x`)
			}
		case 'u':
			r, n := unicodeEscape(s, i+1)
			if n == 0 {
				b.WriteString(`\u`)
				continue
			}
			b.WriteRune(r)
			i += n
		default:
			b.WriteByte(e)
		}
	}
	return b.String()
}

func prevHexAt(s string, i, n int) (uint32, bool) {
	if i+n > len(s) {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i:i+n], 16, 32)
	if err != nil {
		return 0, false
	}
	return uint32(v), true
}

// FuzzUnescapeJSSameAsBefore: unescapeJS gives what prevUnescapeJS gave,
// on any text, escapes broken at every place included.
func FuzzUnescapeJSSameAsBefore(f *testing.F) {
	for _, s := range []string{`a\nb`, `\u003ctd\u003e`, `\x3c\xZZ\x`, `\ud83d\ude00\ud800x`, `\u{1F600}\u{}\u{110000}`,
		`end\`, `\\\\u003c`, `\u00e9\U0041\u004G`, "\\\n\\\x80\\é", `\u12`} {
		f.Add(s)
	}
	for _, s := range crawled(reportPage()[:800]) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := unescapeJS(s), prevUnescapeJS(s); got != want {
			t.Fatalf("unescapeJS(%q) = %q, before %q", s, got, want)
		}
		sameHex(t, s)
	})
}

// TestUnescapeJSSameAsBefore runs the fuzz seeds and every crawled page of
// the test report through both, and texts of escapes cut at every length.
func TestUnescapeJSSameAsBefore(t *testing.T) {
	var ins []string
	for _, s := range crawled(reportPage()) {
		ins = append(ins, s)
	}
	esc := `\u4e2d\x3c\ud83d\ude00\u{1F600}\n\\"`
	for i := range len(esc) + 1 {
		ins = append(ins, esc[:i], "a"+esc[i:], esc[:i]+"é")
	}
	for _, s := range ins {
		if got, want := unescapeJS(s), prevUnescapeJS(s); got != want {
			t.Errorf("unescapeJS(%q) = %q, before %q", s, got, want)
		}
		sameHex(t, s)
	}
}

// sameHex fails unless hexAt reads what strconv read (prevHexAt) for each
// width unescapeJS and unicodeEscape ask for, at every offset of s.
func sameHex(t *testing.T, s string) {
	t.Helper()
	for i := range len(s) + 1 {
		for _, n := range []int{2, 4} {
			v, ok := hexAt(s, i, n)
			pv, pok := prevHexAt(s, i, n)
			if v != pv || ok != pok {
				t.Fatalf("hexAt(%q, %d, %d) = %d, %v; strconv read %d, %v", s, i, n, v, ok, pv, pok)
			}
		}
	}
}

// prevHasTableTag is hasTableTag as it was before it searched the text
// once for each opener's first byte: one pass of strings.IndexAny over
// all three.
func prevHasTableTag(s string, kinds int) bool {
	for i := 0; i < len(s); i++ {
		j := strings.IndexAny(s[i:], `<\&`)
		if j < 0 {
			return false
		}
		i += j
		if tableTagAt(s, i, kinds) {
			return true
		}
	}
	return false
}

// tagKinds are the kinds hasTableTag is asked about, alone and together.
var tagKinds = []int{tagRaw, tagJS, tagEntity, tagRaw | tagJS, tagRaw | tagEntity, tagJS | tagEntity, tagAny}

// sameTableTag fails unless hasTableTag answers as prevHasTableTag for s
// and each set of kinds.
func sameTableTag(t *testing.T, s string) {
	t.Helper()
	for _, k := range tagKinds {
		if got, want := hasTableTag(s, k), prevHasTableTag(s, k); got != want {
			t.Fatalf("hasTableTag(%q, %d) = %v, before %v", s, k, got, want)
		}
	}
}

// tableTagTexts are texts with table tags printed every way and ways
// that are not quite tags, alone and among other text.
func tableTagTexts() []string {
	var ins []string
	for _, o := range openers {
		for _, tag := range []string{"td", "/TR", `\/th`, "table", "tdx", "t", "tbody", ""} {
			for _, after := range []string{"", ">", " class=a>", "1"} {
				tg := o + tag + after
				ins = append(ins, tg, "正文"+tg+"。", "<p>&amp;\\n"+tg, tg+"<td>", "&lt;"+tg, `\u003c`+tg)
			}
		}
	}
	return append(ins, "", "<", `\`, "&", "<<<", `\\\`, "&&&", "a<b&c\\d", strings.Repeat("<p>&nbsp;\\", 50)+"<td>")
}

// TestHasTableTagSameAsBefore compares hasTableTag with prevHasTableTag
// on the seeds in UTF-8, the crawled pages, generated pages and text
// files, and texts made of openers and tag names.
func TestHasTableTagSameAsBefore(t *testing.T) {
	ins := tableTagTexts()
	for _, s := range seeds(t) {
		ins = append(ins, string(s))
	}
	for _, s := range crawled(reportPage()) {
		ins = append(ins, s, s[:len(s)/2], s[len(s)/3:])
	}
	for _, b := range generatedPages(t, 10, 3, generate.LayoutHTML, generate.LayoutWordHTML, generate.LayoutCrawled) {
		ins = append(ins, string(b))
	}
	generated(t, 3, "txt", func(_, _ string, b []byte) { ins = append(ins, string(b)) })
	for _, s := range ins {
		sameTableTag(t, s)
	}
	// each opener's first byte is searched for, with its kind
	for k, o := range openers {
		found := false
		for _, f := range openerFirsts {
			found = found || f.c == o[0] && f.kind == openerKind[k]
		}
		if !found {
			t.Errorf("opener %q (kind %d) begins with no byte of openerFirsts", o, openerKind[k])
		}
	}
}

// FuzzHasTableTagSameAsBefore: on any text, hasTableTag answers as
// prevHasTableTag did, for every set of kinds.
func FuzzHasTableTagSameAsBefore(f *testing.F) {
	for _, s := range tableTagTexts() {
		f.Add(s)
	}
	for _, s := range crawled(reportPage()[:800]) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sameTableTag(t, s)
	})
}
