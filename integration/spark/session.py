"""The Spark session every check script starts, and the checks' tally.

session(app) is a small local Spark (two cores, 512 MB driver, UTC, no UI).
With iceberg=IcebergCatalog(...) it also has nianbao's Iceberg catalog: a
JDBC catalog over the SQLite catalog file, under the name the writer used
(--catalog-name, default nianbao), so that the tables are
<name>.<namespace>.<table>. Spark fetches the Iceberg runtime and the
SQLite JDBC driver from Maven Central on first use, into an Ivy cache at
$NIANBAO_IVY or else the repository's .venv/ivy (ignored by git, removed
by `make distclean`); later runs find them there. An s3:// warehouse is
read with S3FileIO and the endpoint, region and keys of the AWS environment
(AWS_ENDPOINT_URL, AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY).
"""

import os
from dataclasses import dataclass

from pyspark.sql import SparkSession

# The Iceberg runtime exists for Spark 4.1 (Scala 2.13), not for 4.2 or later.
ICEBERG_RUNTIME = "org.apache.iceberg:iceberg-spark-runtime-4.1_2.13:1.12.0"
SQLITE_JDBC = "org.xerial:sqlite-jdbc:3.54.1.0"
# An s3:// warehouse: Iceberg's S3FileIO (AWS SDK v2, in the bundle) reads
# the tables' files; Spark's own s3a (hadoop-aws) is not needed for them.
ICEBERG_AWS = "org.apache.iceberg:iceberg-aws-bundle:1.12.0"


@dataclass
class IcebergCatalog:
    db: str  # the SQLite catalog file
    warehouse: str  # a folder, or s3://bucket/prefix
    name: str = "nianbao"


def ivy_dir():
    if os.environ.get("NIANBAO_IVY"):
        return os.environ["NIANBAO_IVY"]
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return os.path.join(repo, ".venv", "ivy")


def session(app, iceberg=None, cores=2):
    b = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName(app)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "512m")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
    )
    if iceberg is not None:
        remote = iceberg.warehouse.startswith("s3://")
        packages = [ICEBERG_RUNTIME, SQLITE_JDBC] + ([ICEBERG_AWS] if remote else [])
        cat = "spark.sql.catalog." + iceberg.name
        warehouse = iceberg.warehouse if remote else "file://" + os.path.abspath(iceberg.warehouse)
        b = (
            b.config("spark.jars.packages", ",".join(packages))
            .config("spark.jars.ivy", ivy_dir())
            .config("spark.sql.extensions", "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions")
            .config(cat, "org.apache.iceberg.spark.SparkCatalog")
            .config(cat + ".type", "jdbc")
            .config(cat + ".uri", "jdbc:sqlite:" + os.path.abspath(iceberg.db))
            .config(cat + ".warehouse", warehouse)
        )
        if remote:
            env = os.environ.get
            endpoint = env("AWS_ENDPOINT_URL_S3") or env("AWS_ENDPOINT_URL")
            region = env("AWS_REGION") or env("AWS_DEFAULT_REGION") or "us-east-1"
            b = (
                b.config(cat + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO")
                .config(cat + ".s3.endpoint", endpoint)
                .config(cat + ".s3.path-style-access", "true")
                .config(cat + ".client.region", region)
                .config(cat + ".s3.access-key-id", env("AWS_ACCESS_KEY_ID"))
                .config(cat + ".s3.secret-access-key", env("AWS_SECRET_ACCESS_KEY"))
            )
    spark = b.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


class Checks:
    """One line per check on stdout; failed counts the failures."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, name, ok, detail=""):
        if ok:
            self.passed += 1
            print(f"ok   {name}", flush=True)
        else:
            self.failed += 1
            print(f"FAIL {name}: {detail}", flush=True)
