#!/usr/bin/env bash
# Benchmarks `flags fetch` (issue 7) against curl --parallel, wget2 and aria2c on the same list: 10,000 files of 4 KB
# served by nginx on 127.0.0.1, 64 at once, everything (served files and output) on the RAM disk /dev/shm.
# Repetitions are interleaved (client A, B, C, D, then again) so a burst of load from other work hits all of them.
# Then peak memory of flags fetch for a 10,000- and a 100,000-line list. Loopback only. Cleans up on exit.
#
#   bench/fetch/bench.sh                 REPS=3 FILES=10000 BIG=100000 C=64 by default
#
# Needs: dotnet, python3, nginx, curl, wget2, aria2c, /usr/bin/time
# (Debian: apt-get install -y nginx-light curl wget2 aria2 time). Prints Markdown.
set -euo pipefail

REPS=${REPS:-3}
FILES=${FILES:-10000}
BIG=${BIG:-100000}
C=${C:-64}
PORT=${PORT:-18090}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/bench/lib/nginx.sh"
WORK=$(mktemp -d /dev/shm/fetch-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user
cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Building Release (JIT, and Native AOT for linux-x64)..." >&2
dotnet publish "$REPO/src/Flags" -c Release -o "$WORK/flags" -v quiet -nologo >&2
dotnet publish "$REPO/src/Flags" -c Release -r linux-x64 -o "$WORK/native" -v quiet -nologo >&2
JIT=(dotnet "$WORK/flags/flags.dll")
NATIVE=("$WORK/native/flags")

# --- data: FILES files of 4,096 random bytes, and the lists -------------------------------------------------------
python3 - "$WORK" "$FILES" "$BIG" "$PORT" <<'PY'
import os, sys
work, files, big, port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
os.makedirs(f"{work}/www/f", exist_ok=True)
for i in range(files):
    with open(f"{work}/www/f/{i:06d}.bin", "wb") as f:
        f.write(os.urandom(4096))
base = f"http://127.0.0.1:{port}/f"
with open(f"{work}/urls.txt", "w") as f:
    f.writelines(f"{base}/{i:06d}.bin\n" for i in range(files))
with open(f"{work}/urls.curl", "w") as f:
    f.writelines(f'url = "{base}/{i:06d}.bin"\n' for i in range(files))
# BIG distinct URLs over the same files (a query makes each distinct), each saved under its own name.
with open(f"{work}/big.txt", "w") as f:
    f.writelines(f"{base}/{i % files:06d}.bin?n={i} b{i:07d}.bin\n" for i in range(big))
PY

start_nginx "$WORK" "$PORT" "root $WORK/www;"
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/f/000000.bin" && break; sleep 0.1; done

median() { python3 -c 'import sys,statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.2f}")' "$@"; }

# run NAME CMD...: one timed run in a fresh output folder; appends "wall rss_kb files" to $WORK/NAME.runs.
run() {
  local name=$1; shift
  rm -rf "$WORK/out"; mkdir -p "$WORK/out"
  /usr/bin/time -v -o "$WORK/time.txt" "$@" > "$WORK/cmd.out" 2> "$WORK/cmd.err" || true
  local wall kb n
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time.txt")
  kb=$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/time.txt")
  n=$(find "$WORK/out" -type f -size 4096c | wc -l)
  echo "$wall $kb $n" >> "$WORK/$name.runs"
}

# flags-S: the Native AOT binary with --strategy S (how the tool ships); jit-async: the same code on the JIT (dotnet flags.dll).
CLIENTS=(curl wget2 aria2c flags-async flags-threads flags-futures jit-async)
client() {
  case $1 in
    curl) run curl curl -s --parallel --parallel-immediate --parallel-max "$C" --remote-name-all --output-dir "$WORK/out" --config "$WORK/urls.curl" ;;
    wget2) run wget2 wget2 -q --max-threads "$C" --no-robots -P "$WORK/out" -i "$WORK/urls.txt" ;;
    aria2c) run aria2c aria2c -q -j "$C" -d "$WORK/out" -i "$WORK/urls.txt" --allow-overwrite=true --auto-file-renaming=false \
      --console-log-level=error --summary-interval=0 --download-result=hide ;;
    flags-*) run "$1" "${NATIVE[@]}" fetch -i "$WORK/urls.txt" -o "$WORK/out" -m "$C" --strategy "${1#flags-}" ;;
    jit-*) run "$1" "${JIT[@]}" fetch -i "$WORK/urls.txt" -o "$WORK/out" -m "$C" --strategy "${1#jit-}" ;;
  esac
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for _ in $(seq "$REPS"); do
  for c in "${CLIENTS[@]}"; do client "$c"; done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

echo "Machine: $(nproc) cores, $(awk '/MemTotal/{printf "%.1f GB", $2/1048576}' /proc/meminfo), load average before $load_before, after $load_after; REPS=$REPS interleaved; $(date -u +%FT%TZ)"
echo "curl $(curl --version | head -1 | cut -d' ' -f2), wget2 $(wget2 --version | head -1 | awk '{print $3}'), aria2c $(aria2c --version | head -1 | awk '{print $3}'), nginx $(nginx -v 2>&1 | cut -d/ -f2), dotnet $(dotnet --version)"
echo
echo "| client | C | wall (s, median of $REPS) | runs (s) | ratio to flags fetch (async) | max RSS (MB) | files saved |"
echo "|---|---|---|---|---|---|---|"
ref=$(median $(awk '{print $1}' "$WORK/flags-async.runs"))
for c in "${CLIENTS[@]}"; do
  walls=$(awk '{print $1}' "$WORK/$c.runs" | tr '\n' ' ')
  m=$(median $walls)
  rss=$(awk 'BEGIN{m=0} {if ($2>m) m=$2} END{printf "%.0f", m/1024}' "$WORK/$c.runs")
  saved=$(awk '{print $3}' "$WORK/$c.runs" | sort -n | head -1)
  echo "| $c | $C | $m | ${walls% } | $(python3 -c "print(f'{$m/$ref:.2f}')") | $rss | $saved |"
done
echo

# --- memory against list length ------------------------------------------------------------------------------------
head -n "$FILES" "$WORK/big.txt" > "$WORK/small.txt"
for list in small big; do
  rm -f "$WORK/mem-$list.runs"
  run "mem-$list" "${NATIVE[@]}" fetch -i "$WORK/$list.txt" -o "$WORK/out" -m "$C" --strategy async
done
echo "| flags fetch (native, async, C=$C) | lines | wall (s) | max RSS (MB) | files saved |"
echo "|---|---|---|---|---|"
for list in small big; do
  read -r wall kb n < "$WORK/mem-$list.runs"
  echo "| $list | $(wc -l < "$WORK/$list.txt") | $wall | $((kb / 1024)) | $n |"
done
