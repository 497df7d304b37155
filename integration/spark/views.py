"""Execute `nianbao schema --format spark-sql` with Spark and check the ready views.

Usage: python views.py VIEWS_SQL [CATALOG_DB WAREHOUSE]

With CATALOG_DB and WAREHOUSE, the session has nianbao's Iceberg catalog
(session.py), for the views `--table-format iceberg` prints over its tables.

Runs every statement of VIEWS_SQL (the per-table views over a published
dataset, then report_cells_wide and organ_year_summary) with spark.sql, then
checks that the wide view holds one row per canonical report whose cells are
the long tables' values, and that the summary's figures are the wide view's.
The dataset is the sample reports with two copies of one of them (integration
copiesDataset): 7 reports, 5 logical reports. Prints one line per check and
exits non-zero when any fails.
"""

import sys
from decimal import Decimal

from pyspark.sql.types import DecimalType, LongType

from session import Checks, IcebergCatalog, session

REPORTS = 7
LOGICAL = 5
COPIES = ("web/003_16d68db4dbaa666b.txt", "repost/003-crlf.txt", "pdf/003.pdf")


def statements(text):
    """Split SQL text on the semicolons outside quotes, dropping -- comments."""
    out, cur, quote, i = [], [], None, 0
    while i < len(text):
        ch = text[i]
        if quote:
            cur.append(ch)
            if ch == "\\" and i + 1 < len(text):
                cur.append(text[i + 1])
                i += 1
            elif ch == quote:
                quote = None
        elif ch in "'\"`":
            quote = ch
            cur.append(ch)
        elif text.startswith("--", i):
            j = text.find("\n", i)
            i = len(text) if j < 0 else j
            continue
        elif ch == ";":
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
        i += 1
    tail = "".join(cur).strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def one(spark, q):
    return spark.sql(q).collect()[0][0]


def check_wide(c, spark):
    """Every long-table cell of a canonical report is the wide view's column,
    and every non-NULL wide cell comes from a long-table row."""
    wide = {r["report_id"]: r.asDict() for r in spark.sql("SELECT * FROM report_cells_wide").collect()}
    c.check(f"report_cells_wide has {LOGICAL} rows, one per logical report", len(wide) == LOGICAL, str(len(wide)))
    canonical = {r[0] for r in spark.sql("SELECT report_id FROM reports WHERE is_canonical").collect()}
    c.check("report_cells_wide holds exactly the canonical reports", set(wide) == canonical,
            f"wide {sorted(wide)} canonical {sorted(canonical)}")
    columns = set(next(iter(wide.values()), {}))
    long_rows = spark.sql("""
        SELECT report_id, cell, count AS v, 'count' AS k FROM applications
        UNION ALL SELECT report_id, cell, count, 'count' FROM appeals
        UNION ALL SELECT report_id, cell, CAST(count AS DECIMAL(20,2)), 'count' FROM disclosures WHERE amount_yuan IS NULL
        UNION ALL SELECT report_id, cell, amount_yuan, 'money' FROM disclosures WHERE amount_yuan IS NOT NULL""").collect()
    compared, wrong, seen = 0, [], set()
    for r in long_rows:
        col = r["cell"].replace(".", "_")
        if r["report_id"] not in wide or col not in columns:
            continue
        compared += 1
        seen.add((r["report_id"], col))
        got, want = wide[r["report_id"]][col], r["v"]
        if want is not None and got is not None:
            ok = Decimal(str(want)) == Decimal(str(got))
        else:
            ok = want is None and got is None
        if not ok:
            wrong.append((r["report_id"][:12], r["cell"], want, got))
    c.check("the wide view's cells equal the long tables' (every cell of every canonical report)",
            compared >= LOGICAL * 150 and not wrong, f"{compared} compared; first mismatches: {wrong[:10]}")
    invented = [(rid[:12], col) for rid, row in wide.items() for col, v in row.items()
                if "_" in col and col[:3] in ("s2_", "s3_", "s4_") and v is not None and (rid, col) not in seen]
    c.check("no wide cell without a long-table row", not invented, str(invented[:10]))

    fields = {f.name: f.dataType for f in spark.table("report_cells_wide").schema.fields}
    c.check("report_cells_wide.s3_granted_total is LongType", fields.get("s3_granted_total") == LongType(),
            str(fields.get("s3_granted_total")))
    money = [n for n in fields if n.endswith("_amount_yuan")]
    c.check("report_cells_wide money columns are DecimalType(18,2)",
            money and all(fields[n] == DecimalType(18, 2) for n in money),
            str({n: fields[n] for n in money[:3]}))
    return wide


def z(v):
    return 0 if v is None else v


def close(a, b):
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


def share(num, den):
    return None if num is None or den in (None, 0) else num / den


def check_summary(c, spark, wide):
    """organ_year_summary's figures are the wide view's, recomputed here."""
    rows = spark.sql("SELECT * FROM organ_year_summary").collect()
    c.check(f"organ_year_summary has {LOGICAL} rows", len(rows) == LOGICAL, str(len(rows)))
    denied_cols = sorted(n for n in next(iter(wide.values()), {})
                         if n.startswith("s3_denied_") and n.endswith("_total"))
    c.check("eight denial reasons in the wide view", len(denied_cols) == 8, str(denied_cols))
    wrong = []
    for s in rows:
        w = wide.get(s["report_id"])
        if w is None:
            wrong.append((s["report_id"][:12], "not in the wide view"))
            continue
        lawsuits = z(w["s4_suit_direct_total"]) + z(w["s4_suit_after_review_total"])
        corrected = z(w["s4_review_corrected"]) + z(w["s4_suit_direct_corrected"]) + z(w["s4_suit_after_review_corrected"])
        denied = sum(z(w[n]) for n in denied_cols)
        want = {
            "requests_received": w["s3_new_received_total"],
            "requests_carried_over": w["s3_carried_over_total"],
            "requests_handled": w["s3_total_total"],
            "granted": w["s3_granted_total"],
            "partial": w["s3_partial_total"],
            "denied": denied,
            "reviews": w["s4_review_total"],
            "lawsuits": lawsuits,
            "corrected": corrected,
            "agency": w["agency"],
            "report_year": w["report_year"],
            "logical_report_id": w["logical_report_id"],
        }
        for k, v in want.items():
            if s[k] != v:
                wrong.append((s["report_id"][:12], k, v, s[k]))
        shares = {
            "granted_share": share(w["s3_granted_total"], w["s3_total_total"]),
            "denied_share": share(denied, w["s3_total_total"]),
            "corrected_share": share(corrected, z(w["s4_review_total"]) + lawsuits),
        }
        for k, v in shares.items():
            if not close(s[k], v):
                wrong.append((s["report_id"][:12], k, v, s[k]))
    c.check("organ_year_summary's figures are the wide view's", not wrong, str(wrong[:10]))
    nonzero = [s for s in rows if s["requests_received"]]
    c.check("some sample received requests", len(nonzero) >= 2, str([s["requests_received"] for s in rows]))


def main(argv):
    if len(argv) not in (2, 4):
        print(__doc__, file=sys.stderr)
        return 2
    iceberg = IcebergCatalog(argv[2], argv[3]) if len(argv) == 4 else None
    with open(argv[1], encoding="utf-8") as f:
        sql = statements(f.read())
    spark = session("nianbao-views", iceberg)
    c = Checks()
    try:
        failed = []
        for s in sql:
            try:
                spark.sql(s)
            except Exception as e:  # the statement and Spark's reason, then go on
                failed.append((s.splitlines()[0], str(e).splitlines()[0]))
        c.check(f"all {len(sql)} statements run", len(sql) >= 7 and not failed, str(failed))
        if failed:
            return 1
        for t in ("reports", "disclosures", "applications", "appeals", "quality"):
            try:
                n = one(spark, f"SELECT count(*) FROM {t}")
                c.check(f"the {t} view reads ({n} rows)", t == "quality" or n > 0, "no rows")
            except Exception as e:
                c.check(f"the {t} view reads", False, str(e).splitlines()[0])
        c.check(f"reports has {REPORTS} rows", one(spark, "SELECT count(*) FROM reports") == REPORTS, "")
        c.check(f"{LOGICAL} logical reports",
                one(spark, "SELECT count(DISTINCT logical_report_id) FROM reports") == LOGICAL, "")
        c.check("one canonical row per logical report", one(spark, """SELECT count(*) FROM (
            SELECT logical_report_id FROM reports GROUP BY 1
            HAVING sum(CASE WHEN is_canonical THEN 1 ELSE 0 END) <> 1) t""") == 0, "")
        quoted = ", ".join(f"'{p}'" for p in COPIES)
        c.check("the three copies share one logical id", one(spark,
                f"SELECT count(DISTINCT logical_report_id) FROM reports WHERE source_path IN ({quoted})") == 1, "")
        wide = check_wide(c, spark)
        check_summary(c, spark, wide)
        for q in (
            "SELECT agency, province, requests_received FROM organ_year_summary ORDER BY requests_received DESC NULLS LAST LIMIT 10",
            "SELECT county, report_year, requests_received, granted_share FROM organ_year_summary "
            "WHERE province = '广东省' AND agency_level = 'county' ORDER BY county, report_year",
            "SELECT a.agency, a.report_year, a.requests_received - b.requests_received AS change "
            "FROM organ_year_summary a JOIN organ_year_summary b "
            "ON b.division_code = a.division_code AND b.agency_kind = a.agency_kind AND b.report_year = a.report_year - 1",
        ):
            try:
                spark.sql(q).collect()
                c.check("example query runs: " + q[:60], True)
            except Exception as e:
                c.check("example query runs: " + q[:60], False, str(e).splitlines()[0])
    finally:
        spark.stop()
    print(f"spark views: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
