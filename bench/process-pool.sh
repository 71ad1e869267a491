#!/usr/bin/env bash
# Tiny-task round-trip cost: ProcessPoolExecutor (this repository) against CPython 3's ProcessPoolExecutor, in one run,
# then the CpuDemo table. Prints a Markdown table with the ratio CPython / .NET per case (higher is better for .NET).
# Usage: bench/process-pool.sh [--scale X]   (X multiplies the task counts; default 1)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scale=1
if [ "${1:-}" = "--scale" ]; then scale="$2"; fi

dotnet build bench/ProcessPool.Bench -c Release -v quiet -nologo >/dev/null
dotnet build samples/CpuDemo -c Release -v quiet -nologo >/dev/null

dotnet_json=$(dotnet bench/ProcessPool.Bench/bin/Release/net10.0/ProcessPool.Bench.dll --workers 2 --scale "$scale")
python_json=$(python3 bench/process_pool_bench.py --workers 2 --scale "$scale")

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$dotnet_json" "$python_json" "$scale" <<'PY'
import json, sys
ours, cpython, scale = json.loads(sys.argv[1]), json.loads(sys.argv[2]), float(sys.argv[3])
rows = [
    ('single round trip (Submit, then Result, one at a time)', 'single_us', 'us/task'),
    (f'{int(20_000 * scale):,} Submits, then every Result', 'submit_us', 'us/task'),
    (f'Map over {int(200_000 * scale):,} items, chunkSize 100', 'map_chunk_us', 'us/item'),
    ('new pool to first result (1 worker)', 'startup_ms', 'ms'),
]
print(f"| Case | .NET ProcessPoolExecutor | CPython {cpython['version']} ProcessPoolExecutor | CPython / .NET |")
print("|---|---|---|---|")
for name, key, unit in rows:
    print(f"| {name} | {ours[key]:.3f} {unit} | {cpython[key]:.3f} {unit} | {cpython[key] / ours[key]:.1f}x |")
print(f"| (baseline) same Map on ThreadPoolExecutor | {ours['thread_map_chunk_us']:.4f} us/item | | |")
PY

echo
dotnet samples/CpuDemo/bin/Release/net10.0/CpuDemo.dll --workers 2
