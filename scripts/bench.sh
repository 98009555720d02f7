#!/usr/bin/env bash
# make bench: builds generated archives of 1,000 and 10,000 issues and reports wall time, CPU time,
# peak memory and output size, next to Hugo building the same Markdown (when hugo is available),
# plus the search-index figures and the preview's edit-to-reload time.
# BENCH_SIZES="1000 10000" and BENCH_OUT=bench-out can be overridden.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN="$ROOT/.build/release/jianbao"
OUT="${BENCH_OUT:-$ROOT/bench-out}"
SIZES="${BENCH_SIZES:-1000 10000}"

need() { command -v "$1" >/dev/null 2>&1; }
if [ "$(id -u)" -eq 0 ]; then
  missing=()
  [ -x /usr/bin/time ] || missing+=(time)
  need hugo || missing+=(hugo)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "安装基准测试工具: ${missing[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || true
  fi
fi
[ -x /usr/bin/time ] || { echo "错误: 需要 /usr/bin/time（apt-get install time）" >&2; exit 1; }
[ -x "$BIN" ] || { echo "错误: 先运行 make release" >&2; exit 1; }

# measure CMD... -> prints "wall cpu rss_mb" of one run; the command's output goes to $OUT/last.log
measure() {
  local log="$OUT/time.log"
  # Untimed: write back what earlier runs left dirty, so that no run pays for the kernel flushing the previous
  # one's hundreds of megabytes (writeback starts 30 s after a write, in the middle of a later build).
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$log" "$@" > "$OUT/last.log" 2>&1 || { cat "$OUT/last.log" >&2; return 1; }
  awk '{ printf "%.2f %.2f %.0f\n", $1, $2 + $3, $4 / 1024 }' "$log"
}

# median RUNS-FILE -> the line with the median wall time
median() { sort -n "$1" | awk '{ a[NR] = $0 } END { print a[int((NR + 1) / 2)] }'; }

wait_cleanup() { while ls -d "$1"/.public.old-* "$1"/.out-*.old-* >/dev/null 2>&1; do sleep 0.2; done; }

RUNS="${BENCH_RUNS:-3}"
mkdir -p "$OUT"
# Every measured build writes into a folder of its own, and jianbao and Hugo take turns. Outputs are
# deleted only at the end: on ext4 without a journal, creating files within a few minutes of deleting
# tens of thousands is several times slower, which would skew whatever is measured next.
TRASH="$OUT/.trash-$$"
mkdir -p "$TRASH"
for old in "$OUT"/*/out-* "$OUT"/*/hugo-out-*; do [ -e "$old" ] && mv "$old" "$TRASH/$(basename "$(dirname "$old")")-$(basename "$old")"; done
trap 'rm -rf "$TRASH" "$OUT"/*/out-* "$OUT"/*/hugo-out-* "$OUT"/preview-site' EXIT
echo "简报站基准测试 $(date -u +%Y-%m-%d)，$(nproc) 核，$(uname -m)，每项取 $RUNS 次运行的中位数"
echo
printf "%-10s %-8s %10s %10s %10s %12s %10s\n" "期数" "工具" "墙钟(秒)" "CPU(秒)" "内存(MB)" "输出(MB)" "页面数"
declare -A WALL
for n in $SIZES; do
  site="$OUT/$n/jianbao"; hsite="$OUT/$n/hugo"
  if [ ! -f "$site/.generated" ]; then
    rm -rf "$OUT/$n"
    python3 scripts/gen-corpus.py "$n" "$site" --hugo "$hsite"
    touch "$site/.generated"
  fi
  : > "$OUT/j.runs"; : > "$OUT/r.runs"; : > "$OUT/h.runs"
  for k in $(seq "$RUNS"); do
    measure "$BIN" build --source "$site" --output "$OUT/$n/out-$k" >> "$OUT/j.runs"
    # A rebuild with nothing changed (what an office does after each edit): only changed bytes are written.
    measure "$BIN" build --source "$site" --output "$OUT/$n/out-$k" >> "$OUT/r.runs"
    wait_cleanup "$OUT/$n"
    if need hugo; then measure hugo --quiet -s "$hsite" -d "$OUT/$n/hugo-out-$k" >> "$OUT/h.runs"; fi
  done
  read -r wall cpu rss < <(median "$OUT/j.runs")
  size=$(du -sm "$OUT/$n/out-1" | cut -f1); pages=$(find "$OUT/$n/out-1" -name '*.html' | wc -l)
  WALL[$n]=$wall
  printf "%-10s %-8s %10s %10s %10s %12s %10s\n" "$n" "jianbao" "$wall" "$cpu" "$rss" "$size" "$pages"
  read -r wall2 cpu2 rss2 < <(median "$OUT/r.runs")
  printf "%-10s %-8s %10s %10s %10s %12s %10s\n" "$n" "(重建)" "$wall2" "$cpu2" "$rss2" "-" "-"
  if need hugo; then
    read -r hwall hcpu hrss < <(median "$OUT/h.runs")
    hsize=$(du -sm "$OUT/$n/hugo-out-1" | cut -f1); hpages=$(find "$OUT/$n/hugo-out-1" -name '*.html' | wc -l)
    printf "%-10s %-8s %10s %10s %10s %12s %10s\n" "$n" "hugo" "$hwall" "$hcpu" "$hrss" "$hsize" "$hpages"
    awk -v a="$wall" -v b="$hwall" 'BEGIN { printf "%-10s 简报站用时为 Hugo 的 %.0f%%（快 %.1f 倍）\n", "", 100 * a / b, b / a }'
  fi
done
set -- $SIZES
if [ $# -ge 2 ]; then
  awk -v s1="$1" -v s2="$2" -v a="${WALL[$1]}" -v b="${WALL[$2]}" 'BEGIN { printf "\n线性度：%s 期用时是 %s 期的 %.1f 倍（期数 %.0f 倍）\n", s2, s1, b / a, s2 / s1 }'
fi
echo
echo "长输入（1 MB 单段中文、5000 行表格、200 层嵌套列表，按倍数放大）："
for scale in 1 2 4; do
  python3 scripts/gen-long.py "$scale" "$OUT/long-$scale"
  read -r wall cpu rss < <(measure "$BIN" build --source "$OUT/long-$scale" --output "$OUT/long-$scale/out-$$")
  printf "  %s 倍：%s 秒，内存 %s MB\n" "$scale" "$wall" "$rss"
done
last="${@: -1}"
if "$BIN" bench-search --help 2>&1 | grep -q -- "--query"; then
  echo
  "$BIN" bench-search --source "$OUT/$last/jianbao" --output "$OUT/$last/out-1" || true
fi
echo
rm -rf "$OUT/preview-site"
mkdir -p "$OUT/preview-site"
cp -r "$OUT/$last/jianbao/site.yml" "$OUT/$last/jianbao/content" "$OUT/$last/jianbao/templates" "$OUT/preview-site/"
"$BIN" bench-preview --source "$OUT/preview-site" --rounds 10 || echo "预览基准测试失败" >&2
