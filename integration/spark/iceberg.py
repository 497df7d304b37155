"""Read nianbao's Iceberg tables with Spark and check them against the
Parquet tables of the same inputs.

Usage: python iceberg.py CATALOG_DB WAREHOUSE PLAIN_OUT STAGE STATE_JSON

The session opens the SQLite catalog file as Iceberg's JDBC catalog under
the name nianbao (session.py). STAGE "first": the namespace nianbao holds
exactly the five tables, each partitioned by report_year; each table has
the rows of the run's own Parquet tables (WAREHOUSE/<table>, every column)
and of a plain run of the same inputs (PLAIN_OUT, every column but
ingested_at, the time a report was first parsed); the rows of every table
are saved in STATE_JSON. STAGE "second": the same, reports has two
snapshots, and reports VERSION AS OF the older one and TIMESTAMP AS OF its
commit time both give the rows saved by the first stage.
With an s3:// WAREHOUSE the tables are compared with PLAIN_OUT only.
Prints one line per check; exits non-zero when any fails.
"""

import json
import os
import sys

from session import Checks, IcebergCatalog, session

TABLES = ["reports", "disclosures", "applications", "appeals", "quality"]
CAT = "nianbao.nianbao"


def rows(df, cols):
    """Every value as text (cast by Spark in UTC), sorted: the same rows
    whatever the order."""
    sel = ", ".join(f"CAST(`{c}` AS STRING)" for c in cols)
    df.createOrReplaceTempView("_rows")
    got = df.sparkSession.sql(f"SELECT {sel} FROM _rows").collect()
    return sorted(tuple("NULL" if v is None else v for v in r) for r in got)


def parquet(spark, out, table):
    # report_year is in every file; the folders give the same value.
    return spark.read.parquet(os.path.join(out, table))


def main(argv):
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    db, warehouse, plain, stage, state = argv[1:]
    remote = warehouse.startswith("s3://")
    spark = session("nianbao-iceberg", IcebergCatalog(db, warehouse))
    c = Checks()
    try:
        names = sorted(r["tableName"] for r in spark.sql(f"SHOW TABLES IN {CAT}").collect())
        c.check(f"{CAT} lists the five tables", names == sorted(TABLES), str(names))
        saved = {}
        for t in TABLES:
            df = spark.table(f"{CAT}.{t}")
            cols = df.columns
            ddl = spark.sql(f"SHOW CREATE TABLE {CAT}.{t}").collect()[0][0]
            c.check(f"{t} is partitioned by report_year", "PARTITIONED BY (report_year)" in ddl, ddl)
            got = rows(df, cols)
            saved[t] = got
            if not remote:
                want = rows(parquet(spark, warehouse, t), cols)
                c.check(f"{t}: {len(got)} rows, every column, as the run's Parquet table", got == want,
                        f"{len(got)} rows vs {len(want)}; first differing: {sorted(set(got) ^ set(want))[:3]}")
            some = [x for x in cols if x != "ingested_at"]
            want = rows(parquet(spark, plain, t), some)
            got = rows(df, some)
            c.check(f"{t}: {len(got)} rows as a plain run's", got == want and (t == "quality" or len(got) > 0),
                    f"{len(got)} rows vs {len(want)}; first differing: {sorted(set(got) ^ set(want))[:3]}")

        if stage == "first":
            with open(state, "w", encoding="utf-8") as f:
                json.dump({t: [list(r) for r in v] for t, v in saved.items()}, f)
        else:
            with open(state, encoding="utf-8") as f:
                first = {t: sorted(tuple(r) for r in v) for t, v in json.load(f).items()}
            snaps = spark.sql(f"SELECT snapshot_id, CAST(committed_at AS STRING) AS committed_at FROM {CAT}.reports.snapshots ORDER BY committed_at").collect()
            c.check("reports has two snapshots", len(snaps) == 2, str(snaps))
            if len(snaps) == 2:
                cols = spark.table(f"{CAT}.reports").columns
                old, at = snaps[0]["snapshot_id"], snaps[0]["committed_at"]
                by_id = rows(spark.sql(f"SELECT * FROM {CAT}.reports VERSION AS OF {old}"), cols)
                c.check(f"reports VERSION AS OF {old} gives the first run's {len(first['reports'])} rows",
                        by_id == first["reports"], f"{len(by_id)} rows")
                by_time = rows(spark.sql(f"SELECT * FROM {CAT}.reports TIMESTAMP AS OF '{at}'"), cols)
                c.check(f"reports TIMESTAMP AS OF '{at}' gives the first run's rows",
                        by_time == first["reports"], f"{len(by_time)} rows")
                c.check("the current snapshot has more reports than the first run",
                        len(saved["reports"]) > len(first["reports"]),
                        f"{len(saved['reports'])} vs {len(first['reports'])}")
    finally:
        spark.stop()
    print(f"spark iceberg: {c.passed} passed, {c.failed} failed")
    return 1 if c.failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
