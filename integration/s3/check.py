"""Read a nianbao dataset in a bucket as its readers do, and compare it with
the same run published to a local folder.

Usage: python check.py LOCAL_OUT S3_URL DUCKDB_SQL

The bucket is reached through AWS_ENDPOINT_URL with AWS_ACCESS_KEY_ID and
AWS_SECRET_ACCESS_KEY. Two readers go through s3://…/_manifest.json:
pyarrow's S3FileSystem (the files the manifest names, Hive partitions from
their paths) and DuckDB's httpfs (the views `nianbao tables --format duckdb`
printed, in DUCKDB_SQL). Both must give the rows of the local run's tables,
every column but reports.ingested_at (the time a report was first parsed).
Prints one line per check; exits non-zero when any fails.
"""

import glob
import json
import os
import sys
from urllib.parse import urlparse

import duckdb
import pyarrow.dataset as ds
import pyarrow.fs as pafs

TABLES = ["reports", "disclosures", "applications", "appeals", "quality"]
failed = 0


def check(name, ok, detail=""):
    global failed
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else ": " + detail))
    if not ok:
        failed += 1


def rows(table, tbl):
    cols = [c for c in tbl.column_names if not (table == "reports" and c == "ingested_at")]
    d = tbl.select(cols).to_pydict()
    out = sorted(tuple(str(d[c][i]) for c in cols) for i in range(tbl.num_rows))
    return cols, out


def read(fs, base, manifest, table):
    run_dir = base + "/" + manifest["run_dir"]
    files = [run_dir + "/" + f["path"] for f in manifest["tables"][table]["files"]]
    dataset = ds.dataset(files, filesystem=fs, format="parquet",
                         partitioning=ds.partitioning(flavor="hive"),
                         partition_base_dir=run_dir + "/" + table)
    return dataset.to_table()


def main():
    local_out, url, sql_file = sys.argv[1], sys.argv[2], sys.argv[3]
    u = urlparse(url)
    endpoint = urlparse(os.environ["AWS_ENDPOINT_URL"])
    s3 = pafs.S3FileSystem(endpoint_override=endpoint.netloc, scheme=endpoint.scheme,
                           region=os.environ.get("AWS_REGION", "us-east-1"))
    base = u.netloc + u.path.rstrip("/")
    with s3.open_input_stream(base + "/_manifest.json") as f:
        manifest = json.loads(f.read())
    with open(os.path.join(local_out, "_manifest.json")) as f:
        local_manifest = json.load(f)
    local = pafs.LocalFileSystem()
    local_base = os.path.abspath(local_out)

    want = {}
    for t in TABLES:
        want[t] = rows(t, read(local, local_base, local_manifest, t))
        got = rows(t, read(s3, base, manifest, t))
        check(f"pyarrow {t}: {len(got[1])} rows as the local run", got == want[t],
              f"{len(got[1])} rows vs {len(want[t][1])}; columns {got[0]} vs {want[t][0]}")

    ext = glob.glob(os.path.join(os.path.dirname(duckdb.__file__), "..", "duckdb_ext", "extensions"))
    con = duckdb.connect(config={"extension_directory": os.path.abspath(ext[0]),
                                 "autoinstall_known_extensions": False,
                                 "autoload_known_extensions": False})
    con.execute(open(sql_file).read())
    for t in TABLES:
        cols, want_rows = want[t]
        res = con.execute(f"SELECT {', '.join(cols)} FROM {t}")
        got = sorted(tuple(str(v) for v in r) for r in res.fetchall())
        # DuckDB and pyarrow print some types differently (timestamps,
        # decimals): compare counts and DuckDB against DuckDB over the
        # local files.
        loc = con.execute(
            f"SELECT {', '.join(cols)} FROM read_parquet(?, hive_partitioning = true)",
            [[os.path.join(local_base, local_manifest["run_dir"], f["path"]) for f in local_manifest["tables"][t]["files"]]],
        ).fetchall()
        loc = sorted(tuple(str(v) for v in r) for r in loc)
        check(f"duckdb httpfs {t}: {len(got)} rows as the local run", got == loc and len(got) == len(want_rows),
              f"{len(got)} rows vs {len(loc)}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
