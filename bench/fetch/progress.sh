#!/usr/bin/env bash
# What the progress display costs, and whether a change costs speed: `flags fetch` of 10,000 files of 4 KB from nginx
# on 127.0.0.1 (output on /dev/shm), with stderr redirected (no progress) and under a pseudo-terminal (util-linux
# script: the status line is drawn), interleaved REPS times. With BASELINE=/path/to/other/flags the same two runs of
# that binary are interleaved too (e.g. a build of main), so the ratios come from one invocation on the same load.
#
#   bench/fetch/progress.sh [FLAGS_BINARY]        REPS=5 FILES=10000 C=64 PORT=18092 BASELINE= by default
#
# Without FLAGS_BINARY the Native AOT binary is published from this checkout. Needs: dotnet, python3, nginx, script,
# /usr/bin/time. Prints Markdown: medians of wall time and of CPU (user+sys).
set -euo pipefail

REPS=${REPS:-5}
FILES=${FILES:-10000}
C=${C:-64}
PORT=${PORT:-18092}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/bench/lib/nginx.sh"
. "$REPO/bench/lib/fetch-files.sh"
fetch_files_setup fetch-progress "${1:-}"

# run NAME BINARY MODE: one run; appends "wall cpu files" to $WORK/NAME.runs. MODE plain: stderr to a file; tty: under script.
run() {
  local name=$1 binary=$2 mode=$3
  rm -rf "$WORK/out"; mkdir -p "$WORK/out"
  local cmd="/usr/bin/time -f '%e %U %S' -o $WORK/time.txt $binary fetch -i $WORK/urls.txt -o $WORK/out -m $C"
  if [ "$mode" = tty ]; then
    script -q -e -c "$cmd" /dev/null < /dev/null > "$WORK/screen.txt"
  else
    sh -c "$cmd" > /dev/null 2> "$WORK/err.txt"
  fi
  local n; n=$(find "$WORK/out" -type f | wc -l)
  awk -v n="$n" '{printf "%s %.3f %s\n", $1, $2 + $3, n}' "$WORK/time.txt" >> "$WORK/$name.runs"
}

CLIENTS=("flags:$FLAGS:plain" "flags:$FLAGS:tty")
[ -n "${BASELINE:-}" ] && CLIENTS+=("baseline:$BASELINE:plain" "baseline:$BASELINE:tty")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$REPS"); do
  for c in "${CLIENTS[@]}"; do IFS=: read -r who bin mode <<<"$c"; run "$who-$mode" "$bin" "$mode"; done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

median() { python3 -c 'import sys,statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.3f}")' "$@"; }
echo "Machine: $(nproc) cores, load average before $load_before, after $load_after; REPS=$REPS interleaved, FILES=$FILES, C=$C; $(date -u +%FT%TZ)"
echo
echo "| binary | stderr | wall (s, median) | CPU user+sys (s, median) | CPU runs (s) | CPU ratio to flags, no progress | files saved |"
echo "|---|---|---|---|---|---|---|"
ref=$(median $(awk '{print $2}' "$WORK/flags-plain.runs"))
for c in "${CLIENTS[@]}"; do
  IFS=: read -r who bin mode <<<"$c"; f="$WORK/$who-$mode.runs"
  cpus=$(awk '{print $2}' "$f" | tr '\n' ' ')
  cpu=$(median $cpus)
  echo "| $who | $([ "$mode" = tty ] && echo "terminal (progress)" || echo "file (none)") | $(median $(awk '{print $1}' "$f")) | $cpu | ${cpus% } | $(python3 -c "print(f'{$cpu/$ref:.3f}')") | $(awk '{print $3}' "$f" | sort -n | head -1) |"
done
