#!/usr/bin/env bash
# What --timeline costs (issue 13): `flags fetch` of 10,000 files of 4 KB from nginx on 127.0.0.1 (output on /dev/shm),
# without and with `--timeline FILE.svg` (every try stamped, the picture drawn and written at the end), interleaved
# REPS times so a burst of load from other work hits both. Each "on" run must leave a picture with the aggregate view.
#
#   bench/fetch/timeline.sh [FLAGS_BINARY]        REPS=7 FILES=10000 C=64 PORT=18094 by default
#
# Without FLAGS_BINARY the Native AOT binary is published from this checkout. Needs: dotnet, python3, nginx, curl,
# /usr/bin/time. Prints Markdown: medians of wall time and of CPU (user+sys), and the ratios on/off.
set -euo pipefail

REPS=${REPS:-7}
FILES=${FILES:-10000}
C=${C:-64}
PORT=${PORT:-18094}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/bench/lib/nginx.sh"
. "$REPO/bench/lib/fetch-files.sh"
fetch_files_setup fetch-timeline "${1:-}"

# run MODE: one run, MODE off or on; appends "wall cpu files" to $WORK/MODE.runs.
run() {
  local mode=$1 extra=()
  rm -rf "$WORK/out" "$WORK/run.svg"; mkdir -p "$WORK/out"
  [ "$mode" = on ] && extra=(--timeline "$WORK/run.svg")
  /usr/bin/time -f '%e %U %S' -o "$WORK/time.txt" "$FLAGS" fetch -i "$WORK/urls.txt" -o "$WORK/out" -m "$C" "${extra[@]}" > /dev/null 2> "$WORK/err.txt"
  if [ "$mode" = on ] && ! grep -q 'Downloads in flight' "$WORK/run.svg"; then
    echo "no timeline picture after a run with --timeline" >&2; exit 1
  fi
  local n; n=$(find "$WORK/out" -type f | wc -l)
  awk -v n="$n" '{printf "%s %.3f %s\n", $1, $2 + $3, n}' "$WORK/time.txt" >> "$WORK/$mode.runs"
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$REPS"); do
  run off; run on
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { python3 -c 'import sys,statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.3f}")' "$@"; }
echo "Machine: $(nproc) cores, load average before $load_before, after $load_after; REPS=$REPS interleaved, FILES=$FILES, C=$C; $(date -u +%FT%TZ)"
echo
echo "| --timeline | wall (s, median) | wall runs (s) | CPU user+sys (s, median) | CPU runs (s) | wall ratio to off | CPU ratio to off | files saved |"
echo "|---|---|---|---|---|---|---|---|"
wall_ref=$(median $(awk '{print $1}' "$WORK/off.runs"))
cpu_ref=$(median $(awk '{print $2}' "$WORK/off.runs"))
for mode in off on; do
  f="$WORK/$mode.runs"
  walls=$(awk '{print $1}' "$f" | tr '\n' ' '); cpus=$(awk '{print $2}' "$f" | tr '\n' ' ')
  wall=$(median $walls); cpu=$(median $cpus)
  echo "| $mode | $wall | ${walls% } | $cpu | ${cpus% } | $(python3 -c "print(f'{$wall/$wall_ref:.3f}')") | $(python3 -c "print(f'{$cpu/$cpu_ref:.3f}')") | $(awk '{print $3}' "$f" | sort -n | head -1) |"
done
