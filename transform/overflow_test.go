package transform_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nianbao/nianbao/schemas"
)

// TestChecksHugeCounts: the template's arithmetic over counts near the
// int64 limit compares exact sums. Two counts of 2^63-1 add up to
// 2^64-2, which an int64 sum wraps to -2: a row total printed as -2 then
// looked right.
func TestChecksHugeCounts(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "testdata", "reports", "2019", "qinghe-street-2020-pipes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	const row = "| （一）予以公开 |  | 5 | 1 | 0 | 0 | 0 | 0 | 6 |"
	if !strings.Contains(string(b), row) {
		t.Fatal("the fixture changed: no granted row")
	}
	text := strings.Replace(string(b), row,
		"| （一）予以公开 |  | 9223372036854775807 | 9223372036854775807 | 0 | 0 | 0 | 0 | -2 |", 1)
	p := parseText("huge.txt", []byte(text))
	got := cellValues(p)
	if got["s3.granted.natural_person"] != "9223372036854775807" || got["s3.granted.total"] != "-2" {
		t.Fatalf("cells as printed not kept: %s, %s", got["s3.granted.natural_person"], got["s3.granted.total"])
	}
	found := false
	for _, f := range p.Findings {
		if f.Rule == "S3_ROW_TOTAL" && f.Cell == "s3.granted.total" {
			found = true
			if f.Severity != schemas.SeverityWarning || deref(f.Expected) != "18446744073709551614" || deref(f.Actual) != "-2" {
				t.Errorf("S3_ROW_TOTAL: %s expected %q actual %q, want warning 18446744073709551614 / -2",
					f.Severity, deref(f.Expected), deref(f.Actual))
			}
		}
	}
	if !found {
		t.Errorf("no S3_ROW_TOTAL finding on s3.granted.total: %v", p.Findings)
	}
}

func deref(s *string) string {
	if s == nil {
		return "<nil>"
	}
	return *s
}
