package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/urfave/cli/v2"

	"github.com/nianbao/nianbao/internal/gc"
	"github.com/nianbao/nianbao/pipeline"
	"github.com/nianbao/nianbao/pipeline/generate"
	"github.com/nianbao/nianbao/schemas"
)

// Exit codes, documented in the README and docs/operations.md.
const (
	exitOK      = pipeline.ExitOK
	exitFailure = pipeline.ExitFailure
	exitUsage   = pipeline.ExitUsage
)

type runConfig struct {
	input, output, logFormat, maxErrors, memLimit string
	maxText                                       string
	cpuProfile, memProfile                        string
	workers, keepRuns                             int
	tableFormat, catalog, catalogName, namespace  string
	// The REST catalog's warehouse and authentication.
	catWarehouse, catCredential, catToken string
	catOAuth2URI, catScope                string
	catSigV4                              bool
	catSigningName, catSigningRegion      string
	full                                  bool
	followExternal                        bool
	// pathStyle is --s3-path-style when given (flag or environment).
	pathStyle *bool
}

// s3PathStyleFlag forces path-style (true) or virtual-hosted (false) S3
// addressing; unset, path-style is used with a custom endpoint.
func s3PathStyleFlag() *cli.BoolFlag {
	return &cli.BoolFlag{Name: "s3-path-style", Usage: "for an s3:// output: path-style addressing (--s3-path-style or =true) or virtual-hosted (--s3-path-style=false)",
		DefaultText: "path-style when AWS_ENDPOINT_URL(_S3) names a server other than AWS, else virtual-hosted", EnvVars: []string{"NIANBAO_S3_PATH_STYLE"}}
}

// pathStyle reads --s3-path-style when it was set.
func pathStyle(c *cli.Context) *bool {
	if !c.IsSet("s3-path-style") {
		return nil
	}
	v := c.Bool("s3-path-style")
	return &v
}

// normalizeArgs lets `nianbao normalize` take negative values (-3,
// -5万元, and - itself, a not-applicable marker) as values: the flag parser
// would take them for flags and fail. The values of a normalize command
// line go after a "--", in their order, behind its flags; a word is a flag
// when it begins with "--" or with '-' and a letter (and the word after a
// flag that takes a value, withValue, is that flag's). Other commands'
// arguments are left as they are.
func normalizeArgs(args []string, withValue map[string]bool) []string {
	if len(args) < 2 || args[1] != "normalize" {
		return args
	}
	flags, values := []string{}, []string{}
	rest := args[2:]
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		switch {
		case a == "--":
			values = append(values, rest[i+1:]...)
			i = len(rest)
		case strings.HasPrefix(a, "--") || len(a) > 1 && a[0] == '-' && unicode.IsLetter(rune(a[1])):
			flags = append(flags, a)
			if withValue[strings.TrimLeft(a, "-")] && i+1 < len(rest) {
				i++
				flags = append(flags, rest[i])
			}
		default:
			values = append(values, a)
		}
	}
	out := append(append([]string{}, args[:2]...), flags...)
	if len(values) > 0 {
		out = append(append(out, "--"), values...)
	}
	return out
}

// valueFlags are the names of the flags of app's command name that take
// a value (--kind amount), as the command defines them.
func valueFlags(app *cli.App, name string) map[string]bool {
	m := map[string]bool{}
	if cmd := app.Command(name); cmd != nil {
		for _, f := range cmd.Flags {
			if df, ok := f.(cli.DocGenerationFlag); ok && df.TakesValue() {
				for _, n := range f.Names() {
					m[n] = true
				}
			}
		}
	}
	return m
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var rc runConfig
	code := exitOK
	app := &cli.App{
		Name:      "nianbao",
		Usage:     "turn 政府信息公开工作年度报告 into partitioned Parquet datasets",
		Version:   pipeline.Version,
		Reader:    stdin,
		Writer:    stdout,
		ErrWriter: stderr,
		Description: `nianbao reads a folder of annual reports on open government information
(text, HTML, Word, PDF; UTF-8, UTF-16 or GB18030), reads their three standard
tables, checks the template's arithmetic and writes five Parquet tables
(reports, disclosures, applications, appeals, quality) that DuckDB and Spark
read as they are.

Examples:
   nianbao run --input reports/ --output out/
   nianbao parse reports/2020/某街道.txt | jq .cells
   nianbao normalize 362.24万元 +163 /
   echo 16.4亿 | nianbao normalize --kind amount
   nianbao schema --format sql --output out/ | duckdb`,
		ExitErrHandler: func(*cli.Context, error) {},
		Commands: []*cli.Command{
			{
				Name:  "run",
				Usage: "read every report under --input and publish the dataset to --output",
				Description: `Walks --input recursively (regular files only; hidden files, FIFOs and
devices skipped; symlinks followed only when they stay inside --input, unless
--follow-external-symlinks; loops not followed),
parses every .txt/.html/.htm/.docx/.pdf file with --workers parallel workers and
publishes the five tables under --output atomically: readers see the previous
dataset until the new one is complete, then _manifest.json and _SUCCESS.

A file that cannot be read or parsed never stops the run: it gets a reports row
with status error and a quality row saying why. A folder that cannot be read
gets one too (DIR_UNREADABLE), and the files the last run read under it keep
their rows (ROWS_KEPT); with --full, which has none to keep, the run fails.

--output must be a new or empty folder, or one nianbao wrote; files beside the
dataset are never touched. nianbao moves, replaces or deletes only what it
recorded making (OUTPUT/.nianbao/owned.json): an output folder where something
else stands at a table's name, _manifest.json, _SUCCESS or _runs is refused
(exit 2, naming it), and so are --input and --output inside each other.

Runs are incremental once a dataset exists: a state store under the output
folder remembers what each file held, so only new and changed files are read
and parsed (and every file once after an upgrade, a change of
--max-text-bytes or of the pdftotext installed: what a file held is kept
per build, limit and PDF extractor); the published dataset is still rebuilt from exactly the current
inputs (deleted files' rows disappear). When every input is exactly as the
last published run saw it, nothing is rewritten (status unchanged in the run
record). --full reads and rewrites everything.

--output may be s3://bucket/prefix: the same tables go to an S3 bucket (AWS,
or any server of the S3 API through AWS_ENDPOINT_URL), with credentials and
region from the AWS SDK's default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY,
AWS_PROFILE, web identity, instance roles; AWS_REGION). A run there is
published by one conditional write of _manifest.json; readers go through it
(nianbao tables --output URL prints the files and DuckDB and Spark statements).

Exit status: 0 published, or nothing to do; 1 the run failed, nothing
published; 2 usage error, or an output folder that is not nianbao's; 3 another
run holds the output (folder or bucket prefix); 4 more reports failed than
--max-errors allows, nothing published; 130 interrupted (SIGINT/SIGTERM),
nothing published. Each run leaves a record in OUTPUT/_runs/<run-id>.json.

Examples:
   nianbao run --input /data/reports --output /lake/nianbao --max-errors 0.05
   NIANBAO_INPUT=/data/reports NIANBAO_OUTPUT=/lake/nianbao nianbao run --full
   AWS_ENDPOINT_URL=http://127.0.0.1:8333 nianbao run --input /data/reports --output s3://lake/nianbao`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "input", Aliases: []string{"i"}, Usage: "folder of reports, or s3://bucket/prefix", EnvVars: []string{"NIANBAO_INPUT"}, Destination: &rc.input},
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "dataset folder (new, empty or written by nianbao, not inside --input), or s3://bucket/prefix", EnvVars: []string{"NIANBAO_OUTPUT"}, Destination: &rc.output},
					s3PathStyleFlag(),
					&cli.IntFlag{Name: "workers", Aliases: []string{"w"}, Usage: "parallel parsers", Value: runtime.NumCPU(), EnvVars: []string{"NIANBAO_WORKERS"}, Destination: &rc.workers},
					&cli.StringFlag{Name: "log-format", Usage: "text or json (default: text on a terminal, json otherwise)", EnvVars: []string{"NIANBAO_LOG_FORMAT"}, Destination: &rc.logFormat},
					&cli.BoolFlag{Name: "full", Usage: "ignore the state store: read and parse every file again", EnvVars: []string{"NIANBAO_FULL"}, Destination: &rc.full},
					&cli.BoolFlag{Name: "follow-external-symlinks", Usage: "follow symlinks whose target is outside --input (by default they are skipped)", EnvVars: []string{"NIANBAO_FOLLOW_EXTERNAL_SYMLINKS"}, Destination: &rc.followExternal},
					&cli.StringFlag{Name: "max-errors", Usage: "fail without publishing when more reports than this have status error: a count (10) or a fraction (0.05)", EnvVars: []string{"NIANBAO_MAX_ERRORS"}, Destination: &rc.maxErrors},
					&cli.IntFlag{Name: "keep-runs", Value: 30, Usage: "run records to keep in OUTPUT/_runs (1 or more)", EnvVars: []string{"NIANBAO_KEEP_RUNS"}, Destination: &rc.keepRuns},
					&cli.StringFlag{Name: "table-format", Value: "parquet", Usage: "parquet, or iceberg: also publish the five tables as Iceberg v2 tables in --catalog (docs/iceberg.md)", EnvVars: []string{"NIANBAO_TABLE_FORMAT"}, Destination: &rc.tableFormat},
					&cli.StringFlag{Name: "catalog", Usage: "Iceberg catalog for --table-format iceberg: sqlite:PATH, or rest:URL for an Iceberg REST catalog (default sqlite:OUTPUT/iceberg/catalog.db; needed with an s3:// --output)", EnvVars: []string{"NIANBAO_CATALOG"}, Destination: &rc.catalog},
					&cli.StringFlag{Name: "catalog-warehouse", Usage: "warehouse of a rest: catalog (sent as its warehouse parameter; SeaweedFS: the table bucket)", EnvVars: []string{"NIANBAO_CATALOG_WAREHOUSE"}, Destination: &rc.catWarehouse},
					&cli.StringFlag{Name: "catalog-credential", Usage: "OAuth2 client credentials `ID:SECRET` for a rest: catalog (better from NIANBAO_CATALOG_CREDENTIAL than the command line)", EnvVars: []string{"NIANBAO_CATALOG_CREDENTIAL"}, Destination: &rc.catCredential},
					&cli.StringFlag{Name: "catalog-token", Usage: "bearer token for a rest: catalog (better from NIANBAO_CATALOG_TOKEN than the command line)", EnvVars: []string{"NIANBAO_CATALOG_TOKEN"}, Destination: &rc.catToken},
					&cli.StringFlag{Name: "catalog-oauth2-uri", Usage: "OAuth2 token endpoint for --catalog-credential (default: the catalog's v1/oauth/tokens)", EnvVars: []string{"NIANBAO_CATALOG_OAUTH2_URI"}, Destination: &rc.catOAuth2URI},
					&cli.StringFlag{Name: "catalog-scope", Usage: "OAuth2 scope asked for with --catalog-credential (default: catalog)", EnvVars: []string{"NIANBAO_CATALOG_SCOPE"}, Destination: &rc.catScope},
					&cli.BoolFlag{Name: "catalog-sigv4", Usage: "sign a rest: catalog's requests with AWS SigV4, keys from the AWS environment", EnvVars: []string{"NIANBAO_CATALOG_SIGV4"}, Destination: &rc.catSigV4},
					&cli.StringFlag{Name: "catalog-signing-name", Usage: "SigV4 service name for --catalog-sigv4 (default execute-api; SeaweedFS and S3 Tables: s3tables)", EnvVars: []string{"NIANBAO_CATALOG_SIGNING_NAME"}, Destination: &rc.catSigningName},
					&cli.StringFlag{Name: "catalog-signing-region", Usage: "SigV4 region for --catalog-sigv4 (default: AWS_REGION)", EnvVars: []string{"NIANBAO_CATALOG_SIGNING_REGION"}, Destination: &rc.catSigningRegion},
					&cli.StringFlag{Name: "catalog-name", Value: "nianbao", Usage: "Iceberg catalog name (readers must use the same)", EnvVars: []string{"NIANBAO_CATALOG_NAME"}, Destination: &rc.catalogName},
					&cli.StringFlag{Name: "namespace", Value: "nianbao", Usage: "Iceberg namespace of the five tables", EnvVars: []string{"NIANBAO_NAMESPACE"}, Destination: &rc.namespace},
					&cli.StringFlag{Name: "memory-limit", Value: fmt.Sprintf("%dMiB", gc.DefaultLimit>>20), Usage: "soft limit for the Go heap (KiB, MiB, GiB; 0 for none): the garbage collector works harder near it, and less often below it (GOGC=200 unless GOGC is set). GOMEMLIMIT, when set, wins", EnvVars: []string{"NIANBAO_MEMORY_LIMIT"}, Destination: &rc.memLimit},
					&cli.StringFlag{Name: "cpuprofile", Usage: "write a CPU profile of the run to `FILE` (runtime/pprof format: go tool pprof -top FILE)", EnvVars: []string{"NIANBAO_CPUPROFILE"}, Destination: &rc.cpuProfile},
					&cli.StringFlag{Name: "memprofile", Usage: "write a profile of the run's allocations to `FILE` when it ends (go tool pprof -sample_index=alloc_space -top FILE)", EnvVars: []string{"NIANBAO_MEMPROFILE"}, Destination: &rc.memProfile},
					&cli.StringFlag{Name: "max-text-bytes", Value: "4MiB", Usage: "most decoded text one file may hold (KiB, MiB, GiB; at most 1GiB; each line of a text, PDF or .docx file counts 32 bytes more); a file with more gets a reports row with FILE_TOO_LARGE and is not parsed", EnvVars: []string{"NIANBAO_MAX_TEXT_BYTES"}, Destination: &rc.maxText},
				},
				Action: func(c *cli.Context) error {
					rc.pathStyle = pathStyle(c)
					code = runCmd(c.Context, rc, stderr)
					return nil
				},
			},
			{
				Name:  "tables",
				Usage: "print the current files of each table, or DuckDB or Spark statements reading them",
				Description: `Reads the manifest published in --output (a folder or s3://bucket/prefix) and
prints, for the run it names: each table's files (--format list: "table<TAB>file"
per line), DuckDB views over exactly those files (--format duckdb), or PySpark
statements (--format spark). A reader that goes through these sees one run,
even while the next one publishes. No credentials are printed: DuckDB and Spark
read them from the AWS environment.

Examples:
   nianbao tables --output s3://lake/nianbao --format duckdb | duckdb
   nianbao tables --output out/ --format spark`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "dataset folder, or s3://bucket/prefix", EnvVars: []string{"NIANBAO_OUTPUT"}},
					&cli.StringFlag{Name: "format", Value: "list", Usage: "list, duckdb or spark"},
					s3PathStyleFlag(),
				},
				Action: func(c *cli.Context) error {
					if c.String("output") == "" {
						fmt.Fprintln(stderr, "nianbao tables: --output is required")
						code = exitUsage
						return nil
					}
					if err := pipeline.Tables(c.Context, c.String("output"), pathStyle(c), c.String("format"), stdout); err != nil {
						fmt.Fprintf(stderr, "nianbao tables: %v\n", err)
						code = pipeline.ExitCode(err)
					}
					return nil
				},
			},
			{
				Name:      "parse",
				Usage:     "parse report files and print one JSON object per file (JSON Lines)",
				ArgsUsage: "FILE...",
				Description: `Prints, for each FILE in order: report_id, source_path, agency, report_year,
template, status, cells (cell code → integer, decimal string for money, or null),
issues (the quality rows) and the rows of each table.

Example:
   nianbao parse report.txt | jq '.cells["s2.procurement.amount_yuan"]'`,
				Action: func(c *cli.Context) error {
					if c.NArg() == 0 {
						fmt.Fprintln(stderr, "nianbao parse: at least one FILE is required")
						code = exitUsage
						return nil
					}
					if err := pipeline.ParseFiles(c.Context, c.Args().Slice(), stdout); err != nil {
						fmt.Fprintf(stderr, "nianbao parse: %v\n", err)
						code = exitFailure
					}
					return nil
				},
			},
			{
				Name:      "normalize",
				Usage:     "normalize numbers and amounts as the parser does, one JSON object per value",
				ArgsUsage: "[VALUE...]",
				Description: `Normalizes each VALUE, or each line of standard input when none is given, and
prints {"input","kind","value","unit","unit_inferred","error"} per value, in
order. Amounts are exact decimal strings in yuan; counts are integers; '/' and
other not-applicable markers are null, and so is a rejected value, with the
reason in "error" (exit status 0 all the same). A negative value (-3, -5万元)
or '-' is a value, not a flag; flags may stand anywhere, and after "--" every
word is a value.

Examples:
   nianbao normalize 362.24万元 10268898元 +163 /
   nianbao normalize --kind amount --unit 万元 12.5
   cut -f3 cells.tsv | nianbao normalize --kind count`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "kind", Usage: "amount or count (default: amount when --unit is given or the value carries a money mark (元 ¥ RMB 人民币 …) or a 万/亿/千 multiplier, else count)"},
					&cli.StringFlag{Name: "unit", Usage: "unit printed in the column header, e.g. 万元"},
				},
				Action: func(c *cli.Context) error {
					k := c.String("kind")
					if k != "" && k != "amount" && k != "count" {
						fmt.Fprintf(stderr, "nianbao normalize: --kind must be amount or count, not %q\n", k)
						code = exitUsage
						return nil
					}
					if err := pipeline.Normalize(k, c.String("unit"), c.Args().Slice(), stdin, stdout); err != nil {
						fmt.Fprintf(stderr, "nianbao normalize: %v\n", err)
						code = exitFailure
					}
					return nil
				},
			},
			{
				Name:  "schema",
				Usage: "print the data dictionary (markdown), DuckDB views (sql) or Spark SQL views (spark-sql)",
				Description: `The views read the Parquet tables in --output, or with --table-format iceberg
the Iceberg tables a run with the same flags made: DuckDB's iceberg_scan of each
table's folder (OUTPUT/iceberg/NAMESPACE/TABLE, through its
metadata/version-hint.text; LOAD iceberg first), or in Spark the tables
CATALOG-NAME.NAMESPACE.TABLE (the session must have that catalog: docs/iceberg.md).

Examples:
   nianbao schema --format markdown > docs/data-dictionary.md
   nianbao schema --format sql --output out/ | duckdb
   nianbao schema --format spark-sql --output out/ > views.sql   # spark-sql -f views.sql
   nianbao schema --format spark-sql --table-format iceberg > views.sql`,
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "format", Value: "markdown", Usage: "markdown, sql (DuckDB) or spark-sql"},
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Value: "out", Usage: "dataset folder the sql views read", EnvVars: []string{"NIANBAO_OUTPUT"}},
					&cli.StringFlag{Name: "table-format", Value: "parquet", Usage: "parquet, or iceberg: views over the Iceberg tables", EnvVars: []string{"NIANBAO_TABLE_FORMAT"}},
					&cli.StringFlag{Name: "catalog-name", Value: "nianbao", Usage: "Iceberg catalog name the Spark views use", EnvVars: []string{"NIANBAO_CATALOG_NAME"}},
					&cli.StringFlag{Name: "namespace", Value: "nianbao", Usage: "Iceberg namespace of the five tables", EnvVars: []string{"NIANBAO_NAMESPACE"}},
				},
				Action: func(c *cli.Context) error {
					var err error
					switch f := c.String("format"); f {
					case "markdown", "md":
						err = schemas.WriteMarkdown(stdout)
					case pipeline.ViewsDuckDB, pipeline.ViewsSpark:
						err = pipeline.Views(stdout, pipeline.ViewsConfig{Format: f, Output: c.String("output"),
							TableFormat: c.String("table-format"), CatalogName: c.String("catalog-name"), Namespace: c.String("namespace")})
					default:
						fmt.Fprintf(stderr, "nianbao schema: --format must be markdown, sql or spark-sql, not %q\n", c.String("format"))
						code = exitUsage
						return nil
					}
					if err != nil {
						fmt.Fprintf(stderr, "nianbao schema: %v\n", err)
						code = pipeline.ExitCode(err)
					}
					return nil
				},
			},
			{
				Name:  "generate",
				Usage: "write a deterministic corpus of realistic reports with the true value of every cell",
				Description: `Writes --reports reports in every layout nianbao reads (one cell per line,
blank-line separated, tab rows, '|' rows, pdftotext -layout columns, HTML,
DOCX), both templates, UTF-8 and GB18030, with realistic values, plus
truth.jsonl: one line per report in the format of seeds.jsonl. The same
--seed always writes the same bytes. For benchmarks and for checking the
parser at scale.

Example:
   nianbao generate --reports 10000 --seed 1 --out /tmp/corpus
   nianbao run --input /tmp/corpus --output /tmp/out`,
				Flags: []cli.Flag{
					&cli.IntFlag{Name: "reports", Aliases: []string{"n"}, Value: 1000, Usage: "number of reports"},
					&cli.Int64Flag{Name: "seed", Value: 1, Usage: "random seed"},
					&cli.StringFlag{Name: "out", Usage: "folder to write (created)", Required: true},
					&cli.StringSliceFlag{Name: "layout", Usage: "only these layouts (lines, blank, tabs, pipe, layout, html, docx; only when named: glued, cells run together; columns, pdftotext default mode; word-html and word-docx, as Word saves them; html-spacer, a spacer column in section 三; html-shifted, rows that forget it; crawled, the page escaped in a script or JSON; markdown, as PDF converters write it; markdown-lost, another converter's tables with a value column lost; paragraphs, pdftotext default mode printing row by row; and the test reports' text layouts cells, blanklines, pdf-tabs, pipes, pdf-layout, webcopy, pdf-raw, word, pdf-centred, spaced, pdf-pagenum)"},
					&cli.StringSliceFlag{Name: "template", Usage: "only these templates (2019, 2021)"},
				},
				Action: func(c *cli.Context) error {
					opt := generate.Options{Reports: c.Int("reports"), Seed: c.Int64("seed"),
						Layouts: c.StringSlice("layout"), Templates: c.StringSlice("template")}
					if err := opt.Validate(); err != nil {
						fmt.Fprintf(stderr, "nianbao generate: %v\n", err)
						code = exitUsage
						return nil
					}
					st, err := generate.Corpus(c.Context, c.String("out"), opt)
					if err != nil {
						fmt.Fprintf(stderr, "nianbao generate: %v\n", err)
						code = exitFailure
						return nil
					}
					fmt.Fprintf(stderr, "wrote %d reports, %.1f MB, to %s (truth in truth.jsonl)\n", st.Reports, float64(st.Bytes)/1e6, c.String("out"))
					return nil
				},
			},
			{
				Name:  "version",
				Usage: "print nianbao's version, parser version and dataset schema version",
				Action: func(c *cli.Context) error {
					fmt.Fprintf(stdout, "nianbao %s (parser %s, schema %s, %s)\n", pipeline.Version,
						schemas.ParserVersion, schemas.SchemaVersion, runtime.Version())
					return nil
				},
			},
		},
	}
	// A command that takes no arguments refuses one: the flag parser stops
	// at the first word that is not a flag, so every flag after a stray
	// word (--s3-path-style false --max-errors 0) would silently not apply.
	for _, cmd := range app.Commands {
		if cmd.ArgsUsage != "" || cmd.Action == nil {
			continue
		}
		action := cmd.Action
		cmd.Action = func(c *cli.Context) error {
			if c.NArg() > 0 {
				fmt.Fprintf(stderr, "nianbao %s: unexpected argument %q: it takes none, and the flags after it were not read (a boolean flag takes a value only as --flag=false)\n",
					c.Command.Name, c.Args().First())
				code = exitUsage
				return nil
			}
			return action(c)
		}
	}
	if err := app.RunContext(ctx, normalizeArgs(args, valueFlags(app, "normalize"))); err != nil {
		fmt.Fprintf(stderr, "nianbao: %v\n", err)
		return exitUsage
	}
	return code
}

func runCmd(ctx context.Context, rc runConfig, stderr io.Writer) int {
	if rc.keepRuns < 1 {
		// 0 would keep no record of the run, not even of a failure.
		fmt.Fprintf(stderr, "nianbao run: --keep-runs must be 1 or more (run records to keep), got %d\n", rc.keepRuns)
		return exitUsage
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		n, err := parseSize(rc.memLimit)
		if err != nil {
			fmt.Fprintf(stderr, "nianbao run: --memory-limit: %v\n", err)
			return exitUsage
		}
		// The benchmarks apply the same settings (internal/gc).
		defer gc.Apply(n)()
	}
	maxText, err := parseSize(rc.maxText)
	if err == nil && maxText == 0 {
		err = fmt.Errorf("%q: must be more than 0", rc.maxText)
	}
	if err == nil && maxText > pipeline.MaxTextCeiling {
		err = fmt.Errorf("%q: must be at most 1GiB", rc.maxText)
	}
	if err != nil {
		fmt.Fprintf(stderr, "nianbao run: --max-text-bytes: %v\n", err)
		return exitUsage
	}
	tty := isTerminal(stderr)
	format := rc.logFormat
	if format == "" {
		format = "json"
		if tty {
			format = "text"
		}
	}
	var h slog.Handler
	switch format {
	case "json":
		h = slog.NewJSONHandler(stderr, nil)
	case "text":
		h = slog.NewTextHandler(stderr, nil)
	default:
		fmt.Fprintf(stderr, "nianbao run: --log-format must be text or json, not %q\n", format)
		return exitUsage
	}
	cfg := pipeline.Config{Input: rc.input, Output: rc.output, Workers: rc.workers, Logger: slog.New(h),
		Full: rc.full, MaxErrors: rc.maxErrors, KeepRuns: rc.keepRuns, FollowExternalSymlinks: rc.followExternal, S3PathStyle: rc.pathStyle,
		MaxTextBytes: maxText,
		TableFormat:  rc.tableFormat, Catalog: rc.catalog, CatalogName: rc.catalogName, Namespace: rc.namespace}
	cfg.REST.Warehouse, cfg.REST.Credential, cfg.REST.Token = rc.catWarehouse, rc.catCredential, rc.catToken
	cfg.REST.OAuth2URI, cfg.REST.Scope = rc.catOAuth2URI, rc.catScope
	cfg.REST.SigV4, cfg.REST.SigningName, cfg.REST.SigningRegion = rc.catSigV4, rc.catSigningName, rc.catSigningRegion
	if tty {
		cfg.Progress = stderr
	}
	stopProfiles, err := startProfiles(rc.cpuProfile, rc.memProfile)
	if err != nil {
		fmt.Fprintf(stderr, "nianbao run: %v\n", err)
		return exitUsage
	}
	sum, err := pipeline.Run(ctx, cfg)
	if perr := stopProfiles(); perr != nil {
		fmt.Fprintf(stderr, "nianbao run: %v\n", perr)
	}
	code := pipeline.ExitCode(err)
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "nianbao run: interrupted; nothing was published, the previous dataset is unchanged")
	case err != nil:
		fmt.Fprintf(stderr, "nianbao run: %v\n", err)
	default:
		printSummary(stderr, sum, rc.output)
	}
	return code
}

func printSummary(w io.Writer, s *pipeline.Summary, out string) {
	secs := s.Elapsed.Seconds()
	mbs := 0.0
	if secs > 0 {
		mbs = float64(s.InputBytes) / 1e6 / secs
	}
	if s.Published != s.RunID {
		fmt.Fprintf(w, "\nnianbao run %s: %d files in %.2fs, all as run %s published them: the dataset is left as it is (--full rewrites it)\n",
			s.RunID, s.Files, secs, s.Published)
		return
	}
	fmt.Fprintf(w, "\nnianbao run %s: %d files, %.1f MB in %.2fs (%.1f MB/s)\n", s.RunID, s.Files, float64(s.InputBytes)/1e6, secs, mbs)
	if r := s.Record; r != nil {
		fmt.Fprintf(w, "  inputs:              new=%d changed=%d deleted=%d unchanged=%d parsed=%d skipped=%d\n",
			r.Inputs.New, r.Inputs.Changed, r.Inputs.Deleted, r.Inputs.Unchanged, r.Inputs.Parsed, r.Inputs.Skipped)
		if len(r.Inputs.SkippedBy) > 0 {
			fmt.Fprintf(w, "  skipped:             %s\n", skippedBy(r.Inputs.SkippedBy))
		}
	}
	fmt.Fprintf(w, "  reports by status:   %s\n", counts(s.ByStatus))
	fmt.Fprintf(w, "  reports by template: %s\n", counts(s.ByTemplate))
	var rows []string
	for _, t := range schemas.TableNames {
		rows = append(rows, fmt.Sprintf("%s=%d", t, s.Rows[t]))
	}
	fmt.Fprintf(w, "  rows:                %s\n", strings.Join(rows, " "))
	fmt.Fprintf(w, "  written:             %.2f MB to %s\n", float64(s.BytesWritten)/1e6, out)
	if r := s.Record; r != nil && r.PeakRSSMB > 0 {
		fmt.Fprintf(w, "  peak memory:         %.0f MB\n", r.PeakRSSMB)
	}
	if strings.Contains(out, "://") {
		fmt.Fprintf(w, "\nQuery it with DuckDB (views over the published files):\n  nianbao tables --output %s --format duckdb\n", out)
		return
	}
	fmt.Fprintf(w, "\nQuery it with DuckDB:\n  duckdb -c \"SELECT outcome, sum(count) FROM read_parquet('%s/applications/**/*.parquet', hive_partitioning = false) GROUP BY ALL ORDER BY 2 DESC\"\n", strings.TrimRight(out, "/"))
}

// maxSkipReasons is how many reasons for skipping files the summary
// names; the run record has them all.
const maxSkipReasons = 5

// skippedBy names why files were skipped, the most frequent first ("not
// an input type (extension .doc)=312"), so that a collection's unread
// reports are seen without opening the run record.
func skippedBy(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	var parts []string
	for i, k := range keys {
		if i == maxSkipReasons {
			more := "reasons"
			if len(keys)-i == 1 {
				more = "reason"
			}
			parts = append(parts, fmt.Sprintf("and %d more %s (the run record's inputs.skipped_by)", len(keys)-i, more))
			break
		}
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, ", ")
}

func counts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// parseSize reads a size such as 256MiB, 1GiB, 512KiB or a plain byte count.
func parseSize(in string) (int64, error) {
	s := strings.TrimSpace(in)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.m
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(strings.TrimSpace(s), "-") || err == nil && n > math.MaxInt64/mult {
		return 0, fmt.Errorf("%q is too large: a size is at most 2^63-1 bytes", in)
	}
	if err != nil || n < 0 {
		return 0, fmt.Errorf("%q is not a size like 256MiB", in)
	}
	return n * mult, nil
}
