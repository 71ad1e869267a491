#!/usr/bin/env bash
# Per-item overhead of a no-op through ThreadPoolExecutor, ProcessPoolExecutor and ClusterExecutor (3 in-process silos
# on 127.0.0.1), single and chunked; then 3 silo processes with Redis membership against 3 with localhost clustering in
# the same run (no-op per item, primes speed-up, a new silo's start to its first work item). Needs redis-server.
# Prints Markdown tables for docs/benchmarks.md (## ClusterExecutor).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
command -v redis-server >/dev/null || { echo "bench/cluster-overhead.sh needs redis-server: apt-get install -y redis-server" >&2; exit 2; }
dotnet build -c Release -v quiet -nologo bench/ClusterOverhead >/dev/null
app=bench/ClusterOverhead/bin/Release/net10.0/ClusterOverhead.dll
dotnet "$app"
dotnet "$app" processes
