package integration

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// copiesDataset publishes the sample reports together with copies of one
// of them: the PDF of the same report and its text with CRLF line ends
// (other bytes, same report). extra are more flags of the run.
func copiesDataset(t *testing.T, extra ...string) string {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in")
	root := repoRoot(t)
	samples, err := filepath.Glob(filepath.Join(root, "testdata", "samples", "*.txt"))
	if err != nil || len(samples) != 5 {
		t.Fatalf("samples: %v %v", samples, err)
	}
	put := func(rel string, b []byte) {
		p := filepath.Join(in, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range samples {
		b, err := os.ReadFile(s)
		if err != nil {
			t.Fatal(err)
		}
		put("web/"+filepath.Base(s), b)
	}
	txt, err := os.ReadFile(filepath.Join(root, "testdata", "samples", "003_16d68db4dbaa666b.txt"))
	if err != nil {
		t.Fatal(err)
	}
	put("repost/003-crlf.txt", bytes.ReplaceAll(txt, []byte("\n"), []byte("\r\n")))
	pdf, err := os.ReadFile(filepath.Join(root, "testdata", "pdf", "003_16d68db4dbaa666b.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	put("pdf/003.pdf", pdf)
	return runPipeline(t, in, "copies-"+t.Name(), extra...)
}

// TestDuckDBReadyViews executes the DDL of `nianbao schema --format sql` over
// a dataset holding three copies of one report and checks the ready views:
// one wide row per logical report, its cells equal to the long tables',
// and the summary's figures derived from them.
func TestDuckDBReadyViews(t *testing.T) {
	out := copiesDataset(t)
	ddl := schemaSQL(t, out)
	db := openDuckDB(t)
	mustExec(t, db, fmt.Sprintf(`SET file_search_path = %s`, quote(out)))
	if _, err := db.Exec(ddl); err != nil {
		t.Fatalf("executing the DDL: %v", err)
	}
	if got := value(t, db, `SELECT count(*) FROM reports`); got != "7" {
		t.Fatalf("reports: %s rows, want 7 (5 samples and 2 copies)", got)
	}
	if got := value(t, db, `SELECT count(DISTINCT logical_report_id) FROM reports`); got != "5" {
		t.Errorf("%s logical reports, want 5: the three copies are one", got)
	}
	if got := value(t, db, `SELECT count(*) FROM (SELECT logical_report_id FROM reports GROUP BY 1
		HAVING sum(CASE WHEN is_canonical THEN 1 ELSE 0 END) <> 1)`); got != "0" {
		t.Errorf("%s logical reports without exactly one canonical row", got)
	}
	if got := value(t, db, `SELECT count(DISTINCT logical_report_id) FROM reports
		WHERE source_path IN ('web/003_16d68db4dbaa666b.txt', 'repost/003-crlf.txt', 'pdf/003.pdf')`); got != "1" {
		t.Errorf("the copies have %s logical ids", got)
	}
	if got := value(t, db, `SELECT count(*) FROM report_cells_wide`); got != "5" {
		t.Errorf("report_cells_wide: %s rows, want one per logical report (5)", got)
	}
	// Every cell of the wide view is the long table's value.
	mismatch := value(t, db, `SELECT count(*) FROM report_cells_wide w JOIN applications a USING (report_id)
		WHERE (a.cell = 's3.granted.total' AND a.count IS DISTINCT FROM w.s3_granted_total)
		   OR (a.cell = 's3.new_received.natural_person' AND a.count IS DISTINCT FROM w.s3_new_received_natural_person)
		   OR (a.cell = 's3.total.total' AND a.count IS DISTINCT FROM w.s3_total_total)`)
	if mismatch != "0" {
		t.Errorf("%s wide cells differ from applications", mismatch)
	}
	if got := value(t, db, `SELECT count(*) FROM report_cells_wide w JOIN appeals a USING (report_id)
		WHERE a.cell = 's4.review.total' AND a.count IS DISTINCT FROM w.s4_review_total`); got != "0" {
		t.Errorf("%s wide cells differ from appeals", got)
	}
	if got := value(t, db, `SELECT CAST(sum(s3_new_received_total) AS VARCHAR) FROM report_cells_wide`); got != value(t, db,
		`SELECT CAST(sum(a.count) AS VARCHAR) FROM applications a JOIN reports r USING (report_id) WHERE r.is_canonical AND a.cell = 's3.new_received.total'`) {
		t.Errorf("requests received: wide view %s", got)
	}
	if got := value(t, db, `SELECT count(*) FROM organ_year_summary s JOIN report_cells_wide w USING (report_id)
		WHERE s.requests_received IS NOT DISTINCT FROM w.s3_new_received_total
		  AND (s.granted_share IS NULL OR abs(s.granted_share * w.s3_total_total - w.s3_granted_total) < 1e-9)`); got != "5" {
		t.Errorf("organ_year_summary agrees with the wide view on %s of 5 reports", got)
	}
	// The dictionary's example queries, as printed in
	// docs/data-dictionary.md, run; the first lists organs by requests,
	// most first.
	for i, q := range dictionaryExamples(t) {
		rows, err := db.Query(q)
		if err != nil {
			t.Errorf("%v\n%s", err, q)
			continue
		}
		var got []string
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for j := range vals {
				ptrs[j] = &vals[j]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			got = append(got, fmt.Sprint(vals[len(vals)-1]))
		}
		rows.Close()
		if i == 0 {
			if len(got) != 5 {
				t.Errorf("top organs by requests: %d rows, want the 5 canonical reports", len(got))
			}
			for j := 1; j < len(got); j++ {
				a, _ := strconv.ParseInt(got[j-1], 10, 64)
				b, _ := strconv.ParseInt(got[j], 10, 64)
				if got[j] != "<nil>" && a < b {
					t.Errorf("top organs by requests not in descending order: %v", got)
				}
			}
		}
	}
}

// dictionaryExamples are the statements of the example block of the ready
// views in docs/data-dictionary.md, in order.
func dictionaryExamples(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "docs", "data-dictionary.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	at := strings.Index(doc, "```sql\n-- top organs by requests")
	if at < 0 {
		t.Fatal("docs/data-dictionary.md has no example block of the ready views")
	}
	block := doc[at+len("```sql\n"):]
	block = block[:strings.Index(block, "```")]
	var qs []string
	for _, st := range strings.Split(block, ";") {
		if st = strings.TrimSpace(st); st != "" {
			qs = append(qs, st)
		}
	}
	if len(qs) != 3 {
		t.Fatalf("%d example statements in the dictionary, want 3", len(qs))
	}
	return qs
}
