#!/usr/bin/env bash
# Requests per second for one flag over keep-alive: our flag server (`flags serve --root`) against nginx serving the
# same files, in the same run, both on 127.0.0.1 only, with wrk at each thread count of WRK_THREADS. Starts and
# stops everything itself.
#
# Needs: dotnet, wrk, nginx (Debian: apt-get install -y wrk nginx-light).
# Usage: [WRK_THREADS="1 2"] [FLAGS_BIN=/tmp/flags-native/flags] bench/server/flag-server-vs-nginx.sh [ROOT] [SECONDS] [CONNECTIONS] [ROUNDS]
#   ROOT         folder laid out as {cc}/{cc}.gif (default: ../shared/fixtures/flags beside the repository)
#   SECONDS      length of each measured wrk run (default 10)
#   CONNECTIONS  concurrent keep-alive connections per wrk thread (default 32)
#   ROUNDS       measured runs per server and thread count, interleaved nginx/ours (default 3); the median is reported
#   FLAGS_BIN    the flags binary to run (the Native AOT one, or a flags.dll run with dotnet); default: build
#                this checkout in Release and run its flags.dll
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)
. bench/lib/nginx.sh

root=${1:-$repo/../shared/fixtures/flags}
[ -d "$root" ] || root=/work/shared/fixtures/flags
seconds=${2:-10}
per_thread=${3:-32}
rounds=${4:-3}
flag=br
thread_counts=${WRK_THREADS:-1 2}

for tool in dotnet wrk nginx; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install -y wrk nginx-light)." >&2; exit 2; }
done
[ -f "$root/$flag/$flag.gif" ] || { echo "No $root/$flag/$flag.gif: give a root folder laid out as {cc}/{cc}.gif." >&2; exit 2; }
root=$(cd "$root" && pwd)

work=$(mktemp -d /tmp/flags-bench.XXXXXX)
ours_pid=""
cleanup() {
    # SIGTERM, not SIGINT: a script's background jobs ignore SIGINT. `flags serve` stops cleanly on either.
    [ -n "$ours_pid" ] && kill -TERM "$ours_pid" 2>/dev/null && wait "$ours_pid" 2>/dev/null || true
    [ -f "$work/nginx.pid" ] && kill -QUIT "$(cat "$work/nginx.pid")" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

wait_for() { # url
    for _ in $(seq 1 100); do
        curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    echo "Server at $1 did not answer." >&2
    exit 1
}

if [ -n "${FLAGS_BIN:-}" ] && [ "${FLAGS_BIN%.dll}" != "$FLAGS_BIN" ]; then
    flags=(dotnet "$FLAGS_BIN")
    what="$FLAGS_BIN (JIT)"
elif [ -n "${FLAGS_BIN:-}" ]; then
    flags=("$FLAGS_BIN")
    what="$FLAGS_BIN (native)"
else
    echo "Building flags (Release)..." >&2
    dotnet build src/Flags -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
    flags=(dotnet "$repo/src/Flags/bin/Release/net10.0/flags.dll")
    what="flags.dll (JIT)"
fi

# Our server on a port picked here (so the script knows it before the server prints it).
ours_port=$(free_port)
"${flags[@]}" serve --port "$ours_port" --root "$root" >"$work/ours.log" 2>&1 &
ours_pid=$!
ours_url="http://127.0.0.1:$ours_port/flags/$flag/$flag.gif"

nginx_port=$(free_port)
start_nginx "$work" "$nginx_port" "location /flags/ { alias $root/; }"
nginx_url="http://127.0.0.1:$nginx_port/flags/$flag/$flag.gif"

wait_for "$ours_url"
wait_for "$nginx_url"
cmp <(curl -fsS "$ours_url") <(curl -fsS "$nginx_url") || { echo "The two servers answer different bytes." >&2; exit 1; }

# CPU time (user + system, clock ticks) of a process and its children's threads so far: the server's cost, which
# unlike requests/s does not depend on how much of the shared machine the scheduler gave it.
cpu_ticks() { # pid...
    local total=0 pid
    for pid in "$@"; do
        total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat") ))
    done
    echo "$total"
}
nginx_pids() { local master; master=$(cat "$work/nginx.pid"); echo "$master" $(cat /proc/"$master"/task/*/children); }
ticks_per_second=$(getconf CLK_TCK)

rps() { # url seconds threads pids... -> "requests/s cpu-microseconds-per-request"
    local url=$1 secs=$2 threads=$3
    shift 3
    local before after
    before=$(cpu_ticks "$@")
    wrk -t"$threads" -c"$(( per_thread * threads ))" -d"${secs}s" --latency "$url" >"$work/wrk.txt" 2>&1
    after=$(cpu_ticks "$@")
    if grep -q "Non-2xx" "$work/wrk.txt" || grep -q "Socket errors" "$work/wrk.txt"; then
        cat "$work/wrk.txt" >&2
        echo "Errors during the run above." >&2
        exit 1
    fi
    awk -v ticks=$(( after - before )) -v hz="$ticks_per_second" '
        /requests in/ { requests = $1 }
        /Requests\/sec:/ { rate = $2 }
        END { printf "%s %.1f\n", rate, 1e6 * ticks / hz / requests }' "$work/wrk.txt"
}

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "Warming up (JIT, caches)..." >&2
rps "$ours_url" 3 1 "$ours_pid" >/dev/null
rps "$nginx_url" 3 1 $(nginx_pids) >/dev/null

size=$(stat -c %s "$root/$flag/$flag.gif")
echo
echo "| wrk | nginx req/s (median of $rounds x ${seconds}s; runs) | flags serve req/s (median; runs) | flags / nginx req/s | CPU us/request nginx / flags (medians) | flags / nginx by CPU per request |"
echo "|---|---|---|---|---|---|"
for threads in $thread_counts; do
    ours=() nginx=() ours_cpu=() nginx_cpu=()
    for round in $(seq 1 "$rounds"); do
        read -r rate cpu < <(rps "$nginx_url" "$seconds" "$threads" $(nginx_pids))
        nginx+=("$rate") nginx_cpu+=("$cpu")
        read -r rate cpu < <(rps "$ours_url" "$seconds" "$threads" "$ours_pid")
        ours+=("$rate") ours_cpu+=("$cpu")
        echo "wrk -t$threads round $round: nginx ${nginx[-1]} req/s ${nginx_cpu[-1]} us CPU/req, flags serve ${ours[-1]} req/s ${ours_cpu[-1]} us CPU/req" >&2
    done
    n=$(median "${nginx[@]}") o=$(median "${ours[@]}")
    nc=$(median "${nginx_cpu[@]}") oc=$(median "${ours_cpu[@]}")
    ratio=$(awk -v o="$o" -v n="$n" 'BEGIN { printf "%.0f", 100 * o / n }')
    cpu_ratio=$(awk -v o="$oc" -v n="$nc" 'BEGIN { printf "%.0f", 100 * n / o }')
    echo "| -t$threads -c$(( per_thread * threads )) | $n (${nginx[*]}) | $o (${ours[*]}) | **${ratio}%** | $nc / $oc | **${cpu_ratio}%** |"
done
echo
echo "One $size-byte flag ($flag), keep-alive, 127.0.0.1; ours: $what; nginx $(nginx -v 2>&1 | sed 's/.*nginx\///'); load average $(cut -d' ' -f1-3 /proc/loadavg). Target: at least 90% of nginx."
echo "CPU per request = the server's user+system time during the run / requests served (nginx: master and workers)."
