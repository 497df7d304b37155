# nianbao: build, run, test. `make help` lists the targets.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO        ?= go
PYTHON    ?= python3
VENV      := .venv
VENV_OK   := $(VENV)/.installed
SPARK_REQ := integration/spark/requirements.txt
S3_REQ    := integration/s3/requirements.txt
# SeaweedFS from the venv: the S3 tests start it on free ports and stop it.
WEED      := NIANBAO_WEED=$(abspath $(VENV))/bin/weed
ICEBERG_REQ := integration/iceberg/requirements.txt
FUZZTIME  ?= 10s
FUZZMINIMIZE ?= 3s
INPUT     ?= testdata/samples
OUTPUT    ?= ./out

# Spark needs a JVM; take JAVA_HOME from the java on PATH when it is unset.
JAVA_HOME ?= $(shell j=$$(command -v java 2>/dev/null) && dirname "$$(dirname "$$(readlink -f "$$j")")")
export JAVA_HOME

.PHONY: help build run test vet test-unit test-integration venv bench bench-large perf fuzz docs fixtures clean distclean

help:
	@echo "build             go build -o bin/nianbao ./cmd/nianbao"
	@echo "run               build, then publish $(INPUT) into $(OUTPUT)"
	@echo "test              vet, unit tests with -race, then DuckDB and Spark checks (integration/)"
	@echo "venv              $(VENV) with pyspark, pyarrow, SeaweedFS, DuckDB (httpfs, iceberg) and pyiceberg for the reader checks (re-run when a requirements.txt changes)"
	@echo "bench             every benchmark, with allocations (the figures of docs/performance.md)"
	@echo "bench-large       bench at 100 000 reports too, and the peak memory of a 100 000-report run"
	@echo "perf              end-to-end table: nianbao run beside cat and sha256sum, and read+decode+parse on one core against the peer (PERF_REPORTS=20000)"
	@echo "fuzz              each fuzz target for FUZZTIME=$(FUZZTIME)"
	@echo "docs              regenerate docs/data-dictionary.md and docs/quality.md"
	@echo "fixtures          rewrite testdata/reports and its expected.jsonl from their descriptions in pipeline/generate"
	@echo "clean             remove bin/ and out/ (distclean: $(VENV) too)"

build:
	$(GO) build -o bin/nianbao ./cmd/nianbao

run: build
	bin/nianbao run --input $(INPUT) --output $(OUTPUT)

test: vet test-unit test-integration

vet:
	$(GO) vet ./...
	cd integration && $(GO) vet ./...
	scripts/third-party-copy.sh --check

# Under the race detector transform's differential tests take about 8 of go
# test's default 10 minutes on a quiet 2-core machine: a busy CI one needs room.
test-unit: venv
	$(WEED) $(GO) test -race -timeout 30m ./...

# The integration module builds DuckDB's cgo driver (kept out of the shipped
# binary) and runs the Spark check through the venv.
test-integration: venv
	cd integration && $(WEED) CGO_ENABLED=1 $(GO) test -timeout 30m ./...

venv: $(VENV_OK)

$(VENV_OK): $(SPARK_REQ) $(S3_REQ) $(ICEBERG_REQ)
	@start=$$(date +%s); \
	$(PYTHON) -m venv $(VENV); \
	$(VENV)/bin/pip install --disable-pip-version-check --quiet -r $(SPARK_REQ) -r $(S3_REQ) -r $(ICEBERG_REQ); \
	touch $@; \
	echo "venv: $(VENV) ready in $$(( $$(date +%s) - start ))s"

# Figures in docs/performance.md. The generated corpora (1 000 and 10 000
# reports; 100 000 with bench-large) are written once under BENCH_DIR.
BENCH_DIR ?= $(or $(TMPDIR),/tmp)/nianbao-bench
BENCHTIME ?= 1x

bench:
	mkdir -p $(BENCH_DIR)
	# Micro-benchmarks (decode, parse, normalize, generate): Go's default of
	# a second each, so that per-operation figures are averages.
	$(GO) test -run '^$$' -bench . -benchmem ./extract ./transform/... ./pipeline/generate
	# Corpus-sized runs (seconds to minutes each): BENCHTIME, one run each by default.
	NIANBAO_BENCH_DIR=$(BENCH_DIR) $(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) -timeout 60m ./load ./pipeline
	cd integration && NIANBAO_BENCH_DIR=$(BENCH_DIR) $(GO) test -run '^$$' -bench . -benchtime 5x -timeout 60m ./...

# The same at 100 000 reports too, and the peak memory of one such run.
bench-large: build
	NIANBAO_BENCH_LARGE=1 $(MAKE) bench
	rm -rf $(BENCH_DIR)/out-100000
	bin/nianbao run --input $(BENCH_DIR)/nianbao-bench-100000 --output $(BENCH_DIR)/out-100000 --log-format json 2>&1 | tail -8
	grep -hE '"(peak_rss_mb|input_mb_per_s|reports_per_s|total)"' $(BENCH_DIR)/out-100000/_runs/*.json

# End to end beside the machine's floors (scripts/perf.sh; docs/performance.md).
PERF_REPORTS ?= 20000
perf:
	scripts/perf.sh $(PERF_REPORTS)

# go test -fuzz takes one target in one package at a time. Minimizing a new
# input is bounded (FUZZMINIMIZE): FuzzParse's inputs are whole tables, and
# go test's default minute of minimizing each one left a short run fuzzing
# almost nothing (20 inputs in 30 s, against 70 000 in 60 s with 3 s).
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' "$$pkg" | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) -fuzzminimizetime $(FUZZMINIMIZE) "$$pkg"; \
	  done; \
	done

docs: build
	bin/nianbao schema --format markdown > docs/data-dictionary.md.tmp
	mv docs/data-dictionary.md.tmp docs/data-dictionary.md
	$(GO) test ./schemas -run '^TestQualityDocCurrent$$' -update

# testdata/reports is rendered by pipeline/generate from the descriptions in
# fixtures_data.go; TestFixturesGolden fails when the files differ from them.
fixtures:
	$(GO) test ./pipeline/generate -run '^TestFixturesGolden$$' -update

clean:
	rm -rf bin out

distclean: clean
	rm -rf $(VENV)
