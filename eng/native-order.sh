#!/usr/bin/env bash
# Writes src/Flags/native-method-order.txt: the managed methods the Native AOT flags executes in its usual runs, which
# the compiler then lays out first and together (IlcOrderFile in src/Flags/Flags.csproj).
#
#   eng/native-order.sh [OUTPUT]       default OUTPUT: src/Flags/native-method-order.txt
#
# Why: the kernel maps an executable's pages in 64 KB blocks around each one touched ("fault-around"), so the ~600 KB
# of code a download runs, spread over 6 MB of methods in the compiler's default order, kept ~5 MB of the image
# resident. Packed together they keep ~2 MB (docs/benchmarks.md, "Issue 18, memory: the hot code first").
#
# How: publishes the native binary from this checkout, runs the workloads below under valgrind's exp-bbv tool (it
# lists every basic block executed), maps each block to its method with the symbols of flags.dbg, and writes the
# methods of the __managedcode section, workload by workload in the order below (each method once, where it first
# appears), so the download path comes first. Names the compiler no longer has are ignored by it, and methods the
# list lacks go after the listed ones, so a stale list costs memory, never correctness; run this again after a
# change to what a run executes (a new dependency, a new path in the engine). Loopback only.
# Needs: dotnet, valgrind (apt-get install valgrind), nm (binutils), python3.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
OUTPUT=${1:-$REPO/src/Flags/native-method-order.txt}
command -v valgrind >/dev/null || { echo "native-order.sh: valgrind is missing (apt-get install valgrind)." >&2; exit 2; }
command -v nm >/dev/null || { echo "native-order.sh: nm is missing (apt-get install binutils)." >&2; exit 2; }

WORK=$(mktemp -d /dev/shm/native-order.XXXXXX)
SERVER_PIDS=()
cleanup() {
  local pid
  for pid in "${SERVER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Publishing the Native AOT binary..." >&2
dotnet publish "$REPO/src/Flags" -c Release -r linux-x64 -o "$WORK/pub" -v quiet -nologo >&2
# valgrind 3.19 gives up on flags.dbg's debug info, so it runs a copy without it; nm reads the symbols from it.
mkdir "$WORK/bin"
cp "$WORK/pub/flags" "$WORK/bin/flags"
FLAGS=$WORK/bin/flags

# serve NAME ARGS...: starts `flags ARGS` (a `serve` command line) in the background and sets URL to what it serves.
serve() {
  local name=$1; shift
  "$@" > "$WORK/$name.log" 2>&1 &
  SERVER_PIDS+=($!)
  for _ in $(seq 300); do
    URL=$(grep -o 'https\?://127\.0\.0\.1:[0-9]*/flags' "$WORK/$name.log" | head -1 || true)
    [ -n "$URL" ] && return 0
    sleep 0.1
  done
  echo "native-order.sh: $name did not start: $(cat "$WORK/$name.log")" >&2
  exit 1
}

# stop: ends the newest server with SIGTERM (flags serve's graceful stop, so valgrind writes its profile) and waits.
stop() {
  local pid=${SERVER_PIDS[-1]}
  kill -TERM "$pid"
  wait "$pid" || true
  unset 'SERVER_PIDS[-1]'
}

# Every profile is one exp-bbv run writing the next of pc.01, pc.02, ...: their order is the list's.
PROFILE=(valgrind -q --tool=exp-bbv --bb-out-file=/dev/null)
N=0
# next_profile: sets PC to the next profile file.
next_profile() {
  N=$((N + 1))
  PC=$WORK/pc.$(printf %02d $N)
}

# profiled CODES ARGS...: runs the command line ARGS... under exp-bbv into the next profile file; an exit code not in
# CODES (e.g. "0" or "0 1") stops the script, since a run that failed early would leave its path out of the list.
profiled() {
  local codes=$1 code=0; shift
  next_profile
  "${PROFILE[@]}" --pc-out-file="$PC" "$@" > "$PC.log" 2>&1 || code=$?
  if [[ " $codes " != *" $code "* ]]; then
    echo "native-order.sh: '${*:2}' exited with $code (expected $codes):" >&2
    tail -n 5 "$PC.log" >&2
    exit 1
  fi
}

# client ARGS...: the native flags, unprofiled, against a profiled server; a failure stops the script, as above.
client() {
  "$FLAGS" "$@" > "$PC.client.log" 2>&1 && return
  echo "native-order.sh: the client '$*' of a profiled server exited with $?:" >&2
  tail -n 5 "$PC.client.log" >&2
  exit 1
}

OUT=$WORK/out
serve plain "$FLAGS" serve --port 0
PLAIN=$URL
# A static site that answers as nginx does (keep-alive, Last-Modified, ETag, Accept-Ranges), with 10,000 files of 4 KB
# and a few missing ones: the shape of bench/peers' longest row, with its collections, finalizers and table growth.
cat > "$WORK/site.py" <<'PY'
import http.server, os
body = os.urandom(4096)
class Site(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_GET(self):
        found = self.path.startswith("/f/") and not self.path.endswith("x.bin")
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body) if found else 0))
        self.send_header("Last-Modified", "Wed, 02 Dec 2026 05:39:13 GMT")
        self.send_header("ETag", '"6b0faf01-1000"')
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("Connection", "keep-alive")
        self.end_headers()
        if found:
            self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Site)
print(f"http://127.0.0.1:{server.server_port}/flags", flush=True)
server.serve_forever()
PY
serve site python3 "$WORK/site.py"
python3 - "${URL%/flags}" > "$WORK/urls.txt" <<'PY'
import sys
print("\n".join(f"{sys.argv[1]}/f/{i:06d}{'x' if i % 500 == 7 else ''}.bin" for i in range(10000)))
PY

# 1. The download path: a URL list at -m 64 (saved and not found; paths relative, as typed), then the codes of the
#    book's examples.
cd "$WORK"
profiled 0 "$FLAGS" fetch -i urls.txt -m 64 -o out/1
profiled 0 "$FLAGS" -s "$PLAIN" -e -m 30 -o "$OUT/2"
profiled 0 "$FLAGS" -s "$PLAIN" -a -v --skip-existing -o "$OUT/2"
profiled 0 "$FLAGS" -s "$PLAIN" -a --json -o "$OUT/3"
profiled 0 "$FLAGS" -s "$PLAIN" -a --strategy futures -o "$OUT/4"
# 2. The README's first command (the embedded server in the process), and faults with retries.
profiled 0 "$FLAGS" -o "$OUT/5"
profiled "0 1" "$FLAGS" -s ERROR -a -m 30 --timeout 2s -o "$OUT/6"
# 3. HTTPS with HTTP/2 by ALPN, against a server of its own.
serve tls "$FLAGS" serve --tls --port 0
profiled 0 "$FLAGS" -s "$URL" -k -a -o "$OUT/7"
stop
# 4. The server: plain and TLS, each hit by a (native, unprofiled) client, then stopped as a user stops it.
next_profile
serve served "${PROFILE[@]}" --pc-out-file="$PC" "$FLAGS" serve --port 0
client -s "$URL" -e -m 30 -o "$OUT/8"
stop
next_profile
serve served-tls "${PROFILE[@]}" --pc-out-file="$PC" "$FLAGS" serve --tls --port 0
client -s "$URL" -k -a -o "$OUT/9"
stop
# 5. What every user meets once: help, version, a usage error.
profiled 0 "$FLAGS" --help
profiled 0 "$FLAGS" --version
profiled 2 "$FLAGS" -m 0

nm -n --defined-only "$WORK/pub/flags.dbg" > "$WORK/symbols.txt"
SECTION=$(readelf -SW "$WORK/pub/flags" | awk '$2 == "__managedcode" { print $4, $6 }')
python3 - "$WORK/symbols.txt" "$SECTION" "$OUTPUT" "$WORK"/pc.?? <<'PY'
import bisect, sys
symbols, section, output, profiles = sys.argv[1], sys.argv[2].split(), sys.argv[3], sys.argv[4:]
start, size = int(section[0], 16), int(section[1], 16)
addresses, names = [], []
for line in open(symbols):
    parts = line.split(None, 2)
    if len(parts) == 3 and start <= int(parts[0], 16) < start + size:
        addresses.append(int(parts[0], 16))
        names.append(parts[2].strip())
order, seen = [], set()
for profile in profiles:
    before = len(order)
    for line in open(profile):
        # F:<block>:<address>:<function>, in address order
        fields = line.split(":")
        if fields[0] != "F":
            continue
        address = int(fields[2], 16)
        i = bisect.bisect_right(addresses, address) - 1
        if i < 0 or address >= start + size or names[i] in seen:
            continue
        seen.add(names[i])
        order.append(names[i])
    print(f"{profile.rsplit('/', 1)[-1]}: {len(order) - before} methods more", file=sys.stderr)
if len(order) < 1000:
    sys.exit(f"native-order.sh: only {len(order)} methods were profiled; see the run logs")
with open(output, "w") as f:
    f.write("".join(name + "\n" for name in order))
print(f"{len(order)} methods from {len(profiles)} runs -> {output}", file=sys.stderr)
PY
