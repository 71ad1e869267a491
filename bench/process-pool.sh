#!/usr/bin/env bash
# Tiny-task round-trip cost and start-up of ProcessPoolExecutor (this repository) in each launch mode, against CPython
# 3's ProcessPoolExecutor with each multiprocessing start method (fork, forkserver, spawn), in one run; then the
# CpuDemo table. Prints a Markdown table per case, and the ratio CPython fork / .NET worker host (higher is better for
# .NET).
# Launch modes: "worker host" is a framework-dependent build (Futures.Worker.dll under dotnet exec); "own executable" is
# the same program published self-contained single-file, whose workers are the executable itself; "Native AOT" is the
# program published with PublishAot, when that publish succeeds.
# Usage: bench/process-pool.sh [--scale X]   (X multiplies the task counts; default 1)
# BASELINE_BENCH=path/to/ProcessPool.Bench.dll (a build of another commit) adds that build's numbers, run just before
# ours in the same invocation, and the ratio ours / baseline (below 1.0 is faster than the baseline).
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

scale=1
if [ "${1:-}" = "--scale" ]; then scale="$2"; fi
rid=linux-x64
out=bench/ProcessPool.Bench/bin/modes

dotnet build bench/ProcessPool.Bench -c Release -v quiet -nologo >/dev/null
dotnet build samples/CpuDemo -c Release -v quiet -nologo >/dev/null
dotnet publish bench/ProcessPool.Bench -c Release -r "$rid" --self-contained -p:PublishSingleFile=true -o "$out/single-file" -v quiet -nologo >/dev/null
aot=""
if dotnet publish bench/ProcessPool.Bench -c Release -r "$rid" -p:PublishAot=true -o "$out/aot" -v quiet -nologo >"$out/aot.log" 2>&1; then
  aot="$out/aot/ProcessPool.Bench"
else
  echo "(no Native AOT column: its publish failed, see $out/aot.log)"
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
bench=(--workers 2 --scale "$scale")
baseline_json='{}'
if [ -n "${BASELINE_BENCH:-}" ]; then
  baseline_json=$(dotnet "$BASELINE_BENCH" "${bench[@]}")
fi
host_json=$(dotnet bench/ProcessPool.Bench/bin/Release/net10.0/ProcessPool.Bench.dll "${bench[@]}")
own_json=$("$out/single-file/ProcessPool.Bench" "${bench[@]}")
aot_json='{}'
if [ -n "$aot" ]; then aot_json=$("$aot" "${bench[@]}"); fi
fork_json=$(python3 bench/process_pool_bench.py "${bench[@]}" --start-method fork)
forkserver_json=$(python3 bench/process_pool_bench.py "${bench[@]}" --start-method forkserver)
spawn_json=$(python3 bench/process_pool_bench.py "${bench[@]}" --start-method spawn)

echo "load average before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$scale" "$baseline_json" "$host_json" "$own_json" "$aot_json" "$fork_json" "$forkserver_json" "$spawn_json" <<'PY'
import json, sys
scale = float(sys.argv[1])
base, host, own, aot, fork, forkserver, spawn = (json.loads(a) for a in sys.argv[2:])
for run in (host, own, aot):
    assert not run or run['mode'] in ('worker-host', 'own-executable'), run
columns = [('.NET worker host', host), ('.NET own executable (single-file)', own)]
if aot:
    columns.append(('.NET Native AOT', aot))
version = fork['version']
columns += [(f'CPython {version} fork', fork), ('CPython forkserver', forkserver), ('CPython spawn', spawn)]
if base:
    columns.insert(0, ('baseline build (worker host)', base))
rows = [
    ('single round trip (Submit, then Result, one at a time)', 'single_us', 'us/task'),
    ('single round trip, async method (await Task.Yield(), return)', 'single_async_us', 'us/task'),
    (f'{int(20_000 * scale):,} Submits, then every Result', 'submit_us', 'us/task'),
    (f'Map over {int(200_000 * scale):,} items, chunkSize 100', 'map_chunk_us', 'us/item'),
    ('new pool to first result (1 worker), wall', 'startup_ms', 'ms'),
    ('new pool to first result, worker CPU time', 'startup_cpu_ms', 'ms'),
]
print('| Case | ' + ' | '.join(name for name, _ in columns) + ' | CPython fork / .NET worker host |' + (' worker host / baseline |' if base else ''))
print('|---|' + '---|' * len(columns) + '---|' + ('---|' if base else ''))
for name, key, unit in rows:
    cells = [f'{run[key]:.3f} {unit}' if key in run else '' for _, run in columns]
    ratio = f'{fork[key] / host[key]:.2g}x' if key in fork and key in host else ''
    line = f'| {name} | ' + ' | '.join(cells) + f' | {ratio} |'
    if base:
        line += f' {host[key] / base[key]:.2f} |' if key in base and key in host else ' |'
    print(line)
print(f"| (baseline) same Map on ThreadPoolExecutor | {host['thread_map_chunk_us']:.4f} us/item |" + ' |' * (len(columns)) + (' |' if base else ''))
PY

echo
dotnet samples/CpuDemo/bin/Release/net10.0/CpuDemo.dll --workers 2
