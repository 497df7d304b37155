#!/usr/bin/env bash
# third-party-copy.sh: rebuild the copies in third_party of the modules
# nianbao builds with a patch (copies, below) from the Go module cache and
# their patches, third_party/NAME.patch.
#
#   scripts/third-party-copy.sh           rebuild the folders
#   scripts/third-party-copy.sh --check   fail if a folder is not what it would rebuild (make vet)
#
# A copy holds the packages of its module that nianbao links (as `go mod
# vendor` selects them), the module's go.mod, LICENSE and NOTICE, with the
# patch applied. To move to another release of one of them: change its
# version in go.mod's require line, run this script, check that the patch
# still applies and is still needed (third_party/README.md), then `make test`.
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

# Each copy: the module path, then its folder under third_party (and the
# name of its patch there).
copies=(
	"github.com/apache/iceberg-go iceberg-go"
	"github.com/parquet-go/parquet-go parquet-go"
)

top=$(git rev-parse --show-toplevel)
cd "$top"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The module's own sources, with the copies' replace directives dropped, so
# that `go mod vendor` takes the modules from the module cache (tidy first:
# go.sum holds no checksum of a replaced module).
git ls-files -z -- . ':!third_party' ':!integration' | xargs -0 cp --parents -t "$tmp"
(
	cd "$tmp"
	for c in "${copies[@]}"; do
		go mod edit -dropreplace "${c%% *}"
	done
	go mod tidy
	go mod vendor
)

status=0
for c in "${copies[@]}"; do
	mod=${c%% *}
	name=${c#* }
	dest=third_party/$name
	ver=$(cd "$tmp" && go list -m -f '{{.Version}}' "$mod")
	src=$(cd "$tmp" && go mod download -json "$mod@$ver" | sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
	out=$dest
	if $check; then
		out=$tmp/copy/$name
		mkdir -p "$tmp/copy"
	fi

	rm -rf "$out"
	cp -R "$tmp/vendor/$mod" "$out"
	chmod -R u+w "$out"
	find "$out" \( -name '.*' -o -name '*.md' -o -name Makefile \) -type f -delete
	cp "$src/go.mod" "$out/go.mod"
	chmod u+w "$out/go.mod"
	patch --quiet -p1 -d "$out" <"third_party/$name.patch"
	if $check; then
		if ! diff -r -q "$out" "$dest" >"$tmp/diff"; then
			echo "$dest is not $mod $ver with third_party/$name.patch; never edit it by hand: change the patch and run $0" >&2
			sed 's|'"$out"'|(rebuilt)|' "$tmp/diff" | head -20 >&2
			status=1
			continue
		fi
		echo "$dest: $mod $ver with third_party/$name.patch, as rebuilt"
		continue
	fi
	echo "$dest: $mod $ver with third_party/$name.patch ($(find "$dest" -type f | wc -l) files)"
done
exit $status
