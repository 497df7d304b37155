package schemas

import (
	"fmt"
	"io"
	"strings"
)

// Ready views over the tables: one row per canonical report with one
// column per template cell (report_cells_wide), and the figures analysts
// compare organs by (organ_year_summary). They are written in the SQL both
// DuckDB and Spark accept (CASE inside aggregates, no FILTER, no QUALIFY);
// only the views over the files differ between the two.

// Names of the ready views.
const (
	ViewWide    = "report_cells_wide"
	ViewSummary = "organ_year_summary"
)

// WideColumn is one cell column of the wide view.
type WideColumn struct {
	Name  string // column name: the cell code with '.' as '_'
	Cell  string // cell code
	Table string // the long table the cell is in
	Money bool   // amount_yuan rather than count
}

// WideColumns lists every cell of both templates, in template order:
// section 二 (2019 then the 2021 cells 2019 lacks), 三, 四.
func WideColumns() []WideColumn {
	var cs []WideColumn
	seen := map[string]bool{}
	add := func(cell, table string, money bool) {
		if !seen[cell] {
			seen[cell] = true
			cs = append(cs, WideColumn{strings.ReplaceAll(cell, ".", "_"), cell, table, money})
		}
	}
	for _, items := range [][]Item{Disclosures2019, Disclosures2021} {
		for _, it := range items {
			for _, m := range it.Metrics {
				add(DisclosureCell(it.Code.Code, m), TableDisclosures, m.Money)
			}
		}
	}
	for _, o := range append(Outcomes(true), OutcomesOther2021...) {
		for _, a := range Applicants {
			add(ApplicationCell(o.Code.Code, a.Code), TableApplications, false)
		}
	}
	for _, p := range Proceedings {
		for _, o := range AppealOutcomes {
			add(AppealCell(p.Code, o.Code), TableAppeals, false)
		}
	}
	return cs
}

// wideReportColumns are the reports columns the ready views carry.
var wideReportColumns = []string{"report_id", "logical_report_id", "report_year", "agency", "division_code",
	"province", "city", "county", "township", "agency_level", "agency_kind", "template", "status", "source_path"}

// writeReadyViews writes the two ready views; create is "CREATE OR REPLACE
// VIEW" (DuckDB) or "CREATE OR REPLACE TEMPORARY VIEW" (Spark).
func writeReadyViews(b *strings.Builder, create string) {
	cols := WideColumns()
	fmt.Fprintf(b, "\n-- %s: one row per canonical report (is_canonical), one column per template cell\n", ViewWide)
	fmt.Fprintf(b, "-- (cell code with '.' as '_'; counts BIGINT, money DECIMAL(18,2) yuan; NULL where not printed or not read).\n")
	fmt.Fprintf(b, "%s %s AS\nSELECT %s", create, ViewWide, "r."+strings.Join(wideReportColumns, ", r."))
	for _, c := range cols {
		fmt.Fprintf(b, ",\n  c.%s", c.Name)
	}
	b.WriteString("\nFROM reports r\nLEFT JOIN (\n  SELECT report_id")
	for _, c := range cols {
		v := "count"
		if c.Money {
			v = "amount_yuan"
		}
		fmt.Fprintf(b, ",\n    max(CASE WHEN cell = '%s' THEN %s END) AS %s", c.Cell, v, c.Name)
	}
	b.WriteString("\n  FROM (\n    SELECT report_id, cell, count, amount_yuan FROM disclosures\n")
	b.WriteString("    UNION ALL SELECT report_id, cell, count, CAST(NULL AS DECIMAL(18,2)) FROM applications\n")
	b.WriteString("    UNION ALL SELECT report_id, cell, count, CAST(NULL AS DECIMAL(18,2)) FROM appeals\n")
	b.WriteString("  ) cells\n  GROUP BY report_id\n) c ON c.report_id = r.report_id\nWHERE r.is_canonical;\n")

	z := func(c string) string { return "coalesce(" + c + ", 0)" }
	var denied []string
	for _, o := range outHead {
		if strings.HasPrefix(o.Code.Code, "denied.") {
			denied = append(denied, z("s3_"+strings.ReplaceAll(o.Code.Code, ".", "_")+"_total"))
		}
	}
	lawsuits := z("s4_suit_direct_total") + " + " + z("s4_suit_after_review_total")
	corrected := z("s4_review_corrected") + " + " + z("s4_suit_direct_corrected") + " + " + z("s4_suit_after_review_corrected")
	fmt.Fprintf(b, "\n-- %s: one row per canonical report (an organ's report for a year): requests, outcome\n", ViewSummary)
	b.WriteString("-- shares of the requests handled (s3 total), reviews, lawsuits and the share corrected.\n")
	b.WriteString("-- Shares are DOUBLE, NULL when the denominator is 0 or NULL; NULL cells count as 0 in sums.\n")
	fmt.Fprintf(b, "%s %s AS\nSELECT report_year, logical_report_id, report_id, agency, division_code, province, city, county, township,\n", create, ViewSummary)
	b.WriteString("  agency_level, agency_kind,\n")
	b.WriteString("  s3_new_received_total AS requests_received,\n  s3_carried_over_total AS requests_carried_over,\n")
	b.WriteString("  s3_total_total AS requests_handled,\n  s3_granted_total AS granted,\n  s3_partial_total AS partial,\n")
	fmt.Fprintf(b, "  %s AS denied,\n", strings.Join(denied, " + "))
	b.WriteString("  CAST(s3_granted_total AS DOUBLE) / nullif(s3_total_total, 0) AS granted_share,\n")
	fmt.Fprintf(b, "  CAST(%s AS DOUBLE) / nullif(s3_total_total, 0) AS denied_share,\n", strings.Join(denied, " + "))
	b.WriteString("  s4_review_total AS reviews,\n")
	fmt.Fprintf(b, "  %s AS lawsuits,\n", lawsuits)
	fmt.Fprintf(b, "  %s AS corrected,\n", corrected)
	fmt.Fprintf(b, "  CAST(%s AS DOUBLE) / nullif(%s + %s, 0) AS corrected_share\n", corrected, z("s4_review_total"), lawsuits)
	fmt.Fprintf(b, "FROM %s;\n", ViewWide)
}

// WriteSparkSQL writes Spark SQL statements that define a temporary view
// per table over the dataset in dir (partition discovery types
// report_year), then the ready views.
func WriteSparkSQL(w io.Writer, dir string) error {
	var b strings.Builder
	dir = strings.TrimRight(dir, "/")
	fmt.Fprintf(&b, "-- Spark SQL views over the nianbao dataset in %s (schema version %s).\n", dir, SchemaVersion)
	for _, t := range Tables {
		path := strings.ReplaceAll(dir+"/"+t.Name, "'", "\\'")
		fmt.Fprintf(&b, "CREATE OR REPLACE TEMPORARY VIEW %s USING parquet OPTIONS (path '%s', mergeSchema 'true');\n", t.Name, path)
	}
	writeReadyViews(&b, "CREATE OR REPLACE TEMPORARY VIEW")
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteIcebergSparkSQL writes Spark SQL statements that define a
// temporary view per table over the Iceberg table prefix.<table> (prefix
// is catalog.namespace, as the Spark session names nianbao's catalog),
// then the ready views.
func WriteIcebergSparkSQL(w io.Writer, catalog, namespace string) error {
	var b strings.Builder
	q := func(s string) string { return "`" + strings.ReplaceAll(s, "`", "``") + "`" }
	fmt.Fprintf(&b, "-- Spark SQL views over the nianbao Iceberg tables %s.%s.* (schema version %s).\n", catalog, namespace, SchemaVersion)
	fmt.Fprintf(&b, "-- The session needs the catalog %s: Iceberg's JDBC catalog over nianbao's SQLite catalog file (docs/iceberg.md).\n", catalog)
	for _, t := range Tables {
		fmt.Fprintf(&b, "CREATE OR REPLACE TEMPORARY VIEW %s AS SELECT * FROM %s.%s.%s;\n", t.Name, q(catalog), q(namespace), q(t.Name))
	}
	writeReadyViews(&b, "CREATE OR REPLACE TEMPORARY VIEW")
	_, err := io.WriteString(w, b.String())
	return err
}

// WriteIcebergSQL writes DuckDB statements that define one view per table
// over the Iceberg table in dir/<table> (iceberg_scan of the folder, which
// follows its metadata/version-hint.text to the current snapshot), then
// the ready views. They need DuckDB's iceberg extension.
func WriteIcebergSQL(w io.Writer, dir string) error {
	var b strings.Builder
	dir = strings.TrimRight(dir, "/")
	fmt.Fprintf(&b, "-- DuckDB views over the nianbao Iceberg tables in %s (schema version %s).\n", dir, SchemaVersion)
	b.WriteString("-- They need the iceberg extension (LOAD iceberg).\n")
	for _, t := range Tables {
		path := strings.ReplaceAll(dir+"/"+t.Name, "'", "''")
		fmt.Fprintf(&b, "CREATE OR REPLACE VIEW %s AS\n  SELECT * FROM iceberg_scan('%s');\n", t.Name, path)
	}
	writeReadyViews(&b, "CREATE OR REPLACE VIEW")
	_, err := io.WriteString(w, b.String())
	return err
}

// readyViewsDoc is the data dictionary's section on copies and the ready views.
const readyViewsDoc = "## Copies and ready views\n\n" +
	"**Copies.** `logical_report_id` groups the copies of one report (PDF, web page, text, a repost): reports are grouped by organ " +
	"(division_code with the organ left after the divisions, e.g. 教育局, or a government / general office / street office by its kind; " +
	"without a code, the organ as printed) and year; within a group, copies are one report when the cells both read agree " +
	"(none differ, or at least 8 agree and 4 for each that differs). The id is the SHA-256 of organ and year (plus the smallest " +
	"report_id of the copies when one organ-year holds several reports). `is_canonical` marks the copy with the fewest errors, " +
	"then warnings, then the smallest report_id; copies that differ get `COPY_DISAGREES`.\n\n" +
	"**Ready views** (`nianbao schema --format sql` for DuckDB, `--format spark-sql` for Spark; with `--table-format iceberg`, " +
	"over the Iceberg tables instead of the Parquet folders): `report_cells_wide`, one row per " +
	"canonical report with one column per template cell (the cell code with `.` as `_`, e.g. `s3_granted_total`); " +
	"`organ_year_summary`: requests_received, requests_handled, granted, partial, denied, granted_share, denied_share, reviews, " +
	"lawsuits, corrected, corrected_share.\n\n" +
	"```sql\n-- top organs by requests\nSELECT agency, province, requests_received FROM organ_year_summary\n" +
	"ORDER BY requests_received DESC NULLS LAST LIMIT 10;\n" +
	"-- a province's counties side by side\nSELECT county, report_year, requests_received, granted_share FROM organ_year_summary\n" +
	"WHERE province = '广东省' AND agency_level = 'county' AND agency_kind = 'government' ORDER BY county, report_year;\n" +
	"-- year-over-year change\nSELECT a.agency, a.report_year, a.requests_received - b.requests_received AS change\n" +
	"FROM organ_year_summary a JOIN organ_year_summary b\n  ON b.division_code = a.division_code AND b.agency_kind = a.agency_kind " +
	"AND b.report_year = a.report_year - 1;\n```\n\n"
