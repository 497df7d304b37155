package integration

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	_ "github.com/duckdb/duckdb-go/v2"
)

// The acceptance figures of the five seed reports (all template 2019, year
// 2020): 22 + 161 + 15 cells each, procurement totalling 19 771 202.99 yuan.
const (
	seedReports         = 5
	seedDisclosureRows  = 5 * 22
	seedApplicationRows = 5 * 161
	seedAppealRows      = 5 * 15
	seedProcurementSum  = "19771202.99"
)

// openDuckDB opens an in-memory DuckDB with a single connection, so SET
// statements and temp views hold for every query of the test.
func openDuckDB(t testing.TB) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// scan is the reader the data contract promises analysts.
func scan(out, table string) string {
	glob := filepath.ToSlash(filepath.Join(out, table)) + "/**/*.parquet"
	return fmt.Sprintf("read_parquet(%s, hive_partitioning = true)", quote(glob))
}

// value runs a query that returns one value and gives it as text (NULL as
// "NULL"); cast decimals in SQL so nothing passes through float64.
func value(t testing.TB, db *sql.DB, query string) string {
	t.Helper()
	var v sql.NullString
	if err := db.QueryRow(query).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	if !v.Valid {
		return "NULL"
	}
	return v.String
}

// column returns the first column of every row, as text.
func column(t testing.TB, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v sql.NullString
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v.Valid {
			out = append(out, v.String)
		} else {
			out = append(out, "NULL")
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

// lines returns every row as one tab-separated line, for error messages.
func lines(t testing.TB, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		parts := make([]string, len(cols))
		for i, v := range vals {
			parts[i] = "NULL"
			if v.Valid {
				parts[i] = v.String
			}
		}
		out = append(out, strings.Join(parts, "\t"))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

func mustExec(t testing.TB, db *sql.DB, query string, args ...any) {
	t.Helper()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// TestDuckDBSeeds publishes the seed reports and checks, through DuckDB, the
// figures analysts will query.
func TestDuckDBSeeds(t *testing.T) {
	out := seedDataset(t)
	db := openDuckDB(t)

	t.Run("published", func(t *testing.T) {
		if _, err := os.Stat(filepath.Join(out, "_SUCCESS")); err != nil {
			t.Errorf("_SUCCESS missing: %v", err)
		}
		data, err := os.ReadFile(filepath.Join(out, "_manifest.json"))
		if err != nil {
			t.Fatalf("_manifest.json missing: %v", err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			t.Errorf("_manifest.json is not a JSON object: %v", err)
		}
		for _, table := range tables {
			if len(dataFiles(t, out, table)) == 0 && table != "quality" {
				t.Errorf("%s: no Parquet files", table)
			}
		}
	})

	t.Run("procurement_sum", func(t *testing.T) {
		got := value(t, db, fmt.Sprintf(`SELECT CAST(sum(amount_yuan) AS VARCHAR) FROM %s
			WHERE item = 'procurement' AND metric = 'amount'`, scan(out, "disclosures")))
		if got != seedProcurementSum {
			t.Errorf("sum(amount_yuan) for procurement/amount = %s, want %s", got, seedProcurementSum)
		}
	})

	t.Run("types", func(t *testing.T) {
		want := map[string]map[string]string{
			"disclosures":  {"count": "BIGINT", "amount_yuan": "DECIMAL(18,2)"},
			"applications": {"count": "BIGINT"},
			"appeals":      {"count": "BIGINT"},
		}
		for _, table := range []string{"disclosures", "applications", "appeals"} {
			for col, typ := range want[table] {
				got := column(t, db, fmt.Sprintf(`SELECT DISTINCT typeof(%s) FROM %s`, col, scan(out, table)))
				if len(got) != 1 || got[0] != typ {
					t.Errorf("%s.%s: typeof = %v, want %s", table, col, got, typ)
				}
			}
		}
	})

	t.Run("physical_types", func(t *testing.T) {
		// Only what both DuckDB and Spark read natively: no INT96, no
		// unsigned ints, no nanosecond timestamps.
		for _, table := range tables {
			files := dataFiles(t, out, table)
			if len(files) == 0 {
				continue
			}
			bad := lines(t, db, fmt.Sprintf(`SELECT DISTINCT name, type, converted_type, logical_type
				FROM parquet_schema(%s)
				WHERE type = 'INT96'
				   OR converted_type LIKE 'UINT%%'
				   OR CAST(logical_type AS VARCHAR) LIKE '%%NANOS=NanoSeconds%%'
				   OR CAST(logical_type AS VARCHAR) LIKE '%%isSigned=0%%'`, fileList(files)))
			for _, b := range bad {
				t.Errorf("%s: column type outside the contract: %s", table, b)
			}
		}
	})

	t.Run("row_counts", func(t *testing.T) {
		for table, want := range map[string]int{
			"reports":      seedReports,
			"disclosures":  seedDisclosureRows,
			"applications": seedApplicationRows,
			"appeals":      seedAppealRows,
		} {
			got := value(t, db, fmt.Sprintf(`SELECT count(*) FROM %s`, scan(out, table)))
			if got != fmt.Sprint(want) {
				t.Errorf("%s: %s rows, want %d", table, got, want)
			}
		}
	})

	t.Run("report_year_partition", func(t *testing.T) {
		for _, table := range tables {
			files := dataFiles(t, out, table)
			if len(files) == 0 {
				continue
			}
			for _, f := range files {
				rel, _ := filepath.Rel(filepath.Join(out, table), f)
				if dir := filepath.ToSlash(filepath.Dir(rel)); dir != "report_year=2020" {
					t.Errorf("%s: file %s is not in partition report_year=2020", table, rel)
				}
			}
			got := lines(t, db, fmt.Sprintf(`SELECT CAST(report_year AS VARCHAR), count(*) FROM %s GROUP BY ALL ORDER BY ALL`, scan(out, table)))
			if len(got) != 1 || !strings.HasPrefix(got[0], "2020\t") {
				t.Errorf("%s: report_year values (value, rows) = %q, want only 2020", table, got)
			}
		}
	})

	expected := loadExpected(t, filepath.Join(seedsDir(t), "expected", "seeds.jsonl"), seedsDir(t))

	t.Run("reports", func(t *testing.T) {
		checkReports(t, db, out, expected)
	})

	t.Run("cells", func(t *testing.T) {
		checkCells(t, db, out, expected)
	})
}

// checkReports matches the reports table with the expected reports: one row
// each, found by source_path, with report_id the SHA-256 of the file and the
// expected template, year and agency.
func checkReports(t *testing.T, db *sql.DB, out string, expected []expectedReport) {
	t.Helper()
	got := lines(t, db, fmt.Sprintf(`SELECT report_id, source_path, template, CAST(report_year AS VARCHAR), agency, status
		FROM %s ORDER BY source_path`, scan(out, "reports")))
	byPath := map[string][]string{}
	for _, l := range got {
		f := strings.Split(l, "\t")
		byPath[f[1]] = f
	}
	if len(got) != len(expected) {
		t.Errorf("reports: %d rows, want %d", len(got), len(expected))
	}
	for _, e := range expected {
		f, ok := byPath[e.File]
		if !ok {
			t.Errorf("reports: no row with source_path %q (have %q)", e.File, got)
			continue
		}
		if f[0] != e.ReportID {
			t.Errorf("%s: report_id %s, want sha256 of the file %s", e.File, f[0], e.ReportID)
		}
		if f[2] != e.Template {
			t.Errorf("%s: template %s, want %s", e.File, f[2], e.Template)
		}
		if f[3] != fmt.Sprint(e.Year) {
			t.Errorf("%s: report_year %s, want %d", e.File, f[3], e.Year)
		}
		if !contains(e.Agency, f[4]) {
			t.Errorf("%s: agency %q, want one of %q", e.File, f[4], e.Agency)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// checkCells compares every hand-checked cell with the dataset, through SQL:
// each expected cell code must match exactly one row of its report, with the
// same value (count as integer, money as exact decimal, null as null).
func checkCells(t *testing.T, db *sql.DB, out string, expected []expectedReport) {
	t.Helper()
	mustExec(t, db, `CREATE OR REPLACE TEMP TABLE expected_cells (
		source_path VARCHAR, report_id VARCHAR, cell VARCHAR, value VARCHAR)`)
	mustExec(t, db, `DELETE FROM expected_cells`)
	tx, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	stmt, err := tx.Prepare(`INSERT INTO expected_cells VALUES (?, ?, ?, ?)`)
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, e := range expected {
		codes := make([]string, 0, len(e.Cells))
		for code := range e.Cells {
			codes = append(codes, code)
		}
		sort.Strings(codes)
		for _, code := range codes {
			v, err := cellText(code, e.Cells[code])
			if err != nil {
				t.Fatalf("%s: %v", e.File, err)
			}
			if _, err := stmt.Exec(e.File, e.ReportID, code, v); err != nil {
				t.Fatal(err)
			}
			total++
		}
	}
	stmt.Close()
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}

	// Cell codes are rebuilt from the contract's columns rather than read
	// from a column of their own: money metrics are coded .amount_yuan.
	mustExec(t, db, fmt.Sprintf(`CREATE OR REPLACE TEMP VIEW actual_cells AS
		SELECT report_id,
		       's2.' || item || '.' || CASE WHEN metric = 'amount' THEN 'amount_yuan' ELSE metric END AS cell,
		       CASE WHEN metric = 'amount' THEN CAST(amount_yuan AS VARCHAR) ELSE CAST(count AS VARCHAR) END AS value,
		       raw, line
		FROM %s WHERE item <> 'extra'
		UNION ALL
		SELECT report_id, 's3.' || outcome || '.' || applicant, CAST(count AS VARCHAR), raw, line FROM %s
		UNION ALL
		SELECT report_id, 's4.' || proceeding || '.' || outcome, CAST(count AS VARCHAR), raw, line FROM %s`,
		scan(out, "disclosures"), scan(out, "applications"), scan(out, "appeals")))

	// Tables that also store the code in a `cell` column must agree with it.
	for _, c := range []struct{ table, code, where string }{
		{"disclosures", `'s2.' || item || '.' || CASE WHEN metric = 'amount' THEN 'amount_yuan' ELSE metric END`, "item <> 'extra'"},
		{"applications", `'s3.' || outcome || '.' || applicant`, "true"},
		{"appeals", `'s4.' || proceeding || '.' || outcome`, "true"},
	} {
		cols := column(t, db, fmt.Sprintf(`SELECT column_name FROM (DESCRIBE SELECT * FROM %s)`, scan(out, c.table)))
		if !contains(cols, "cell") {
			continue
		}
		for _, l := range lines(t, db, fmt.Sprintf(`SELECT cell, %s FROM %s WHERE %s AND cell IS DISTINCT FROM %s LIMIT 10`,
			c.code, scan(out, c.table), c.where, c.code)) {
			t.Errorf("%s: stored cell code differs from its columns (stored, from columns): %s", c.table, l)
		}
	}

	matched := value(t, db, `SELECT count(*) FROM expected_cells e JOIN actual_cells a
		ON a.report_id = e.report_id AND a.cell = e.cell AND a.value IS NOT DISTINCT FROM e.value`)
	if matched != fmt.Sprint(total) {
		t.Errorf("%s of %d expected cells match the dataset", matched, total)
	} else {
		t.Logf("all %d expected cells of %d reports match the dataset", total, len(expected))
	}
	perReport := lines(t, db, `SELECT e.source_path, count(*) FILTER (WHERE a.report_id IS NULL) AS missing,
			count(*) FILTER (WHERE a.report_id IS NOT NULL AND a.value IS DISTINCT FROM e.value) AS wrong
		FROM expected_cells e LEFT JOIN actual_cells a ON a.report_id = e.report_id AND a.cell = e.cell
		GROUP BY ALL HAVING missing + wrong > 0 ORDER BY ALL`)
	for _, l := range perReport {
		t.Errorf("report with missing/wrong cells (file, missing, wrong): %s", l)
	}
	bad := lines(t, db, `SELECT e.source_path, e.cell, coalesce(e.value, 'NULL') AS want,
			CASE WHEN a.report_id IS NULL THEN 'missing' ELSE coalesce(a.value, 'NULL') END AS got,
			a.raw, a.line
		FROM expected_cells e LEFT JOIN actual_cells a ON a.report_id = e.report_id AND a.cell = e.cell
		WHERE a.report_id IS NULL OR a.value IS DISTINCT FROM e.value
		ORDER BY e.source_path, e.cell LIMIT 60`)
	for _, l := range bad {
		t.Errorf("cell (file, code, want, got, raw, line): %s", l)
	}
	dups := lines(t, db, `SELECT e.source_path, a.cell, count(*) FROM actual_cells a
		JOIN (SELECT DISTINCT source_path, report_id FROM expected_cells) e USING (report_id)
		GROUP BY ALL HAVING count(*) > 1 ORDER BY ALL LIMIT 20`)
	for _, l := range dups {
		t.Errorf("cell printed once but published more than once (file, code, rows): %s", l)
	}
	extra := lines(t, db, `SELECT e.source_path, a.cell, a.value, a.raw FROM actual_cells a
		JOIN (SELECT DISTINCT source_path, report_id FROM expected_cells) e USING (report_id)
		WHERE NOT EXISTS (SELECT 1 FROM expected_cells x WHERE x.report_id = a.report_id AND x.cell = a.cell)
		ORDER BY ALL LIMIT 20`)
	for _, l := range extra {
		t.Errorf("cell the report does not print (file, code, value, raw): %s", l)
	}
}

// fileList is a DuckDB list literal of paths, in the given order.
func fileList(files []string) string {
	q := make([]string, len(files))
	for i, f := range files {
		q[i] = quote(filepath.ToSlash(f))
	}
	return "[" + strings.Join(q, ", ") + "]"
}

// TestDuckDBSchemaSQL executes the DDL that `nianbao schema --format sql`
// prints for a dataset and reads the tables through the views it creates.
func TestDuckDBSchemaSQL(t *testing.T) {
	out := seedDataset(t)
	ddl := schemaSQL(t, out)
	db := openDuckDB(t)
	// Relative paths in the DDL resolve against the dataset.
	mustExec(t, db, fmt.Sprintf(`SET file_search_path = %s`, quote(out)))
	if _, err := db.ExecContext(context.Background(), ddl); err != nil {
		t.Fatalf("executing `nianbao schema --format sql` output: %v\n%s", err, ddl)
	}
	names := column(t, db, `SELECT view_name FROM duckdb_views() WHERE NOT internal
		UNION SELECT table_name FROM duckdb_tables() ORDER BY 1`)
	have := map[string]bool{}
	for _, n := range names {
		have[n] = true
	}
	for _, table := range tables {
		if !have[table] {
			t.Errorf("the DDL creates no view %q (it creates %v)", table, names)
		}
	}
	for table, want := range map[string]int{
		"reports":      seedReports,
		"disclosures":  seedDisclosureRows,
		"applications": seedApplicationRows,
		"appeals":      seedAppealRows,
	} {
		if !have[table] {
			continue
		}
		got := value(t, db, fmt.Sprintf(`SELECT count(*) FROM %s`, table))
		if got != fmt.Sprint(want) {
			t.Errorf("view %s: %s rows, want %d", table, got, want)
		}
		years := column(t, db, fmt.Sprintf(`SELECT DISTINCT CAST(report_year AS VARCHAR) FROM %s`, table))
		if len(years) != 1 || years[0] != "2020" {
			t.Errorf("view %s: report_year values %v, want [2020]", table, years)
		}
	}
	if have["disclosures"] {
		got := value(t, db, `SELECT CAST(sum(amount_yuan) AS VARCHAR) FROM disclosures
			WHERE item = 'procurement' AND metric = 'amount'`)
		if got != seedProcurementSum {
			t.Errorf("view disclosures: procurement sum %s, want %s", got, seedProcurementSum)
		}
		for col, typ := range map[string]string{"count": "BIGINT", "amount_yuan": "DECIMAL(18,2)"} {
			got := column(t, db, fmt.Sprintf(`SELECT DISTINCT typeof(%s) FROM disclosures`, col))
			if len(got) != 1 || got[0] != typ {
				t.Errorf("view disclosures: typeof(%s) = %v, want %s", col, got, typ)
			}
		}
	}
	if have["applications"] && have["reports"] {
		// The views join as the contract says: every row belongs to a report.
		got := value(t, db, `SELECT count(*) FROM applications a JOIN reports r USING (report_id)`)
		if got != fmt.Sprint(seedApplicationRows) {
			t.Errorf("applications ⋈ reports: %s rows, want %d", got, seedApplicationRows)
		}
	}
}

// schemaSQL returns the DDL for a dataset: `nianbao schema --format sql
// --output OUT` (the command takes no arguments: a dataset named as one
// is a usage error).
func schemaSQL(t *testing.T, out string) string {
	t.Helper()
	args := []string{"schema", "--format", "sql", "--output", out}
	stdout, stderr, err := tryNianbao(t, args...)
	if err != nil || len(strings.TrimSpace(string(stdout))) == 0 {
		t.Fatalf("no DDL from nianbao %s: %v\n%s", strings.Join(args, " "), err, tail(stderr))
	}
	return string(stdout)
}

// TestDuckDBWorkersIdentical publishes the seeds with one worker and with
// eight: every table must hold the same rows in the same order (files read
// in path order), all columns compared except ingested_at.
func TestDuckDBWorkersIdentical(t *testing.T) {
	seeds := seedsDir(t)
	w1 := runPipeline(t, seeds, "workers-1", "--workers", "1")
	w8 := runPipeline(t, seeds, "workers-8", "--workers", "8")
	db := openDuckDB(t)
	for _, table := range tables {
		t.Run(table, func(t *testing.T) {
			f1, f8 := dataFiles(t, w1, table), dataFiles(t, w8, table)
			if len(f1) == 0 || len(f8) == 0 {
				if len(f1) != len(f8) {
					t.Fatalf("%d files with --workers 1, %d with --workers 8", len(f1), len(f8))
				}
				return
			}
			mustExec(t, db, fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE w1 AS %s`, ordered(t, db, f1)))
			mustExec(t, db, fmt.Sprintf(`CREATE OR REPLACE TEMP TABLE w8 AS %s`, ordered(t, db, f8)))
			n1, n8 := value(t, db, `SELECT count(*) FROM w1`), value(t, db, `SELECT count(*) FROM w8`)
			if n1 != n8 {
				t.Errorf("%s rows with --workers 1, %s with --workers 8", n1, n8)
			}
			for _, q := range []struct{ name, sql string }{
				{"only with --workers 1", `SELECT * FROM w1 EXCEPT ALL SELECT * FROM w8 ORDER BY pos LIMIT 5`},
				{"only with --workers 8", `SELECT * FROM w8 EXCEPT ALL SELECT * FROM w1 ORDER BY pos LIMIT 5`},
			} {
				for _, l := range lines(t, db, q.sql) {
					t.Errorf("row %s (pos first): %s", q.name, l)
				}
			}
		})
	}
}

// ordered selects a table's rows from files in the given order, numbered by
// position (file, then row within the file), without ingested_at and the
// reader's own columns.
func ordered(t testing.TB, db *sql.DB, files []string) string {
	t.Helper()
	idx := make([]string, len(files))
	for i, f := range files {
		idx[i] = fmt.Sprintf("(%s, %d)", quote(filepath.ToSlash(f)), i)
	}
	src := fmt.Sprintf(`read_parquet(%s, hive_partitioning = true, filename = true, file_row_number = true)`, fileList(files))
	exclude := []string{"filename", "file_row_number"}
	for _, c := range column(t, db, fmt.Sprintf(`SELECT column_name FROM (DESCRIBE SELECT * FROM %s)`, src)) {
		if c == "ingested_at" {
			exclude = append(exclude, c)
		}
	}
	return fmt.Sprintf(`SELECT row_number() OVER (ORDER BY f.idx, r.file_row_number) AS pos, r.* EXCLUDE (%s)
		FROM %s r JOIN (VALUES %s) f(name, idx) ON r.filename = f.name`,
		strings.Join(exclude, ", "), src, strings.Join(idx, ", "))
}

// TestDuckDBReports publishes the test reports of testdata/reports
// (templates 2021 and 2019, eleven text layouts, rendered by
// pipeline/generate) and compares every cell with
// testdata/reports/expected.jsonl. Only the report files are copied in, so
// the expectations are not read as input.
func TestDuckDBReports(t *testing.T) {
	src := filepath.Join(repoRoot(t), "testdata", "reports")
	expected := loadExpected(t, filepath.Join(src, "expected.jsonl"), src)
	input := filepath.Join(tmpRoot, "reports-input")
	for _, e := range expected {
		data, err := os.ReadFile(filepath.Join(src, filepath.FromSlash(e.File)))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(input, filepath.FromSlash(e.File))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := runPipeline(t, input, "reports")
	db := openDuckDB(t)

	t.Run("reports", func(t *testing.T) {
		checkReports(t, db, out, expected)
	})
	t.Run("partitions", func(t *testing.T) {
		// Each report's rows sit in its year's partition.
		bad := lines(t, db, fmt.Sprintf(`SELECT r.source_path, CAST(r.report_year AS VARCHAR), CAST(a.report_year AS VARCHAR), count(*)
			FROM %s a JOIN %s r USING (report_id)
			WHERE a.report_year IS DISTINCT FROM r.report_year GROUP BY ALL ORDER BY ALL`,
			scan(out, "applications"), scan(out, "reports")))
		for _, l := range bad {
			t.Errorf("applications rows outside their report's partition (file, report year, row year, rows): %s", l)
		}
	})
	t.Run("cells", func(t *testing.T) {
		checkCells(t, db, out, expected)
	})
}
