#!/usr/bin/env bash
# Requests per second for one flag over keep-alive: our flag server (`flags serve --root`) against nginx serving the
# same files, in the same run, both on 127.0.0.1 only. Starts and stops everything itself.
#
# Needs: dotnet, wrk, nginx (Debian: apt-get install -y wrk nginx-light).
# Usage: [WRK_THREADS=1] bench/server/flag-server-vs-nginx.sh [ROOT] [SECONDS] [CONNECTIONS] [ROUNDS]
#   ROOT         folder laid out as {cc}/{cc}.gif (default: ../shared/fixtures/flags beside the repository)
#   SECONDS      length of each measured wrk run (default 10)
#   CONNECTIONS  concurrent keep-alive connections (default 32)
#   ROUNDS       measured runs per server, interleaved nginx/ours (default 3); the median is reported
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

root=${1:-$repo/../shared/fixtures/flags}
[ -d "$root" ] || root=/work/shared/fixtures/flags
seconds=${2:-10}
connections=${3:-32}
rounds=${4:-3}
flag=br
threads=${WRK_THREADS:-1}

for tool in dotnet wrk nginx; do
    command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install -y wrk nginx-light)." >&2; exit 2; }
done
[ -f "$root/$flag/$flag.gif" ] || { echo "No $root/$flag/$flag.gif: give a root folder laid out as {cc}/{cc}.gif." >&2; exit 2; }
root=$(cd "$root" && pwd)

work=$(mktemp -d /tmp/flags-bench.XXXXXX)
ours_pid=""
nginx_pid=""
cleanup() {
    # SIGTERM, not SIGINT: a script's background jobs ignore SIGINT. `flags serve` stops cleanly on either.
    [ -n "$ours_pid" ] && kill -TERM "$ours_pid" 2>/dev/null && wait "$ours_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
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

echo "Building flags (Release)..." >&2
dotnet build src/Flags -c Release -v quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
flags_dll=$repo/src/Flags/bin/Release/net10.0/flags.dll

# Our server on a port picked here (so the script knows it before the server prints it).
ours_port=$(free_port)
dotnet "$flags_dll" serve --port "$ours_port" --root "$root" >"$work/ours.log" 2>&1 &
ours_pid=$!
ours_url="http://127.0.0.1:$ours_port/flags/$flag/$flag.gif"

# nginx with the settings a static site would use: sendfile, keep-alive, no access log.
nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
daemon off;
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
    types { image/gif gif; text/plain txt; }
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    client_body_temp_path $work/nginx;
    proxy_temp_path $work/nginx;
    fastcgi_temp_path $work/nginx;
    uwsgi_temp_path $work/nginx;
    scgi_temp_path $work/nginx;
    server {
        listen 127.0.0.1:$nginx_port;
        location /flags/ { alias $root/; }
    }
}
CONF
nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
nginx_pid=$!
nginx_url="http://127.0.0.1:$nginx_port/flags/$flag/$flag.gif"

wait_for "$ours_url"
wait_for "$nginx_url"
cmp <(curl -fsS "$ours_url") <(curl -fsS "$nginx_url") || { echo "The two servers answer different bytes." >&2; exit 1; }

rps() { # url seconds -> requests/s
    wrk -t"$threads" -c"$connections" -d"${2}s" --latency "$1" >"$work/wrk.txt" 2>&1
    if grep -q "Non-2xx" "$work/wrk.txt" || grep -q "Socket errors" "$work/wrk.txt"; then
        cat "$work/wrk.txt" >&2
        echo "Errors during the run above." >&2
        exit 1
    fi
    awk '/Requests\/sec:/ { print $2 }' "$work/wrk.txt"
}

echo "Warming up (JIT, caches)..." >&2
rps "$ours_url" 3 >/dev/null
rps "$nginx_url" 3 >/dev/null

ours=()
nginx=()
for round in $(seq 1 "$rounds"); do
    nginx+=("$(rps "$nginx_url" "$seconds")")
    ours+=("$(rps "$ours_url" "$seconds")")
    echo "round $round: nginx ${nginx[-1]} req/s, flags serve ${ours[-1]} req/s" >&2
done

median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
n=$(median "${nginx[@]}")
o=$(median "${ours[@]}")
ratio=$(awk -v o="$o" -v n="$n" 'BEGIN { printf "%.0f", 100 * o / n }')
size=$(stat -c %s "$root/$flag/$flag.gif")

echo
echo "| server | requests/s (median of $rounds x ${seconds}s) | runs |"
echo "|---|---|---|"
echo "| nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') | $n | ${nginx[*]} |"
echo "| flags serve --root | $o | ${ours[*]} |"
echo
echo "flags serve = ${ratio}% of nginx (target: at least 70%). One $size-byte flag ($flag), wrk -t$threads -c$connections, keep-alive, 127.0.0.1."
