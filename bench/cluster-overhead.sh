#!/usr/bin/env bash
# Per-item overhead of a no-op through ThreadPoolExecutor, ProcessPoolExecutor and ClusterExecutor (3 in-process silos
# on 127.0.0.1), single and chunked; then 3 silo processes with Redis membership against 3 with localhost clustering in
# the same run, in interleaved rounds (no-op per item and primes, each round's Redis/localhost ratio, and a new silo's
# start to its first work item). Needs redis-server.
# Usage: bench/cluster-overhead.sh [processes] [ROUNDS]   (processes: only the silo-process rows; ROUNDS default 11)
# Prints Markdown tables for docs/benchmarks.md (## ClusterExecutor).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
only_processes=false
if [[ "${1:-}" == processes ]]; then
  only_processes=true
  shift
fi
rounds="${1:-11}"
[[ "$rounds" =~ ^[0-9]+$ && "$rounds" -ge 2 ]] || { echo "bench/cluster-overhead.sh: '$rounds' is not a number of rounds (2 or more). Usage: bench/cluster-overhead.sh [processes] [ROUNDS]" >&2; exit 2; }
command -v redis-server >/dev/null || { echo "bench/cluster-overhead.sh needs redis-server: apt-get install -y redis-server" >&2; exit 2; }
dotnet build -c Release -v quiet -nologo bench/ClusterOverhead >/dev/null
app=bench/ClusterOverhead/bin/Release/net10.0/ClusterOverhead.dll
echo "uptime: $(uptime)"
$only_processes || dotnet "$app"
dotnet "$app" processes "$rounds"
echo "uptime: $(uptime)"
