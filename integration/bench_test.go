package integration

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// The analyst's side of performance: what DuckDB does with a published
// dataset, on the generated corpus (nianbao generate, seed 1). The corpus
// and its dataset are built once per size under $NIANBAO_BENCH_DIR (or the
// temp dir) and reused; NIANBAO_BENCH_LARGE=1 adds 100 000 reports.

func benchSizes() []int {
	s := []int{10000}
	if os.Getenv("NIANBAO_BENCH_LARGE") != "" {
		s = append(s, 100000)
	}
	return s
}

// benchDataset returns a published dataset of n generated reports and the
// run record of the run that published it.
func benchDataset(b *testing.B, n int) (string, map[string]any) {
	b.Helper()
	root := os.Getenv("NIANBAO_BENCH_DIR")
	if root == "" {
		root = os.TempDir()
	}
	in := filepath.Join(root, fmt.Sprintf("nianbao-bench-%d", n))
	if _, err := os.Stat(filepath.Join(in, "truth.jsonl")); err != nil {
		os.RemoveAll(in)
		nianbao(b, "generate", "--reports", strconv.Itoa(n), "--seed", "1", "--out", in)
	}
	out := filepath.Join(root, fmt.Sprintf("nianbao-bench-%d-out", n))
	os.RemoveAll(out)
	nianbao(b, "run", "--input", in, "--output", out, "--full")
	ents, _ := filepath.Glob(filepath.Join(out, "_runs", "*.json"))
	rec := map[string]any{}
	if len(ents) > 0 {
		data, _ := os.ReadFile(ents[len(ents)-1])
		json.Unmarshal(data, &rec)
	}
	return out, rec
}

// BenchmarkDuckDBCopy times DuckDB writing the same rows nianbao wrote
// (all five tables, zstd Parquet) with COPY … TO … (FORMAT parquet), and
// reports nianbao's own write stage (sort, write, verify, publish) from
// its run record beside it.
func BenchmarkDuckDBCopy(b *testing.B) {
	for _, n := range benchSizes() {
		b.Run("reports="+strconv.Itoa(n), func(b *testing.B) {
			out, rec := benchDataset(b, n)
			db := openDuckDB(b)
			for _, tb := range tables {
				mustExec(b, db, fmt.Sprintf("CREATE TABLE t_%s AS SELECT * FROM %s", tb, scan(out, tb)))
			}
			dst := b.TempDir()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				for _, tb := range tables {
					os.MkdirAll(filepath.Join(dst, fmt.Sprint(i)), 0o755)
					mustExec(b, db, fmt.Sprintf("COPY t_%s TO %s (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (report_year), OVERWRITE_OR_IGNORE)",
						tb, quote(filepath.Join(dst, fmt.Sprint(i), tb))))
				}
			}
			if secs, ok := rec["seconds"].(map[string]any); ok {
				b.ReportMetric(secs["write"].(float64), "nianbao-write-s")
				b.ReportMetric(secs["total"].(float64), "nianbao-total-s")
			}
		})
	}
}

// BenchmarkQuery times the three queries analysts run most: a full scan, a
// lookup of one report, and an aggregate by outcome.
func BenchmarkQuery(b *testing.B) {
	for _, n := range benchSizes() {
		out, _ := benchDataset(b, n)
		db := openDuckDB(b)
		var id string
		if err := db.QueryRow(fmt.Sprintf("SELECT report_id FROM %s ORDER BY report_id LIMIT 1 OFFSET %d", scan(out, "reports"), n/2)).Scan(&id); err != nil {
			b.Fatal(err)
		}
		queries := map[string]string{
			"scan":             fmt.Sprintf("SELECT count(*), sum(count) FROM %s", scan(out, "applications")),
			"filter_report_id": fmt.Sprintf("SELECT sum(count) FROM %s WHERE report_id = %s", scan(out, "applications"), quote(id)),
			"aggregate_outcome": fmt.Sprintf("SELECT outcome, sum(count) FROM %s GROUP BY outcome ORDER BY 2 DESC",
				scan(out, "applications")),
		}
		for _, name := range []string{"scan", "filter_report_id", "aggregate_outcome"} {
			b.Run(fmt.Sprintf("reports=%d/%s", n, name), func(b *testing.B) {
				for i := 0; i < b.N; i++ {
					rows, err := db.QueryContext(context.Background(), queries[name])
					if err != nil {
						b.Fatal(err)
					}
					for rows.Next() {
					}
					rows.Close()
				}
			})
		}
	}
}
