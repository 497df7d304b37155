# nianbao: build, run, test. `make help` lists the targets.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO        ?= go
PYTHON    ?= python3
VENV      := .venv
VENV_OK   := $(VENV)/.installed
SPARK_REQ := integration/spark/requirements.txt
FUZZTIME  ?= 10s
INPUT     ?= testdata/samples
OUTPUT    ?= ./out

# Spark needs a JVM; take JAVA_HOME from the java on PATH when it is unset.
JAVA_HOME ?= $(shell j=$$(command -v java 2>/dev/null) && dirname "$$(dirname "$$(readlink -f "$$j")")")
export JAVA_HOME

.PHONY: help build run test vet test-unit test-integration venv bench fuzz docs clean distclean

help:
	@echo "build             go build -o bin/nianbao ./cmd/nianbao"
	@echo "run               build, then publish $(INPUT) into $(OUTPUT)"
	@echo "test              vet, unit tests with -race, then DuckDB and Spark checks (integration/)"
	@echo "venv              $(VENV) with pyspark for the Spark check (re-run when $(SPARK_REQ) changes)"
	@echo "bench             every benchmark, with allocations"
	@echo "fuzz              each fuzz target for FUZZTIME=$(FUZZTIME)"
	@echo "docs              regenerate docs/data-dictionary.md"
	@echo "clean             remove bin/ and out/ (distclean: $(VENV) too)"

build:
	$(GO) build -o bin/nianbao ./cmd/nianbao

run: build
	bin/nianbao run --input $(INPUT) --output $(OUTPUT)

test: vet test-unit test-integration

vet:
	$(GO) vet ./...
	cd integration && $(GO) vet ./...

test-unit:
	$(GO) test -race ./...

# The integration module builds DuckDB's cgo driver (kept out of the shipped
# binary) and runs the Spark check through the venv.
test-integration: venv
	cd integration && CGO_ENABLED=1 $(GO) test -timeout 30m ./...

venv: $(VENV_OK)

$(VENV_OK): $(SPARK_REQ)
	@start=$$(date +%s); \
	$(PYTHON) -m venv $(VENV); \
	$(VENV)/bin/pip install --disable-pip-version-check --quiet -r $(SPARK_REQ); \
	touch $@; \
	echo "venv: $(VENV) ready in $$(( $$(date +%s) - start ))s"

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# go test -fuzz takes one target in one package at a time.
fuzz:
	@for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' "$$pkg" | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) "$$pkg"; \
	  done; \
	done

docs: build
	bin/nianbao schema --format markdown > docs/data-dictionary.md.tmp
	mv docs/data-dictionary.md.tmp docs/data-dictionary.md

clean:
	rm -rf bin out

distclean: clean
	rm -rf $(VENV)
