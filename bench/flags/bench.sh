#!/usr/bin/env bash
# Benchmarks the flags CLI (issue 4): DELAY floors, LOCAL -e and a 10,000-request run against `flags serve --root`
# and nginx on 127.0.0.1, with aria2c and curl --parallel as baselines. Loopback only.
#
#   bench/flags/bench.sh [FIXTURES_DIR]        (default /work/shared/fixtures/flags)
#   REPS=3 SKIP_SEQUENTIAL_DELAY=1 bench/flags/bench.sh
#
# Needs: dotnet, python3, nginx, aria2c, curl, /usr/bin/time (Debian: apt-get install -y aria2 curl nginx-light time).
# Prints Markdown tables; every time is the median of REPS runs.
set -euo pipefail

FIXTURES=$(realpath "${1:-/work/shared/fixtures/flags}")
REPS=${REPS:-3}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/bench/lib/nginx.sh"
WORK=$(mktemp -d /tmp/flags-bench.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done  # background jobs ignore SIGINT
  [ -f "$WORK/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Building Release..." >&2
dotnet publish "$REPO/src/Flags" -c Release -o "$WORK/flags" -v quiet -nologo >&2
FLAGS=(dotnet "$WORK/flags/flags.dll")

# --- servers -----------------------------------------------------------------------------------------------------
"${FLAGS[@]}" serve --mode local --port 18000 --root "$FIXTURES" > "$WORK/serve-local.log" 2>&1 & PIDS+=($!)
"${FLAGS[@]}" serve --mode delay --port 18001 --root "$FIXTURES" > "$WORK/serve-delay.log" 2>&1 & PIDS+=($!)
start_nginx "$WORK" 18080 "location /flags/ { alias $FIXTURES/; }"
for port in 18000 18001 18080; do
  for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/flags/br/br.gif" && break; sleep 0.1; done
done
LOCAL=http://127.0.0.1:18000/flags
DELAY=http://127.0.0.1:18001/flags
NGINX=http://127.0.0.1:18080/flags

# --- helpers -----------------------------------------------------------------------------------------------------
median() { python3 -c 'import sys,statistics; v=[float(x) for x in sys.argv[1:]]; print(f"{statistics.median(v):.2f}")' "$@"; }

# timed CMD...: runs CMD REPS times (or $N times) in a fresh output folder; sets WALL (s, median), CPU (user+sys s,
# median: steadier than wall time on a shared machine) and RSS (MB, max).
timed() {
  local walls=() cpus=() rss=0
  for _ in $(seq "${N:-$REPS}"); do
    rm -rf "$WORK/out"; mkdir -p "$WORK/out"
    /usr/bin/time -v -o "$WORK/time.txt" "$@" > "$WORK/cmd.out" 2> "$WORK/cmd.err" || true
    local wall kb
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time.txt")
    kb=$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/time.txt")
    cpus+=("$(awk -F': ' '/User time/{u=$2} /System time/{s=$2} END{print u+s}' "$WORK/time.txt")")
    walls+=("$wall"); [ "$kb" -gt "$rss" ] && rss=$kb
  done
  WALL=$(median "${walls[@]}")
  CPU=$(median "${cpus[@]}")
  RSS=$((rss / 1024))
}

# flags_elapsed: the program's own timer (from its JSON), median over REPS runs of "$@" --json.
flags_elapsed() {
  local vals=()
  for _ in $(seq "$REPS"); do
    rm -rf "$WORK/out"; mkdir -p "$WORK/out"
    vals+=("$("${FLAGS[@]}" "$@" --json -o "$WORK/out" | python3 -c 'import json,sys; print(json.load(sys.stdin)["elapsedSeconds"])')")
  done
  median "${vals[@]}"
}

STRATEGIES=(sequential threads futures async)
echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.1f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); REPS=$REPS; $(date -u +%FT%TZ)"
echo

# --- 1. DELAY: 194 flags, each response held 500 ms --------------------------------------------------------------
echo "### DELAY (500 ms per response), -a (194 flags), flags serve --mode delay --root"
echo
echo "| strategy | -m | floor ceil(194/C) x 0.5 s | elapsed (program timer) | ratio to floor |"
echo "|---|---|---|---|---|"
for m in 30 194; do
  for s in "${STRATEGIES[@]}"; do
    c=$m; [ "$s" = sequential ] && c=1
    if [ "$s" = sequential ] && { [ "${SKIP_SEQUENTIAL_DELAY:-0}" = 1 ] || [ "$m" != 30 ]; }; then continue; fi
    floor=$(python3 -c "import math; print(f'{math.ceil(194/$c)*0.5:.2f}')")
    if [ "$s" = sequential ]; then e=$(REPS=1 flags_elapsed -s "$DELAY" -a --strategy "$s"); else e=$(flags_elapsed -s "$DELAY" -a -m "$m" --strategy "$s"); fi
    echo "| $s | $c | $floor | $e | $(python3 -c "print(f'{$e/$floor:.2f}')") |"
  done
done
echo

# --- 2. LOCAL -e: 676 codes (194 found, 482 not found) -----------------------------------------------------------
make_lists() { # make_lists BASE: writes $WORK/every.{flags,aria,curl} (676 URLs) and $WORK/tenk.* (10,000 URLs)
  python3 - "$1" "$WORK" "$FIXTURES" <<'PY'
import os, sys
base, work, fixtures = sys.argv[1], sys.argv[2], sys.argv[3]
codes = [a + b for a in "abcdefghijklmnopqrstuvwxyz" for b in "abcdefghijklmnopqrstuvwxyz"]
every = [(f"{base}/{c}/{c}.gif", f"{c}.gif") for c in codes]
found = sorted(d for d in os.listdir(fixtures) if os.path.isfile(os.path.join(fixtures, d, d + ".gif")))
tenk = [(f"{base}/{found[i % len(found)]}/{found[i % len(found)]}.gif?i={i}", f"f{i}.gif") for i in range(10000)]
for name, items in (("every", every), ("tenk", tenk)):
    with open(f"{work}/{name}.flags", "w") as f:
        f.writelines(f"{u} {n}\n" for u, n in items)
    with open(f"{work}/{name}.aria", "w") as f:
        f.writelines(f"{u}\n  out={n}\n" for u, n in items)
    with open(f"{work}/{name}.curl", "w") as f:
        f.writelines(f'url = "{u}"\noutput = "{work}/out/{n}"\n' for u, n in items)
PY
}

run_table() { # run_table TITLE LIST C EXTRA_FLAGS_ARGS...
  local title=$1 list=$2 c=$3; shift 3
  echo "| client | C | wall (s, median) | ratio to faster of aria2c/curl | CPU user+sys (s) | max RSS (MB) |"
  echo "|---|---|---|---|---|---|"
  # aria2c is an order of magnitude slower on 10,000 small files; one run is enough to show it.
  N=$([ "$list" = tenk ] && echo 1 || echo "$REPS") timed aria2c -q -i "$WORK/$list.aria" -j "$c" -d "$WORK/out" --allow-overwrite=true --auto-file-renaming=false \
    --max-tries=1 --console-log-level=error --summary-interval=0 --download-result=hide
  local aria=$WALL aria_rss=$RSS aria_cpu=$CPU
  timed curl -s --no-progress-meter --parallel --parallel-max "$c" --config "$WORK/$list.curl"
  local curlw=$WALL curl_rss=$RSS curl_cpu=$CPU
  local best; best=$(python3 -c "print(min($aria,$curlw))")
  echo "| aria2c -j $c | $c | $aria | $(python3 -c "print(f'{$aria/$best:.2f}')") | $aria_cpu | $aria_rss |"
  echo "| curl --parallel | $c | $curlw | $(python3 -c "print(f'{$curlw/$best:.2f}')") | $curl_cpu | $curl_rss |"
  for s in "${STRATEGIES[@]}"; do
    if [ "$s" = sequential ] && [ "$list" = tenk ]; then continue; fi
    timed "$@" --strategy "$s" -m "$c" -o "$WORK/out"
    echo "| flags --strategy $s | $([ "$s" = sequential ] && echo 1 || echo "$c") | $WALL | $(python3 -c "print(f'{$WALL/$best:.2f}')") | $CPU | $RSS |"
  done
  echo
}

for server in "flags serve:$LOCAL" "nginx:$NGINX"; do
  name=${server%%:*}; base=${server#*:}
  make_lists "$base"
  echo "### LOCAL -e (676 codes: 194 found, 482 not found) against $name"
  echo
  run_table "-e" every 30 "${FLAGS[@]}" -s "$base" -e
  echo "### 10,000 requests (the 194 flags cycled, distinct names) against $name: flags fetch"
  echo
  run_table "10k" tenk 30 "${FLAGS[@]}" fetch -i "$WORK/tenk.flags"
done
