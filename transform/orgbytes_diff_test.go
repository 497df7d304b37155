package transform

import (
	"strings"
	"testing"
)

// nextOrgInTextDecoding is nextOrgInText as it was at ef1a759, before it
// found the delimiters by their bytes: every character decoded. Kept to
// test that nextOrgInText finds what it found. Only the name differs.
func nextOrgInTextDecoding(l string, from int) (start, end int, ok bool) {
	for i := from; i < len(l); {
		if i == 0 {
			if e, ok := orgInTextAt(l, 0); ok {
				return 0, e, true
			}
		}
		r, w := decodeRune(l, i)
		if isOrgDelim(r) {
			if e, ok := orgInTextAt(l, i+w); ok {
				return i + w, e, true
			}
		}
		i += w
	}
	return 0, 0, false
}

// mayLeadOrgDecoding is mayLeadOrg as it was at ef1a759, before it found
// the organs' endings by their last bytes. Only the name differs.
func mayLeadOrgDecoding(l string) bool {
	prev := false // the rune before i ends an organ's name
	for i := 0; i < len(l); {
		r, w := decodeRune(l, i)
		if prev {
			for _, v := range leadOrgVerbs {
				if strings.HasPrefix(l[i:], v) {
					return true
				}
			}
		}
		switch r {
		case '府', '处', '会', '室', '厅', '局', '委', '办', '心', '院', '所', '部', '署', '馆', '站', '队', '道', '镇', '乡', ')':
			prev = true
		default:
			prev = false
		}
		i += w
	}
	return false
}

// sameOrgBytes compares nextOrgInText from every byte of l and mayLeadOrg
// with their decoding versions, and reports whether l names a township
// or may lead with an organ.
func sameOrgBytes(t testing.TB, l string) bool {
	t.Helper()
	found := false
	for from := 0; from <= len(l); from++ {
		s, e, ok := nextOrgInText(l, from)
		ws, we, wok := nextOrgInTextDecoding(l, from)
		if s != ws || e != we || ok != wok {
			t.Fatalf("nextOrgInText(%q, %d) = %d, %d, %v; was %d, %d, %v", l, from, s, e, ok, ws, we, wok)
		}
		found = found || ok
	}
	lead := mayLeadOrg(l)
	if want := mayLeadOrgDecoding(l); lead != want {
		t.Fatalf("mayLeadOrg(%q) = %v, was %v", l, lead, want)
	}
	return found || lead
}

// orgByteEdges are orgScanEdges with the endings and delimiters cut,
// doubled, and beside bytes that are not UTF-8 or characters sharing
// their lead or last bytes.
func orgByteEdges() []string {
	out := orgScanEdges()
	odd := []string{"\xe5", "\xe5\xba", "\xba\x9c", "\x9c", "\xe2\x80", "\xe3\x80", "\xef\xbc", "\xff", "\xe3\x80\x80", "\xef\xbc\x8d", "\xe5\xba\x9d", ")", "))", "局局", "，，"}
	for _, a := range odd {
		for _, b := range odd {
			out = append(out, a+b+"坚持", a+"局"+b+"坚持", "，"+a+"茅草街"+b, a+"府"+b+"认真", b+"镇"+a+"乡")
		}
	}
	return out
}

// TestOrgBytesSame checks nextOrgInText and mayLeadOrg against the
// versions that decoded every character, on the differential corpus's
// texts and the edges.
func TestOrgBytesSame(t *testing.T) {
	texts := append(diffTexts(t), orgByteEdges()...)
	var long []string
	for _, l := range texts {
		if len(l) > 400 {
			long = append(long, l) // from every byte is quadratic: long lines once
			continue
		}
		sameOrgBytes(t, l)
	}
	matched := 0
	for _, l := range texts {
		lead := mayLeadOrg(l)
		if lead != mayLeadOrgDecoding(l) {
			t.Fatalf("mayLeadOrg(%q) = %v, was %v", l, lead, !lead)
		}
		s, e, ok := nextOrgInText(l, 0)
		ws, we, wok := nextOrgInTextDecoding(l, 0)
		if s != ws || e != we || ok != wok {
			t.Fatalf("nextOrgInText(%q, 0) = %d, %d, %v; was %d, %d, %v", l, s, e, ok, ws, we, wok)
		}
		if ok || lead {
			matched++
		}
	}
	if matched < 1000 {
		t.Fatalf("%d of %d texts matched: too few for the comparison to mean much", matched, len(texts))
	}
	t.Logf("%d texts (%d long), %d matched", len(texts), len(long), matched)
}

// FuzzOrgBytesSame compares them on any text.
func FuzzOrgBytesSame(f *testing.F) {
	for _, s := range orgByteEdges()[:300] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameOrgBytes(t, s) })
}
