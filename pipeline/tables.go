package pipeline

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/schemas"
)

// Tables prints what a reader needs to read the dataset published at
// output, as its manifest names it (so a reader sees exactly one run): the
// files of each table (format "list"), DuckDB views over them ("duckdb")
// or a PySpark snippet ("spark"). Credentials are never printed: DuckDB
// and Spark take them from their own configuration or the environment.
func Tables(ctx context.Context, output string, pathStyle *bool, format string, w io.Writer) error {
	if err := checkOutput(output); err != nil {
		return err
	}
	switch format {
	case "list", "duckdb", "spark":
	default:
		return fmt.Errorf("%w: --format must be list, duckdb or spark, not %q", ErrUsage, format)
	}
	out, err := openOutput(ctx, Config{Output: output, S3PathStyle: pathStyle})
	if err != nil {
		return err
	}
	m, err := load.ReadStoreManifest(ctx, out.store)
	if err != nil {
		return fmt.Errorf("read the manifest of %s: %w", output, err)
	}
	base := strings.TrimRight(output, "/")
	if !out.remote {
		if base, err = filepath.Abs(output); err != nil {
			return err
		}
	}
	runDir := base + "/" + m.RunDir
	names := make([]string, 0, len(m.Tables))
	for _, t := range schemas.TableNames {
		if _, ok := m.Tables[t]; ok {
			names = append(names, t)
		}
	}
	files := func(t string) []string {
		var fs []string
		for _, f := range m.Tables[t].Files {
			fs = append(fs, runDir+"/"+f.Path)
		}
		return fs
	}
	switch format {
	case "list":
		for _, t := range names {
			for _, f := range files(t) {
				fmt.Fprintf(w, "%s\t%s\n", t, f)
			}
		}
	case "duckdb":
		fmt.Fprintf(w, "-- nianbao run %s (%d reports), as published in %s\n", m.RunID, m.Reports, output)
		if out.remote {
			writeDuckDBS3(w)
		}
		for _, t := range names {
			fmt.Fprintf(w, "CREATE OR REPLACE VIEW %s AS SELECT * FROM read_parquet([%s], hive_partitioning = false);\n", t, sqlList(files(t)))
		}
	case "spark":
		fmt.Fprintf(w, "# nianbao run %s (%d reports), as published in %s\n", m.RunID, m.Reports, output)
		if out.remote {
			writeSparkS3(w)
		}
		for _, t := range names {
			fs := files(t)
			if out.remote {
				for i := range fs {
					fs[i] = "s3a" + strings.TrimPrefix(fs[i], "s3")
				}
			}
			basePath := runDir + "/" + t
			if out.remote {
				basePath = "s3a" + strings.TrimPrefix(basePath, "s3")
			}
			fmt.Fprintf(w, "%s = spark.read.option(\"basePath\", %q).parquet(%s)\n%s.createOrReplaceTempView(%q)\n",
				t, basePath, pyList(fs), t, t)
		}
	}
	return nil
}

func sqlList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = "'" + strings.ReplaceAll(x, "'", "''") + "'"
	}
	return strings.Join(q, ", ")
}

func pyList(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return strings.Join(q, ", ")
}

// endpoint is the custom S3 endpoint of the environment, "" for AWS.
func endpoint() *url.URL {
	for _, v := range []string{"AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL"} {
		if e := os.Getenv(v); e != "" {
			if u, err := url.Parse(e); err == nil && u.Host != "" {
				return u
			}
		}
	}
	return nil
}

// writeDuckDBS3 prints the httpfs settings for the environment's endpoint;
// httpfs reads the keys itself from AWS_ACCESS_KEY_ID and
// AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN): they are never printed.
func writeDuckDBS3(w io.Writer) {
	fmt.Fprintln(w, "LOAD httpfs;")
	if r := os.Getenv("AWS_REGION"); r != "" {
		fmt.Fprintf(w, "SET s3_region = '%s';\n", r)
	}
	if u := endpoint(); u != nil {
		fmt.Fprintf(w, "SET s3_endpoint = '%s';\nSET s3_url_style = 'path';\nSET s3_use_ssl = %t;\n", u.Host, u.Scheme == "https")
	}
}

func writeSparkS3(w io.Writer) {
	fmt.Fprintln(w, "# needs org.apache.hadoop:hadoop-aws (spark.jars.packages); keys from the AWS environment variables")
	if u := endpoint(); u != nil {
		fmt.Fprintf(w, "hc = spark.sparkContext._jsc.hadoopConfiguration()\nhc.set(\"fs.s3a.endpoint\", %q)\nhc.set(\"fs.s3a.path.style.access\", \"true\")\nhc.set(\"fs.s3a.connection.ssl.enabled\", %q)\n",
			u.Scheme+"://"+u.Host, fmt.Sprint(u.Scheme == "https"))
	}
}
