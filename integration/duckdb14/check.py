"""Run the DuckDB statements nianbao prints with the venv's DuckDB (1.4, a
long-term release) over a dataset holding a report of unknown year, and
print what a year filter and the year column give, one JSON object.

usage: check.py SCHEMA_SQL TABLES_SQL
"""
import json
import sys

import duckdb

out = {"version": duckdb.__version__}
for name, path in (("schema", sys.argv[1]), ("tables", sys.argv[2])):
    con = duckdb.connect()
    con.execute(open(path, encoding="utf-8").read())
    years = con.execute(
        "SELECT CAST(report_year AS VARCHAR), typeof(report_year), count(*) FROM reports GROUP BY ALL ORDER BY 1 NULLS FIRST"
    ).fetchall()
    cells = con.execute("SELECT count(*) FROM applications WHERE report_year = 2020").fetchone()[0]
    out[name] = {"years": [list(r) for r in years], "applications_2020": cells}
print(json.dumps(out))
