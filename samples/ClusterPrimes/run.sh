#!/usr/bin/env bash
# Starts 3 silo processes on 127.0.0.1 (free ports), runs the primes demo client against them, and stops the silos
# (also on error or Ctrl+C). Usage: samples/ClusterPrimes/run.sh [silo count, default 3]
set -euo pipefail
cd "$(dirname "$0")"
silos=${1:-3}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build -c Release -v quiet -nologo . >/dev/null
app=bin/Release/net10.0/ClusterPrimes.dll
logs=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$logs"
}
trap cleanup EXIT

# The silos read their stdin from this pipe, which only this script holds open for writing: however the script ends,
# even killed, the pipe closes and the silos exit (they stop at end of standard input).
mkfifo "$logs/lifeline"
exec 3<>"$logs/lifeline"

read -r -a ports <<<"$(dotnet "$app" ports --count $((silos * 2)))"
primary=${ports[0]}
gateways=()
for ((i = 0; i < silos; i++)); do
    silo_port=${ports[$((i * 2))]}
    gateway_port=${ports[$((i * 2 + 1))]}
    gateways+=("$gateway_port")
    dotnet "$app" silo --name "silo-$((i + 1))" --silo-port "$silo_port" --gateway-port "$gateway_port" --primary-port "$primary" <"$logs/lifeline" >"$logs/silo-$i.log" 2>&1 &
    pids+=($!)
    if ((i == 0)); then
        # The others join through the primary: wait until it serves.
        for _ in $(seq 600); do grep -q READY "$logs/silo-0.log" && break; sleep 0.1; done
    fi
done

for ((i = 0; i < silos; i++)); do
    for _ in $(seq 600); do grep -q READY "$logs/silo-$i.log" && break; sleep 0.1; done
    grep READY "$logs/silo-$i.log" || { echo "silo-$((i + 1)) did not start:"; cat "$logs/silo-$i.log"; exit 1; }
done

dotnet "$app" client --gateways "$(IFS=,; echo "${gateways[*]}")" --max-in-flight $((silos * 2))
