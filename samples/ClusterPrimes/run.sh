#!/usr/bin/env bash
# Starts N silo processes on 127.0.0.1 (free ports), runs the primes demo client against them, and stops everything it
# started (also on error or Ctrl+C).
#   samples/ClusterPrimes/run.sh [--redis] [silo count, default 3]
# --redis: membership in a real redis-server (Debian's redis-server package), started here on a free 127.0.0.1 port
# in a temporary directory; silos and client know only its address. Without it: Orleans' localhost clustering.
set -euo pipefail
cd "$(dirname "$0")"
redis=false
if [[ ${1:-} == --redis ]]; then redis=true; shift; fi
silos=${1:-3}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if $redis && ! command -v redis-server >/dev/null; then
    echo "run.sh --redis needs redis-server: apt-get install -y redis-server" >&2
    exit 2
fi

dotnet build -c Release -v quiet -nologo . >/dev/null
app=bin/Release/net10.0/ClusterPrimes.dll
work=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

# The silos read their stdin from this pipe, which only this script holds open for writing: however the script ends,
# even killed, the pipe closes and the silos exit (they stop at end of standard input).
mkfifo "$work/lifeline"
exec 3<>"$work/lifeline"

read -r -a ports <<<"$(dotnet "$app" ports --count $((silos * 2 + 1)))"
membership=()
if $redis; then
    redis_port=${ports[$((silos * 2))]}
    # Append-only file in the temporary directory: a restarted Redis keeps the membership (see docs/cluster.md).
    redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$work" --save "" --appendonly yes >"$work/redis.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 100); do grep -q "Ready to accept connections" "$work/redis.log" && break; sleep 0.1; done
    grep -q "Ready to accept connections" "$work/redis.log" || { echo "redis-server did not start:"; cat "$work/redis.log"; exit 1; }
    echo "redis-server on 127.0.0.1:$redis_port"
    membership=(--redis "127.0.0.1:$redis_port")
fi

primary=${ports[0]}
gateways=()
for ((i = 0; i < silos; i++)); do
    silo_port=${ports[$((i * 2))]}
    gateway_port=${ports[$((i * 2 + 1))]}
    gateways+=("$gateway_port")
    if $redis; then
        cluster=("${membership[@]}")
    else
        cluster=(--primary-port "$primary")
    fi
    dotnet "$app" silo --name "silo-$((i + 1))" --silo-port "$silo_port" --gateway-port "$gateway_port" "${cluster[@]}" \
        --lifeline stdin <"$work/lifeline" >"$work/silo-$i.log" 2>&1 &
    pids+=($!)
    if ((i == 0)) && ! $redis; then
        # The others join through the primary: wait until it serves.
        for _ in $(seq 600); do grep -q READY "$work/silo-0.log" && break; sleep 0.1; done
    fi
done

for ((i = 0; i < silos; i++)); do
    for _ in $(seq 600); do grep -q READY "$work/silo-$i.log" && break; sleep 0.1; done
    grep READY "$work/silo-$i.log" || { echo "silo-$((i + 1)) did not start:"; cat "$work/silo-$i.log"; exit 1; }
done

if $redis; then
    dotnet "$app" client "${membership[@]}" --silos "$silos"
else
    dotnet "$app" client --gateways "$(IFS=,; echo "${gateways[*]}")" --silos "$silos"
fi
