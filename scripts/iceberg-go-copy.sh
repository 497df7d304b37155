#!/usr/bin/env bash
# iceberg-go-copy.sh: rebuild third_party/iceberg-go, the copy of
# github.com/apache/iceberg-go that nianbao builds with, from the Go module
# cache and third_party/iceberg-go.patch.
#
#   scripts/iceberg-go-copy.sh           rebuild the folder
#   scripts/iceberg-go-copy.sh --check   fail if the folder is not what it would rebuild (make vet)
#
# The copy holds the packages nianbao links (as `go mod vendor` selects
# them), the module's go.mod, LICENSE and NOTICE, with the patch applied.
# To move to another iceberg-go release: change its version in go.mod's
# require line, run this script, check that the patch still applies and is
# still needed (third_party/README.md), then `make test`.
set -euo pipefail

check=false
case "${1:-}" in
--check) check=true ;;
"") ;;
*)
	echo "usage: $0 [--check]" >&2
	exit 2
	;;
esac

top=$(git rev-parse --show-toplevel)
cd "$top"
mod=github.com/apache/iceberg-go
ver=$(go list -m -f '{{.Version}}' "$mod")
dest=third_party/iceberg-go

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$dest
if $check; then
	out=$tmp/copy
fi

# The module's own sources, with the copy's replace directive dropped, so
# that `go mod vendor` takes iceberg-go from the module cache (tidy first:
# go.sum holds no checksum of the replaced module).
git ls-files -z -- . ':!third_party' ':!integration' | xargs -0 cp --parents -t "$tmp"
(
	cd "$tmp"
	go mod edit -dropreplace "$mod"
	go mod tidy
	go mod vendor
)
src=$(go mod download -json "$mod@$ver" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')

rm -rf "$out"
cp -R "$tmp/vendor/$mod" "$out"
chmod -R u+w "$out"
find "$out" \( -name '.*' -o -name '*.md' -o -name Makefile \) -type f -delete
cp "$src/go.mod" "$out/go.mod"
chmod u+w "$out/go.mod"
patch --quiet -p1 -d "$out" <third_party/iceberg-go.patch
if $check; then
	if ! diff -r -q "$out" "$dest" >"$tmp/diff"; then
		echo "$dest is not $mod $ver with third_party/iceberg-go.patch; never edit it by hand: change the patch and run $0" >&2
		sed 's|'"$out"'|(rebuilt)|' "$tmp/diff" | head -20 >&2
		exit 1
	fi
	echo "$dest: $mod $ver with third_party/iceberg-go.patch, as rebuilt"
	exit 0
fi
echo "$dest: $mod $ver with third_party/iceberg-go.patch ($(find "$dest" -type f | wc -l) files)"
