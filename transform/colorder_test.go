package transform

import "testing"

// TestRenameColumns: a column's code is the last segment of a whole cell
// code, the 2021 row 3.其他 (s3.other.other.X) included; a row's code
// (….*) is no column's.
func TestRenameColumns(t *testing.T) {
	to := map[string]string{"research": "social", "social": "research", "other": "legal"}
	for in, want := range map[string]string{
		"s3.other.other.research":       "s3.other.other.social",
		"s3.other.other.natural_person": "s3.other.other.natural_person",
		"s3.other.other.*":              "s3.other.other.*",
		"s3.other.other":                "s3.other.legal", // 2019's single row, column other
		"s3.denied.state_secret.*":      "s3.denied.state_secret.*",
		"filled: s3.granted.research, s3.granted.social; lost: s3.total.other": "filled: s3.granted.social, s3.granted.research; lost: s3.total.legal",
		"勾稽关系 fails for research":                                              "勾稽关系 fails for research",
	} {
		if got := renameColumns(in, to); got != want {
			t.Errorf("renameColumns(%q) = %q, want %q", in, got, want)
		}
	}
}
