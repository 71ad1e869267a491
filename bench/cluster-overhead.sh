#!/usr/bin/env bash
# Per-item overhead of a no-op through ThreadPoolExecutor, ProcessPoolExecutor and ClusterExecutor (3 in-process silos
# on 127.0.0.1), single and chunked, in one run. Prints a Markdown table for docs/benchmarks.md (## ClusterExecutor).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build -c Release -v quiet -nologo bench/ClusterOverhead >/dev/null
dotnet bench/ClusterOverhead/bin/Release/net10.0/ClusterOverhead.dll
