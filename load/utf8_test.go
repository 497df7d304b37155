package load

import (
	"path/filepath"
	"reflect"
	"testing"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/nianbao/nianbao/schemas"
)

// setStrings sets every string and *string field of the struct v points to
// to s, and returns their names.
func setStrings(v any, s string) []string {
	var names []string
	rv := reflect.ValueOf(v).Elem()
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Field(i)
		switch {
		case f.Kind() == reflect.String:
			f.SetString(s)
		case f.Kind() == reflect.Pointer && f.Type().Elem().Kind() == reflect.String:
			p := reflect.New(f.Type().Elem())
			p.Elem().SetString(s)
			f.Set(p)
		default:
			continue
		}
		names = append(names, rv.Type().Field(i).Name)
	}
	return names
}

// checkStrings fails for every string field of v that is not valid UTF-8.
func checkStrings(t *testing.T, v any) {
	t.Helper()
	rv := reflect.ValueOf(v).Elem()
	for i := 0; i < rv.NumField(); i++ {
		f := rv.Field(i)
		if f.Kind() == reflect.Pointer && !f.IsNil() {
			f = f.Elem()
		}
		if f.Kind() == reflect.String && !utf8.ValidString(f.String()) {
			t.Errorf("%s.%s = %q: not UTF-8", rv.Type().Name(), rv.Type().Field(i).Name, f.String())
		}
	}
}

// TestSanitizeEveryString: every string field of every row type, new ones
// included (found by reflection), is made valid UTF-8 before it is written,
// and the report is flagged.
func TestSanitizeEveryString(t *testing.T) {
	const bad = "a\xffb\xe5\xb9"
	p := &schemas.Parsed{Disclosures: make([]schemas.Disclosure, 1), Applications: make([]schemas.Application, 1),
		Appeals: make([]schemas.Appeal, 1), Findings: make([]schemas.Finding, 1)}
	rows := []any{&p.Report, &p.Disclosures[0], &p.Applications[0], &p.Appeals[0], &p.Findings[0]}
	for _, r := range rows {
		if len(setStrings(r, bad)) == 0 {
			t.Fatalf("%T has no string fields", r)
		}
	}
	sanitize(p)
	rows = append(rows, &p.Findings[len(p.Findings)-1])
	for _, r := range rows {
		checkStrings(t, r)
	}
	if len(p.Findings) != 2 || p.Findings[1].Rule != RuleInvalidUTF8.Code || p.Report.IssueCount != 2 || p.Report.Status != schemas.StatusWarning {
		t.Errorf("findings %+v, issue_count %d, status %q", p.Findings, p.Report.IssueCount, p.Report.Status)
	}
	if p.Report.SourcePath != `a\xffb\xe5\xb9` {
		t.Errorf("source_path %q: want the reversible escape", p.Report.SourcePath)
	}
}

// TestWriteInvalidUTF8: a report whose path, agency and raw text are not
// UTF-8 is written (and verified) with valid strings only.
func TestWriteInvalidUTF8(t *testing.T) {
	p := sample("aa", ptr(int32(2020)), true)
	p.Report.SourcePath = "\xb1\xa8\xb8\xe6.txt"
	p.Report.Agency = ptr("某局\xff")
	if len(p.Applications) > 0 {
		p.Applications[0].Raw = "1\xfe"
	}
	out := t.TempDir()
	commit(t, out, opts("r1"), []*schemas.Parsed{p})
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	files, _ := filepath.Glob(filepath.Join(out, "reports", "*", "*.parquet"))
	if len(files) != 1 {
		t.Fatalf("reports files %q", files)
	}
	tbl := readFile(t, mem, files[0])
	defer tbl.Release()
	paths := column(t, tbl, "source_path", str)
	if len(paths) != 1 || paths[0] != `\xb1\xa8\xb8\xe6.txt` {
		t.Errorf("source_path %q", paths)
	}
	qfiles, _ := filepath.Glob(filepath.Join(out, "quality", "*", "*.parquet"))
	q := readFile(t, mem, qfiles[0])
	defer q.Release()
	found := false
	for _, r := range column(t, q, "rule", str) {
		found = found || r == RuleInvalidUTF8.Code
	}
	for _, m := range column(t, q, "message", str) {
		if !utf8.ValidString(m) {
			t.Errorf("message %q is not UTF-8", m)
		}
	}
	if !found {
		t.Error("no INVALID_UTF8 row in quality")
	}
}

// TestValidTextSameAsValidString: validText agrees with utf8.ValidString
// on every sequence of up to three bytes, and on each of them that starts
// with a lead byte or is shorter, between Chinese text, ASCII and a
// four-byte character.
func TestValidTextSameAsValidString(t *testing.T) {
	check := func(s string) {
		if got, want := validText(s), utf8.ValidString(s); got != want {
			t.Fatalf("validText(%q) = %t, utf8.ValidString %t", s, got, want)
		}
	}
	var b [3]byte
	for n := 0; n <= 3; n++ {
		for v := 0; v < 1<<(8*n); v++ {
			for k := range n {
				b[k] = byte(v >> (8 * k))
			}
			s := string(b[:n])
			check(s)
			if n == 3 && b[0] < 0xc0 {
				continue
			}
			check("行政许可" + s)
			check(s + "（一）予以公开")
			check("a" + s + "𠀀b")
		}
	}
}

// FuzzValidTextSameAsValidString: validText agrees with utf8.ValidString
// on any string and on each of its suffixes.
func FuzzValidTextSameAsValidString(f *testing.F) {
	f.Add("一、本年新收政府信息公开申请数量")
	f.Add("（一）予以公开\xef\xbc")
	f.Add("\xed\xa0\x80\xe0\x80\x80\xf0\x90\x80\x80")
	f.Fuzz(func(t *testing.T, s string) {
		for i := range min(len(s), 16) + 1 {
			if got, want := validText(s[i:]), utf8.ValidString(s[i:]); got != want {
				t.Fatalf("validText(%q) = %t, utf8.ValidString %t", s[i:], got, want)
			}
		}
	})
}
