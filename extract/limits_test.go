package extract

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// TestMaxTextBytes: a text file whose decoded text is over the limit gets
// FILE_TOO_LARGE and no text, still with its identity; one at the limit is
// read whole. The limit is on the decoded text (GB18030 grows by half),
// each line counting lineCost bytes more: a file of empty lines is over it
// too.
func TestMaxTextBytes(t *testing.T) {
	root := t.TempDir()
	line := "政府信息公开工作年度报告\n" // 37 bytes in UTF-8
	utf := strings.Repeat(line, 100)
	gb := string(encode(t, simplifiedchinese.GBK, utf)) // 2500 bytes, 3700 decoded
	big := strings.Repeat(line, 300_000)                // 11 MB: read streamed
	lines := strings.Repeat("\n", 100_000)
	writeFiles(t, root, map[string]string{"utf.txt": utf, "gb.txt": gb, "big.txt": big, "lines.txt": "x" + lines})
	cost := func(text string) int64 { return int64(len(text) + lineCost*strings.Count(text, "\n")) }
	for _, c := range []struct {
		rel      string
		max      int64
		tooLarge bool
	}{
		{"utf.txt", cost(utf), false},
		{"utf.txt", cost(utf) - 1, true},
		{"gb.txt", cost(utf), false},
		{"gb.txt", int64(len(gb)) + lineCost*100 + 1, true}, // the file fits, its text does not
		{"big.txt", cost(big), false},
		{"big.txt", 1 << 20, true},
		{"lines.txt", 1 << 20, true}, // 100 001 bytes, 100 000 lines
	} {
		doc := readOne(t, root, c.rel, Limits{MaxTextBytes: c.max})
		got := strings.Join(rules(doc.Findings), ",")
		if doc.ReportID == "" || doc.SourceBytes == 0 {
			t.Errorf("%s limit %d: no identity: %+v", c.rel, c.max, doc)
		}
		if c.tooLarge {
			if got != RuleFileTooLarge.Code || doc.Text != "" {
				t.Errorf("%s limit %d: findings %s, %d bytes of text; want FILE_TOO_LARGE and none", c.rel, c.max, got, len(doc.Text))
				continue
			}
			// Every file here is text, whose lines count: the message must
			// say so, or it names a size the file may lack (lines.txt, of
			// 100 001 bytes, is over a limit of 1 MiB).
			want := fmt.Sprintf("%s holds more than %d bytes of text (each line counting %d bytes besides its characters), over the limit (--max-text-bytes); it was hashed but not parsed.", c.rel, c.max, lineCost)
			if m := doc.Findings[0].Message; m != want {
				t.Errorf("%s limit %d: message %q, want %q", c.rel, c.max, m, want)
			}
			continue
		}
		want := utf
		switch c.rel {
		case "big.txt":
			want = big
		case "lines.txt":
			want = "x" + lines
		}
		if got != "" || doc.Text != want {
			t.Errorf("%s limit %d: findings %s, %d bytes of text; want all %d", c.rel, c.max, got, len(doc.Text), len(want))
		}
	}
}

// TestReadStreamedSameAsInMemory: an HTML page or a .docx over the size
// read into memory (maxInMemory) is read from its file, with the same
// result as the same bytes read in memory.
func TestReadStreamedSameAsInMemory(t *testing.T) {
	root := t.TempDir()
	rnd := make([]byte, maxInMemory+1000)
	rng := rand.New(rand.NewPCG(1, 2)) // incompressible, so the archive is as large
	for i := range rnd {
		rnd[i] = byte(rng.Uint32())
	}
	table := "<table><tr><td>一</td><td colspan=2>二</td></tr><tr><td>1</td><td>2</td><td>3</td></tr></table>"
	page := "<html><head><meta charset=\"gbk\"><script>" + strings.Repeat("var x = 1;\n", maxInMemory/10) +
		"</script></head><body><p>政府信息公开</p>" + table + "</body></html>"
	gbPage := string(encode(t, simplifiedchinese.GBK, page))
	docx := string(buildDOCX(t, para("政府信息公开")+"<w:tbl><w:tr><w:tc><w:p><w:r><w:t>一</w:t></w:r></w:p></w:tc></w:tr></w:tbl>",
		map[string]string{"word/media/x.bin": string(rnd)}))
	writeFiles(t, root, map[string]string{"a.html": gbPage, "b.docx": docx})
	for rel, b := range map[string]string{"a.html": gbPage, "b.docx": docx} {
		if len(b) <= maxInMemory {
			t.Fatalf("%s: %d bytes, not over %d", rel, len(b), maxInMemory)
		}
		got := readOne(t, root, rel, Limits{})
		want := ReadBytes(rel, []byte(b), Limits{})
		if got.Text != want.Text || got.Encoding != want.Encoding || got.ReportID != want.ReportID ||
			strings.Join(rules(got.Findings), ",") != strings.Join(rules(want.Findings), ",") ||
			fmt.Sprint(got.Tables) != fmt.Sprint(want.Tables) || !strings.Contains(got.Text, "政府信息公开") {
			t.Errorf("%s streamed: %q %s %v %v\nin memory: %q %s %v %v", rel, got.Text, got.Encoding, rules(got.Findings), got.Tables,
				want.Text, want.Encoding, rules(want.Findings), want.Tables)
		}
	}
}

// TestHTMLMemoryProportional: what reading a page allocates grows with what
// it shows, not with what it hides: four times the comments costs next to
// nothing more, and twice the table rows at most about twice as much.
func TestHTMLMemoryProportional(t *testing.T) {
	page := func(comments, rows int) []byte {
		return []byte("<html><head></head><body>" + strings.Repeat("<!-- <td>1</td> -->\n", comments) + "<table>" +
			strings.Repeat("<tr><td>一</td><td style=\"color:red\" class=\"c\">1</td><td>2</td></tr>", rows) + "</table></body></html>")
	}
	alloc := func(b []byte) uint64 {
		var m1, m2 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m1)
		ReadBytes("a.html", b, Limits{})
		runtime.ReadMemStats(&m2)
		return m2.TotalAlloc - m1.TotalAlloc
	}
	s1, s4 := alloc(page(100_000, 100)), alloc(page(400_000, 100))
	r1, r2 := alloc(page(100, 20_000)), alloc(page(100, 40_000))
	t.Logf("comments ×4: %d → %d bytes; rows ×2: %d → %d bytes", s1, s4, r1, r2)
	if s4 > s1+s1/2 {
		t.Errorf("four times the comments: %d → %d bytes allocated", s1, s4)
	}
	if float64(r2) > 2.4*float64(r1) {
		t.Errorf("twice the rows: %d → %d bytes allocated, more than proportional", r1, r2)
	}
}

// TestKeepVisible: what the streamed page keeps for the tree: tags by
// their lower-case names with the attributes the renderer reads, text
// with runs of whitespace as one, nothing of comments and scripts.
func TestKeepVisible(t *testing.T) {
	in := "<!DOCTYPE html><HTML><Head><SCRIPT>var a = '<td>';</SCRIPT><style>p{}</style></Head><BODY>\n\n  <!-- x -->\n " +
		"<TABLE class=\"t\"><TR><TD COLSPAN=2 onclick=\"f()\">一 &amp; 二</TD><td style=\"Display: None\" hidden>隐</td></TR>" +
		"<tr><td ROWSPAN='3'>三</td><td/><br/></tr></TABLE></BODY></HTML>"
	got, err := keepVisible(strings.NewReader(in), 1<<20)
	want := "<!DOCTYPE html><html><head><script></script><style></style></head><body>\n" +
		"<table><tr><td colspan=\"2\">一 &amp; 二</td><td style=\"display:none\" hidden=\"\">隐</td></tr>" +
		"<tr><td rowspan=\"3\">三</td><td/><br/></tr></table></body></html>"
	if err != nil || string(got) != want {
		t.Errorf("kept %q, %v\nwant %q", got, err, want)
	}
	if _, err := keepVisible(strings.NewReader(in), 5); err != errTextLimit {
		t.Errorf("over 5 bytes of text: %v, want errTextLimit", err)
	}
}

// TestTextTooLargeMessage: the FILE_TOO_LARGE finding says that lines
// count when they do (a .docx, whose paragraphs are lines, as a text file's
// lines) and not when the limit counts bytes alone (an HTML page's visible
// text).
func TestTextTooLargeMessage(t *testing.T) {
	const max = 4096
	page := "<html><body><p>" + strings.Repeat("政府信息公开 ", 1000) + "</p></body></html>"
	docx := buildDOCX(t, strings.Repeat(para("政府信息公开"), 1000), nil)
	for _, c := range []struct {
		name    string
		b       []byte
		perLine bool
	}{
		{"a.html", []byte(page), false},
		{"b.docx", docx, true},
	} {
		doc := ReadBytes(c.name, c.b, Limits{MaxTextBytes: max})
		if got := strings.Join(rules(doc.Findings), ","); got != RuleFileTooLarge.Code {
			t.Errorf("%s: findings %s, want FILE_TOO_LARGE", c.name, got)
			continue
		}
		how := ""
		if c.perLine {
			how = fmt.Sprintf(" (each line counting %d bytes besides its characters)", lineCost)
		}
		want := fmt.Sprintf("%s holds more than %d bytes of text%s, over the limit (--max-text-bytes); it was hashed but not parsed.", c.name, max, how)
		if m := doc.Findings[0].Message; m != want {
			t.Errorf("%s: message %q, want %q", c.name, m, want)
		}
	}
}
