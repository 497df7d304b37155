"""Reads nianbao's Iceberg tables with pyiceberg and DuckDB and checks them
against the plain Parquet dataset of the same inputs.

usage: check.py CATALOG_DB WAREHOUSE PLAIN_OUT STAGE
  STAGE "first": each table matches PLAIN_OUT row for row.
  STAGE "second": the same, reports has two snapshots, and the older one,
  read by both readers, holds the rows of the first run (PLAIN_OUT/../first).
CATALOG_DB may be rest:URL, an Iceberg REST catalog: pyiceberg then signs
in with the OAuth2 client credentials of NIANBAO_CATALOG_CREDENTIAL, and
WAREHOUSE is the catalog's warehouse (SeaweedFS: the table bucket, where
the tables live).
WAREHOUSE may be s3://bucket/prefix: pyiceberg then reads the bucket with
the endpoint, region and keys of the AWS environment (AWS_ENDPOINT_URL, ...),
DuckDB reads it through its httpfs extension with the same settings
`nianbao tables --format duckdb` prints, and the rows are compared with
PLAIN_OUT (the warehouse holds copies of a run's files, not the run).
Prints one line per check, and "meta TABLE METADATA_LOCATION" per table;
exits 1 on the first mismatch.
"""
import os
import site
import sys
from urllib.parse import urlparse

import duckdb
from pyiceberg.catalog.rest import RestCatalog
from pyiceberg.catalog.sql import SqlCatalog

TABLES = ["reports", "disclosures", "applications", "appeals", "quality"]
db, warehouse, plain, stage = sys.argv[1:5]


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def duck():
    ext = None
    for sp in site.getsitepackages():
        d = os.path.join(sp, "duckdb_ext", "extensions")
        if os.path.isdir(d):
            ext = d
    if ext is None:
        fail("no duckdb_ext extensions folder (pip install duckdb-ext-iceberg duckdb-ext-avro)")
    con = duckdb.connect()
    con.execute(f"SET extension_directory = '{ext}'")
    con.execute("SET autoinstall_known_extensions = false")
    con.execute("SET autoload_known_extensions = false")
    con.execute("LOAD avro")
    con.execute("LOAD iceberg")
    if remote:
        # As `nianbao tables --format duckdb` prints for a bucket: httpfs
        # takes the keys from the AWS environment itself.
        env = os.environ.get
        url = urlparse(env("AWS_ENDPOINT_URL_S3") or env("AWS_ENDPOINT_URL"))
        con.execute("LOAD httpfs")
        con.execute(f"SET s3_region = '{env('AWS_REGION') or env('AWS_DEFAULT_REGION') or 'us-east-1'}'")
        con.execute(f"SET s3_endpoint = '{url.netloc}'")
        con.execute("SET s3_url_style = 'path'")
        con.execute(f"SET s3_use_ssl = {str(url.scheme == 'https').lower()}")
        con.execute(f"SET s3_access_key_id = '{env('AWS_ACCESS_KEY_ID')}'")
        con.execute(f"SET s3_secret_access_key = '{env('AWS_SECRET_ACCESS_KEY')}'")
    return con


def rows(con, source, cols):
    # Every value as text (cast in SQL: no float, no time zone library),
    # sorted: the same rows whatever the order.
    sel = ", ".join(f'CAST("{c}" AS VARCHAR)' for c in cols)
    cur = con.execute(f"SELECT {sel} FROM {source}")
    return sorted(tuple("NULL" if v is None else v for v in r) for r in cur.fetchall())


def plain_rows(con, out, table, cols):
    glob = os.path.join(out, table, "**", "*.parquet")
    # report_year from the files (hive_partitioning off): INT32 as in the table.
    return rows(con, f"read_parquet('{glob}')", cols)


rest = db.startswith("rest:")
remote = rest or warehouse.startswith("s3://")
if remote:
    env = os.environ.get
    props = {"s3.endpoint": env("AWS_ENDPOINT_URL_S3") or env("AWS_ENDPOINT_URL"),
             "s3.region": env("AWS_REGION") or env("AWS_DEFAULT_REGION") or "us-east-1",
             "s3.access-key-id": env("AWS_ACCESS_KEY_ID"),
             "s3.secret-access-key": env("AWS_SECRET_ACCESS_KEY")}
    props = {k: v for k, v in props.items() if v}
    if rest:
        cat = RestCatalog("nianbao", uri=db[len("rest:"):], warehouse=warehouse,
                          credential=env("NIANBAO_CATALOG_CREDENTIAL"), **props)
    else:
        cat = SqlCatalog("nianbao", uri=f"sqlite:///{db}", warehouse=warehouse, **props)
else:
    cat = SqlCatalog("nianbao", uri=f"sqlite:///{db}", warehouse=f"file://{warehouse}")
names = sorted(t[1] for t in cat.list_tables("nianbao"))
if names != sorted(TABLES):
    fail(f"tables {names}")
print("ok pyiceberg lists", names)
con = duck()
for t in TABLES:
    tbl = cat.load_table(("nianbao", t))
    spec = [(f.name, str(f.transform)) for f in tbl.spec().fields]
    if spec != [("report_year", "identity")]:
        fail(f"{t}: partition spec {spec}")
    arrow = tbl.scan().to_arrow()
    cols = arrow.column_names
    con.register("py", arrow)
    wh = warehouse if remote else f"file://{warehouse}"
    if rest:
        # The REST catalog places its tables (SeaweedFS: in the table bucket).
        if not tbl.location().startswith(f"s3://{warehouse}/"):
            fail(f"{t}: location {tbl.location()} is not in the table bucket {warehouse}")
    elif not tbl.location().startswith(wh + "/iceberg/"):
        fail(f"{t}: location {tbl.location()} is not under {wh}/iceberg/")
    print(f"meta {t} {tbl.metadata_location}")
    want = rows(con, "py", cols)
    # The same run's Parquet tables (the warehouse is the output folder):
    # every column.
    if not remote:
        py = want
        want = plain_rows(con, warehouse, t, cols)
        if py != want:
            fail(f"{t}: pyiceberg {len(py)} rows differ from the run's Parquet tables' {len(want)}")
    # DuckDB reads the table's current metadata, locally or in the bucket,
    # every column: the rows pyiceberg read (and, locally, the run's files).
    dk = rows(con, f"iceberg_scan('{tbl.metadata_location}')", cols)
    if dk != want:
        fail(f"{t}: DuckDB iceberg_scan {len(dk)} rows differ from pyiceberg's and the Parquet tables' {len(want)}")
    # A plain run of the same inputs: every column but ingested_at, the
    # time of the run that parsed the report.
    some = [c for c in cols if c != "ingested_at"]
    if rows(con, "py", some) != plain_rows(con, plain, t, some):
        fail(f"{t}: rows differ from a plain run's")
    con.unregister("py")
    print(f"ok {t}: {len(want)} rows, identity(report_year), pyiceberg and DuckDB agree with Parquet")

if stage == "second":
    tbl = cat.load_table(("nianbao", "reports"))
    snaps = tbl.snapshots()
    if len(snaps) != 2:
        fail(f"reports: {len(snaps)} snapshots, want 2")
    old = snaps[0].snapshot_id
    arrow = tbl.scan(snapshot_id=old).to_arrow()
    cols = [c for c in arrow.column_names if c != "ingested_at"]
    con.register("py", arrow)
    py = rows(con, "py", cols)
    want = plain_rows(con, os.path.join(os.path.dirname(plain), "first"), "reports", cols)
    if py != want:
        fail(f"reports at the older snapshot: {len(py)} rows, want the first run's {len(want)}")
    dk = rows(con, f"iceberg_scan('{tbl.metadata_location}', snapshot_from_id={old})", cols)
    if dk != want:
        fail(f"reports at the older snapshot in DuckDB: {len(dk)} rows, want {len(want)}")
    print(f"ok reports: 2 snapshots; the older gives the first run's {len(want)} rows in pyiceberg and DuckDB")
