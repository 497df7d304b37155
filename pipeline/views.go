package pipeline

import (
	"fmt"
	"io"
	"strings"

	"github.com/nianbao/nianbao/load/iceberg"
	"github.com/nianbao/nianbao/schemas"
)

// Formats of Views.
const (
	ViewsDuckDB = "sql"
	ViewsSpark  = "spark-sql"
)

// ViewsConfig says what the views of `nianbao schema` read.
type ViewsConfig struct {
	Format string // ViewsDuckDB or ViewsSpark
	Output string // the dataset folder or s3:// prefix (the warehouse)
	// TableFormat FormatIceberg reads the Iceberg tables instead of the
	// Parquet folders, found by CatalogName and Namespace ("nianbao"
	// when empty) as a run with the same flags made them.
	TableFormat            string
	CatalogName, Namespace string
}

// Views writes the DDL of the views over each table and the ready views
// (schemas.WriteSQL and the others), for DuckDB or Spark.
func Views(w io.Writer, c ViewsConfig) error {
	or := func(s string) string {
		if s == "" {
			return "nianbao"
		}
		return s
	}
	switch c.TableFormat {
	case "", FormatParquet:
		switch c.Format {
		case ViewsDuckDB:
			return schemas.WriteSQL(w, c.Output)
		case ViewsSpark:
			return schemas.WriteSparkSQL(w, c.Output)
		}
	case FormatIceberg:
		switch c.Format {
		case ViewsDuckDB:
			return schemas.WriteIcebergSQL(w, strings.TrimRight(c.Output, "/")+"/"+iceberg.Dir+"/"+or(c.Namespace))
		case ViewsSpark:
			return schemas.WriteIcebergSparkSQL(w, or(c.CatalogName), or(c.Namespace))
		}
	default:
		return fmt.Errorf("%w: --table-format must be parquet or iceberg, got %q", ErrUsage, c.TableFormat)
	}
	return fmt.Errorf("%w: views are sql or spark-sql, not %q", ErrUsage, c.Format)
}
