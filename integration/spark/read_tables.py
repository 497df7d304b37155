"""Read tables of a nianbao dataset with pyarrow and, unless --no-spark,
with Spark, and print what each saw as one JSON object:

    {"pyarrow": {"reports": {"rows": 3, "source_path": [...]}, ...},
     "spark": {...}}

Usage: read_tables.py OUT TABLE... [--no-spark]
A reader that cannot read a table fails the script (non-zero exit).
"""
import json
import os
import sys


def with_pyarrow(out, tables):
    import pyarrow.dataset as ds

    seen = {}
    for t in tables:
        d = ds.dataset(os.path.join(out, t), format="parquet", partitioning="hive")
        tbl = d.to_table()
        entry = {"rows": tbl.num_rows}
        for col in ("source_path", "message"):
            if col in tbl.column_names:
                entry[col] = sorted(tbl.column(col).to_pylist())
        seen[t] = entry
    return seen


def with_spark(out, tables):
    from session import session

    spark = session("nianbao-read-tables", cores=1)
    seen = {}
    try:
        for t in tables:
            df = spark.read.parquet(os.path.join(out, t))
            entry = {"rows": df.count()}
            for col in ("source_path", "message"):
                if col in df.columns:
                    entry[col] = sorted(r[0] for r in df.select(col).collect())
            seen[t] = entry
    finally:
        spark.stop()
    return seen


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    out, tables = args[0], args[1:]
    result = {"pyarrow": with_pyarrow(out, tables)}
    if "--no-spark" not in argv:
        result["spark"] = with_spark(out, tables)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv)
