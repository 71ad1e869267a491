#!/usr/bin/env bash
# Tiny-task round-trip cost: ProcessPoolExecutor (this repository) against CPython 3's ProcessPoolExecutor, in one run,
# then the CpuDemo table. Prints a Markdown table with the ratio CPython / .NET per case (higher is better for .NET).
# Usage: bench/process-pool.sh [--scale X]   (X multiplies the task counts; default 1)
# BASELINE_BENCH=path/to/ProcessPool.Bench.dll (a build of another commit) adds that build's numbers, run just before
# ours in the same invocation, and the ratio ours / baseline (below 1.0 is faster than the baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scale=1
if [ "${1:-}" = "--scale" ]; then scale="$2"; fi

dotnet build bench/ProcessPool.Bench -c Release -v quiet -nologo >/dev/null
dotnet build samples/CpuDemo -c Release -v quiet -nologo >/dev/null

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
baseline_json='{}'
if [ -n "${BASELINE_BENCH:-}" ]; then
  baseline_json=$(dotnet "$BASELINE_BENCH" --workers 2 --scale "$scale")
fi
dotnet_json=$(dotnet bench/ProcessPool.Bench/bin/Release/net10.0/ProcessPool.Bench.dll --workers 2 --scale "$scale")
python_json=$(python3 bench/process_pool_bench.py --workers 2 --scale "$scale")

echo "load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$dotnet_json" "$python_json" "$scale" "$baseline_json" <<'PY'
import json, sys
ours, cpython, scale, base = json.loads(sys.argv[1]), json.loads(sys.argv[2]), float(sys.argv[3]), json.loads(sys.argv[4])
rows = [
    ('single round trip (Submit, then Result, one at a time)', 'single_us', 'us/task'),
    ('single round trip, async method (await Task.Yield(), return)', 'single_async_us', 'us/task'),
    (f'{int(20_000 * scale):,} Submits, then every Result', 'submit_us', 'us/task'),
    (f'Map over {int(200_000 * scale):,} items, chunkSize 100', 'map_chunk_us', 'us/item'),
    ('new pool to first result (1 worker)', 'startup_ms', 'ms'),
]
head = f"| Case | .NET ProcessPoolExecutor | CPython {cpython['version']} ProcessPoolExecutor | CPython / .NET |"
line = "|---|---|---|---|"
if base:
    head += " baseline build | .NET / baseline |"
    line += "---|---|"
print(head)
print(line)
for name, key, unit in rows:
    theirs = f"{cpython[key]:.3f} {unit} | {cpython[key] / ours[key]:.1f}x" if key in cpython else "(no equivalent) |"
    row = f"| {name} | {ours[key]:.3f} {unit} | {theirs} |"
    if base:
        row += f" {base[key]:.3f} {unit} | {ours[key] / base[key]:.2f} |" if key in base else " | |"
    print(row)
print(f"| (baseline) same Map on ThreadPoolExecutor | {ours['thread_map_chunk_us']:.4f} us/item | | |" + (" | |" if base else ""))
PY

echo
dotnet samples/CpuDemo/bin/Release/net10.0/CpuDemo.dll --workers 2
