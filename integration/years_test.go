package integration

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// yearDatasets publishes the two datasets whose report_year readers once
// could not type: one whose only partition is the unknown year (a text
// without tables or year: every table is empty or in
// __HIVE_DEFAULT_PARTITION__), and one whose quality table is empty (a
// report of 2020 without findings). It returns their folders and, per
// folder and table, the rows the manifest counts and how many have a year.
func yearDatasets(t *testing.T) (outs []string, rows map[string]map[string][2]int64) {
	t.Helper()
	base := filepath.Join(tmpRoot, "years")
	os.RemoveAll(base)
	unknown := filepath.Join(base, "in-unknown")
	empty := filepath.Join(base, "in-noquality")
	os.MkdirAll(unknown, 0o755)
	os.MkdirAll(empty, 0o755)
	if err := os.WriteFile(filepath.Join(unknown, "note.txt"), []byte("这是一段没有表格也没有年份的文字。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "reports", "2019", "qinghe-street-2020-pipes.txt"))
	if err != nil {
		t.Fatal(err)
	}
	// 清河街道 is the name of six streets: the folder names its district,
	// so that the report has no finding at all (not even DIVISION_AMBIGUOUS).
	dir := filepath.Join(empty, "北京市海淀区")
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "qinghe.txt"), b, 0o644)
	os.WriteFile(filepath.Join(dir, "qinghe.txt.meta.json"), []byte(`{"published": "2021-01-29"}`), 0o644)
	rows = map[string]map[string][2]int64{}
	for _, in := range []string{unknown, empty} {
		out := filepath.Join(base, "out-"+filepath.Base(in)[3:])
		nianbao(t, "run", "--input", in, "--output", out)
		var m struct {
			Tables map[string]struct {
				Rows  int64 `json:"rows"`
				Files []struct {
					ReportYear *int32 `json:"report_year"`
					Rows       int64  `json:"rows"`
				} `json:"files"`
			} `json:"tables"`
		}
		mb, err := os.ReadFile(filepath.Join(out, "_manifest.json"))
		if err != nil || json.Unmarshal(mb, &m) != nil {
			t.Fatalf("%s: manifest: %v", out, err)
		}
		rows[out] = map[string][2]int64{}
		for name, tm := range m.Tables {
			var known int64
			for _, f := range tm.Files {
				if f.ReportYear != nil {
					known += f.Rows
				}
			}
			rows[out][name] = [2]int64{tm.Rows, known}
		}
		outs = append(outs, out)
	}
	if r := rows[outs[0]]["reports"]; r != [2]int64{1, 0} {
		t.Fatalf("the unknown-year dataset has %v reports rows (all, with a year): the test would prove nothing", r)
	}
	if r := rows[outs[1]]["quality"]; r[0] != 0 || rows[outs[1]]["reports"] != [2]int64{1, 1} {
		t.Fatalf("the second dataset has %d quality rows: the test would prove nothing", r[0])
	}
	return outs, rows
}

// TestReportYearTyped: report_year reads as an integer column in DuckDB,
// pyarrow (dataset and read_table) and Spark, in a dataset whose only
// partition is the unknown year and in one whose quality table is empty;
// the sidecar's published date reads as a DATE.
func TestReportYearTyped(t *testing.T) {
	outs, rows := yearDatasets(t)
	db := openDuckDB(t)
	for _, out := range outs {
		for table, want := range rows[out] {
			typ := value(t, db, fmt.Sprintf("SELECT column_type FROM (DESCRIBE SELECT * FROM %s) WHERE column_name = 'report_year'", scan(out, table)))
			if typ != "INTEGER" && typ != "BIGINT" {
				t.Errorf("duckdb %s/%s: report_year %s, want an integer", filepath.Base(out), table, typ)
			}
			got := value(t, db, fmt.Sprintf("SELECT count(*) || ' ' || count(report_year) FROM %s", scan(out, table)))
			if got != fmt.Sprintf("%d %d", want[0], want[1]) {
				t.Errorf("duckdb %s/%s: rows and rows with a year %s, want %v", filepath.Base(out), table, got, want)
			}
		}
	}
	if got := value(t, db, fmt.Sprintf("SELECT typeof(published) || ' ' || published FROM %s", scan(outs[1], "reports"))); got != "DATE 2021-01-29" {
		t.Errorf("duckdb: published %s, want DATE 2021-01-29", got)
	}

	if testing.Short() {
		t.Skip("Spark takes half a minute to start")
	}
	py := sparkPython(t)
	script, err := filepath.Abs(filepath.Join("spark", "year_types.py"))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute) // a hang guard
	defer cancel()
	cmd := exec.CommandContext(ctx, py, append([]string{script}, outs...)...)
	cmd.Dir = t.TempDir()
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("spark/year_types.py: %v\n%s\nstderr:\n%s", err, stdout.String(), tail(stderr.Bytes()))
	}
	seen := map[string]int{}
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		var r struct {
			Reader, Out, Table, Type, Error string
			Rows, Nulls                     int64
			Years                           []int64
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			continue // Spark's own chatter
		}
		seen[r.Reader]++
		where := r.Reader + " " + filepath.Base(r.Out) + "/" + r.Table
		want := rows[r.Out][r.Table]
		switch {
		case r.Error != "":
			t.Errorf("%s: %s", where, r.Error)
		case !strings.Contains(r.Type, "int"):
			t.Errorf("%s: report_year reads as %s, want an integer", where, r.Type)
		case r.Rows != want[0] || r.Rows-r.Nulls != want[1]:
			t.Errorf("%s: %d rows, %d with a year; want %v", where, r.Rows, r.Rows-r.Nulls, want)
		case len(r.Years) > 0 && filepath.Base(r.Out) == "out-noquality" && (len(r.Years) != 1 || r.Years[0] != 2020):
			t.Errorf("%s: years %v, want [2020]", where, r.Years)
		}
	}
	for _, reader := range []string{"pyarrow.dataset", "pyarrow.parquet", "spark"} {
		if seen[reader] != 2*5 {
			t.Errorf("%s: %d results, want 10\n%s", reader, seen[reader], stdout.String())
		}
	}
}
