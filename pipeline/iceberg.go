package pipeline

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/nianbao/nianbao/load"
	"github.com/nianbao/nianbao/load/iceberg"
)

// Table formats of --table-format.
const (
	FormatParquet = "parquet"
	FormatIceberg = "iceberg"
)

// validateIceberg checks the Iceberg settings and fills their defaults.
func (c *Config) validateIceberg() error {
	switch c.TableFormat {
	case "", FormatParquet:
		return nil
	case FormatIceberg:
	default:
		return fmt.Errorf("%w: --table-format must be parquet or iceberg, got %q", ErrUsage, c.TableFormat)
	}
	if c.Catalog == "" && load.IsURL(c.Output) {
		return fmt.Errorf("%w: --catalog (sqlite:PATH or rest:URL) is needed with an s3:// --output", ErrUsage)
	}
	if c.Catalog == "" {
		c.Catalog = "sqlite:" + filepath.Join(c.Output, iceberg.Dir, "catalog.db")
	}
	kind, _, err := iceberg.ParseCatalog(c.Catalog)
	if err != nil {
		return fmt.Errorf("%w: --catalog must be sqlite:PATH or rest:URL, got %q", ErrUsage, iceberg.Redact(c.Catalog))
	}
	if kind != "rest" && c.REST.Set() {
		return fmt.Errorf("%w: --catalog-warehouse, --catalog-credential, --catalog-token, --catalog-oauth2-uri, --catalog-scope and --catalog-sigv4 need a rest:URL --catalog", ErrUsage)
	}
	if err := c.REST.Check(); err != nil {
		return fmt.Errorf("%w: %w", ErrUsage, err)
	}
	return nil
}

// extraDirs are the folders the run makes beside the dataset: the run
// records, and the Iceberg tables' folder when there are Iceberg tables.
func (c *Config) extraDirs() []string {
	if c.TableFormat == FormatIceberg {
		return []string{runsDir, iceberg.Dir}
	}
	return []string{runsDir}
}

// publishIceberg registers the published dataset's files with the Iceberg
// tables (load/iceberg). It runs after every run that leaves a dataset
// published, an unchanged one too, so that tables a failed commit left
// behind catch up.
//
// On an s3:// output the warehouse is the output prefix too, and the
// tables' data files are copies of the run's objects under
// iceberg/<namespace>/<table>/data/: the run folders are deleted after the
// next publish, while a kept snapshot still references its files.
func publishIceberg(ctx context.Context, cfg Config, store load.Store, m *load.Manifest) error {
	if cfg.TableFormat != FormatIceberg || m == nil {
		return nil
	}
	remote := load.IsURL(cfg.Output)
	out, wh, props := cfg.Output, strings.TrimSuffix(cfg.Output, "/"), iceberg.S3Props(os.Getenv)
	if !remote {
		var err error
		if out, err = filepath.Abs(cfg.Output); err != nil {
			return err
		}
		wh = (&url.URL{Scheme: "file", Path: filepath.ToSlash(out)}).String()
		if !strings.HasPrefix(cfg.Catalog, "rest:") {
			props = nil // a REST catalog's tables may be in a bucket
		}
	}
	files := map[string][]iceberg.File{}
	for name, t := range m.Tables {
		for _, f := range t.Files {
			file := iceberg.File{Rel: strings.TrimPrefix(f.Path, name+"/"), Rows: f.Rows}
			if remote {
				key := path.Join(m.RunDir, f.Path)
				file.Open = func() (io.ReadCloser, error) { return store.Read(ctx, key) }
			} else {
				file.Local = filepath.Join(out, filepath.FromSlash(m.RunDir), filepath.FromSlash(f.Path))
			}
			files[name] = append(files[name], file)
		}
	}
	res, err := iceberg.Publish(ctx, iceberg.Options{Catalog: cfg.Catalog, Name: cfg.CatalogName,
		Namespace: cfg.Namespace, Warehouse: wh, Props: props, REST: cfg.REST, KeepRuns: cfg.KeepRuns}, m.RunID, files)
	if err != nil {
		return fmt.Errorf("iceberg %s: %w", iceberg.Redact(cfg.Catalog), err)
	}
	cfg.Logger.Info("iceberg", "catalog", iceberg.Redact(cfg.Catalog), "committed", strings.Join(res.Committed, ","),
		"atomic", res.Atomic, "files_added", res.Added, "files_removed", res.Removed)
	return nil
}
