#!/usr/bin/env bash
# Benchmarks the flags Native AOT executable (issue 6) against curl and wget2, and against the same program on the JIT
# (`dotnet flags.dll`), all fetching from nginx on 127.0.0.1 serving the flag fixtures. Loopback only.
#
#   bench/native/bench.sh [FIXTURES_DIR]            (default /work/shared/fixtures/flags)
#   RUNS=40 E_RUNS=10 bench/native/bench.sh
#
# Needs: dotnet, nginx, curl, wget2, hyperfine, /usr/bin/time, python3
#   (Debian: apt-get update && apt-get install -y nginx-light curl wget2 hyperfine time)
# Prints Markdown tables: hyperfine medians, peak RSS (median of 5 runs of /usr/bin/time -v) and ratios.
set -euo pipefail

FIXTURES=$(realpath "${1:-/work/shared/fixtures/flags}")
RUNS=${RUNS:-40}
E_RUNS=${E_RUNS:-10}
PORT=${PORT:-18190}
REPO=$(cd "$(dirname "$0")/../.." && pwd)
. "$REPO/bench/lib/nginx.sh"
WORK=$(mktemp -d /tmp/flags-native-bench.XXXXXX)
OUT=$(mktemp -d /dev/shm/flags-native-bench.XXXXXX)
cleanup() {
  [ -f "$WORK/nginx.pid" ] && kill -QUIT "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK" "$OUT"
}
trap cleanup EXIT

echo "Publishing native and JIT builds..." >&2
start=$(date +%s.%N)
dotnet publish "$REPO/src/Flags" -c Release -r linux-x64 -o "$WORK/native" -v quiet -nologo >&2
end=$(date +%s.%N)
PUBLISH_SECONDS=$(python3 -c "print(f'{$end - $start:.0f}')")
dotnet publish "$REPO/src/Flags" -c Release -p:PublishAot=false -o "$WORK/jit" -v quiet -nologo >&2
NATIVE="$WORK/native/flags"
JIT="dotnet $WORK/jit/flags.dll"

# --- nginx ---------------------------------------------------------------------------------------------------------
start_nginx "$WORK" "$PORT" "location /flags/ { alias $FIXTURES/; }"
BASE=http://127.0.0.1:$PORT/flags
for _ in $(seq 100); do curl -sf -o /dev/null "$BASE/br/br.gif" && break; sleep 0.1; done

# The 676 URLs of -e (AA..ZZ), for wget2.
python3 - "$BASE" > "$WORK/every.txt" <<'PY'
import string, sys
for a in string.ascii_lowercase:
    for b in string.ascii_lowercase:
        print(f"{sys.argv[1]}/{a}{b}/{a}{b}.gif")
PY

median_ms() { # hyperfine JSON, command index
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]; print(f\"{r['median']*1000:.1f}\")" "$1" "$2"
}
peak_rss_mb() { # median of 5 max-RSS readings of a command
  local readings=()
  for _ in 1 2 3 4 5; do
    /usr/bin/time -f %M -o "$WORK/rss" "$@" > /dev/null 2>&1 || true
    readings+=("$(tail -n 1 "$WORK/rss")")
  done
  printf '%s\n' "${readings[@]}" | sort -n | sed -n 3p | awk '{printf "%.1f", $1 / 1024}'
}

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

# --- start-up plus one request -------------------------------------------------------------------------------------
mkdir -p "$OUT/one"
hyperfine -N --warmup 5 --runs "$RUNS" --export-json "$WORK/one.json" \
  -n "flags (native)" "$NATIVE -s $BASE br -o $OUT/one" \
  -n "curl" "curl -s -o $OUT/one/br.gif $BASE/br/br.gif" \
  -n "wget2" "wget2 -q -O $OUT/one/br.gif $BASE/br/br.gif" \
  -n "dotnet flags.dll (JIT)" "$JIT -s $BASE br -o $OUT/one" >&2

echo "## flags native"
echo
echo "Machine: 2 cores, shared with other builds (noisy). nginx on 127.0.0.1 serving $FIXTURES."
echo "Native publish (\`dotnet publish src/Flags -c Release -r linux-x64\`): ${PUBLISH_SECONDS} s;" \
  "binary $(du -m "$NATIVE" | cut -f1) MB. Load average at start: $LOAD_BEFORE."
echo
echo "### Start-up plus one request (BR), hyperfine -N --warmup 5 --runs $RUNS"
echo
echo "| Command | Median | vs native | Peak RSS |"
echo "|---|---:|---:|---:|"
native_ms=$(median_ms "$WORK/one.json" 0)
i=0
for row in "flags (native)|$NATIVE -s $BASE br -o $OUT/one" \
           "curl|curl -s -o $OUT/one/br.gif $BASE/br/br.gif" \
           "wget2|wget2 -q -O $OUT/one/br.gif $BASE/br/br.gif" \
           "dotnet flags.dll (JIT)|$JIT -s $BASE br -o $OUT/one"; do
  name=${row%%|*}; cmd=${row#*|}
  ms=$(median_ms "$WORK/one.json" $i)
  # shellcheck disable=SC2086 # cmd is a simple space-separated command line
  rss=$(peak_rss_mb $cmd)
  ratio=$(python3 -c "print(f'{$ms / $native_ms:.2f}x')")
  shown=${cmd//$WORK/\$WORK}
  echo "| \`${shown//$OUT/\$OUT}\` ($name) | $ms ms | $ratio | $rss MB |"
  i=$((i + 1))
done

# --- -e: 676 codes, 194 found, 482 not found, concurrency 30 -------------------------------------------------------
mkdir -p "$OUT/e"
hyperfine -N -i --warmup 2 --runs "$E_RUNS" --export-json "$WORK/every.json" --prepare "rm -rf $OUT/e" \
  -n "flags (native) -e -m 30" "$NATIVE -e -m 30 -s $BASE -o $OUT/e" \
  -n "wget2 --max-threads 30" "wget2 -q --max-threads 30 -i $WORK/every.txt -P $OUT/e" \
  -n "dotnet flags.dll (JIT) -e -m 30" "$JIT -e -m 30 -s $BASE -o $OUT/e" >&2
found=$(ls "$OUT/e" | wc -l)
echo
echo "### -e (676 codes: 194 found, 482 not found) at concurrency 30, hyperfine -N -i --warmup 2 --runs $E_RUNS"
echo
echo "| Command | Median | vs native |"
echo "|---|---:|---:|"
e_native=$(median_ms "$WORK/every.json" 0)
i=0
for row in "flags (native)|$NATIVE -e -m 30 -s $BASE -o \$OUT" \
           "wget2|wget2 -q --max-threads 30 -i every.txt -P \$OUT" \
           "JIT|dotnet flags.dll -e -m 30 -s $BASE -o \$OUT"; do
  name=${row%%|*}; cmd=${row#*|}
  ms=$(median_ms "$WORK/every.json" $i)
  echo "| \`${cmd//$WORK/\$WORK}\` ($name) | $ms ms | $(python3 -c "print(f'{$ms / $e_native:.2f}x')") |"
  i=$((i + 1))
done
echo
echo "Files in the last -e output folder: $found (194 expected). Load average at end: $(cut -d' ' -f1-3 /proc/loadavg)."
