#!/usr/bin/env bash
# parse-ab.sh: BenchmarkParse of an earlier commit against the working tree,
# measured side by side on this machine.
#
#   scripts/parse-ab.sh [BASE] [ROUNDS]   (defaults: a33a4aa, 6)
#
# BASE defaults to the commit at which the performance issue set its
# BenchmarkParse target (4x the MB/s of then). Both test binaries are built
# from their own sources with this Go, then run alternately ROUNDS times each
# (-test.cpu 1, 1000 iterations) under the same collector settings, those of
# `nianbao run` (GOGC=200, GOMEMLIMIT=220MiB: the older benchmark does not
# set them itself). Prints each run's MB/s, allocations a pass and CPU
# milliseconds a pass (user + system from /usr/bin/time, which moves less
# than elapsed time on a shared machine), then the medians and their ratio,
# and, with valgrind installed, the instructions a pass of each.
set -euo pipefail

cd "$(dirname "$0")/.."
base=${1:-a33a4aa}
rounds=${2:-6}
work=$(mktemp -d "${TMPDIR:-/tmp}/parse-ab.XXXXXX")
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git worktree add --detach "$work/base" "$base" >/dev/null 2>&1
(cd "$work/base/transform" && go test -c -o "$work/base.test" .)
(cd transform && go test -c -o "$work/head.test" .)

iters=1000
run() { # run NAME DIR: one benchmark run; prints "NAME MB/s allocs cpu-ms"
	local name=$1 dir=$2 line cpu
	line=$(cd "$dir" && GOGC=200 GOMEMLIMIT=220MiB /usr/bin/time -f 'TIME %U %S' -o "$work/time" \
		"$work/$name.test" -test.run '^$' -test.bench '^BenchmarkParse$' -test.benchtime ${iters}x \
		-test.cpu 1 -test.benchmem | grep '^BenchmarkParse')
	cpu=$(awk -v n=$iters '/^TIME/ {printf "%.3f", ($2 + $3) * 1000 / n}' "$work/time")
	awk -v name="$name" -v cpu="$cpu" '{
		for (i = 1; i <= NF; i++) { if ($(i+1) == "MB/s") mb = $i; if ($(i+1) == "allocs/op") al = $i }
		print name, mb, al, cpu }' <<<"$line"
}
results=$work/results
for _ in $(seq "$rounds"); do
	run base "$work/base/transform" | tee -a "$results"
	run head transform | tee -a "$results"
done
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR+1)/2] : (v[NR/2] + v[NR/2+1]) / 2}'; }
bmb=$(awk '$1 == "base" {print $2}' "$results" | median)
hmb=$(awk '$1 == "head" {print $2}' "$results" | median)
bcpu=$(awk '$1 == "base" {print $4}' "$results" | median)
hcpu=$(awk '$1 == "head" {print $4}' "$results" | median)
echo
echo "| BenchmarkParse (five seeds, -cpu 1, $rounds runs each) | $base | working tree | ratio |"
echo "|---|---|---|---|"
echo "| MB/s, median | $bmb | $hmb | x$(awk -v a="$bmb" -v b="$hmb" 'BEGIN {printf "%.2f", b / a}') |"
echo "| CPU ms a pass over the five, median | $bcpu | $hcpu | x$(awk -v a="$bcpu" -v b="$hcpu" 'BEGIN {printf "%.2f", a / b}') |"
# Instructions a pass, counted by valgrind (cachegrind) with the collector
# off: the same on a busy machine as on a quiet one, to within about 0.1%,
# where time moves by 5-20%. A pass is the difference between 300 and 100
# iterations over 200, so start-up and the benchmark's own first run
# cancel out. Skipped when valgrind is not installed.
if command -v valgrind >/dev/null; then
	instr() { # instr NAME DIR N: instructions of N iterations
		(cd "$2" && GOGC=off valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
			"$work/$1.test" -test.run '^$' -test.bench '^BenchmarkParse$' -test.benchtime "$3x" -test.cpu 1 2>&1 |
			awk '/I *refs:/ {gsub(",", "", $NF); print $NF}')
	}
	bi=$(( ($(instr base "$work/base/transform" 300) - $(instr base "$work/base/transform" 100)) / 200 ))
	hi=$(( ($(instr head transform 300) - $(instr head transform 100)) / 200 ))
	echo "| instructions a pass over the five (valgrind) | $bi | $hi | x$(awk -v a="$bi" -v b="$hi" 'BEGIN {printf "%.2f", a / b}') |"
fi
