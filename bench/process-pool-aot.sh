#!/usr/bin/env bash
# The process pool in a Native AOT executable against the same app under the JIT: tests/Futures.AotApp's "bench N"
# mode (new pool to first result, N round trips of a tiny task, a chunked Map of 50*N items) run ROUNDS times each,
# native and JIT interleaved, then the medians and their ratios. The JIT run is the app's framework-dependent build,
# whose workers are the Futures.Worker host under `dotnet exec`; the native one starts its own executable as workers.
# Usage: bench/process-pool-aot.sh [ROUNDS=7] [N=2000]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-7}
count=${2:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

timeout 10m dotnet publish "$repo/tests/Futures.AotApp" -c Release -r linux-x64 -o "$work/native" >"$work/publish.log" 2>&1 || { tail -n 20 "$work/publish.log"; exit 1; }
timeout 10m dotnet build "$repo/tests/Futures.AotApp" -c Release -p:PublishAot=false -o "$work/jit" >"$work/build.log" 2>&1 || { tail -n 20 "$work/build.log"; exit 1; }

for _ in $(seq "$rounds"); do
    timeout 120s "$work/native/Futures.AotApp" bench "$count" | sed 's/^/native /' >>"$work/results"
    timeout 120s dotnet "$work/jit/Futures.AotApp.dll" bench "$count" | sed 's/^/jit /' >>"$work/results"
done

median() { grep "^$1 $2: " "$work/results" | sed "s/^$1 $2: //" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
echo "Process pool, Native AOT vs JIT: $rounds interleaved rounds, N=$count, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-18s %12s %12s %10s\n' measure native jit native/jit
for measure in "first result ms" "round trip us" "map items per s"; do
    n=$(median native "$measure")
    j=$(median jit "$measure")
    printf '%-18s %12s %12s %10s\n' "$measure" "$n" "$j" "$(awk -v a="$n" -v b="$j" 'BEGIN { printf "%.2f", a / b }')"
done
