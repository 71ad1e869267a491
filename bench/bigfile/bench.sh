#!/usr/bin/env bash
# Benchmarks `flags fetch` on one big file (issue 17): a 1 GiB file served by nginx on 127.0.0.1, saved to the RAM
# disk /dev/shm, by flags (one stream; one stream on the big-file path with -c; --split 4) against `curl -o`, `wget2`
# and `aria2c -x4 -s4`. Repetitions are interleaved (A, B, C, ..., then again) so a burst of load from other work
# hits all of them. Reports the median wall time, the ratio to curl in the same run, peak memory (/usr/bin/time -v)
# and CPU seconds (user + sys) per GiB. Then the resume of a half-done file (-c) against a full fetch, and, with
# BIG_SPLIT=1, the test suite's split test on a 2 GiB blob. Loopback only. Cleans up on exit.
#
#   bench/bigfile/bench.sh                 REPS=3 SIZE_MB=1024 by default
#
# Needs: dotnet, nginx, curl, wget2, aria2c, /usr/bin/time
# (Debian: apt-get install -y nginx-light curl wget2 aria2 time). Prints Markdown.
set -euo pipefail

REPS=${REPS:-3}
SIZE_MB=${SIZE_MB:-1024}
PORT=${PORT:-18095}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/bench/lib/nginx.sh"
WORK=$(mktemp -d /dev/shm/bigfile-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers run as an unprivileged user
cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -n "${FLAGS_NATIVE:-}" ]; then
  NATIVE=("$FLAGS_NATIVE")
else
  echo "Publishing the Native AOT binary (linux-x64)..." >&2
  dotnet publish "$REPO/src/Flags" -c Release -r linux-x64 -o "$WORK/native" -v quiet -nologo >&2
  NATIVE=("$WORK/native/flags")
fi

mkdir -p "$WORK/www"
head -c "$((SIZE_MB << 20))" /dev/urandom > "$WORK/www/big.bin"
start_nginx "$WORK" "$PORT" "root $WORK/www;"
URL="http://127.0.0.1:$PORT/big.bin"
for _ in $(seq 100); do curl -sf -o /dev/null -r 0-0 "$URL" && break; sleep 0.1; done
EXPECTED=$(sha256sum "$WORK/www/big.bin" | cut -d' ' -f1)

median() { python3 -c 'import sys,statistics; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.2f}")' "$@"; }

# run NAME CMD...: one timed run into a fresh output folder; appends "wall rss_kb cpu ok" to $WORK/NAME.runs.
run() {
  local name=$1; shift
  rm -rf "$WORK/out"; mkdir -p "$WORK/out"
  /usr/bin/time -v -o "$WORK/time.txt" "$@" > "$WORK/cmd.out" 2> "$WORK/cmd.err" || true
  record "$name"
}

record() {
  local wall kb cpu ok
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$WORK/time.txt")
  kb=$(awk -F': ' '/Maximum resident set size/{print $2}' "$WORK/time.txt")
  cpu=$(awk -F': ' '/User time|System time/{s+=$2} END{print s}' "$WORK/time.txt")
  ok=$([ -f "$WORK/out/big.bin" ] && [ "$(sha256sum "$WORK/out/big.bin" | cut -d' ' -f1)" = "$EXPECTED" ] && echo 1 || echo 0)
  echo "$wall $kb $cpu $ok" >> "$WORK/$1.runs"
}

CLIENTS=(curl wget2 aria2c-x4 flags flags-c flags-x4)
client() {
  case $1 in
    curl) run curl curl -s -o "$WORK/out/big.bin" "$URL" ;;
    wget2) run wget2 wget2 -q -O "$WORK/out/big.bin" "$URL" ;;
    aria2c-x4) run aria2c-x4 aria2c -q -x4 -s4 -d "$WORK/out" -o big.bin --file-allocation=none --allow-overwrite=true \
      --console-log-level=error --summary-interval=0 --download-result=hide "$URL" ;;
    flags) run flags "${NATIVE[@]}" fetch "$URL" -o "$WORK/out" --timeout 5m ;;
    flags-c) run flags-c "${NATIVE[@]}" fetch "$URL" -c -o "$WORK/out" ;;
    flags-x4) run flags-x4 "${NATIVE[@]}" fetch "$URL" -x 4 -o "$WORK/out" ;;
  esac
}

echo "Warm-up..." >&2
for c in "${CLIENTS[@]}"; do client "$c"; done
rm -f "$WORK"/*.runs
for r in $(seq "$REPS"); do
  echo "Round $r of $REPS..." >&2
  for c in "${CLIENTS[@]}"; do client "$c"; done
done

# Resume: a half-done .part with the sidecar a -c run leaves (nginx's ETag), against a full -c fetch.
ETAG=$(curl -sI "$URL" | awk -F': ' 'tolower($1)=="etag"{gsub("\r",""); print $2}')
half() {
  rm -rf "$WORK/out"; mkdir -p "$WORK/out"
  head -c "$((SIZE_MB << 19))" "$WORK/www/big.bin" > "$WORK/out/big.bin.part"
  printf 'flags-resume 1\nurl=%s\nlength=%s\netag=%s\n' "$URL" "$((SIZE_MB << 20))" "$ETAG" > "$WORK/out/big.bin.part.resume"
  /usr/bin/time -v -o "$WORK/time.txt" "${NATIVE[@]}" fetch "$URL" -c -o "$WORK/out" -v > "$WORK/cmd.out" 2> "$WORK/cmd.err" || true
  grep -q "resumed at byte" "$WORK/cmd.out" || { echo "resume did not resume:" >&2; cat "$WORK/cmd.out" >&2; }
  record resume-half
}
for r in $(seq "$REPS"); do client flags-c; half; done

LOAD=$(cut -d' ' -f1-3 /proc/loadavg)
echo
echo "### One ${SIZE_MB} MiB file, nginx on 127.0.0.1 to /dev/shm ($REPS interleaved rounds, medians; load $LOAD; $(nproc) cores)"
echo
echo "| client | wall (s) | vs curl | MiB/s | peak RSS (MB) | CPU s per GiB | byte-identical |"
echo "|---|---|---|---|---|---|---|"
base=$(median $(awk '{print $1}' "$WORK/curl.runs"))
for c in "${CLIENTS[@]}"; do
  w=$(median $(awk '{print $1}' "$WORK/$c.runs"))
  m=$(median $(awk '{print $2/1024}' "$WORK/$c.runs"))
  cpu=$(median $(awk -v s="$SIZE_MB" '{print $3*1024/s}' "$WORK/$c.runs"))
  ok=$(awk '{s+=$4} END{print s "/" NR}' "$WORK/$c.runs")
  echo "| $c | $w | $(python3 -c "print(f'{$w/$base:.2f}x')") | $(python3 -c "print(f'{$SIZE_MB/$w:.0f}')") | $m | $cpu | $ok |"
done
full=$(median $(awk '{print $1}' "$WORK/flags-c.runs" | tail -n "$REPS"))
res=$(median $(awk '{print $1}' "$WORK/resume-half.runs"))
echo
echo "Resume of a half-done file (\`flags fetch -c\`, $((SIZE_MB / 2)) MiB kept): median ${res} s against ${full} s for the whole file with -c in the same rounds ($(python3 -c "print(f'{$res/$full:.2f}')") of the time); byte-identical $(awk '{s+=$4} END{print s "/" NR}' "$WORK/resume-half.runs")."

if [ "${BIG_SPLIT:-0}" = 1 ]; then
  echo "Running the 2 GiB --split 8 test..." >&2
  start=$(date +%s.%N)
  FLAGS_BIG_BLOB_BYTES=$((2 << 30)) dotnet test "$REPO/tests/Flags.Tests" --filter "FullyQualifiedName~Split8_BigBlob" >&2
  echo
  echo "2 GiB blob, \`-x 8\`, byte-identical and peak RSS under 100 MB (tests/Flags.Tests SplitTests, FLAGS_BIG_BLOB_BYTES=2147483648): passed in $(python3 -c "import time; print(f'{time.time()-$start:.0f}')") s including the build check."
fi
