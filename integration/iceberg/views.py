"""Execute the DuckDB views over nianbao's Iceberg tables and check them.

usage: views.py ICEBERG_SQL PARQUET_SQL

ICEBERG_SQL is `nianbao schema --format sql --table-format iceberg`,
PARQUET_SQL `nianbao schema --format sql` of the same output folder. Each
runs in its own DuckDB (the iceberg extension from its wheel). Checks: every
view of the Iceberg DDL (the five tables, report_cells_wide,
organ_year_summary) holds the same rows, every column, as the same view
over the Parquet tables; and in the Iceberg views each non-NULL cell of
report_cells_wide is its report's value in the long tables, and each
long-table cell of a canonical report is in the wide view (NULL as NULL).
Prints one line per check; exits 1 when any fails.
"""
import os
import site
import sys

import duckdb

VIEWS = ["reports", "disclosures", "applications", "appeals", "quality", "report_cells_wide", "organ_year_summary"]
failed = 0


def check(name, ok, detail=""):
    global failed
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail), flush=True)
    if not ok:
        failed += 1


def duck():
    ext = None
    for sp in site.getsitepackages():
        d = os.path.join(sp, "duckdb_ext", "extensions")
        if os.path.isdir(d):
            ext = d
    if ext is None:
        print("FAIL no duckdb_ext extensions folder (pip install duckdb-ext-iceberg duckdb-ext-avro)")
        sys.exit(1)
    con = duckdb.connect()
    con.execute(f"SET extension_directory = '{ext}'")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("SET TimeZone = 'UTC'")
    con.execute("LOAD avro")
    con.execute("LOAD iceberg")
    return con


def rows(con, view):
    cols = [r[0] for r in con.execute(f"DESCRIBE {view}").fetchall()]
    sel = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in cols)
    return cols, sorted(tuple("NULL" if v is None else v for v in r) for r in con.execute(f"SELECT {sel} FROM {view}").fetchall())


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    ice, pq = duck(), duck()
    with open(argv[1], encoding="utf-8") as f:
        ddl = f.read()
    check("the Iceberg views read iceberg_scan, not Parquet files",
          "iceberg_scan(" in ddl and "read_parquet" not in ddl, ddl[:300])
    ice.execute(ddl)
    with open(argv[2], encoding="utf-8") as f:
        pq.execute(f.read())
    for v in VIEWS:
        got, want = rows(ice, v), rows(pq, v)
        n = len(got[1])
        check(f"{v}: {n} rows, every column, as over the Parquet tables", got == want and (v == "quality" or n > 0),
              f"columns {got[0]} vs {want[0]}; {n} rows vs {len(want[1])}; first differing "
              f"{sorted(set(got[1]) ^ set(want[1]))[:3]}")

    # The wide view against the long tables, both over Iceberg: every cell as
    # text, so that counts and money compare alike.
    long_cells = """
        SELECT l.report_id, replace(l.cell, '.', '_') AS col, coalesce(CAST(l.amount_yuan AS VARCHAR), CAST(l.count AS VARCHAR)) AS v
        FROM (SELECT report_id, cell, count, amount_yuan FROM disclosures
              UNION ALL SELECT report_id, cell, count, NULL FROM applications
              UNION ALL SELECT report_id, cell, count, NULL FROM appeals) l
        JOIN reports r USING (report_id)
        WHERE r.is_canonical"""
    wide_cells = """
        UNPIVOT (SELECT report_id, COLUMNS('^s[234]_') ::VARCHAR FROM report_cells_wide)
        ON COLUMNS('^s[234]_') INTO NAME col VALUE v"""
    in_wide = "l.col IN (SELECT column_name FROM (DESCRIBE report_cells_wide))"
    compared = ice.execute(f"SELECT count(*) FROM ({long_cells}) l WHERE {in_wide}").fetchone()[0]
    missing = ice.execute(f"""SELECT l.report_id, l.col, l.v, w.v FROM ({long_cells}) l
        LEFT JOIN ({wide_cells}) w ON w.report_id = l.report_id AND w.col = l.col
        WHERE w.v IS DISTINCT FROM l.v AND {in_wide}""").fetchall()
    check(f"every long-table cell of a canonical report ({compared}) is the wide view's",
          compared >= 5 * 150 and not missing, f"{compared} cells; first mismatches {missing[:5]}")
    invented = ice.execute(f"""SELECT w.report_id, w.col, w.v FROM ({wide_cells}) w
        LEFT JOIN ({long_cells}) l ON l.report_id = w.report_id AND l.col = w.col
        WHERE l.v IS DISTINCT FROM w.v""").fetchall()
    check("every non-NULL wide cell is the long tables' value", not invented, str(invented[:5]))
    print(f"duckdb iceberg views: {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
