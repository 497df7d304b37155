"""Read each table of published nianbao datasets as pyarrow and Spark do.

Usage: python year_types.py OUT...

Prints one JSON object per (reader, dataset, table): the type report_year
reads as, the row count and the rows whose report_year is null, or the
error the reader raised. The Go test (years_test.go) judges them.
"""

import json
import sys

import pyarrow.dataset as ds
import pyarrow.parquet as pq

TABLES = ("reports", "disclosures", "applications", "appeals", "quality")


def emit(reader, out, table, **kw):
    print(json.dumps({"reader": reader, "out": out, "table": table, **kw}), flush=True)


def arrow_type(t):
    # a dictionary of integers (pq.read_table's partition type) is an integer column too
    return str(t.value_type) if hasattr(t, "value_type") else str(t)


def pyarrow_checks(outs):
    readers = {
        "pyarrow.dataset": lambda p: ds.dataset(p, format="parquet", partitioning="hive").to_table(),
        # report_year is stored in each file too: read_table takes it from
        # the files (its default dictionary-typed folder partition would
        # conflict with the stored int32 column; see the README)
        "pyarrow.parquet": lambda p: pq.read_table(p, partitioning=None),
    }
    for out in outs:
        for table in TABLES:
            for name, read in readers.items():
                try:
                    t = read(f"{out}/{table}")
                    col = t.column("report_year")
                    # to_pylist, not null_count: a dictionary keeps its null among the values
                    vals = col.to_pylist()
                    emit(name, out, table, type=arrow_type(col.type), rows=t.num_rows,
                         nulls=sum(v is None for v in vals), years=sorted(set(v for v in vals if v is not None)))
                except Exception as e:  # the reader's failure is the result
                    emit(name, out, table, error=f"{type(e).__name__}: {e}")


def spark_checks(outs):
    from session import session

    spark = session("nianbao-types", cores=1)
    for out in outs:
        for table in TABLES:
            try:
                df = spark.read.parquet(f"{out}/{table}")
                rows = df.collect()
                emit("spark", out, table, type=df.schema["report_year"].dataType.simpleString(),
                     rows=len(rows), nulls=sum(1 for r in rows if r["report_year"] is None),
                     years=sorted(set(r["report_year"] for r in rows if r["report_year"] is not None)))
            except Exception as e:
                emit("spark", out, table, error=f"{type(e).__name__}: {str(e)[:500]}")
    spark.stop()


if __name__ == "__main__":
    pyarrow_checks(sys.argv[1:])
    spark_checks(sys.argv[1:])
