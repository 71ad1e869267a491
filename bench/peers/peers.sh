#!/usr/bin/env bash
# The peer table of issue 18 in one invocation: the flags Native AOT binary against wget2, curl --parallel
# --parallel-immediate, aria2c and Python aiohttp, every client on the same URL list from one nginx on 127.0.0.1,
# output on the RAM disk, one try per file, runs of a row interleaved (runner.py), medians. Rows:
#
#   one      start-up + 1 request (br)
#   every    676 codes (AA..ZZ: 194 found, 482 are 404), C=30
#   rtt30    194 flags through a proxy that adds a 100 ms RTT (rtt-proxy.cs: connect + request = 2 RTT), C=30,
#            floor 0.800 s (first request 0.2 s, then 6 waves of 0.1 s)
#   rtt194   the same at C=194 (all at once), floor 0.200 s
#   tenk     10,000 files of 4 KB, C=64 (and their peak RSS: the memory row)
#
# then (SERVER=1, the default) bench/server/flag-server-vs-nginx.sh with the same binary for the server row.
# Loopback only; everything it starts is stopped on exit.
#
#   bench/peers/peers.sh [FIXTURES_DIR]      FLAGS_BIN=path/to/flags (default: publish this checkout's native binary)
#   REPS=7 ONE_REPS=20 TENK_REPS=3 ROWS="one every rtt30 rtt194 tenk" SERVER=1 bench/peers/peers.sh
#
# Needs: dotnet, nginx, curl, wget2, aria2c, python3, Debian's python3-aiohttp (for /usr/bin/python3), wrk for the
# server row (Debian: apt-get install -y nginx-light curl wget2 aria2 python3-aiohttp wrk). Prints Markdown.
set -euo pipefail

FIXTURES=$(realpath "${1:-/work/shared/fixtures/flags}")
REPS=${REPS:-7}
ONE_REPS=${ONE_REPS:-20}
TENK_REPS=${TENK_REPS:-3}
ROWS=${ROWS:-one every rtt30 rtt194 tenk}
PORT=${PORT:-18410}
RTT_MS=${RTT_MS:-100}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$REPO/bench/peers
. "$REPO/bench/lib/nginx.sh"
. "$HERE/lib.sh"
peers_setup peers
PY=/usr/bin/python3
$PY -c 'import aiohttp' 2>/dev/null || { echo "No aiohttp for $PY (apt-get install -y python3-aiohttp)." >&2; exit 2; }

# --- data and servers ----------------------------------------------------------------------------------------------
BASE=http://127.0.0.1:$PORT/flags
SLOW=http://127.0.0.1:$((PORT + 1))/flags
python3 - "$WORK" "$FIXTURES" "$PORT" "$BASE" "$SLOW" <<'PY'
import os, sys
work, fixtures, port, base, slow = sys.argv[1:]
os.makedirs(f"{work}/www/f", exist_ok=True)
for i in range(10000):
    with open(f"{work}/www/f/{i:06d}.bin", "wb") as f:
        f.write(os.urandom(4096))
codes = [a + b for a in "abcdefghijklmnopqrstuvwxyz" for b in "abcdefghijklmnopqrstuvwxyz"]
found = [c for c in codes if os.path.isfile(f"{fixtures}/{c}/{c}.gif")]
lists = {
    "every": [f"{base}/{c}/{c}.gif" for c in codes],
    "found": [f"{slow}/{c}/{c}.gif" for c in found],
    "tenk": [f"http://127.0.0.1:{port}/f/{i:06d}.bin" for i in range(10000)],
}
for name, urls in lists.items():
    with open(f"{work}/{name}.txt", "w") as f:
        f.writelines(u + "\n" for u in urls)
    with open(f"{work}/{name}.curl", "w") as f:
        f.writelines(f'url = "{u}"\n' for u in urls)
print(len(found), file=open(f"{work}/found.count", "w"))
PY
start_nginx "$WORK" "$PORT" "location /flags/ { alias $FIXTURES/; } location /f/ { root $WORK/www; }"
echo "Building the RTT proxy (bench/peers/rtt-proxy.cs)..." >&2
dotnet build -c Release "$HERE/rtt-proxy.cs" -o "$WORK/rtt" -v quiet -nologo >&2
dotnet "$WORK/rtt/rtt-proxy.dll" "$((PORT + 1))" "$PORT" "$RTT_MS" > "$WORK/proxy.log" 2>&1 &
PEER_PIDS+=($!)
for url in "$BASE/br/br.gif" "$SLOW/br/br.gif"; do
  for _ in $(seq 100); do curl -sf -o /dev/null "$url" && break; sleep 0.1; done
done

# --- rows ----------------------------------------------------------------------------------------------------------
OUT=$WORK/out
RESULTS=$WORK/results.jsonl
CURL="curl -s -f --parallel --parallel-immediate --remote-name-all --output-dir {out}"
WGET="wget2 -q --tries=1 --no-robots -P {out}"
ARIA="aria2c -q -d {out} --max-tries=1 --allow-overwrite=true --auto-file-renaming=false --console-log-level=error --summary-interval=0 --download-result=hide"
AIO="$PY $HERE/aio_fetch.py -o {out}"
row() { # row NAME REPS C LIST FLAGS_ARGS
  local name=$1 reps=$2 c=$3 list=$4 flags_args=$5
  python3 "$HERE/runner.py" "$RESULTS" "$name" "$reps" 1 "$OUT" \
    "flags=$FLAGS $flags_args -m $c -o {out}" \
    "wget2=$WGET --max-threads $c -i $WORK/$list.txt" \
    "curl=$CURL --parallel-max $c --config $WORK/$list.curl" \
    "aria2c=$ARIA -j $c -i $WORK/$list.txt" \
    "aiohttp=$AIO -m $c -i $WORK/$list.txt"
}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
STARTED=$(date -u +%FT%TZ)
for r in $ROWS; do
  case $r in
    one) python3 "$HERE/runner.py" "$RESULTS" one "$ONE_REPS" 3 "$OUT" \
           "flags=$FLAGS -s $BASE br -o {out}" \
           "wget2=wget2 -q --tries=1 -P {out} $BASE/br/br.gif" \
           "curl=curl -s -f -o {out}/br.gif $BASE/br/br.gif" \
           "aria2c=$ARIA $BASE/br/br.gif" \
           "aiohttp=$AIO -m 1 $BASE/br/br.gif" ;;
    every) row every "$REPS" 30 every "-e -s $BASE" ;;
    rtt30) row rtt30 "$REPS" 30 found "fetch -i $WORK/found.txt" ;;
    rtt194) row rtt194 "$REPS" 194 found "fetch -i $WORK/found.txt" ;;
    tenk) row tenk "$TENK_REPS" 64 tenk "fetch -i $WORK/tenk.txt" ;;
  esac
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# --- table ---------------------------------------------------------------------------------------------------------
echo "Machine: $(nproc) cores, load average before $LOAD_BEFORE, after $LOAD_AFTER; started $STARTED; REPS=$REPS (one: $ONE_REPS, tenk: $TENK_REPS), interleaved; RTT $RTT_MS ms"
echo "flags: $FLAGS; curl $(curl --version | head -1 | cut -d' ' -f2), wget2 $(wget2 --version | head -1 | awk '{print $3}'), aria2c $(aria2c --version | head -1 | awk '{print $3}'), aiohttp $($PY -c 'import aiohttp; print(aiohttp.__version__)'), nginx $(nginx -v 2>&1 | cut -d/ -f2)"
echo
python3 "$HERE/table.py" "$RESULTS" "$(cat "$WORK/found.count")" "$WORK"

if [ "${SERVER:-1}" = 1 ]; then
  echo
  echo "Server row: FLAGS_BIN=$FLAGS bench/server/flag-server-vs-nginx.sh \"\" ${SERVER_SECONDS:-5} 32 3"
  FLAGS_BIN=$FLAGS "$REPO/bench/server/flag-server-vs-nginx.sh" "$FIXTURES" "${SERVER_SECONDS:-5}" 32 3
fi
