package division

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"
)

// TestTableSum: tableSum, which Digest names the table by, is the SHA-256
// of the embedded table (gen writes both; a table changed by hand must be
// given its sum).
func TestTableSum(t *testing.T) {
	sum := sha256.Sum256([]byte(table))
	if got := hex.EncodeToString(sum[:]); got != tableSum {
		t.Fatalf("divisions.tsv has SHA-256 %s, tableSum says %s: run transform/division/gen", got, tableSum)
	}
}
