#!/usr/bin/env bash
# worst-inputs.sh: crafted files at the edge of nianbao's limits, each read
# by `nianbao parse` with its time, peak memory and first findings.
#
#   scripts/worst-inputs.sh [NIANBAO]   (default: bin/nianbao, built by make build)
#
# Every file is under the 4 MiB text limit unless it says otherwise, so it is
# read: what stops it is the limit on one table's cells (TABLE_TOO_LARGE),
# on one line (LINE_TOO_LONG), on the text (FILE_TOO_LARGE) or on a page's
# tags. A file that takes seconds here would hold a nightly run up. Needs
# python3 (to write the files) and GNU time (/usr/bin/time).
set -euo pipefail

cd "$(dirname "$0")/.."
bin=${1:-bin/nianbao}
[ -x "$bin" ] || { echo "no $bin: run make build, or name the binary" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/worst-inputs.XXXXXX")
trap 'rm -rf "$work"' EXIT

python3 - "$work" <<'EOF'
import os, sys
d = sys.argv[1]
head = 'XX市人民政府2023年政府信息公开工作年度报告\n一、总体情况\n'
files = {
    'one_line.txt': '1 ' * 1_950_000,  # a single line of 3.9 MB
    's2_rows.txt': head + '二、主动公开政府信息情况\n' + '\n'.join('规章 | %d | %d | %d' % (i, i, i) for i in range(40_000)),
    's3_rows.txt': head + '三、收到和处理政府信息公开申请情况\n' + '本年新收政府信息公开申请数量 1 2 3 4 5 6 7\n' * 40_000,
    's3_cells.txt': head + '三、收到和处理政府信息公开申请情况\n' + '1\n\n' * 30_000,
    's4_rows.txt': head + '四、政府信息公开行政复议、行政诉讼情况\n' + (' '.join(['0'] * 15) + '\n') * 40_000,
    'headings.txt': head + '三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n二、主动公开政府信息情况\n' * 10_000,
    'numbers.txt': head + '三、收到和处理政府信息公开申请情况\n' + ' '.join(str(i) for i in range(400_000)),
    'tabs.txt': head + '三、收到和处理政府信息公开申请情况\n' + ('\t'.join(['1'] * 2000) + '\n') * 200,
    'nested.html': '<html><body>' + '<table><tr><td>' * 20_000 + '1' + '</td></tr></table>' * 20_000 + '</body></html>',
    'cells.html': '<html><body><p>三、收到和处理政府信息公开申请情况</p><table>' + ''.join('<tr>' + ('<td>%d</td>' % i) * 20 + '</tr>' for i in range(8000)) + '</table></body></html>',
    'rowspan.html': '<html><body><table>' + ''.join('<tr><td rowspan="650" colspan="100">%d</td></tr>' % i for i in range(3000)) + '</table></body></html>',
    'colspan.html': '<html><body><p>三、收到和处理政府信息公开申请情况</p><table>' + ''.join('<tr>' + ''.join('<td colspan="%d">%d</td>' % (j % 7 + 1, j) for j in range(30)) + '</tr>' for _ in range(3000)) + '</table></body></html>',
}
for name, text in files.items():
    with open(os.path.join(d, name), 'w', encoding='utf-8') as f:
        f.write(text)
EOF

printf '%-14s %9s %8s %8s  %s\n' file bytes seconds 'peak MB' 'findings (first four)'
for f in "$work"/*; do
	name=$(basename "$f")
	/usr/bin/time -f '%e %M' -o "$work/.time" "$bin" parse "$f" >"$work/.out"
	read -r secs kb <"$work/.time"
	rules=$(python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).readline()); print(",".join(i["rule"] for i in d["issues"][:4]))' "$work/.out")
	printf '%-14s %9d %8s %8d  %s\n' "$name" "$(stat -c %s "$f")" "$secs" "$((kb / 1024))" "$rules"
	rm -f "$work/.out" "$work/.time"
done
