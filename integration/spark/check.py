"""Check a published nianbao dataset with Spark, as analysts' jobs read it.

Usage: python check.py OUT [EXPECTED_JSONL SEEDS_DIR]

Reads OUT/<table> with spark.read.parquet (partition discovery gives
report_year) and asserts the seed reports' acceptance figures. With an
expected.jsonl it also compares every hand-checked cell. Prints one line per
check and exits non-zero when any fails.
"""

import hashlib
import json
import os
import sys
from decimal import Decimal

from pyspark.sql import functions as F
from pyspark.sql.types import DecimalType, IntegerType, LongType

from session import Checks, session

PROCUREMENT_SUM = Decimal("19771202.99")
ROWS = {"reports": 5, "disclosures": 5 * 22, "applications": 5 * 161, "appeals": 5 * 15}


def cell_code(table, row):
    if table == "disclosures":
        metric = "amount_yuan" if row["metric"] == "amount" else row["metric"]
        return f"s2.{row['item']}.{metric}"
    if table == "applications":
        return f"s3.{row['outcome']}.{row['applicant']}"
    return f"s4.{row['proceeding']}.{row['outcome']}"


def check_cells(c, frames, expected_jsonl, seeds_dir):
    """Every expected cell appears exactly once with the same value."""
    expected = []
    with open(expected_jsonl, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                expected.append(json.loads(line))
    ids = {}
    for e in expected:
        with open(os.path.join(seeds_dir, e["file"]), "rb") as f:
            ids[hashlib.sha256(f.read()).hexdigest()] = e
    actual = {}
    dups = []
    for table in ("disclosures", "applications", "appeals"):
        for row in frames[table].collect():
            if table == "disclosures" and row["item"] == "extra":
                continue
            key = (row["report_id"], cell_code(table, row))
            if key in actual:
                dups.append(key)
            if table == "disclosures" and row["metric"] == "amount":
                actual[key] = row["amount_yuan"]
            else:
                actual[key] = row["count"]
    c.check("no cell published twice", not dups, str(dups[:5]))
    total = matched = 0
    wrong = []
    for rid, e in ids.items():
        for code, want in e["cells"].items():
            total += 1
            key = (rid, code)
            if key not in actual:
                wrong.append((e["file"], code, want, "missing"))
                continue
            got = actual[key]
            if code.endswith(".amount_yuan") and want is not None:
                ok = got is not None and Decimal(str(want)) == got
            else:
                ok = got == want
            if ok:
                matched += 1
            else:
                wrong.append((e["file"], code, want, got))
    c.check(f"{total} expected cells match", matched == total,
            f"{matched} of {total} match; first mismatches (file, cell, want, got): {wrong[:20]}")


def main(argv):
    if len(argv) not in (2, 4):
        print(__doc__, file=sys.stderr)
        return 2
    out = argv[1].rstrip("/")
    spark = session("nianbao-check")
    c = Checks()
    try:
        frames = {t: spark.read.parquet(f"{out}/{t}") for t in
                  ("reports", "disclosures", "applications", "appeals", "quality")}

        d = frames["disclosures"]
        fields = {f.name: f.dataType for f in d.schema.fields}
        c.check("disclosures.count is LongType", fields.get("count") == LongType(), str(fields.get("count")))
        c.check("disclosures.amount_yuan is DecimalType(18,2)",
                fields.get("amount_yuan") == DecimalType(18, 2), str(fields.get("amount_yuan")))
        for t in ("applications", "appeals"):
            typ = dict((f.name, f.dataType) for f in frames[t].schema.fields).get("count")
            c.check(f"{t}.count is LongType", typ == LongType(), str(typ))

        total = (d.where((F.col("item") == "procurement") & (F.col("metric") == "amount"))
                 .agg(F.sum("amount_yuan").alias("s")).collect()[0]["s"])
        c.check("sum(amount_yuan) for procurement/amount == 19771202.99",
                isinstance(total, Decimal) and total == PROCUREMENT_SUM, repr(total))

        for t, want in ROWS.items():
            n = frames[t].count()
            c.check(f"{t} has {want} rows", n == want, f"{n} rows")

        for t, df in frames.items():
            typ = dict((f.name, f.dataType) for f in df.schema.fields).get("report_year")
            c.check(f"{t}.report_year discovered from the partitions as an integer",
                    typ in (IntegerType(), LongType()), str(typ))
            files = df.inputFiles()
            c.check(f"{t}: every file sits in report_year=2020",
                    (files or t == "quality") and all("/report_year=2020/" in f for f in files),
                    str(files[:3]))
            if t == "quality" and not files:
                continue
            years = sorted(r[0] for r in df.select("report_year").distinct().collect())
            c.check(f"{t}.report_year is 2020 on every row", years == [2020], str(years))

        r = frames["reports"].select("ingested_at").collect()
        c.check("reports.ingested_at reads as a timestamp",
                all(x["ingested_at"] is not None for x in r), str(r[:2]))

        if len(argv) == 4:
            check_cells(c, frames, argv[2], argv[3])
    finally:
        spark.stop()
    print(f"spark: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
