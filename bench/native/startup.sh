#!/usr/bin/env bash
# Start-up and memory of the flags Native AOT executable against curl and wget2 (issue 18, parts 1 and 3), from nginx
# on 127.0.0.1, output on /dev/shm. Loopback only. Every table comes from one invocation, the commands interleaved.
#
#   bench/native/startup.sh [FLAGS_BINARY]     BASELINE=/path/to/other/flags RUNS=80 REPS=5 FILES=10000 C=64 RT=1
#
# Without FLAGS_BINARY the binary is published from this checkout. The flag is FIXTURES/br/br.gif (default
# /work/shared/fixtures/flags), or 11,623 random bytes without it. BASELINE (e.g. a build of main) joins every table.
# RT=1 runs each start-up command under `chrt -f 10` (SCHED_FIFO): on a loaded shared machine the wall time is then
# the program's own, not the wait for a core; RT=0 measures as a user meets it. Needs: dotnet, python3, nginx, curl,
# wget2, /usr/bin/time, strace; valgrind for the instruction counts (skipped without it).
#
# Prints Markdown:
#  1. start-up + 1 request (BR) and `flags --version`: median wall (ms), interleaved RUNS times;
#  2. where one request's time goes: syscall markers (strace --seccomp-bpf, so times are a little inflated);
#  3. instructions of one run (valgrind lackey: the same count on any load);
#  4. 10,000 x 4 KB files at -m C: peak RSS and wall, REPS interleaved runs, with wget2 and curl --parallel.
set -euo pipefail

RUNS=${RUNS:-80}
REPS=${REPS:-5}
FILES=${FILES:-10000}
C=${C:-64}
PORT=${PORT:-18093}
RT=${RT:-1}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
FIXTURES=${FIXTURES:-/work/shared/fixtures/flags}
. "$REPO/bench/lib/nginx.sh"
. "$REPO/bench/lib/fetch-files.sh"
fetch_files_setup flags-startup "${1:-}"
BASELINE=${BASELINE:-}
mkdir -p "$WORK/www/flags/br" "$WORK/one"
# One flag: the fixture when the checkout has one, else 12 KB of bytes served as br.gif.
if [ -f "$FIXTURES/br/br.gif" ]; then cp "$FIXTURES/br/br.gif" "$WORK/www/flags/br/br.gif"; else head -c 11623 /dev/urandom > "$WORK/www/flags/br/br.gif"; fi
BASE=http://127.0.0.1:$PORT/flags
RTP=""; [ "$RT" = 1 ] && RTP="chrt -f 10"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# interleave RUNS name cmd name cmd ...: median/p25/p75 wall in ms, and each median's ratio to the first command's.
interleave() {
  python3 - "$@" <<'PY'
import os, shlex, statistics, subprocess, sys, time
runs = int(sys.argv[1]); pairs = list(zip(sys.argv[2::2], sys.argv[3::2]))
times = {n: [] for n, _ in pairs}
null = open(os.devnull, "w")
for _, c in pairs:
    for _ in range(3): subprocess.run(shlex.split(c), stdout=null, stderr=null)
for i in range(runs):
    for n, c in (pairs if i % 2 == 0 else pairs[::-1]):
        t = time.perf_counter(); subprocess.run(shlex.split(c), stdout=null, stderr=null); times[n].append((time.perf_counter() - t) * 1000)
ref = statistics.median(times[pairs[0][0]])
print(f"| command | median (ms) | p25 | p75 | vs {pairs[0][0]} |\n|---|---:|---:|---:|---:|")
for n, _ in pairs:
    q = statistics.quantiles(times[n], n=4); m = statistics.median(times[n])
    print(f"| {n} | {m:.1f} | {q[0]:.1f} | {q[2]:.1f} | {m / ref:.2f}x |")
PY
}

# phases RUNS BINARY: medians of the gaps between syscall markers of one request.
phases() {
  python3 - "$@" <<'PY'
import os, statistics, subprocess, sys, tempfile
runs, cmd = int(sys.argv[1]), sys.argv[2:]
names = ["exec to first managed syscall (runtime init)", "to the output folder (console, command line, parse, bind)",
         "to the probe's connect (sockets set-up)", "to the header on stdout (probe answered, thread pool)",
         "to the request's connect (fetcher: handler, Polly pipeline)", "to GET sent", "to the file renamed (answer, .part, rename)",
         "to exit_group (summary, disposal)"]
keys = ["exec", "managed", "folder", "probe", "header", "connect", "sent", "renamed", "exit"]
rows = {n: [] for n in names}
for _ in range(runs):
    out = tempfile.mktemp()
    subprocess.run(["strace", "--seccomp-bpf", "-f", "-ttt", "-o", out, "-e",
                    "trace=execve,fcntl,mkdir,connect,sendto,rename,write,exit_group"] + cmd,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t, connects = {}, []
    for line in open(out):
        p = line.split(None, 2)
        if len(p) < 3: continue
        ts, c = float(p[1]), p[2]
        first = lambda k: t.setdefault(k, ts)
        if c.startswith("execve("): t["exec"] = ts  # the last exec: the program's own
        elif c.startswith("fcntl("): first("managed")
        elif c.startswith("mkdir("): first("folder")
        elif c.startswith("connect(") and "127.0.0.1" in c: connects.append(ts)
        elif c.startswith("write(") and " site: " in c: first("header")
        elif c.startswith("sendto(") and "GET " in c: first("sent")
        elif c.startswith("rename("): first("renamed")
        elif c.startswith("exit_group("): t["exit"] = ts
    os.unlink(out)
    if len(connects) < 2: continue
    t["probe"], t["connect"] = connects[0], connects[-1]
    if all(k in t for k in keys):
        for n, a, b in zip(names, keys, keys[1:]): rows[n].append((t[b] - t[a]) * 1000)
print("| phase | median (ms) |\n|---|---:|")
for n in names: print(f"| {n} | {statistics.median(rows[n]):.2f} |")
print(f"| sum of the medians | {sum(statistics.median(rows[n]) for n in names):.2f} |")
PY
}

instructions() { # BINARY ARGS...: guest instructions of one run (valgrind lackey; the binary copied away from its .dbg)
  local d; d=$(mktemp -d); cp "$1" "$d/flags"; shift
  valgrind --tool=lackey --basic-counts=yes -q "$d/flags" "$@" > /dev/null 2> "$d/err" || true
  awk '/guest instrs:/ {gsub(",", "", $4); printf "%.2f M", $4 / 1e6}' "$d/err"; rm -rf "$d"
}

echo "## Start-up and memory (issue 18), $(date -u +%FT%TZ)"
echo
echo "Machine: $(nproc) cores, shared; load average at start $LOAD_BEFORE. nginx on 127.0.0.1; output on /dev/shm."
echo "flags: \`$FLAGS\` ($(du -m "$FLAGS" | cut -f1) MB)${BASELINE:+; baseline: \`$BASELINE\` ($(du -m "$BASELINE" | cut -f1) MB)}. RT=$RT."
echo
echo "### Start-up + 1 request, $RUNS interleaved runs${RTP:+ under \`$RTP\`}"
echo
args=("flags" "$RTP $FLAGS -s $BASE br -o $WORK/one")
[ -n "$BASELINE" ] && args+=("baseline" "$RTP $BASELINE -s $BASE br -o $WORK/one")
args+=("curl" "$RTP curl -s -o $WORK/one/br.gif $BASE/br/br.gif" "wget2" "$RTP wget2 -q -O $WORK/one/br.gif $BASE/br/br.gif"
       "flags --version" "$RTP $FLAGS --version")
interleave "$RUNS" "${args[@]}"
echo
echo "### Where one request's time goes (flags, 30 runs under strace, medians)"
echo
# Not under chrt: a traced real-time thread that spins for a new thread to start stalls for tens of milliseconds.
phases 30 "$FLAGS" -s "$BASE" br -o "$WORK/one"
if command -v valgrind > /dev/null; then
  echo
  echo "### Instructions of one run (valgrind lackey)"
  echo
  echo "| binary | start-up + 1 request | --version |"
  echo "|---|---:|---:|"
  echo "| flags | $(instructions "$FLAGS" -s "$BASE" br -o "$WORK/one") | $(instructions "$FLAGS" --version) |"
  [ -n "$BASELINE" ] && echo "| baseline | $(instructions "$BASELINE" -s "$BASE" br -o "$WORK/one") | $(instructions "$BASELINE" --version) |"
fi

# --- 10,000 files: peak RSS and wall -------------------------------------------------------------------------------
awk '{print "url = \"" $0 "\"\noutput = \"'"$WORK"'/out/" NR ".bin\""}' "$WORK/urls.txt" > "$WORK/curl.cfg"
big() { # NAME COMMAND...: one run; appends "wall_s peak_kb files" to $WORK/NAME.big
  local name=$1; shift
  rm -rf "$WORK/out"; mkdir -p "$WORK/out"
  /usr/bin/time -f '%e %M' -o "$WORK/time.txt" "$@" > /dev/null 2>&1 || true
  echo "$(cat "$WORK/time.txt") $(find "$WORK/out" -type f | wc -l)" >> "$WORK/$name.big"
}
CLIENTS=("flags")
[ -n "$BASELINE" ] && CLIENTS+=("baseline")
CLIENTS+=("wget2" "curl")
for _ in $(seq "$REPS"); do
  big flags "$FLAGS" fetch -i "$WORK/urls.txt" -o "$WORK/out" -m "$C"
  [ -n "$BASELINE" ] && big baseline "$BASELINE" fetch -i "$WORK/urls.txt" -o "$WORK/out" -m "$C"
  big wget2 wget2 -q --max-threads "$C" -i "$WORK/urls.txt" -P "$WORK/out"
  big curl curl -s --parallel --parallel-immediate --parallel-max "$C" -K "$WORK/curl.cfg"
done
echo
echo "### $FILES x 4 KB files at concurrency $C, $REPS interleaved runs (medians)"
echo
echo "| client | wall (s) | vs flags | peak RSS (MB) | peak RSS runs (MB) | files saved (fewest) |"
echo "|---|---:|---:|---:|---|---:|"
ref=$(python3 -c 'import sys,statistics; print(statistics.median(float(l.split()[0]) for l in open(sys.argv[1])))' "$WORK/flags.big")
for c in "${CLIENTS[@]}"; do
  python3 - "$WORK/$c.big" "$c" "$ref" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
wall = statistics.median(float(r[0]) for r in rows); rss = [int(r[1]) / 1024 for r in rows]
print(f"| {sys.argv[2]} | {wall:.3f} | {wall / float(sys.argv[3]):.2f}x | {statistics.median(rss):.1f} | "
      f"{', '.join(f'{x:.1f}' for x in rss)} | {min(int(r[2]) for r in rows)} |")
PY
done
echo
echo "Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
