package transform

import (
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// bigS3 is a real report with n more rows of numbers in section 三.
func bigS3(t *testing.T, n int) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "2021", "anping-devzone-2023-s2blank-pdftotext.txt"))
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), "四、结转下年度继续办理") // a row inside the table
	if i < 0 {
		t.Fatal("no row 四 in section 三")
	}
	return string(b[:i]) + strings.Repeat("1\t2\t3\t4\t5\t6\t7\t8\n", n) + string(b[i:])
}

// TestSectionTokenCap: a section 三 of more cells than any template holds
// is read up to maxSectionToks cells, with a TABLE_TOO_LARGE finding.
func TestSectionTokenCap(t *testing.T) {
	p := Parse(docOf(bigS3(t, maxSectionToks/8+100)))
	var rules []string
	for _, f := range p.Findings {
		rules = append(rules, f.Rule+" "+f.Cell)
	}
	if !slices.Contains(rules, "TABLE_TOO_LARGE s3.*") {
		t.Errorf("findings %v, want TABLE_TOO_LARGE on s3.*", rules)
	}
	if p := Parse(docOf(bigS3(t, 10))); slices.ContainsFunc(p.Findings, func(f schemas.Finding) bool { return f.Rule == "TABLE_TOO_LARGE" }) {
		t.Errorf("a small section got TABLE_TOO_LARGE")
	}
}

// TestParseMemoryBounded: past the cap, more rows in a section cost only
// the text itself (splitting it into lines), not cells: the bytes Parse
// allocates for each byte added are a small constant, far below the cost
// of a cell (over 100 bytes for two bytes of text).
func TestParseMemoryBounded(t *testing.T) {
	alloc := func(text string) uint64 {
		var a, b runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&a)
		Parse(docOf(text))
		runtime.ReadMemStats(&b)
		return b.TotalAlloc - a.TotalAlloc
	}
	small, large := bigS3(t, 50_000), bigS3(t, 200_000)
	a1, a2 := alloc(small), alloc(large)
	perByte := float64(a2-a1) / float64(len(large)-len(small))
	t.Logf("%d → %d bytes of text: %d → %d bytes allocated, %.1f per byte added", len(small), len(large), a1, a2, perByte)
	if perByte > 12 {
		t.Errorf("%.1f bytes allocated per byte of section added, want at most 12 (cells are capped)", perByte)
	}
}
