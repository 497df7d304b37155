package extract

import (
	"runtime"
	"slices"
	"strings"
	"testing"
)

// TestDOCXStreamed: document.xml is read in pieces. Text longer than the
// scanner's window, with entities and multi-byte characters across the
// pieces, reads as a whole; a tag over maxXMLToken or bytes that are not
// UTF-8 far into the document make it DOCX_INVALID; a table of more rows
// and cells than maxTableParts is TABLE_TOO_LARGE.
func TestDOCXStreamed(t *testing.T) {
	long := strings.Repeat("政府&amp;信息公开a", 200_000) // 3.4 MB in one w:t
	doc := ReadBytes("a.docx", buildDOCX(t, para(long)+para("尾"), nil), Limits{MaxLineBytes: -1})
	want := strings.ReplaceAll(long, "&amp;", "&") + "\n尾\n"
	if doc.Text != want || len(doc.Findings) != 0 {
		t.Errorf("%d bytes of text (want %d), findings %v", len(doc.Text), len(want), rules(doc.Findings))
	}
	filler := strings.Repeat(para("一二三"), 100_000)
	for name, body := range map[string]string{
		"long tag":     filler + `<w:p w:x="` + strings.Repeat("x", 2*maxXMLToken) + `"/>`,
		"bad UTF-8":    filler + para("\xff\xfe"),
		"cut UTF-8":    filler + para("\xe6\x94"),
		"unterminated": filler + "<w:p",
	} {
		doc := ReadBytes("b.docx", buildDOCX(t, body, nil), Limits{})
		if !slices.Contains(rules(doc.Findings), RuleDOCXInvalid.Code) {
			t.Errorf("%s: findings %v, want DOCX_INVALID", name, rules(doc.Findings))
		}
	}
	// many short paragraphs: each line counts lineCost toward the limit
	for n, over := range map[int]bool{100_000: false, 200_000: true} {
		doc := ReadBytes("p.docx", buildDOCX(t, strings.Repeat(para("x"), n), nil), Limits{})
		if got := slices.Contains(rules(doc.Findings), RuleFileTooLarge.Code); got != over || !over && len(doc.Text) != 2*n {
			t.Errorf("%d paragraphs: FILE_TOO_LARGE %v, want %v; %d bytes of text", n, got, over, len(doc.Text))
		}
	}
	row := "<w:tr>" + strings.Repeat("<w:tc><w:p/></w:tc>", 9) + "</w:tr>"
	big := "<w:tbl>" + strings.Repeat(row, maxTableParts/10+10) + "</w:tbl>" + para("后")
	doc = ReadBytes("c.docx", buildDOCX(t, big, nil), Limits{})
	if !slices.Contains(rules(doc.Findings), RuleTableTooLarge.Code) || !strings.HasSuffix(doc.Text, "后\n") {
		t.Errorf("findings %v, text ends %q", rules(doc.Findings), doc.Text[max(0, len(doc.Text)-10):])
	}
}

// TestDOCXMemoryFlat: a document.xml four times as large, of markup that
// holds no text, costs no more memory to read: the bytes allocated grow
// by far less than the document does.
func TestDOCXMemoryFlat(t *testing.T) {
	body := func(n int) []byte {
		return buildDOCX(t, para("政府信息公开")+strings.Repeat("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr></w:p>", n), nil)
	}
	alloc := func(b []byte) uint64 {
		var m1, m2 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m1)
		ReadBytes("a.docx", b, Limits{})
		runtime.ReadMemStats(&m2)
		return m2.TotalAlloc - m1.TotalAlloc
	}
	const n = 200_000 // 10 MB of XML
	a1, a4 := alloc(body(n)), alloc(body(4*n))
	t.Logf("%d → %d bytes allocated for 10 → 40 MB of XML", a1, a4)
	if a4 > a1+(8<<20) {
		t.Errorf("reading 30 MB more XML allocated %d bytes more, want under 8 MiB", a4-a1)
	}
}
