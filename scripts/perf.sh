#!/usr/bin/env bash
# perf.sh: end-to-end figures of nianbao beside the machine's floors.
#
#   scripts/perf.sh [REPORTS...]        (default: 20000)
#
# For each size: generates the corpus once (nianbao generate --seed 1, under
# PERF_DIR, default ${TMPDIR:-/tmp}/nianbao-perf), then times, one after the
# other, reading every file (cat), hashing every file (sha256sum), a first
# `nianbao run` into a fresh output, and a second run after 1% of the files
# changed (the state store at work). Prints one markdown table: wall and CPU
# seconds (user + system), MB/s and reports/s of wall time, peak RSS, and the
# size of the state store against the input. Set RUNS=3 to repeat each line
# (the machine may be shared: compare CPU seconds, which move less than wall
# time). Then, per size, the work a rule-based parser does on one core
# (BenchmarkReadDecodeParse: read, decode and parse every file, GOMAXPROCS=1,
# nothing written), with its ratio to the Python peer (govnianbao): timed
# when PEER is a command that takes the corpus folder as its last argument
# (both on one core, CPU seconds compared), otherwise against the peer's
# figure quoted in ../shared/NOTES.md (7 MB/s on one core), marked as
# quoted, not measured. Last, when pdftotext is installed, a `nianbao run`
# over PDFS (default 200) PDFs, copies of testdata/pdf's with distinct
# bytes: the generated corpus has none, and a PDF costs a pdftotext process
# (counted in the CPU seconds: /usr/bin/time adds the children nianbao
# waits for). PDFS=0 leaves it out.
set -euo pipefail

cd "$(dirname "$0")/.."
PERF_DIR=${PERF_DIR:-${TMPDIR:-/tmp}/nianbao-perf}
RUNS=${RUNS:-1}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(20000)

mkdir -p "$PERF_DIR"
go build -o "$PERF_DIR/nianbao" ./cmd/nianbao
bin=$PERF_DIR/nianbao
go test -c -o "$PERF_DIR/pipeline.test" ./pipeline

# timed LABEL CMD...: runs CMD under /usr/bin/time; sets wall, cpu, rss_mb.
timed() {
	local label=$1
	shift
	local tf=$PERF_DIR/time.out
	/usr/bin/time -f '%e %U %S %M' -o "$tf" "$@" >/dev/null 2>"$PERF_DIR/$label.err" ||
		{ echo "perf.sh: $label failed:" >&2; tail -5 "$PERF_DIR/$label.err" >&2; exit 1; }
	read -r wall user sys rss <"$tf"
	cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')
	rss_mb=$(awk -v k="$rss" 'BEGIN{printf "%.0f", k/1024}')
}

row() { # row NAME REPORTS BYTES
	local mbs rps
	mbs=$(awk -v b="$3" -v w="$wall" 'BEGIN{printf "%.1f", (w>0 ? b/1e6/w : 0)}')
	rps=$(awk -v n="$2" -v w="$wall" 'BEGIN{printf "%.0f", (w>0 ? n/w : 0)}')
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$wall" "$cpu" "$mbs" "$rps" "$rss_mb"
}

echo "nianbao perf on $(nproc) cores, $(uname -sr), $(go version | awk '{print $3}'), $(date -u +%Y-%m-%dT%H:%MZ); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo '| what | reports | wall s | CPU s | MB/s | reports/s | peak RSS (MiB) |'
echo '|---|---|---|---|---|---|---|'
notes=()
for n in "${sizes[@]}"; do
	corpus=$PERF_DIR/nianbao-bench-$n # the name BenchmarkReadDecodeParse looks for
	if [ ! -f "$corpus/truth.jsonl" ]; then
		rm -rf "$corpus"
		"$bin" generate --reports "$n" --seed 1 --out "$corpus" 2>/dev/null
	fi
	list=$PERF_DIR/files-$n
	(cd "$corpus" && find . -type f ! -name truth.jsonl -print0 | sort -z) >"$list"
	bytes=$(cd "$corpus" && xargs -0 cat <"$list" | wc -c)
	for ((r = 0; r < RUNS; r++)); do
		timed cat bash -c "cd '$corpus' && xargs -0 cat <'$list' >/dev/null"
		row "read (cat)" "$n" "$bytes"
		timed sha256sum bash -c "cd '$corpus' && xargs -0 sha256sum <'$list' >/dev/null"
		row "hash (sha256sum)" "$n" "$bytes"
		out=$PERF_DIR/out-$n
		rm -rf "$out"
		timed run "$bin" run --input "$corpus" --output "$out" --log-format json
		row "nianbao run, fresh output" "$n" "$bytes"
		# 1% of the files changed: the rest comes from the state store.
		changed=$PERF_DIR/changed-$n
		rm -rf "$changed" && cp -r "$corpus" "$changed"
		(cd "$changed" && head -zn $((n / 100)) "$list" | xargs -0 -I{} sh -c 'printf "\n" >>"{}"')
		timed incr "$bin" run --input "$changed" --output "$out" --log-format json
		row "nianbao run, 1% changed" "$n" "$bytes"
		# One core, read + decode + parse, nothing written: the benchmark
		# reads the corpus from NIANBAO_BENCH_DIR/nianbao-bench-N and
		# reports its own CPU time (getrusage), without the binary's start.
		GOMAXPROCS=1 NIANBAO_BENCH_DIR="$PERF_DIR" NIANBAO_PERCORE_REPORTS="$n" \
			"$PERF_DIR/pipeline.test" -test.run '^$' -test.bench '^BenchmarkReadDecodeParse$' -test.benchtime 1x >"$PERF_DIR/percore.out"
		read -r ours cpums < <(awk '/^BenchmarkReadDecodeParse/ {for (i = 1; i < NF; i++) {if ($(i+1) == "MB/cpu-s") m = $i; if ($(i+1) == "cpu-ms/report") c = $i}; print m, c}' "$PERF_DIR/percore.out")
		[ -n "$ours" ] || { echo "perf.sh: BenchmarkReadDecodeParse printed no figure:" >&2; cat "$PERF_DIR/percore.out" >&2; exit 1; }
		cpu=$(awk -v c="$cpums" -v n="$n" 'BEGIN{printf "%.2f", c*n/1e3}')
		printf '| %s | %s | — | %s | %s a CPU-s | %s a CPU-s | — |\n' "read+decode+parse, 1 core" "$n" "$cpu" "$ours" \
			"$(awk -v c="$cpums" 'BEGIN{printf "%.0f", 1e3/c}')"
		if [ -n "${PEER:-}" ]; then
			ourcpu=$cpu
			timed peer taskset -c 0 $PEER "$corpus"
			row "peer, 1 core: $PEER" "$n" "$bytes"
			notes+=("$n reports, one core: nianbao read+decode+parse $ours MB per CPU-second, $(awk -v a="$cpu" -v b="$ourcpu" 'BEGIN{printf "%.1f", a/b}')× the peer's speed (both measured here, CPU seconds)")
		else
			notes+=("$n reports, one core: nianbao read+decode+parse $ours MB per CPU-second, $(awk -v o="$ours" 'BEGIN{printf "%.1f", o/7}')× the peer's 7 MB/s (quoted from ../shared/NOTES.md, not measured here)")
		fi
	done
	state=$(du -sb "$out/.nianbao/state" | cut -f1)
	notes+=("$n reports: $(awk -v b="$bytes" 'BEGIN{printf "%.1f", b/1e6}') MB of input, state store $(awk -v s="$state" -v b="$bytes" 'BEGIN{printf "%.1f MB (%.2f×)", s/1e6, s/b}')")
done
if [ "${PDFS:-200}" -gt 0 ] && command -v pdftotext >/dev/null; then
	pdfs=$PERF_DIR/pdfs-${PDFS:-200}
	if [ ! -d "$pdfs" ]; then
		mkdir -p "$pdfs.tmp"
		seeds=(testdata/pdf/*.pdf)
		for ((i = 0; i < ${PDFS:-200}; i++)); do
			f=${seeds[i % ${#seeds[@]}]}
			# bytes after %%EOF make each copy a file of its own
			{ cat "$f"; printf '%% copy %d\n' "$i"; } >"$pdfs.tmp/$(basename "$f" .pdf)-$i.pdf"
		done
		mv "$pdfs.tmp" "$pdfs"
	fi
	pbytes=$(cat "$pdfs"/*.pdf | wc -c)
	for ((r = 0; r < RUNS; r++)); do
		rm -rf "$PERF_DIR/out-pdfs"
		timed pdfs "$bin" run --input "$pdfs" --output "$PERF_DIR/out-pdfs" --log-format json
		row "nianbao run, PDFs (pdftotext)" "${PDFS:-200}" "$pbytes"
	done
fi
echo
for l in "${notes[@]}"; do echo "$l"; done
[ -n "${PEER:-}" ] || echo "no peer timed (PEER unset)"
